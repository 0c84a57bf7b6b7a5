// swift-tools-version:6.0
// schoolfinder: an offline finder for accredited degree programs. No package dependencies.
import PackageDescription

let package = Package(
    name: "schoolfinder",
    products: [
        // The embeddable API: open or build an index, search it, read the records (README, "Embedding").
        .library(name: "SchoolFinderKit", targets: ["SchoolFinderKit"]),
        .executable(name: "schoolfinder", targets: ["schoolfinder"]),
        .executable(name: "schoolfinder-bench", targets: ["schoolfinder-bench"]),
    ],
    dependencies: [],
    targets: [
        // The operating-system calls (files, mmap, directories, processes, clock), for Linux and Darwin.
        .target(name: "Platform"),
        // Text analysis: lowercase, Latin diacritic folding, [a-z0-9]+ tokens, plurals reduced.
        .target(name: "Analysis"),
        // Great-circle distance and the fixed lat/lon cell grid.
        .target(name: "Geo"),
        // Record model and ingest of JSON Lines and the official IPEDS / CIP files.
        .target(name: "Corpus", dependencies: ["Analysis", "Geo", "Platform"]),
        // The immutable, memory-mapped index file: layout, writer, reader, checksums.
        .target(name: "IndexFormat", dependencies: ["Analysis", "Geo", "Corpus", "Platform"]),
        // Query model, execution (postings intersection, geo cells), BM25, top-k.
        .target(name: "Search", dependencies: ["Analysis", "Geo", "Corpus", "IndexFormat"]),
        // The library product: a small, documented facade over Corpus, IndexFormat and Search.
        .target(name: "SchoolFinderKit", dependencies: ["Analysis", "Corpus", "Geo", "IndexFormat", "Search"]),
        // The README's "Embedding" example, compiled and run by SchoolFinderKitTests.
        .executableTarget(name: "schoolfinder-embedding-example", dependencies: ["SchoolFinderKit"],
                          path: "Examples/Embedding"),
        // The one typed search request of the CLI, batch lines and the benchmark: read from argv
        // values or a JSON line, validated once, described once.
        .target(name: "Requests", dependencies: ["Corpus", "Geo", "Search"]),
        // Command-line interface, callable in-process so every command can be tested.
        .target(name: "SchoolFinderCLI", dependencies: ["Analysis", "Geo", "Corpus", "IndexFormat", "Search", "Requests", "Platform"]),
        .executableTarget(name: "schoolfinder", dependencies: ["SchoolFinderCLI"]),
        // Benchmarks: statistics, the seeded query mix, the runner, and the relevance evaluation (which answers
        // each query through the CLI's own search path, SchoolFinderCLI's SearchAnswer).
        .target(name: "BenchmarkKit", dependencies: ["Analysis", "Corpus", "IndexFormat", "Search", "Requests", "Geo", "Platform", "SchoolFinderCLI"],
                path: "Benchmarks/Sources/BenchmarkKit"),
        .executableTarget(name: "schoolfinder-bench", dependencies: ["BenchmarkKit"],
                          path: "Benchmarks/Sources/schoolfinder-bench"),

        // Paths shared by the test targets (project root, ../shared/data, temp directories).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis"]),
        .testTarget(name: "GeoTests", dependencies: ["Geo"]),
        .testTarget(name: "CorpusTests", dependencies: ["Corpus", "Geo", "Analysis", "TestSupport"]),
        .testTarget(name: "IndexFormatTests", dependencies: ["IndexFormat", "Analysis", "Corpus", "Search", "TestSupport"]),
        .testTarget(name: "SearchTests", dependencies: ["Search", "IndexFormat", "Corpus", "Geo", "Analysis", "TestSupport"]),
        .testTarget(name: "SchoolFinderCLITests", dependencies: ["SchoolFinderCLI", "Corpus", "Geo", "IndexFormat", "Search", "Requests", "BenchmarkKit", "TestSupport"],
                    exclude: ["Golden"]),
        .testTarget(name: "SchoolFinderKitTests", dependencies: ["SchoolFinderKit", "TestSupport"]),
        .testTarget(name: "BenchmarkKitTests", dependencies: ["BenchmarkKit", "Corpus", "IndexFormat", "Search", "TestSupport"]),
    ]
)

// No target sets unsafeFlags: SwiftPM refuses a dependency required by version whose products
// use them ("contains unsafe build flags"), and SchoolFinderKit is meant to be depended on. The dense paths count bits in every 64 documents,
// and on x86-64 POPCNT (x86-64-v2, 2009 and later) makes each count one instruction instead of
// a dozen; ask for it on the command line, as the README's and Benchmarks/README's commands do:
//     swift build -c release -Xswiftc -target-cpu -Xswiftc nehalem
// ("nehalem" is the compiler's name for x86-64-v2). Benchmarks/README.md has both figures.

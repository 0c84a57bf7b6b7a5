// swift-tools-version:6.0
// schoolfinder: an offline finder for accredited degree programs. No package dependencies.
import PackageDescription

let package = Package(
    name: "schoolfinder",
    products: [
        .executable(name: "schoolfinder", targets: ["schoolfinder"]),
        .executable(name: "schoolfinder-bench", targets: ["schoolfinder-bench"]),
    ],
    dependencies: [],
    targets: [
        // Text analysis: lowercase, Latin diacritic folding, [a-z0-9]+ tokens.
        .target(name: "Analysis"),
        // Great-circle distance and the fixed lat/lon cell grid.
        .target(name: "Geo"),
        // Record model and ingest of JSON Lines and the official IPEDS / CIP files.
        .target(name: "Corpus", dependencies: ["Geo"]),
        // The immutable, memory-mapped index file: layout, writer, reader, checksums.
        .target(name: "IndexFormat", dependencies: ["Analysis", "Geo", "Corpus"]),
        // Query model, execution (postings intersection, geo cells), BM25, top-k.
        .target(name: "Search", dependencies: ["Analysis", "Geo", "Corpus", "IndexFormat"]),
        // Command-line interface, callable in-process so every command can be tested.
        .target(name: "SchoolFinderCLI", dependencies: ["Analysis", "Geo", "Corpus", "IndexFormat", "Search"]),
        .executableTarget(name: "schoolfinder", dependencies: ["SchoolFinderCLI"]),
        // Benchmarks: statistics, the seeded query mix, and the runner.
        .target(name: "BenchmarkKit", dependencies: ["Analysis", "Corpus", "IndexFormat", "Search", "Geo"],
                path: "Benchmarks/Sources/BenchmarkKit"),
        .executableTarget(name: "schoolfinder-bench", dependencies: ["BenchmarkKit"],
                          path: "Benchmarks/Sources/schoolfinder-bench"),

        // Paths shared by the test targets (project root, ../shared/data, temp directories).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis"]),
        .testTarget(name: "GeoTests", dependencies: ["Geo"]),
        .testTarget(name: "CorpusTests", dependencies: ["Corpus", "Geo", "TestSupport"]),
        .testTarget(name: "IndexFormatTests", dependencies: ["IndexFormat", "Analysis", "Corpus", "Search", "TestSupport"]),
        .testTarget(name: "SearchTests", dependencies: ["Search", "IndexFormat", "Corpus", "Geo", "Analysis", "TestSupport"]),
        .testTarget(name: "SchoolFinderCLITests", dependencies: ["SchoolFinderCLI", "Corpus", "IndexFormat", "Search", "BenchmarkKit", "TestSupport"]),
        .testTarget(name: "BenchmarkKitTests", dependencies: ["BenchmarkKit", "Corpus", "IndexFormat", "Search", "TestSupport"]),
    ]
)

// Release builds on x86-64 assume x86-64-v2 (2009 and later: POPCNT, SSE4.2), the baseline of
// current server distributions: the dense paths count bits in every 64 documents, and without
// POPCNT each count is a dozen instructions. The compiler names that level "nehalem" (it does
// not take "x86-64-v2"). Other architectures keep the compiler's default.
#if arch(x86_64)
for target in package.targets where target.type != .test {
    target.swiftSettings = (target.swiftSettings ?? []) + [.unsafeFlags(["-target-cpu", "nehalem"], .when(configuration: .release))]
}
#endif

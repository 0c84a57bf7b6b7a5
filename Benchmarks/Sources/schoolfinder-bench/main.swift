import BenchmarkKit
import Corpus
import Foundation

// schoolfinder-bench: reproducible engine benchmarks. See Benchmarks/README.md.
let usage = """
USAGE: schoolfinder-bench [--records N] [--queries N] [--seed N] [--threads N] [--scale] [--large]
                          [--zips FILE] [--json FILE] [--slowest N] [--write-queries FILE] [--allow-debug]

  --records N   corpus size (default 1000000); ignored with --scale
  --queries N   queries in the seeded mix (default 2000)
  --scale       run 10k, 100k and 1M records and print how cost grows (10M too with --large)
  --zips FILE   ZIP centroids (default ../shared/data/zipcodes.tsv, else Corpus/zip-centroids.tsv)
  --json FILE   also write the figures as JSON
  --slowest N   also list the N slowest timed queries (class, µs, total, the query)
  --write-queries FILE
                write the query mix as `schoolfinder search --batch` input (one JSON query
                per line; with --scale, FILE.<records> per size)

"""

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    exit(2)
}

var args = Array(CommandLine.arguments.dropFirst())
var options: [String: String] = [:]
var flags = Set<String>()
while !args.isEmpty {
    let a = args.removeFirst()
    switch a {
    case "--scale", "--large", "--allow-debug": flags.insert(a)
    case "--help", "-h": print(usage); exit(0)
    case "--records", "--queries", "--seed", "--threads", "--zips", "--json", "--slowest", "--write-queries":
        guard !args.isEmpty else { fail("\(a) needs a value") }
        options[a] = args.removeFirst()
    default: fail("unknown option '\(a)'\n\(usage)")
    }
}

#if DEBUG
if !flags.contains("--allow-debug") {
    fail("this is a debug build; performance figures are not valid. Run `swift run -c release schoolfinder-bench …` (or pass --allow-debug)")
}
let buildConfiguration = "debug"
#else
let buildConfiguration = "release"
#endif

@MainActor func integer(_ name: String, _ fallback: Int) -> Int {
    guard let t = options[name] else { return fallback }
    guard let v = Int(t.replacingOccurrences(of: "_", with: "")), v > 0 else { fail("\(name) \"\(t)\" is not a whole number > 0") }
    return v
}

let zipPath = options["--zips"] ?? (FileManager.default.fileExists(atPath: "../shared/data/zipcodes.tsv") ? "../shared/data/zipcodes.tsv" : "Corpus/zip-centroids.tsv")
let zips: [ZipCentroid]
do { zips = try ZipTable.read(FileBytes.read(zipPath), path: zipPath).0 } catch { fail("\(error)") }
var sizes = [integer("--records", 1_000_000)]
if flags.contains("--scale") { sizes = [10_000, 100_000, 1_000_000] + (flags.contains("--large") ? [10_000_000] : []) }
let queries = integer("--queries", 2000)
let seed = UInt64(integer("--seed", 20_260_101))
let threads = integer("--threads", ProcessInfo.processInfo.activeProcessorCount)

var config = BenchmarkRunner.Configuration(sizes: sizes, queries: queries, seed: seed, threads: threads, zips: zips,
                                           directory: NSTemporaryDirectory())
config.slowest = integer("--slowest", 0)
config.queriesPath = options["--write-queries"]
print("schoolfinder-bench (\(buildConfiguration) build, \(ProcessInfo.processInfo.activeProcessorCount) cores, seed \(seed), \(queries) queries)")
do {
    let reports = try BenchmarkRunner(config).run { FileHandle.standardError.write(Data("  \($0)\n".utf8)) }
    for r in reports { print(BenchmarkReportFormatter.table(r)) }
    let scaling = BenchmarkReportFormatter.scaling(reports)
    if !scaling.isEmpty { print(scaling) }
    if let json = options["--json"] {
        try BenchmarkReportFormatter.json(reports, queries: queries, seed: seed, build: buildConfiguration).write(toFile: json, atomically: true, encoding: .utf8)
        print("wrote \(json)")
    }
} catch {
    fail("\(error)")
}

import Analysis
import BenchmarkKit
import Corpus
import Foundation
import IndexFormat
import Search

// schoolfinder-bench: reproducible engine benchmarks. See Benchmarks/README.md.
let usage = """
USAGE: schoolfinder-bench [--records N] [--queries N] [--seed N] [--threads N] [--scale] [--large] [--text KIND]
                          [--ranking fields|classic] [--matching exact|forgiving] [--zips FILE] [--json FILE] [--slowest N] [--write-queries FILE] [--allow-debug]
       schoolfinder-bench --corpus real [--corpus-dir DIR] [--scale-real N[,N…]] [--queries N] …
       schoolfinder-bench --corpus-build [--data DIR] [--mapping DIR]
       schoolfinder-bench --relevance [--relevance-set PATH] [--corpus-dir DIR | --index FILE]
       schoolfinder-bench --term-walk INDEX

  --corpus generated|real
                generated (default): SampleCorpusGenerator records (--text) and its query mix;
                real: the records of the derived corpus in --corpus-dir (default Corpus), the
                query mix drawn from their words, levels, CIP codes, accreditors and ZIPs
  --text realistic|repetitive
                with --corpus generated: the records' descriptions. realistic (default): 30–60
                words of varied sentences, a Zipf long-tail vocabulary (≈54 tokens a record);
                repetitive: the generator's original few fixed sentences per program (the
                figures in Benchmarks/README.md before the realistic text)
  --ranking fields|classic
                how every query is ranked. fields (default): BM25F over title, description and
                institution, blended with a distance decay for words + a point; classic: one
                BM25 over the concatenated text, then distance. The same queries either way
  --matching exact|forgiving
                how the words of every query class but "typed" are matched. forgiving (default,
                what `schoolfinder search` runs): synonyms, typos, completion of the last word,
                filler words, relaxation; exact: every word as typed. The "typed" class (typos,
                prefixes, abbreviations, filler and unknown words) is always forgiving. A
                generated corpus is indexed with Corpus/synonyms.txt when it exists, as the real one
  --scale-real N[,N…]
                with --corpus real: the real records replicated to N (each copy's institutions
                moved to other real ZIPs, ids suffixed ~k); instead of the corpus as it is
  --corpus-build
                time RealCorpusBuilder over --data (default ../shared/data) with --mapping
                (default Corpus/mapping) and encoding the tables, with peak RSS; no index, no queries
  --relevance   run the relevance test set (--relevance-set, default Benchmarks/relevance/queries.tsv)
                through `schoolfinder search`'s own path on the real corpus's index (built from
                --corpus-dir, default Corpus, as `schoolfinder index` builds it; or --index FILE);
                prints mean precision at 10 and the share of queries with no result, overall,
                per kind and per query (Benchmarks/relevance/README.md). Valid in debug builds
  --term-walk INDEX
                time typo-tolerant lookups and completions (TermDictionaryWalk) on the index
                file INDEX (e.g. Index/programs.sfidx), with the dictionary keys each one read
  --records N   corpus size (default 1000000); ignored with --scale and --corpus real
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
    case "--scale", "--large", "--allow-debug", "--corpus-build", "--relevance": flags.insert(a)
    case "--help", "-h": print(usage); exit(0)
    case "--records", "--queries", "--seed", "--threads", "--zips", "--json", "--slowest", "--write-queries",
         "--corpus", "--corpus-dir", "--scale-real", "--data", "--mapping", "--text", "--ranking", "--matching", "--relevance-set", "--index",
         "--term-walk":
        guard !args.isEmpty else { fail("\(a) needs a value") }
        options[a] = args.removeFirst()
    default: fail("unknown option '\(a)'\n\(usage)")
    }
}

if !flags.contains("--relevance") && (options["--relevance-set"] != nil || options["--index"] != nil) {
    fail("--relevance-set and --index go with --relevance")
}

// Relevance judges answers, not time: it runs in any build.
if flags.contains("--relevance") {
    do {
        let set = try RelevanceQuerySet(contentsOf: options["--relevance-set"] ?? "Benchmarks/relevance/queries.tsv")
        var indexPath = options["--index"] ?? ""
        var built: String?
        if indexPath.isEmpty {
            indexPath = NSTemporaryDirectory() + "schoolfinder-relevance-\(ProcessInfo.processInfo.processIdentifier).sfidx"
            built = indexPath
            print(try RealCorpusIndex.build(corpus: options["--corpus-dir"] ?? "Corpus", to: indexPath))
        }
        defer { if let built { try? FileManager.default.removeItem(atPath: built) } }
        print(try RelevanceEvaluation(indexPath: indexPath).run(set).text, terminator: "")
    } catch {
        fail("\(error)")
    }
    exit(0)
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

if flags.contains("--corpus-build") {
    let data = options["--data"] ?? "../shared/data", mapping = options["--mapping"] ?? "Corpus/mapping"
    print("schoolfinder-bench (\(buildConfiguration) build, \(ProcessInfo.processInfo.activeProcessorCount) cores): corpus build")
    do {
        let r = try CorpusBuildBenchmark.run(dataDirectory: data, mappingDirectory: mapping)
        print(CorpusBuildBenchmark.table(r, dataDirectory: data))
    } catch {
        fail("\(error)")
    }
    exit(0)
}

if let indexPath = options["--term-walk"] {
    print("schoolfinder-bench (\(buildConfiguration) build): term dictionary walk on \(indexPath)")
    do {
        let reader = try IndexReader(path: indexPath)
        print(TermDictionaryWalkBenchmark.table(TermDictionaryWalkBenchmark.run(reader: reader), termCount: reader.terms.count))
    } catch {
        fail("\(error)")
    }
    exit(0)
}

let corpusKind = options["--corpus"] ?? "generated"
guard corpusKind == "generated" || corpusKind == "real" else { fail("--corpus takes generated or real, not \"\(corpusKind)\"") }
if corpusKind != "real" && (options["--corpus-dir"] != nil || options["--scale-real"] != nil) {
    fail("--corpus-dir and --scale-real need --corpus real")
}

let textKindName = options["--text"] ?? "realistic"
guard let textKind = SampleCorpusGenerator.Text(rawValue: textKindName) else { fail("--text takes realistic or repetitive, not \"\(textKindName)\"") }
if corpusKind == "real" && options["--text"] != nil { fail("--text applies to --corpus generated only") }

let rankingName = options["--ranking"] ?? Ranking.standard.name
guard let ranking = BenchmarkRunner.Configuration.ranking(named: rankingName) else { fail("--ranking takes fields or classic, not \"\(rankingName)\"") }

let matchingName = options["--matching"] ?? TextMatching.forgiving.rawValue
guard let matching = BenchmarkRunner.Configuration.matching(named: matchingName) else { fail("--matching takes exact or forgiving, not \"\(matchingName)\"") }

let zipPath = options["--zips"] ?? (FileManager.default.fileExists(atPath: "../shared/data/zipcodes.tsv") ? "../shared/data/zipcodes.tsv" : "Corpus/zip-centroids.tsv")
let zips: [ZipCentroid]
do { zips = try ZipTable.read(FileBytes.read(zipPath), path: zipPath).0 } catch { fail("\(error)") }
var sizes = [integer("--records", 1_000_000)]
if flags.contains("--scale") { sizes = [10_000, 100_000, 1_000_000] + (flags.contains("--large") ? [10_000_000] : []) }
let queries = integer("--queries", 2000)
let seed = UInt64(integer("--seed", 20_260_101))
let threads = integer("--threads", ProcessInfo.processInfo.activeProcessorCount)

var realInput: BenchmarkRunner.RealCorpusInput?
if corpusKind == "real" {
    let dir = options["--corpus-dir"] ?? "Corpus"
    ProcessMemory.resetPeak()
    let t0 = benchClock()
    let loaded: CorpusLoader.Loaded
    do { loaded = try CorpusLoader.load(dir) } catch { fail("\(error)") }
    let loadSeconds = benchClock() - t0
    guard !loaded.records.isEmpty else { fail("\(dir) holds no records") }
    let tables = loaded.careers.isEmpty && loaded.cipTexts.isEmpty ? []
        : DerivedCorpusFiles.encodeCareerTables(loaded.careers, cipTexts: loaded.cipTexts).map { ($0.name, String(decoding: $0.bytes, as: UTF8.self)) }
    let institutions = Set(loaded.records.map(\.institutionID)).count
    print("loaded \(loaded.records.count) records at \(institutions) institutions, \(loaded.zips.count) ZIPs from \(dir)/ in "
        + "\(BenchmarkReportFormatter.fixed(loadSeconds, 2)) s (CorpusLoader.load; peak RSS \(BenchmarkReportFormatter.fixed(Double(ProcessMemory.peakResidentBytes()) / 1048576, 1)) MiB)")
    realInput = .init(records: loaded.records, zips: loaded.zips.isEmpty ? zips : loaded.zips, name: loaded.header?.name ?? dir,
                      note: loaded.header?.note ?? "", tables: tables, synonyms: loaded.synonyms ?? .empty)
    if let list = options["--scale-real"] {
        sizes = list.split(separator: ",").map { t in
            guard let v = Int(t.replacingOccurrences(of: "_", with: "")), v > 0 else { fail("--scale-real \"\(t)\" is not a whole number > 0") }
            return v
        }
    } else {
        sizes = [loaded.records.count]
    }
}

var config = BenchmarkRunner.Configuration(sizes: sizes, queries: queries, seed: seed, threads: threads,
                                           zips: realInput?.zips ?? zips, directory: NSTemporaryDirectory())
if let realInput { config.corpus = .real(realInput) }
config.generatedText = textKind
config.ranking = ranking
config.matching = matching
if realInput == nil {
    // The generated corpus is indexed with the project's dictionary, as `schoolfinder index`
    // indexes a corpus directory holding synonyms.txt, so abbreviations work there too.
    let path = "Corpus/" + SynonymDictionary.tableName
    if FileManager.default.fileExists(atPath: path) {
        let text: String
        do { text = String(decoding: try FileBytes.read(path), as: UTF8.self) } catch { fail("\(error)") }
        let (dictionary, problems) = SynonymDictionary.parseNamingAwardLevels(text)
        if let p = problems.first { fail("\(path): \(p)") }
        config.generatedSynonyms = dictionary
    }
}
config.slowest = integer("--slowest", 0)
config.queriesPath = options["--write-queries"]
let corpusLabel = realInput == nil ? ", generated corpus, \(textKind.rawValue) text" : ""
print("schoolfinder-bench (\(buildConfiguration) build, \(ProcessInfo.processInfo.activeProcessorCount) cores, seed \(seed), \(queries) queries\(corpusLabel), ranking \(ranking.name), matching \(matching.rawValue))")
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

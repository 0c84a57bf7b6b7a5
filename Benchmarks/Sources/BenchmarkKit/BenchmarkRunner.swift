import Analysis
import Corpus
import Dispatch
import IndexFormat
import Platform
import Search

/// Runs the benchmark for one or more corpus sizes and reports build, open and query figures.
public struct BenchmarkRunner {
    public struct Configuration: Sendable {
        public var sizes: [Int]
        public var queries: Int
        public var seed: UInt64
        public var threads: Int
        public var zips: [ZipCentroid]
        /// Where index files are written (removed after each size).
        public var directory: String
        /// How many of the slowest timed queries each report lists (0: none).
        public var slowest = 0
        /// Where to write each size's query mix as `schoolfinder search --batch` input (`nil`:
        /// nowhere); with several sizes, `.<records>` is appended to the path.
        public var queriesPath: String?
        /// Which records are indexed and where the query mix draws from (default: generated).
        public var corpus: CorpusSource = .generated
        /// The description text of a generated corpus (default: realistic; `.repetitive` is the
        /// generator's original text, which the figures before 2026-11-29 were measured on).
        public var generatedText: SampleCorpusGenerator.Text = .realistic
        /// How every query of the mix is ranked (`--ranking`; default the fields ranking, BM25F).
        public var ranking: Ranking = .standard
        /// How the words of every query but the `typed` class's are matched (`--matching`;
        /// default forgiving, what `schoolfinder search` runs). The `typed` class is always forgiving.
        public var matching: TextMatching = .forgiving
        /// The synonym dictionary a generated corpus's index is built with (the bench reads
        /// `Corpus/synonyms.txt`, as `schoolfinder index` would for a corpus directory holding
        /// it); a real corpus brings its own (`RealCorpusInput.synonyms`).
        public var generatedSynonyms: SynonymDictionary = .empty

        /// The ranking `--ranking NAME` asks for: "fields" (`Ranking.standard`) or "classic"; `nil` for another name.
        public static func ranking(named name: String) -> Ranking? {
            [Ranking.standard, .classic].first { $0.name == name }
        }

        /// The matching `--matching NAME` asks for: "exact" or "forgiving"; `nil` for another name.
        public static func matching(named name: String) -> TextMatching? { TextMatching(rawValue: name) }

        public init(sizes: [Int], queries: Int, seed: UInt64, threads: Int, zips: [ZipCentroid], directory: String) {
            self.sizes = sizes
            self.queries = queries
            self.seed = seed
            self.threads = threads
            self.zips = zips
            self.directory = directory
        }
    }

    /// The corpus a run indexes.
    public enum CorpusSource: Sendable {
        /// `SampleCorpusGenerator` records (seeded, with `generatedText`); the generator's query mix.
        case generated
        /// Loaded records (the real corpus), scaled by `RealCorpusScaler` to each size above
        /// their count; the query mix of `RealQueryVocabulary` over the loaded records.
        case real(RealCorpusInput)
    }

    /// A loaded corpus and what its index carries besides the records.
    public struct RealCorpusInput: Sendable {
        public var records: [ProgramRecord]
        public var zips: [ZipCentroid]
        public var name: String
        public var note: String
        /// Named text tables for TABLES (careers, CIP texts), as `schoolfinder index` stores them.
        public var tables: [(name: String, text: String)]
        /// The corpus's synonym dictionary (`Corpus/synonyms.txt`), as `schoolfinder index` uses it.
        public var synonyms: SynonymDictionary

        public init(records: [ProgramRecord], zips: [ZipCentroid], name: String, note: String, tables: [(name: String, text: String)] = [],
                    synonyms: SynonymDictionary = .empty) {
            self.records = records
            self.zips = zips
            self.name = name
            self.note = note
            self.tables = tables
            self.synonyms = synonyms
        }
    }

    /// Figures for one corpus size.
    public struct SizeReport: Sendable {
        public var records = 0
        /// "generated, realistic text", "generated, repetitive text", "real" or "real ×4.00"
        /// (scaled from the loaded records).
        public var corpus = "generated"
        /// The ranking every query ran with: "fields" or "classic".
        public var ranking = Ranking.standard.name
        /// How the words of every class but `typed` were matched: "exact" or "forgiving".
        public var matching = TextMatching.forgiving.rawValue
        /// Keys of the synonym dictionary the index was built with.
        public var synonymEntries = 0
        /// Seconds to make the records before the build (generate or scale; not in `buildSeconds`).
        public var prepareSeconds = 0.0
        /// VmHWM just before the build's reset: the peak of loading and preparing the records.
        public var peakBeforeBuildBytes = 0
        /// Parsing the JSON Lines corpus file and writing the index, wall seconds.
        public var buildSeconds = 0.0
        /// The parse (part of `buildSeconds`), with the text pass it feeds piece by piece
        /// (`IndexTextPass`: analysis, and the descriptions stored in TEXTS).
        public var parseSeconds = 0.0
        /// The corpus file's size in bytes.
        public var corpusFileBytes = 0
        /// Wall seconds per step: parse and the text pass ("parse+texts"), then `IndexWriter.BuildPhase`s.
        public var buildPhases: [(name: String, seconds: Double)] = []
        public var recordsPerSecond = 0.0
        /// VmHWM after the build, with the peak reset just before it (the generated records count).
        public var peakResidentBytes = 0
        public var residentBeforeBuildBytes = 0
        public var indexBytes = 0
        public var bytesPerRecord: Double { records == 0 ? 0 : Double(indexBytes) / Double(records) }
        /// Bytes of each section of the index file, in file order (`IndexLayout.Section` names).
        public var sectionBytes: [(name: String, bytes: Int)] = []
        /// TEXTS: ratio, compression speed, one description's read time (`StoredTextReport`).
        public var storedText = StoredTextReport()
        public var openMicroseconds = 0.0
        public var openAndFirstQueryMicroseconds = 0.0
        public var perClass: [(String, LatencyStatistics)] = []
        /// Per class (as in `perClass`), how many of its timed queries ran each plan
        /// (`SearchResult.plan`), most frequent first, ties in `QueryPlan` order.
        public var plansPerClass: [String: [(plan: QueryPlan, count: Int)]] = [:]
        /// The same over the whole mix.
        public var plans: [(plan: QueryPlan, count: Int)] = []
        /// The plan counts of a class, or of the whole mix for "overall" (the table's row names).
        public func plans(of row: String) -> [(plan: QueryPlan, count: Int)] { row == "overall" ? plans : plansPerClass[row] ?? [] }
        public var overall = LatencyStatistics(microseconds: [])
        public var allCoresQueriesPerSecond = 0.0
        public var threads = 1
        /// Sum of totals over the mix: a checksum that the work was done.
        public var totalMatches = 0
        /// The slowest timed queries, slowest first: class, µs, total, the query in words.
        public var slowest: [(queryClass: String, microseconds: Double, total: Int, query: String)] = []
        /// Under forgiving matching, per class (as in `perClass`): how many timed queries the rewriter
        /// changed (`QueryUnderstanding.changesQuery`) and how many were relaxed (a word dropped).
        public var forgivingPerClass: [String: (changed: Int, relaxed: Int)] = [:]
        /// What the `typed` class's queries did and where their time went (nil without typed queries).
        public var typed: TypedClassReport?
    }

    public let configuration: Configuration
    public init(_ configuration: Configuration) { self.configuration = configuration }

    /// Runs every size in turn; `progress` gets one line per step.
    public func run(progress: (String) -> Void = { _ in }) throws -> [SizeReport] {
        var reports: [SizeReport] = []
        for n in configuration.sizes {
            reports.append(try runSize(n, progress: progress))
        }
        return reports
    }

    /// Generates `n` records (not timed) and times the index build. A function of its own so
    /// the records are freed when it returns: releasing a million records takes tens of
    /// milliseconds, which must not land inside the open timing that follows.
    @inline(never)
    func build(_ n: Int, to path: String, into report: inout SizeReport, progress: (String) -> Void) throws {
        let p0 = benchClock()
        var records: [ProgramRecord]
        var writer: IndexWriter
        switch configuration.corpus {
        case .generated:
            progress("generating \(n) records, \(configuration.generatedText.rawValue) text (not timed)…")
            records = SampleCorpusGenerator(zips: configuration.zips, seed: configuration.seed, text: configuration.generatedText).generate(count: n)
            report.corpus = "generated, \(configuration.generatedText.rawValue) text"
            writer = IndexWriter(corpusName: "bench", isSampleData: true, note: SampleCorpusGenerator.note, zips: configuration.zips)
            writer.synonyms = configuration.generatedSynonyms
        case let .real(input):
            if n > input.records.count {
                progress("scaling \(input.records.count) real records to \(n) (not timed)…")
                records = RealCorpusScaler(zips: input.zips, seed: configuration.seed).scale(input.records, to: n)
                report.corpus = "real ×" + BenchmarkReportFormatter.fixed(Double(n) / Double(input.records.count), 2)
            } else {
                records = Array(input.records.prefix(n))
                report.corpus = n == input.records.count ? "real" : "real (first \(n))"
            }
            writer = IndexWriter(corpusName: input.name, isSampleData: false, note: input.note, zips: input.zips)
            writer.tables = input.tables
            writer.synonyms = input.synonyms
        }
        // The build starts from a file, as `schoolfinder index` does: the records are written
        // as JSON Lines (not timed) and released, then parsed and indexed (timed, together).
        progress("writing them as JSON Lines (not timed)…")
        let corpusPath = path + ".jsonl"
        defer { SystemCalls.remove(corpusPath) }
        try JSONLCorpusFile.write(header: JSONLRecordFormat.Header(name: writer.corpusName, isSampleData: writer.isSampleData, note: writer.note),
                                  records: records, to: corpusPath)
        report.corpusFileBytes = SystemCalls.status(corpusPath)?.size ?? 0
        records = []
        SystemCalls.returnFreedMemory()
        report.prepareSeconds = benchClock() - p0
        report.peakBeforeBuildBytes = ProcessMemory.peakResidentBytes()
        report.residentBeforeBuildBytes = ProcessMemory.residentBytes()
        ProcessMemory.resetPeak()
        progress("parsing and indexing them…")
        let t0 = benchClock()
        // As `schoolfinder index` does: the texts analyzed and stored, and the rest of each
        // record kept compact, as each piece is parsed; the parsed records not kept.
        var texts: IndexTextPass? = IndexTextPass(for: writer)
        let parsed = try JSONLRecordFormat.read(path: corpusPath, keepingRecords: false) { texts!.add($0) }
        guard parsed.report.skipped.isEmpty else {
            throw BenchmarkError("the benchmark's own corpus file has bad lines: \(parsed.report.skipped.prefix(3).map(\.description))")
        }
        report.parseSeconds = benchClock() - t0
        let summary = try writer.write(texts.take()!, to: path)
        report.buildSeconds = benchClock() - t0
        report.buildPhases = [("parse+texts", report.parseSeconds)] + summary.phases.map { ($0.phase.rawValue, $0.seconds) }
        report.peakResidentBytes = ProcessMemory.peakResidentBytes()
        report.indexBytes = summary.bytes
        report.recordsPerSecond = Double(n) / report.buildSeconds
    }

    func runSize(_ n: Int, progress: (String) -> Void) throws -> SizeReport {
        var report = SizeReport()
        report.records = n
        let path = configuration.directory + "/bench-\(n)-\(SystemCalls.processID).sfidx"
        defer { SystemCalls.remove(path) }
        try build(n, to: path, into: &report, progress: progress)
        // The build freed millions of small allocations; glibc consolidates them on the next
        // allocation of 1 KiB or more, which would otherwise land inside the open timing
        // (~30 ms at 1M records). A fresh process has no such debt: settle it here, untimed.
        SystemCalls.returnFreedMemory()
        // Open and first query.
        let probe = SearchQuery(text: "health information", origin: configuration.zips[configuration.zips.count / 2].location, radiusMiles: 50)
        let t0 = benchClock()
        let reader = try IndexReader(path: path)
        let t1 = benchClock()
        report.sectionBytes = reader.sections.map { ($0.section.name, $0.length) }
        let searcher = Searcher(reader: reader)
        report.synonymEntries = reader.synonyms.entries.count
        _ = try searcher.search(probe)
        let t2 = benchClock()
        report.openMicroseconds = (t1 - t0) * 1e6
        report.openAndFirstQueryMicroseconds = (t2 - t0) * 1e6
        progress("measuring stored text…")
        report.storedText = StoredTextReport.measure(reader)

        // Query mix.
        var vocabulary: [String] = []
        let step = max(1, reader.terms.count / 400)
        for i in stride(from: 0, to: reader.terms.count, by: step) {
            if let t = reader.terms.termString(at: i), !t.contains(":") { vocabulary.append(t) }
        }
        var mix: QueryMix
        // The typed class's dictionary and vocabulary: the index's own.
        let typedSource = TypedQuerySource(dictionary: reader.synonyms, vocabulary: RecordingIndexVocabulary(reader: reader))
        switch configuration.corpus {
        case .generated where configuration.generatedText == .realistic:
            // 30% of text words from the realistic text's vocabulary (half by its Zipf
            // frequencies, half uniform over its long tail), not the term dictionary's stride,
            // which is mostly city names and one-off rare forms.
            mix = QueryMix(count: configuration.queries, seed: configuration.seed ^ 0x5151,
                           vocabulary: SampleCorpusGenerator.realisticQueryWords(count: 400, seed: configuration.seed ^ 0x5151),
                           zips: configuration.zips, typed: typedSource)
        case .generated:
            mix = QueryMix(count: configuration.queries, seed: configuration.seed ^ 0x5151, vocabulary: vocabulary, zips: configuration.zips,
                           typed: typedSource)
        case let .real(input):
            // Drawn from the loaded records: a scaled corpus repeats their text exactly.
            mix = QueryMix(count: configuration.queries, seed: configuration.seed ^ 0x5151,
                           real: RealQueryVocabulary(records: input.records, zips: input.zips), typed: typedSource)
        }
        mix = mix.ranked(configuration.ranking).matched(configuration.matching)
        report.ranking = configuration.ranking.name
        report.matching = configuration.matching.rawValue
        if let base = configuration.queriesPath {
            let path = configuration.sizes.count > 1 ? base + ".\(n)" : base
            let lines = mix.items.enumerated().map { QueryMix.batchLine($0.element, id: $0.offset) }.joined(separator: "\n") + "\n"
            try AtomicFile.write(Array(lines.utf8), to: path)
            progress("wrote the query mix to \(path)")
        }
        for item in mix.items { _ = try searcher.search(item.query) } // warm-up
        var samples: [QueryMix.QueryClass: [Double]] = [:]
        var planCounts: [QueryMix.QueryClass: [QueryPlan: Int]] = [:]
        var all: [Double] = []
        var totalMatches = 0
        var timed: [(index: Int, microseconds: Double, total: Int)] = []
        var typedRuns: [TypedClassReport.Run] = []
        for (index, item) in mix.items.enumerated() {
            let s = benchClock()
            let r = try searcher.search(item.query)
            let us = (benchClock() - s) * 1e6
            totalMatches += r.total
            samples[item.queryClass, default: []].append(us)
            planCounts[item.queryClass, default: [:]][r.plan, default: 0] += 1
            all.append(us)
            timed.append((index, us, r.total))
            if let u = r.understanding {
                var f = report.forgivingPerClass[item.queryClass.rawValue] ?? (0, 0)
                if u.changesQuery { f.changed += 1 }
                if !u.dropped.isEmpty { f.relaxed += 1 }
                report.forgivingPerClass[item.queryClass.rawValue] = f
            }
            if item.typedKind != nil { typedRuns.append(.init(item: item, microseconds: us, total: r.total, understanding: r.understanding)) }
        }
        report.slowest = timed.sorted { $0.microseconds > $1.microseconds }.prefix(configuration.slowest).map {
            let item = mix.items[$0.index]
            return (item.queryClass.rawValue, $0.microseconds, $0.total, (item.typedKind.map { "[\($0.rawValue)] " } ?? "") + QueryMix.describe(item.query))
        }
        if !typedRuns.isEmpty { report.typed = try TypedClassReport(runs: typedRuns, searcher: searcher) }
        report.totalMatches = totalMatches
        report.perClass = QueryMix.QueryClass.allCases.compactMap { c in samples[c].map { (c.rawValue, LatencyStatistics(microseconds: $0)) } }
        report.overall = LatencyStatistics(microseconds: all)
        for (c, counts) in planCounts { report.plansPerClass[c.rawValue] = Self.ordered(counts) }
        report.plans = Self.ordered(planCounts.values.reduce(into: [:]) { sum, counts in sum.merge(counts, uniquingKeysWith: +) })

        // All cores: each thread runs the whole mix from a different starting point.
        let threads = max(1, configuration.threads)
        report.threads = threads
        let items = mix.items
        let w0 = benchClock()
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            for i in 0 ..< items.count {
                _ = try? searcher.search(items[(i + t * items.count / threads) % items.count].query)
            }
        }
        let wall = benchClock() - w0
        report.allCoresQueriesPerSecond = Double(items.count * threads) / wall
        return report
    }

    /// Plan counts, most frequent first, ties in `QueryPlan.allCases` order.
    static func ordered(_ counts: [QueryPlan: Int]) -> [(plan: QueryPlan, count: Int)] {
        QueryPlan.allCases.compactMap { p in counts[p].map { (p, $0) } }.enumerated()
            .sorted { $0.element.1 != $1.element.1 ? $0.element.1 > $1.element.1 : $0.offset < $1.offset }.map(\.element)
    }
}

/// Renders reports as text tables and as JSON.
public enum BenchmarkReportFormatter {
    public static func fixed(_ v: Double, _ digits: Int) -> String {
        var m = 1.0
        for _ in 0 ..< digits { m *= 10 }
        let r = (v * m).rounded() / m
        var s = "\(r)"
        if s.contains("e") { return s }
        if !s.contains(".") { s += "." }
        let decimals = s.split(separator: ".", omittingEmptySubsequences: false)[1].count
        if digits == 0 { return String(Int(r)) }
        return s + String(repeating: "0", count: max(0, digits - decimals))
    }
    static func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }
    static func rpad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }

    public static func table(_ r: BenchmarkRunner.SizeReport) -> String {
        var s = "== \(r.records) records (\(r.corpus)), ranking \(r.ranking), matching \(r.matching) ==\n"
        s += "prepare      \(fixed(r.prepareSeconds, 2)) s (\(r.corpus.hasPrefix("generated") ? "generate" : "load done before; scale or copy"), not timed in build)   peak RSS so far \(fixed(Double(r.peakBeforeBuildBytes) / 1048576, 1)) MiB\n"
        s += "build        \(fixed(r.buildSeconds, 2)) s from a \(fixed(Double(r.corpusFileBytes) / 1048576, 1)) MiB JSON Lines file, parsing included   \(Int(r.recordsPerSecond)) records/s   peak RSS \(fixed(Double(r.peakResidentBytes) / 1048576, 1)) MiB (RSS before build \(fixed(Double(r.residentBeforeBuildBytes) / 1048576, 1)) MiB)\n"
        if !r.buildPhases.isEmpty {
            s += "build steps  " + r.buildPhases.map { "\($0.name) \(fixed($0.seconds, 2))" }.joined(separator: "  ") + "  (s)\n"
        }
        s += "index file   \(r.indexBytes) bytes   \(fixed(r.bytesPerRecord, 1)) bytes/record   synonym dictionary \(r.synonymEntries) keys\n"
        if !r.sectionBytes.isEmpty && r.records > 0 {
            s += "B/record     " + r.sectionBytes.filter { $0.bytes > 0 }
                .map { "\($0.name) \(fixed(Double($0.bytes) / Double(r.records), 1))" }.joined(separator: "  ") + "\n"
        }
        let t = r.storedText
        if t.blocks > 0 {
            s += "stored text  \(t.rawBytes) bytes raw → \(t.compressedBytes) in TEXTS (\(t.blocks) blocks, dictionary \(t.dictionaryBytes)): "
                + "\(fixed(t.ratio, 2))×   compress \(fixed(t.compressionMegabytesPerSecond, 1)) MB/s (1 thread; \(fixed(t.compressionMegabytesPerCPUSecond, 1)) per CPU second)   "
                + "description read µs mean \(fixed(t.decode.mean, 2)) p50 \(fixed(t.decode.p50, 2)) p99 \(fixed(t.decode.p99, 2)) "
                + "(first read, with block checks: mean \(fixed(t.firstRead.mean, 2)) p50 \(fixed(t.firstRead.p50, 2)) p99 \(fixed(t.firstRead.p99, 2)); \(t.decode.count) documents)\n"
        }
        s += "open         \(fixed(r.openMicroseconds, 1)) µs   open + first query \(fixed(r.openAndFirstQueryMicroseconds / 1000, 3)) ms\n"
        s += rpad("query class", 32) + pad("n", 6) + pad("p50 µs", 10) + pad("p95 µs", 10) + pad("p99 µs", 10) + pad("max µs", 10) + pad("qps (1 thr)", 13)
            + "  plans\n"
        for (name, st) in r.perClass + [("overall", r.overall)] {
            s += rpad(name, 32) + pad(String(st.count), 6) + pad(fixed(st.p50, 1), 10) + pad(fixed(st.p95, 1), 10)
                + pad(fixed(st.p99, 1), 10) + pad(fixed(st.max, 1), 10) + pad(String(Int(st.queriesPerSecond)), 13)
                + "  " + r.plans(of: name).map { "\($0.plan.rawValue) \($0.count)" }.joined(separator: ", ") + "\n"
        }
        s += "all cores (\(r.threads) threads): \(Int(r.allCoresQueriesPerSecond)) queries/s   (sum of totals \(r.totalMatches))\n"
        if !r.forgivingPerClass.isEmpty {
            s += "forgiving matching, per class: queries the rewriter changed / relaxed (a word dropped): "
                + r.perClass.compactMap { c in r.forgivingPerClass[c.0].map { "\(c.0) \($0.changed)/\($0.relaxed)" } }.joined(separator: ", ") + "\n"
        }
        if let t = r.typed { s += TypedClassReport.table(t) }
        if !r.slowest.isEmpty {
            s += "slowest queries:\n" + pad("µs", 10) + pad("total", 9) + "  " + rpad("class", 32) + "query\n"
            for q in r.slowest { s += pad(fixed(q.microseconds, 1), 10) + pad(String(q.total), 9) + "  " + rpad(q.queryClass, 32) + q.query + "\n" }
        }
        return s
    }

    /// How cost grows from each size to the next (ratio per 10× when sizes step by 10).
    public static func scaling(_ reports: [BenchmarkRunner.SizeReport]) -> String {
        guard reports.count > 1 else { return "" }
        var s = "== scaling ==\n" + rpad("records", 12) + pad("build s", 10) + pad("bytes", 14) + pad("B/rec", 8) + pad("p50 µs", 10) + pad("p99 µs", 10)
            + pad("×build", 9) + pad("×size", 8) + pad("×p50", 8) + pad("×p99", 8) + "\n"
        for (i, r) in reports.enumerated() {
            s += rpad(String(r.records), 12) + pad(fixed(r.buildSeconds, 2), 10) + pad(String(r.indexBytes), 14) + pad(fixed(r.bytesPerRecord, 1), 8)
                + pad(fixed(r.overall.p50, 1), 10) + pad(fixed(r.overall.p99, 1), 10)
            if i > 0 {
                let p = reports[i - 1]
                s += pad(fixed(r.buildSeconds / p.buildSeconds, 2), 9) + pad(fixed(Double(r.indexBytes) / Double(p.indexBytes), 2), 8)
                    + pad(fixed(r.overall.p50 / p.overall.p50, 2), 8) + pad(fixed(r.overall.p99 / p.overall.p99, 2), 8)
            }
            s += "\n"
        }
        return s
    }

    public static func json(_ reports: [BenchmarkRunner.SizeReport], queries: Int, seed: UInt64, build: String) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.field("build_configuration", build)
        w.field("queries", queries)
        w.field("seed", Int(truncatingIfNeeded: seed))
        w.beginArray("sizes")
        for r in reports {
            w.beginObject()
            w.field("records", r.records)
            w.field("corpus", r.corpus)
            w.field("ranking", r.ranking)
            w.field("matching", r.matching)
            w.field("synonym_entries", r.synonymEntries)
            w.field("prepare_seconds", r.prepareSeconds)
            w.field("peak_resident_before_build_bytes", r.peakBeforeBuildBytes)
            w.field("build_seconds", r.buildSeconds)
            w.field("parse_seconds", r.parseSeconds)
            w.field("corpus_file_bytes", r.corpusFileBytes)
            w.beginObject("build_phase_seconds")
            for (name, seconds) in r.buildPhases { w.field(name, seconds) }
            w.endObject()
            w.field("records_per_second", r.recordsPerSecond)
            w.field("peak_resident_bytes", r.peakResidentBytes)
            w.field("resident_before_build_bytes", r.residentBeforeBuildBytes)
            w.field("index_bytes", r.indexBytes)
            w.field("bytes_per_record", r.bytesPerRecord)
            w.beginObject("section_bytes")
            for (name, bytes) in r.sectionBytes { w.field(name, bytes) }
            w.endObject()
            w.beginObject("stored_text")
            w.field("texts", r.storedText.texts)
            w.field("blocks", r.storedText.blocks)
            w.field("raw_bytes", r.storedText.rawBytes)
            w.field("compressed_bytes", r.storedText.compressedBytes)
            w.field("ratio", r.storedText.ratio)
            w.field("compress_mb_per_second", r.storedText.compressionMegabytesPerSecond)
            w.field("compress_mb_per_cpu_second", r.storedText.compressionMegabytesPerCPUSecond)
            w.field("decode_mean_us", r.storedText.decode.mean)
            w.field("decode_p99_us", r.storedText.decode.p99)
            w.field("first_read_mean_us", r.storedText.firstRead.mean)
            w.field("first_read_p99_us", r.storedText.firstRead.p99)
            w.endObject()
            w.field("open_us", r.openMicroseconds)
            w.field("open_and_first_query_us", r.openAndFirstQueryMicroseconds)
            w.beginObject("latency_us")
            for (name, st) in r.perClass + [("overall", r.overall)] {
                w.beginObject(name)
                w.field("count", st.count)
                w.field("p50", st.p50)
                w.field("p95", st.p95)
                w.field("p99", st.p99)
                w.field("max", st.max)
                w.field("qps_one_thread", st.queriesPerSecond)
                w.beginObject("plans")
                for (plan, count) in r.plans(of: name) { w.field(plan.rawValue, count) }
                w.endObject()
                w.endObject()
            }
            w.endObject()
            w.field("threads", r.threads)
            w.field("qps_all_cores", r.allCoresQueriesPerSecond)
            w.field("total_matches", r.totalMatches)
            if let t = r.typed { TypedClassReport.json(t, into: &w) }
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.text + "\n"
    }
}

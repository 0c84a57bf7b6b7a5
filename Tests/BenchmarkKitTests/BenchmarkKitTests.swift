import Analysis
import BenchmarkKit
import Corpus
import Foundation
import IndexFormat
import Search
import TestSupport
import Testing

@Suite("Latency statistics")
struct LatencyStatisticsTests {
    @Test("nearest-rank percentiles of 1…100")
    func hundred() {
        let s = LatencyStatistics(microseconds: (1 ... 100).map(Double.init).shuffled())
        #expect(s.count == 100 && s.p50 == 50 && s.p95 == 95 && s.p99 == 99 && s.max == 100)
        #expect(s.mean == 50.5)
        #expect(abs(s.queriesPerSecond - 100 / (5050 / 1e6)) < 1e-6)
    }

    @Test("small and degenerate samples", arguments: [
        ([7.0], 7.0, 7.0, 7.0), ([], 0.0, 0.0, 0.0), ([3, 1, 2], 2.0, 3.0, 3.0), ([5, 5, 5, 5], 5.0, 5.0, 5.0),
        ([1, 2, 3, 4, 5, 6, 7, 8, 9, 1000], 5.0, 1000.0, 1000.0),
    ] as [([Double], Double, Double, Double)])
    func small(samples: [Double], p50: Double, p95: Double, p99: Double) {
        let s = LatencyStatistics(microseconds: samples)
        #expect(s.p50 == p50 && s.p95 == p95 && s.p99 == p99)
    }

    @Test("every percentile is an observed sample, monotone in p (property)")
    func property() {
        var rng = SplitMix64(seed: 8)
        for _ in 0 ..< 200 {
            let samples = (0 ..< 1 + rng.below(300)).map { _ in rng.unit() * 1000 }
            let s = LatencyStatistics(microseconds: samples)
            #expect(samples.contains(s.p50) && samples.contains(s.p99))
            #expect(s.p50 <= s.p95 && s.p95 <= s.p99 && s.p99 <= s.max)
            // At least p% of samples are ≤ pXX, and fewer than p% are < pXX.
            let atOrBelow = samples.filter { $0 <= s.p95 }.count, below = samples.filter { $0 < s.p95 }.count
            #expect(Double(atOrBelow) >= 0.95 * Double(samples.count) && Double(below) < 0.95 * Double(samples.count))
        }
    }
}

@Suite("Query mix")
struct QueryMixTests {
    static let zips = [ZipCentroid(zip: "60601", city: "Chicago", state: "IL", latitude: 41.886456, longitude: -87.62325),
                       ZipCentroid(zip: "94103", city: "San Francisco", state: "CA", latitude: 37.77, longitude: -122.41),
                       ZipCentroid(zip: "00601", city: "Adjuntas", state: "PR", latitude: 18.18, longitude: -66.75)]

    @Test("the same seed gives the same queries; another seed gives others")
    func deterministic() {
        let a = QueryMix(count: 500, seed: 1, vocabulary: ["alpha", "beta"], zips: Self.zips)
        let b = QueryMix(count: 500, seed: 1, vocabulary: ["alpha", "beta"], zips: Self.zips)
        let c = QueryMix(count: 500, seed: 2, vocabulary: ["alpha", "beta"], zips: Self.zips)
        #expect(a.items == b.items)
        #expect(a.items != c.items)
    }

    @Test("eleven classes in equal shares, each with the shape its name says")
    func shapes() {
        let mix = QueryMix(count: 1100, seed: 3, vocabulary: ["alpha"], zips: Self.zips)
        var counts: [QueryMix.QueryClass: Int] = [:]
        for item in mix.items {
            counts[item.queryClass, default: 0] += 1
            let q = item.query
            switch item.queryClass {
            case .text: #expect(q.text != nil && q.origin == nil)
            case .radius: #expect(q.text == nil && q.radiusMiles.map { $0 >= 10 && $0 <= 200 } == true)
            case .textRadius: #expect(q.text != nil && q.radiusMiles != nil)
            case .textLevel: #expect(q.text != nil && !q.levels.isEmpty)
            case .textRadiusLevelState: #expect(q.text != nil && q.radiusMiles != nil && !q.levels.isEmpty && q.states.count == 1)
            case .cipPrefix: #expect(q.cipPrefix != nil)
            case .accreditor: #expect(q.accreditors.count == 1)
            case .textPoint, .facets, .grouped: QueryMixTests.expectNewShape(item)
            case .typed: QueryMixTests.expectTypedShape(item)
            }
            if let t = q.text, item.queryClass != .typed { #expect((1 ... 3).contains(t.split(separator: " ").count)) }
            #expect(q.ranking == .standard)
            // As made, the ten classes match exactly (the runner applies --matching); typed is forgiving.
            #expect(q.matching == (item.queryClass == .typed ? .forgiving : .exact))
        }
        #expect(counts.count == 11 && counts.values.allSatisfy { $0 == 100 })
    }

    /// A `typed` query: words (no filters, no radius), forgiving, its kind named.
    static func expectTypedShape(_ item: QueryMix.Item) {
        let q = item.query
        #expect(item.typedKind != nil && q.matching == .forgiving)
        #expect(q.text.map { !Analyzer.tokens($0).isEmpty } == true)
        #expect(q.radiusMiles == nil && q.levels.isEmpty && q.states.isEmpty && q.cipPrefix == nil && q.accreditors.isEmpty)
        #expect(q.facets.isEmpty && !q.groupByInstitution)
        if q.origin != nil { #expect(q.effectiveSort == .blended) }
    }

    /// The classes added for issue 10, the same in the generator's and the real mix: text+point
    /// is blended under the fields ranking (words, a point, no radius), text+facets asks for
    /// `facetFields`, text+group groups by institution with no radius; no other class does either.
    static func expectNewShape(_ item: QueryMix.Item) {
        let q = item.query
        #expect(q.facets == (item.queryClass == .facets ? QueryMix.facetFields : []))
        #expect(q.groupByInstitution == (item.queryClass == .grouped))
        switch item.queryClass {
        case .textPoint:
            #expect(q.text != nil && q.origin != nil && q.radiusMiles == nil && q.levels.isEmpty && q.states.isEmpty)
            #expect(q.effectiveSort == .blended)
        case .facets: #expect(q.text != nil && q.origin == nil && q.levels.isEmpty)
        case .grouped: #expect(q.text != nil && q.radiusMiles == nil)
        default: break
        }
    }

    @Test("facets and grouping only in their classes; grouped queries have a point about half the time")
    func facetsAndGroups() {
        let mix = QueryMix(count: 2000, seed: 4, vocabulary: ["alpha"], zips: Self.zips)
        for item in mix.items { Self.expectNewShape(item) }
        let grouped = mix.items.filter { $0.queryClass == .grouped }
        let withPoint = grouped.filter { $0.query.origin != nil }.count
        #expect(grouped.count == 181 && (55 ... 127).contains(withPoint), "\(withPoint) of \(grouped.count)")
        #expect(QueryMix.facetFields == [.level, .state, .accreditor, .cip2])
    }

    @Test("--ranking: ranked(_:) changes the ranking of every query and nothing else")
    func ranked() {
        let mix = QueryMix(count: 300, seed: 5, vocabulary: ["alpha"], zips: Self.zips)
        let classic = mix.ranked(.classic)
        #expect(classic.items.count == mix.items.count)
        for (a, b) in zip(mix.items, classic.items) {
            #expect(b.query.ranking == .classic && a.queryClass == b.queryClass)
            var back = b.query
            back.ranking = .standard
            #expect(back == a.query)
        }
        // Under classic, words and a point rank by text, then distance: no blended order.
        #expect(classic.items.filter { $0.queryClass == .textPoint }.allSatisfy { $0.query.effectiveSort == .relevance })
        #expect(classic.ranked(.standard).items == mix.items)
        #expect(BenchmarkRunner.Configuration.ranking(named: "fields") == .standard)
        #expect(BenchmarkRunner.Configuration.ranking(named: "classic") == .classic)
        #expect(BenchmarkRunner.Configuration.ranking(named: "bm25") == nil)
    }

    @Test("--matching: matched(_:) sets the matching of every class but typed, which stays forgiving; batch lines say exact")
    func matched() throws {
        let mix = QueryMix(count: 330, seed: 5, vocabulary: ["alpha"], zips: Self.zips)
        for matching in TextMatching.allCases {
            let m = mix.matched(matching)
            #expect(m.items.count == mix.items.count)
            for (i, (a, b)) in zip(mix.items, m.items).enumerated() {
                #expect(a.queryClass == b.queryClass && a.typedKind == b.typedKind)
                #expect(b.query.matching == (b.queryClass == .typed ? .forgiving : matching))
                var back = b.query
                back.matching = a.query.matching
                #expect(back == a.query)
                // A --write-queries line records exact matching ("exact": true), as the CLI reads it.
                let line = try JSONValue.parse(QueryMix.batchLine(b, id: i))
                #expect(line["exact"] == (b.query.matching == .exact ? .bool(true) : nil))
                #expect(line["class"] == .string(b.queryClass.rawValue))
            }
        }
        #expect(BenchmarkRunner.Configuration.matching(named: "exact") == .exact)
        #expect(BenchmarkRunner.Configuration.matching(named: "forgiving") == .forgiving)
        #expect(BenchmarkRunner.Configuration.matching(named: "fuzzy") == nil)
        #expect(BenchmarkRunner.Configuration(sizes: [1], queries: 1, seed: 1, threads: 1, zips: Self.zips, directory: "/tmp").matching == .forgiving)
    }
}

@Suite("Typed query class")
struct TypedQueryClassTests {
    static let dictionary: SynonymDictionary = {
        let text = (try? String(contentsOfFile: ProjectPaths.root + "/Corpus/synonyms.txt", encoding: .utf8)) ?? ""
        return SynonymDictionary.parse(text).dictionary
    }()
    static let words = QueryMix.domainTerms + ["programming", "statistics", "laboratory", "epidemiology", "pharmacy", "radiography",
                                               "management", "accounting", "psychology", "engineering"]
    static let vocabulary = WordListVocabulary(words)
    static var source: TypedQuerySource { TypedQuerySource(dictionary: dictionary, vocabulary: vocabulary) }

    static func typed(_ mix: QueryMix) -> [QueryMix.Item] { mix.items.filter { $0.queryClass == .typed } }

    @Test("seeded and deterministic; the other ten classes do not depend on it")
    func deterministic() {
        let a = QueryMix(count: 1100, seed: 21, vocabulary: Self.words, zips: QueryMixTests.zips, typed: Self.source)
        let b = QueryMix(count: 1100, seed: 21, vocabulary: Self.words, zips: QueryMixTests.zips, typed: Self.source)
        let c = QueryMix(count: 1100, seed: 22, vocabulary: Self.words, zips: QueryMixTests.zips, typed: Self.source)
        #expect(a.items == b.items)
        #expect(Self.typed(a) != Self.typed(c))
        // The typed class draws from its own stream: without a dictionary the ten classes are the same queries.
        let plain = QueryMix(count: 1100, seed: 21, vocabulary: Self.words, zips: QueryMixTests.zips)
        #expect(a.items.filter { $0.queryClass != .typed } == plain.items.filter { $0.queryClass != .typed })
        #expect(Self.typed(a) != Self.typed(plain))
    }

    @Test("every kind in turn, each as its name says; forgiving; about half with a point")
    func kinds() {
        let source = Self.source
        let keys = Set(source.dictionaryKeys)
        #expect(keys.contains("rhit") && keys.contains("bsn") && keys.contains("cyber security"))
        let mix = QueryMix(count: 2200, seed: 23, vocabulary: Self.words, zips: QueryMixTests.zips, typed: source)
        let typed = Self.typed(mix)
        #expect(typed.count == 200)
        var kinds: [TypedKind: Int] = [:]
        let held = Set(Self.words.flatMap { Analyzer.tokens($0) })
        let known = held.union(Self.words) // analyzed and as written ("analytics", "analytic")
        for (n, item) in typed.enumerated() {
            QueryMixTests.expectTypedShape(item)
            let kind = try! #require(item.typedKind)
            // Kinds come in turn.
            #expect(kind == TypedKind.allCases[n % TypedKind.allCases.count])
            kinds[kind, default: 0] += 1
            let text = item.query.text!
            let words = text.split(separator: " ").map(String.init)
            switch kind {
            case .typo:
                // One word is no term and within two edits of a term of 5 letters or more.
                let typo = words.filter { !held.contains(Analyzer.tokens($0).first ?? "") }
                #expect(typo.count == 1, "\(text)")
                #expect(typo.allSatisfy { t in known.contains { $0.count >= 5 && EditDistance.optimalStringAlignment(Array($0.utf8), Array(t.utf8)) <= 2 } },
                        "\(text)")
                #expect(words.count <= 2)
            case .prefix:
                // The last word is 3–6 letters, a proper prefix of a word.
                let last = words.last!
                #expect((3 ... 6).contains(last.count) && known.contains { $0.count > last.count && $0.hasPrefix(last) }, "\(text)")
                #expect(words.count <= 2)
            case .abbreviation:
                #expect(keys.contains(text) || keys.contains { text.hasPrefix($0 + " ") || text.hasSuffix(" " + $0) }, "\(text)")
            case .filler:
                #expect(words.filter { TypedQuerySource.fillerWords.contains($0) }.count >= 1 && (2 ... 3).contains(words.count), "\(text)")
                #expect(words.allSatisfy { FillerWords.isFiller(Analyzer.tokens($0).first ?? "") || held.contains(Analyzer.tokens($0).first ?? "") })
            case .unknown:
                // A made-up word with no term within its typo budget and no completion, beside a correct word.
                #expect(words.count == 2 && words.filter { source.isUnknown($0) }.count == 1, "\(text)")
            }
        }
        #expect(kinds.count == TypedKind.allCases.count && kinds.values.allSatisfy { $0 == 40 }, "\(kinds)")
        let withPoint = typed.filter { $0.query.origin != nil }.count
        #expect((70 ... 130).contains(withPoint), "\(withPoint)")
    }

    @Test("one edit: insertion, deletion, substitution or transposition, always a change")
    func edits() {
        var rng = SplitMix64(seed: 3)
        for word in ["nursing", "health", "bioinformatics", "aa"] {
            for _ in 0 ..< 200 {
                let w = Array(word.utf8), e = TypedQuerySource.edit(w, &rng)
                #expect(EditDistance.optimalStringAlignment(w, e) == 1, "\(word) → \(String(decoding: e, as: UTF8.self))")
            }
        }
    }
}

@Suite("Benchmark smoke run")
struct BenchmarkSmokeTests {
    /// A run over `sizes` with the project's ZIP table, index files in the temporary directory.
    static func configuration(sizes: [Int], queries: Int, seed: UInt64, threads: Int) throws -> BenchmarkRunner.Configuration {
        let zipPath = ProjectPaths.zipTable
        let zips = try ZipTable.read(FileBytes.read(zipPath), path: zipPath).0
        return BenchmarkRunner.Configuration(sizes: sizes, queries: queries, seed: seed, threads: threads, zips: zips,
                                             directory: NSTemporaryDirectory())
    }

    @Test("5,000 records end to end: build, open, every query class, JSON report")
    func smoke() throws {
        var config = try Self.configuration(sizes: [5000], queries: 330, seed: 7, threads: 2)
        config.slowest = 5
        config.generatedSynonyms = TypedQueryClassTests.dictionary
        let reports = try BenchmarkRunner(config).run()
        let r = try #require(reports.first)
        #expect(r.records == 5000)
        // Realistic generated text is the default, and the report says so.
        #expect(r.corpus == "generated, realistic text" && r.ranking == "fields" && r.matching == "forgiving")
        #expect(BenchmarkReportFormatter.table(r).contains("(generated, realistic text), ranking fields, matching forgiving =="))
        // The generated corpus is indexed with the dictionary it is given.
        #expect(r.synonymEntries == TypedQueryClassTests.dictionary.entries.count && r.synonymEntries > 100)
        // Realistic text stores each record's own ~330-byte description, and the ZIP table's
        // ~1.4 MB weighs ~280 B/record at this size.
        #expect(r.indexBytes > 5000 * 10 && r.bytesPerRecord < 2000, "\(r.bytesPerRecord) B/record")
        #expect(r.buildSeconds > 0 && r.openMicroseconds > 0 && r.openAndFirstQueryMicroseconds >= r.openMicroseconds)
        #expect(r.perClass.count == 11 && r.overall.count == 330)
        Self.expectPlans(r)
        Self.expectTyped(r, queries: 30)
        // Facets and group sizes are a counting pass of their own and grouping is a collector
        // mode, so these classes keep the pruned plans their words take (not only the intersection).
        for c in [QueryMix.QueryClass.facets, .grouped] {
            #expect(r.plans(of: c.rawValue).contains { ![.intersect, .noMatch].contains($0.plan) }, "\(c.rawValue): \(r.plans(of: c.rawValue))")
        }
        // Blended queries without a radius walk rings of cells by decay, or intersect (the planner's
        // choice by cost; at this size mostly the intersection).
        #expect(r.plans(of: QueryMix.QueryClass.textPoint.rawValue).allSatisfy { [.decayRings, .intersect, .noMatch].contains($0.plan) })
        // Sections: every one of the file's sections, summing to less than the file (header, table).
        #expect(r.sectionBytes.map(\.name) == IndexLayout.Section.allCases.map(\.name))
        let sectionSum = r.sectionBytes.map(\.bytes).reduce(0, +)
        #expect(sectionSum > r.indexBytes * 9 / 10 && sectionSum < r.indexBytes)
        #expect(BenchmarkReportFormatter.table(r).contains("B/record     "))
        #expect(r.totalMatches > 0 && r.allCoresQueriesPerSecond > 0)
        #expect(r.peakResidentBytes >= 0)
        let json = try JSONValue.parse(BenchmarkReportFormatter.json(reports, queries: 330, seed: 7, build: "debug"))
        guard case let .array(sizes)? = json["sizes"] else { Issue.record("no sizes"); return }
        #expect(sizes[0]["records"] == .number(5000))
        #expect(sizes[0]["ranking"] == .string("fields") && sizes[0]["matching"] == .string("forgiving"))
        #expect(sizes[0]["typed"]?["kinds"]?["all"]?["count"] == .number(30))
        #expect(sizes[0]["latency_us"]?["overall"]?["p99"] != nil)
        for (plan, count) in r.plans { #expect(sizes[0]["latency_us"]?["overall"]?["plans"]?[plan.rawValue] == .number(Double(count))) }
        #expect(sizes[0]["section_bytes"]?["FIELDLENGTHS"] == .number(Double(r.sectionBytes.first { $0.name == "FIELDLENGTHS" }!.bytes)))
        #expect(BenchmarkReportFormatter.table(r).contains("overall"))
        // The slowest list: the 5 largest timed latencies, slowest first, each naming its query.
        #expect(r.slowest.count == 5)
        #expect(r.slowest.map(\.microseconds) == r.slowest.map(\.microseconds).sorted(by: >))
        #expect(r.slowest.first?.microseconds == r.overall.max)
        #expect(r.slowest.allSatisfy { QueryMix.QueryClass(rawValue: $0.queryClass) != nil && !$0.query.isEmpty })
        #expect(BenchmarkReportFormatter.table(r).contains("slowest queries:"))
    }

    /// The typed class's report: every kind (with a dictionary), its counts consistent, the
    /// rewriter's walks counted, the final-search replica agreeing with the timed totals.
    static func expectTyped(_ r: BenchmarkRunner.SizeReport, queries: Int) {
        guard let t = r.typed else { Issue.record("no typed report"); return }
        #expect(t.rows.map(\.kind) == TypedKind.allCases.map(\.rawValue) + ["all"])
        let all = t.rows.last!
        #expect(all.latency.count == queries && t.rows.dropLast().map(\.latency.count).reduce(0, +) == queries)
        #expect(all.latency == r.perClass.first { $0.0 == "typed" }?.1)
        let row = Dictionary(uniqueKeysWithValues: t.rows.map { ($0.kind, $0) })
        #expect(row["filler"]!.filler == row["filler"]!.latency.count)
        #expect(row["abbreviation"]!.synonym > 0 && row["prefix"]!.completion > 0 && row["typo"]!.typo > 0)
        // Every unknown word is dropped by relaxation.
        #expect(row["unknown"]!.dropped == row["unknown"]!.latency.count)
        #expect(t.replicaCount == queries && t.replicaAgreed == queries)
        // The slowest typed queries, slowest first, each with its parts.
        #expect(t.slowest.count == min(TypedClassReport.slowestCount, queries))
        #expect(t.slowest.map(\.microseconds) == t.slowest.map(\.microseconds).sorted(by: >))
        #expect(t.slowest.first?.microseconds == all.latency.max)
        #expect(t.slowest.allSatisfy { TypedKind(rawValue: $0.kind) != nil && $0.rewrite > 0 && !$0.query.isEmpty })
        #expect(t.termCount == 0 || t.textTermCount <= t.termCount)
        #expect(t.walks.contains { $0.kind == "all" && $0.maxEdits == 1 && $0.walks > 0 && $0.maxVisited < t.termCount })
        #expect(t.walks.allSatisfy { $0.meanVisited <= Double($0.maxVisited) && $0.walks > 0 })
        // Nearly every typed query is read otherwise than as typed (an abbreviation whose
        // alternatives the corpus lacks, or a prefix that is a term, is read as typed).
        #expect((r.forgivingPerClass["typed"]?.changed ?? 0) >= queries * 3 / 4)
        let table = BenchmarkReportFormatter.table(r)
        #expect(table.contains("typed class (always forgiving)") && table.contains("dictionary walks by the rewriter"))
    }

    /// Every timed query is counted under exactly one plan, per class and overall, and the table
    /// names each class's plans on its row.
    static func expectPlans(_ r: BenchmarkRunner.SizeReport) {
        let table = BenchmarkReportFormatter.table(r)
        for (name, st) in r.perClass {
            #expect(r.plans(of: name).map(\.count).reduce(0, +) == st.count, "\(name)")
            #expect(r.plans(of: name).map(\.count) == r.plans(of: name).map(\.count).sorted(by: >))
            let row = table.split(separator: "\n").first { $0.hasPrefix(name + " ") }
            #expect(row?.hasSuffix(r.plans(of: name).map { "\($0.plan.rawValue) \($0.count)" }.joined(separator: ", ")) == true, "\(name)")
        }
        #expect(r.plans.map(\.count).reduce(0, +) == r.overall.count)
        for p in QueryPlan.allCases {
            let perClass = r.plansPerClass.values.flatMap { $0 }.filter { $0.plan == p }.map(\.count).reduce(0, +)
            #expect(perClass == (r.plans.first { $0.plan == p }?.count ?? 0), "\(p)")
        }
    }

    @Test("--ranking classic: the same queries and matches, ranked classically; no decay rings")
    func classic() throws {
        var config = try Self.configuration(sizes: [2000], queries: 200, seed: 9, threads: 1)
        let fields = try #require(try BenchmarkRunner(config).run().first)
        config.ranking = .classic
        let classic = try #require(try BenchmarkRunner(config).run().first)
        #expect(fields.ranking == "fields" && classic.ranking == "classic")
        #expect(BenchmarkReportFormatter.table(classic).contains("), ranking classic, matching forgiving =="))
        // The ranking orders matches; it does not change which documents match.
        #expect(classic.totalMatches == fields.totalMatches && classic.totalMatches > 0)
        Self.expectPlans(classic)
        #expect(!classic.plans.contains { $0.plan == .decayRings })
    }

    @Test("--matching exact: the header says so; only the typed class is rewritten")
    func exactMatching() throws {
        var config = try Self.configuration(sizes: [1500], queries: 110, seed: 9, threads: 1)
        config.matching = .exact
        let r = try #require(try BenchmarkRunner(config).run().first)
        #expect(r.matching == "exact" && BenchmarkReportFormatter.table(r).contains(", matching exact =="))
        #expect(Array(r.forgivingPerClass.keys) == ["typed"])
        Self.expectPlans(r)
        #expect(r.typed?.rows.last?.latency.count == 10)
    }

    @Test("a query is described in one line with every part it sets")
    func describe() {
        var q = SearchQuery(text: "health data")
        q.levels = [.master, .bachelor]
        q.states = ["IL"]
        q.cipPrefix = "51.07"
        q.accreditors = ["CAHIIM"]
        q.origin = ZipCentroid(zip: "60601", city: "Chicago", state: "IL", latitude: 41.886, longitude: -87.623).location
        q.radiusMiles = 50
        // The CLI's header description (one description for both), then the order when one is set.
        #expect(QueryMix.describe(q) == "\"health data\", near 41.8860° N, 87.6230° W, within 50 mi, level bachelor|master, state IL, CIP 51.07, accredited CAHIIM")
        #expect(QueryMix.describe(SearchQuery(cipPrefix: "11")) == "CIP 11")
        q.sort = .blended
        #expect(QueryMix.describe(q).hasSuffix("accredited CAHIIM; sorted by relevance × nearness (halves every 50 mi)"))
    }

    @Test("a batch line carries facets, the group and a classic ranking; fields is left to the default")
    func batchLine() throws {
        var q = SearchQuery(text: "nursing")
        q.facets = QueryMix.facetFields
        q.groupByInstitution = true
        let fields = try JSONValue.parse(QueryMix.batchLine(.init(queryClass: .facets, query: q), id: 3))
        #expect(fields["class"] == .string("text+facets") && fields["text"] == .string("nursing"))
        #expect(fields["facets"] == .array(["level", "state", "accreditor", "cip2"].map { .string($0) }))
        #expect(fields["group"] == .string("institution"))
        #expect(fields["ranking"] == nil)
        q.ranking = .classic
        q.facets = []
        q.groupByInstitution = false
        let classic = try JSONValue.parse(QueryMix.batchLine(.init(queryClass: .text, query: q), id: 4))
        #expect(classic["ranking"] == .string("classic") && classic["facets"] == nil && classic["group"] == nil)
    }
}

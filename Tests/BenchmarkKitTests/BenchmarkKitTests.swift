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

    @Test("seven classes in equal shares, each with the shape its name says")
    func shapes() {
        let mix = QueryMix(count: 700, seed: 3, vocabulary: ["alpha"], zips: Self.zips)
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
            }
            if let t = q.text { #expect((1 ... 3).contains(t.split(separator: " ").count)) }
        }
        #expect(counts.count == 7 && counts.values.allSatisfy { $0 == 100 })
    }
}

@Suite("Benchmark smoke run")
struct BenchmarkSmokeTests {
    @Test("5,000 records end to end: build, open, every query class, JSON report")
    func smoke() throws {
        let zipPath = ProjectPaths.zipTable
        let zips = try ZipTable.read(FileBytes.read(zipPath), path: zipPath).0
        var config = BenchmarkRunner.Configuration(sizes: [5000], queries: 210, seed: 7, threads: 2, zips: zips,
                                                   directory: NSTemporaryDirectory())
        config.slowest = 5
        let reports = try BenchmarkRunner(config).run()
        let r = try #require(reports.first)
        #expect(r.records == 5000)
        // Realistic generated text is the default, and the report says so.
        #expect(r.corpus == "generated, realistic text")
        #expect(BenchmarkReportFormatter.table(r).contains("(generated, realistic text)"))
        // Realistic text stores each record's own ~330-byte description, and the ZIP table's
        // ~1.4 MB weighs ~280 B/record at this size.
        #expect(r.indexBytes > 5000 * 10 && r.bytesPerRecord < 2000, "\(r.bytesPerRecord) B/record")
        #expect(r.buildSeconds > 0 && r.openMicroseconds > 0 && r.openAndFirstQueryMicroseconds >= r.openMicroseconds)
        #expect(r.perClass.count == 7 && r.overall.count == 210)
        #expect(r.totalMatches > 0 && r.allCoresQueriesPerSecond > 0)
        #expect(r.peakResidentBytes >= 0)
        let json = try JSONValue.parse(BenchmarkReportFormatter.json(reports, queries: 210, seed: 7, build: "debug"))
        guard case let .array(sizes)? = json["sizes"] else { Issue.record("no sizes"); return }
        #expect(sizes[0]["records"] == .number(5000))
        #expect(sizes[0]["latency_us"]?["overall"]?["p99"] != nil)
        #expect(BenchmarkReportFormatter.table(r).contains("overall"))
        // The slowest list: the 5 largest timed latencies, slowest first, each naming its query.
        #expect(r.slowest.count == 5)
        #expect(r.slowest.map(\.microseconds) == r.slowest.map(\.microseconds).sorted(by: >))
        #expect(r.slowest.first?.microseconds == r.overall.max)
        #expect(r.slowest.allSatisfy { QueryMix.QueryClass(rawValue: $0.queryClass) != nil && !$0.query.isEmpty })
        #expect(BenchmarkReportFormatter.table(r).contains("slowest queries:"))
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
        #expect(QueryMix.describe(q).hasSuffix("accredited CAHIIM; sorted by relevance and distance"))
    }
}

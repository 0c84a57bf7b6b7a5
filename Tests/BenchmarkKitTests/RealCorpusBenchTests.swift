import Analysis
import BenchmarkKit
import Corpus
import Foundation
import IndexFormat
import Search
import TestSupport
import Testing

/// Small hand-made "real" records: three institutions, seven programs, real-looking text.
enum TinyRealCorpus {
    static let zips = [
        ZipCentroid(zip: "60601", city: "Chicago", state: "IL", latitude: 41.886456, longitude: -87.62325),
        ZipCentroid(zip: "94103", city: "San Francisco", state: "CA", latitude: 37.772, longitude: -122.411),
        ZipCentroid(zip: "00601", city: "Adjuntas", state: "PR", latitude: 18.18, longitude: -66.75),
        ZipCentroid(zip: "35762", city: "Normal", state: "AL", latitude: 34.78, longitude: -86.57),
        ZipCentroid(zip: "99999", city: "Nowhere", state: "XX", latitude: 10, longitude: 10),
    ]

    static func record(_ unit: String, _ name: String, zip: ZipCentroid, cip: String, title: String, description: String,
                       level: AwardLevel, accreditors: [String] = []) -> ProgramRecord {
        var r = ProgramRecord(id: "\(unit)-\(cip)-\(level.rawValue)", institutionID: unit, institutionName: name, city: zip.city,
                              state: zip.state, zip: zip.zip, latitude: zip.latitude + 0.001, longitude: zip.longitude - 0.001,
                              cipCode: cip, title: title, description: description, level: level, accreditors: accreditors,
                              delivery: .unknown)
        r.completers = 12
        r.medianEarnings = 41000
        return r
    }

    static let nursing = ("Registered Nursing/Registered Nurse",
                          "A program that prepares individuals in the knowledge, techniques and procedures for promoting health and caring for the sick.")
    static let him = ("Health Information/Medical Records Technology/Technician",
                      "A program that prepares individuals to classify medical data and maintain health records.")
    static let business = ("Business Administration and Management, General",
                           "A program that prepares individuals to plan, organize, direct, and control the functions of a firm.")

    static let records: [ProgramRecord] = [
        record("100654", "Alabama A & M University", zip: zips[3], cip: "51.3801", title: nursing.0, description: nursing.1, level: .bachelor, accreditors: ["CCNE"]),
        record("100654", "Alabama A & M University", zip: zips[3], cip: "52.0201", title: business.0, description: business.1, level: .bachelor),
        record("100654", "Alabama A & M University", zip: zips[3], cip: "52.0201", title: business.0, description: business.1, level: .master),
        record("144050", "University of Chicago", zip: zips[0], cip: "51.0707", title: him.0, description: him.1, level: .associate, accreditors: ["CAHIIM"]),
        record("144050", "University of Chicago", zip: zips[0], cip: "51.3801", title: nursing.0, description: nursing.1, level: .associate, accreditors: ["ACEN"]),
        record("110662", "Café Técnico de San Francisco", zip: zips[1], cip: "51.3801", title: nursing.0, description: nursing.1, level: .master, accreditors: ["CCNE", "ACEN"]),
        record("110662", "Café Técnico de San Francisco", zip: zips[1], cip: "52.0201", title: business.0, description: business.1, level: .certificate),
    ]
}

@Suite("Real corpus scaling")
struct RealCorpusScalerTests {
    let base = TinyRealCorpus.records
    let scaler = RealCorpusScaler(zips: TinyRealCorpus.zips, seed: 11)

    @Test("every record's text is kept; copy 0 is the corpus; the last copy is a prefix")
    func keepsText() {
        let out = scaler.scale(base, to: 3 * base.count + 2)
        #expect(out.count == 23)
        #expect(Array(out.prefix(base.count)) == base)
        for (i, r) in out.enumerated() {
            let b = base[i % base.count]
            #expect(r.title == b.title && r.description == b.description && r.institutionName == b.institutionName)
            #expect(r.cipCode == b.cipCode && r.level == b.level && r.accreditors == b.accreditors && r.delivery == b.delivery)
            #expect(r.completers == b.completers && r.medianEarnings == b.medianEarnings && r.website == b.website)
            #expect(r.searchableText == b.searchableText)
            #expect(r.validationProblem == nil)
        }
    }

    @Test("ids and institution ids are unique per copy, suffixed ~k")
    func uniqueIDs() {
        let out = scaler.scale(base, to: 4 * base.count)
        #expect(Set(out.map(\.id)).count == out.count)
        for (i, r) in out.enumerated() {
            let k = i / base.count, b = base[i % base.count]
            #expect(r.id == (k == 0 ? b.id : b.id + "~\(k)"))
            #expect(r.institutionID == (k == 0 ? b.institutionID : b.institutionID + "~\(k)"))
        }
        #expect(Set(out.map(\.institutionID)).count == 3 * 4)
    }

    @Test("copies move each institution to one real ZIP (USPS states only), jittered by at most 0.02°")
    func movesToRealZIPs() {
        let out = scaler.scale(base, to: 40 * base.count)
        let table = Dictionary(uniqueKeysWithValues: TinyRealCorpus.zips.map { ($0.zip, $0) })
        var placeOf: [String: (String, Double, Double)] = [:]
        var zipsUsed = Set<String>()
        for r in out.dropFirst(base.count) {
            let z = try! #require(table[r.zip])
            #expect(z.state != "XX")
            #expect(r.state == z.state && r.city == z.city)
            #expect(abs(r.latitude - z.latitude) <= RealCorpusScaler.jitterDegrees + 1e-6)
            #expect(abs(r.longitude - z.longitude) <= RealCorpusScaler.jitterDegrees + 1e-6)
            zipsUsed.insert(r.zip)
            if let p = placeOf[r.institutionID] {
                #expect(p.0 == r.zip && p.1 == r.latitude && p.2 == r.longitude)
            } else {
                placeOf[r.institutionID] = (r.zip, r.latitude, r.longitude)
            }
        }
        // 117 institution copies over four usable ZIPs: every one is used.
        #expect(zipsUsed.count == 4)
    }

    @Test("deterministic for a seed; another seed places institutions elsewhere; a smaller count is a prefix")
    func deterministic() {
        let a = scaler.scale(base, to: 50), b = RealCorpusScaler(zips: TinyRealCorpus.zips, seed: 11).scale(base, to: 50)
        let c = RealCorpusScaler(zips: TinyRealCorpus.zips, seed: 12).scale(base, to: 50)
        #expect(a == b)
        #expect(a != c)
        #expect(a.map(\.id) == c.map(\.id))
        #expect(scaler.scale(base, to: 5) == Array(base.prefix(5)))
        #expect(scaler.scale(base, to: base.count) == base)
    }
}

@Suite("Real query mix")
struct RealQueryMixTests {
    let vocabulary = RealQueryVocabulary(records: TinyRealCorpus.records, zips: TinyRealCorpus.zips)

    @Test("text words are corpus words (as the analyzer makes them), never stop words; filters are the corpus's")
    func drawsFromCorpus() {
        var corpusWords = Set<String>()
        for r in TinyRealCorpus.records { corpusWords.formUnion(Analyzer.tokens(r.searchableText)) }
        #expect(vocabulary.drawableWords.isSubset(of: corpusWords))
        #expect(vocabulary.drawableWords.contains("cafe") && vocabulary.drawableWords.contains("nursing"))
        #expect(vocabulary.accreditors == ["ACEN", "CAHIIM", "CCNE"])

        let mix = QueryMix(count: 1400, seed: 5, real: vocabulary)
        let cips = Set(TinyRealCorpus.records.map(\.cipCode))
        let points = Set(TinyRealCorpus.zips.filter { $0.state != "XX" }.map { "\($0.latitude),\($0.longitude)" })
        var words = Set<String>()
        for item in mix.items {
            let q = item.query
            if let t = q.text, item.queryClass != .typed {
                let tokens = Analyzer.tokens(t)
                #expect((1 ... 3).contains(tokens.count))
                for w in tokens {
                    #expect(corpusWords.contains(w), "\(w) is not a corpus word")
                    #expect(!RealQueryVocabulary.stopWords.contains(w))
                }
                words.formUnion(tokens)
            }
            if let c = q.cipPrefix { #expect(cips.contains { $0.hasPrefix(c) } && [2, 5, 7].contains(c.count)) }
            for a in q.accreditors { #expect(vocabulary.accreditors.contains(a)) }
            if let o = q.origin { #expect(points.contains("\(o.latitude),\(o.longitude)")) }
            for s in q.states { #expect(["IL", "CA", "PR", "AL"].contains(s)) }
        }
        // Frequent and rare words both come up.
        #expect(words.contains("nursing") && words.contains("business"))
        #expect(words.count > 20)
    }

    @Test("eleven classes in equal shares with the generator mix's shapes; deterministic for a seed")
    func shapesAndSeed() {
        let mix = QueryMix(count: 1100, seed: 3, real: vocabulary)
        var counts: [QueryMix.QueryClass: Int] = [:]
        for item in mix.items {
            counts[item.queryClass, default: 0] += 1
            let q = item.query
            switch item.queryClass {
            case .text: #expect(q.text != nil && q.origin == nil && q.levels.isEmpty)
            case .radius: #expect(q.text == nil && q.radiusMiles.map { $0 >= 10 && $0 <= 200 } == true)
            case .textRadius: #expect(q.text != nil && q.radiusMiles != nil)
            case .textLevel: #expect(q.text != nil && !q.levels.isEmpty && q.levels.count <= 2)
            case .textRadiusLevelState: #expect(q.text != nil && q.radiusMiles != nil && !q.levels.isEmpty && q.states.count == 1)
            case .cipPrefix: #expect(q.cipPrefix != nil && q.text == nil)
            case .accreditor: #expect(q.accreditors.count == 1)
            case .textPoint, .facets, .grouped: QueryMixTests.expectNewShape(item)
            case .typed: QueryMixTests.expectTypedShape(item)
            }
        }
        #expect(counts.count == 11 && counts.values.allSatisfy { $0 == 100 })
        #expect(QueryMix(count: 1100, seed: 3, real: vocabulary).items == mix.items)
        #expect(QueryMix(count: 1100, seed: 4, real: vocabulary).items != mix.items)
        // Every kind of typing comes up, in turn.
        let kinds = mix.items.compactMap(\.typedKind)
        #expect(kinds.count == 100 && kinds.enumerated().allSatisfy { $0.element == TypedKind.allCases[$0.offset % 5] || $0.element == .typo })
    }

    @Test("every query word is a term of the index built from the records")
    func wordsAreIndexTerms() throws {
        let dir = ProjectPaths.temporaryDirectory("real-mix")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/tiny.sfidx"
        _ = try IndexWriter(corpusName: "tiny", isSampleData: false, note: "", zips: TinyRealCorpus.zips).write(TinyRealCorpus.records, to: path)
        let reader = try IndexReader(path: path)
        let searcher = Searcher(reader: reader)
        var matched = 0
        for item in QueryMix(count: 350, seed: 9, real: vocabulary).items where item.queryClass != .typed {
            for w in Analyzer.tokens(item.query.text ?? "") { #expect(reader.terms.lookup(w) != nil, "\(w) is not an index term") }
            if try searcher.search(item.query).total > 0 { matched += 1 }
        }
        #expect(matched > 100)
    }
}

@Suite("Real corpus benchmark smoke run")
struct RealBenchmarkSmokeTests {
    @Test("records scaled ×3 end to end: build, open, every query class, the corpus named in the report")
    func smoke() throws {
        let zipPath = ProjectPaths.zipTable
        let zips = try ZipTable.read(FileBytes.read(zipPath), path: zipPath).0
        // Generated records stand in for the loaded corpus: the path under test is the scaling and the mix.
        let records = SampleCorpusGenerator(zips: zips, seed: 3).generate(count: 400)
        var config = BenchmarkRunner.Configuration(sizes: [400, 1200], queries: 200, seed: 7, threads: 2, zips: zips,
                                                   directory: NSTemporaryDirectory())
        config.corpus = .real(.init(records: records, zips: zips, name: "tiny", note: "test"))
        let reports = try BenchmarkRunner(config).run()
        #expect(reports.map(\.records) == [400, 1200])
        #expect(reports.map(\.corpus) == ["real", "real ×3.00"])
        for r in reports {
            #expect(r.perClass.count == 11 && r.overall.count == 200 && r.totalMatches > 0)
            BenchmarkSmokeTests.expectPlans(r)
            #expect(BenchmarkReportFormatter.table(r).contains("(\(r.corpus))"))
        }
        // Three times the records, the same text: the scaled mix matches more.
        #expect(reports[1].totalMatches > reports[0].totalMatches)
    }
}

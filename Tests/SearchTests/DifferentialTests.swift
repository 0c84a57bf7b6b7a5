import Analysis
import Corpus
import Foundation
import Geo
import IndexFormat
import Search
import Testing

/// The engine must give exactly what the brute-force reference gives: same total, same hits in
/// the same order, scores within 1e-9 relative, distances within 1e-9 miles.
@Suite("Searcher vs. brute-force reference")
struct DifferentialTests {
    static let seed: UInt64 = 0x5EED_2026
    static let records = TestCorpus.records(count: 20_000, seed: seed)
    static let reader = try! TestCorpus.buildIndex(records)
    static let reference = ReferenceEngine(records: records)

    /// A seeded query whose shape cycles through every sort × filter combination.
    static func query(_ i: Int, _ rng: inout SplitMix64, records: [ProgramRecord] = DifferentialTests.records) -> SearchQuery {
        let vocabulary = ["health", "information", "management", "informatics", "bioinformatics", "data", "medical", "records",
                          "technician", "nursing", "computer", "science", "coding", "rhit", "rhia", "ahima", "online", "sample",
                          "college", "university", "chicago", "cafe", "saude", "zoe", "notaword", "health information", "ehr"]
        var q = SearchQuery()
        let filters = i / 4 // bits: text, point, radius, level, state, cip, accreditor, delivery
        // Most queries take their values from one anchor record, so ANDed filters still match.
        let anchored = rng.chance(0.85)
        let a = records[rng.below(records.count)]
        let anchorWords = Analyzer.tokens(a.title + " " + a.description)
        if filters & 1 != 0 || rng.chance(0.3) {
            let n = 1 + rng.below(3)
            q.text = (0 ..< n).map { _ in anchored ? rng.pick(anchorWords) : rng.pick(vocabulary) }.joined(separator: rng.chance(0.5) ? " " : ", ")
        }
        if filters & 2 != 0 || i % 4 == 1 {
            if anchored || rng.chance(0.5) {
                q.origin = GeoPoint(latitude: max(-90, min(90, a.latitude + rng.unit() - 0.5)), longitude: a.longitude)
            } else {
                q.origin = GeoPoint(latitude: rng.unit() * 180 - 90, longitude: rng.unit() * 360 - 180)
            }
            if filters & 4 != 0 {
                q.radiusMiles = [0, 1, 10, 25, 50, 100, 250, 1000, 5000, 20000][rng.below(10)] * (0.5 + rng.unit())
                if rng.chance(0.05) { q.radiusMiles = 0 }
            }
        }
        if filters & 8 != 0 { q.levels = Set((0 ..< 1 + rng.below(3)).map { _ in rng.pick(AwardLevel.allCases) } + (anchored ? [a.level] : [])) }
        if filters & 16 != 0 { q.states = Set((0 ..< 1 + rng.below(4)).map { _ in rng.pick(["IL", "TX", "CA", "NY", "IN", "WI", "HI", "AK", "PR"]) } + (anchored ? [a.state] : [])) }
        if filters & 32 != 0 {
            q.cipPrefix = anchored ? String(a.cipCode.prefix(rng.pick([2, 5, 7])))
                : rng.pick(["51", "51.07", "51.0707", "51.0706", "26.1103", "11", "26", "51.27", "52.0201", "99"])
        }
        if filters & 64 != 0 {
            q.accreditors = Set([anchored && !a.accreditors.isEmpty ? rng.pick(a.accreditors).lowercased() : rng.pick(["CAHIIM", "cahiim", "ABET", "CCNE", "ACEN", "NOPE"])])
        }
        if filters & 128 != 0 { q.deliveries = Set((0 ..< 1 + rng.below(2)).map { _ in rng.pick(Delivery.allCases) } + (anchored ? [a.delivery] : [])) }
        switch i % 4 {
        case 0: q.sort = nil
        case 1: q.sort = .distance
        case 2: q.sort = .relevance
        default: q.sort = .id
        }
        if q.sort == .distance && q.origin == nil { q.sort = nil }
        q.limit = [0, 1, 5, 10, 10, 20, 50, 200][rng.below(8)]
        q.offset = rng.chance(0.25) ? rng.below(30) : 0
        // Ranking, decay, facets, groups: half the queries classic; some with their own weights.
        if i % 8 >= 4 { q.ranking = .classic }
        if q.ranking != .classic, rng.chance(0.15) {
            q.ranking = .fields(FieldWeights(title: rng.pick([0, 1, 2, 8]), description: rng.pick([0.5, 1, 3]), institution: rng.pick([0, 0.5, 2]),
                                             titleB: rng.unit(), descriptionB: rng.unit(), institutionB: rng.pick([0, 1]), k1: rng.pick([0, 0.9, 2])))
        }
        if rng.chance(0.1) { q.decay = DistanceDecay(halfDistanceMiles: rng.pick([0.5, 5, 100, 3000])) }
        if rng.chance(0.12) { q.facets = FacetField.allCases.filter { _ in rng.chance(0.5) } }
        if rng.chance(0.08) { q.groupByInstitution = true }
        // Text groups: some words also match alternatives (synonyms), weighted; a word absent
        // from the index ("notaword") then matches through its alternatives.
        if let text = q.text, rng.chance(0.15) {
            let alternatives = ["health", "informatics", "nursing", "data", "records", "science", "management", "notaword", "rhit",
                                "technician", "coding", "medical", "zoe"]
            for w in Analyzer.tokens(text) where rng.chance(0.7) {
                q.expansions[w] = (0 ..< 1 + rng.below(3)).map { _ in
                    TermAlternative(term: rng.pick(alternatives), weight: rng.pick([1, 0.8, 0.5, 0.25]))
                }
            }
        }
        return q
    }

    /// A word of the test index stored as postings (no bitmaps), for mixed unions.
    static let sparseWord = ["coding", "technician", "rhit", "bioinformatics", "ahima"].first { w in
        reader.terms.lookup(w).map { !$0.hasBitmaps && $0.documentFrequency > 0 } ?? false
    }!

    /// Query shapes and the plan each must take on the test index: frequent words (more than
    /// `QueryPlanner.walkThreshold` documents) with a point and no radius take `decayRings` in
    /// blended order (with facets too), `nearestCells` by distance; a radius alone `radiusCells`;
    /// id order with a frequent word `idWalk`; groups `intersect`; an unknown word `noMatch`; a word
    /// whose alternatives are a union `fieldImpacts` in relevance order (a union with a sparse
    /// alternative too, made dense at query time), `intersect` within a radius and `decayRings`
    /// in blended order; one with a single held alternative `decayRings`.
    static func plannedShapes(_ rng: inout SplitMix64) -> [(SearchQuery, QueryPlan)] {
        var shapes: [(SearchQuery, QueryPlan)] = []
        for _ in 0 ..< 24 {
            let a = records[rng.below(records.count)]
            let origin = GeoPoint(latitude: a.latitude + rng.unit() - 0.5, longitude: a.longitude)
            let word = rng.pick(["health", "information", "health information", "college", "university"])
            let limit = rng.pick([1, 10, 50])
            shapes.append((SearchQuery(text: word, origin: origin, limit: limit, offset: rng.below(3)), .decayRings))
            var decayed = SearchQuery(text: word, origin: origin, limit: limit)
            decayed.decay = DistanceDecay(halfDistanceMiles: rng.pick([1, 50, 500]))
            shapes.append((decayed, .decayRings))
            shapes.append((SearchQuery(text: word, origin: origin, sort: .distance, limit: limit), .nearestCells))
            shapes.append((SearchQuery(origin: origin, radiusMiles: rng.pick([5, 50, 300]), limit: limit), .radiusCells))
            shapes.append((SearchQuery(text: word, sort: .id, limit: limit), .idWalk))
            var faceted = SearchQuery(text: word, origin: origin, limit: limit)
            faceted.facets = [.level, .state]
            shapes.append((faceted, .decayRings)) // facets are a counting pass of their own
            var grouped = SearchQuery(text: word, origin: origin, radiusMiles: 200, limit: limit)
            grouped.groupByInstitution = true
            shapes.append((grouped, .intersect))
            shapes.append((SearchQuery(text: word + " notaword", origin: origin, limit: limit), .noMatch))
            // With alternatives the unknown word matches through them, on the general plan.
            var expanded = SearchQuery(text: word + " notaword", origin: origin, sort: .relevance, limit: limit)
            expanded.expansions = ["notaword": [TermAlternative(term: "records", weight: 0.5), TermAlternative(term: "data", weight: 0.8)]]
            shapes.append((expanded, .fieldImpacts)) // a group bounded by its best alternative's peaks
            // A sparse word alone or leading dense ones, by relevance: its blocks best peak first.
            shapes.append((SearchQuery(text: sparseWord, sort: .relevance, limit: limit, offset: rng.below(3)), .fieldBlocks))
            shapes.append((SearchQuery(text: sparseWord + " " + word, sort: .relevance, limit: limit), .fieldBlocks))
            var sparseFaceted = SearchQuery(text: sparseWord, origin: origin, sort: .relevance, limit: limit)
            sparseFaceted.facets = [.level, .state]
            shapes.append((sparseFaceted, .fieldBlocks))
            // A union of a dense and a sparse alternative: the sparse one is read into a
            // query-time bitmap (`QueryBitmap`), so the group is dense and field peaks bound it.
            var mixed = expanded
            mixed.expansions = ["notaword": [TermAlternative(term: "records", weight: 0.5), TermAlternative(term: sparseWord, weight: 0.8)]]
            shapes.append((mixed, .fieldImpacts))
            mixed.facets = [.level, .state]
            shapes.append((mixed, .fieldImpacts))
            var near = expanded
            near.radiusMiles = 300
            shapes.append((near, .intersect)) // no bound applies within a radius
            // In blended order a union of frequent alternatives takes the rings, bounded by its best one.
            var union = SearchQuery(text: word + " notaword", origin: origin, limit: limit)
            union.expansions = ["notaword": [TermAlternative(term: "college", weight: 0.5), TermAlternative(term: "university", weight: 0.8)]]
            shapes.append((union, .decayRings))
            // One held alternative (a typo with one spelling): a plain query, its idf × weight,
            // so the pruned plans stay open.
            var single = SearchQuery(text: word + " notaword", origin: origin, limit: limit)
            single.expansions = ["notaword": [TermAlternative(term: "university", weight: 0.6, scoringDocumentFrequency: 9000)]]
            shapes.append((single, .decayRings))
        }
        return shapes
    }

    /// Whether `plan` is one the planner may choose for `q` (the rules in `QueryPlanner`), given
    /// the query's total. Which of the allowed plans runs depends on the index's statistics.
    static func planFits(_ plan: QueryPlan, _ q: SearchQuery, total: Int) -> Bool {
        let sort = q.effectiveSort
        let filtered = !q.levels.isEmpty || !q.states.isEmpty || q.cipPrefix != nil || !q.accreditors.isEmpty || !q.deliveries.isEmpty
        switch plan {
        case .noMatch: return total == 0
        case .intersect: return true
        case .idWalk: return sort == .id && q.radiusMiles == nil
        case .nearestCells: return q.origin != nil && q.radiusMiles == nil && (sort == .distance || (sort != .id && q.text == nil))
        case .radiusCells: return q.radiusMiles != nil && q.text == nil && !filtered && sort != .id
        case .decayRings: return sort == .blended && q.radiusMiles == nil && q.ranking != .classic
        case .denseImpacts, .blockImpacts: return q.ranking == .classic && sort == .relevance && q.text != nil && !reference.hasUnions(q)
        case .fieldImpacts, .fieldBlocks:
            return q.ranking == .standard && sort == .relevance && q.text != nil && q.radiusMiles == nil
        }
    }

    /// Compares an engine result with the reference's answer: total, hits (ids, scores within
    /// 1e-9 relative, distances within 1e-9 miles, group counts), facets, group total.
    static func expectSame(_ got: SearchResult, _ expected: ReferenceEngine.Answer, _ context: String,
                           reader: IndexReader = DifferentialTests.reader) throws {
        #expect(got.total == expected.total, "\(context)")
        #expect(got.hits.count == expected.hits.count, "\(context)")
        #expect(got.groupTotal == expected.groupTotal, "\(context)")
        #expect(got.facets.count == expected.facets.count, "\(context)")
        for f in got.facets {
            #expect(Dictionary(uniqueKeysWithValues: f.values.map { ($0.value, $0.count) }) == expected.facets[f.field], "\(context) facet \(f.field)")
            #expect(f.values.map(\.count) == f.values.map(\.count).sorted(by: >), "\(context) facet order")
        }
        guard got.total == expected.total, got.hits.count == expected.hits.count else { return }
        for (h, e) in zip(got.hits, expected.hits) {
            let record = try reader.record(h.document)
            #expect(record.id == e.id, "\(context)")
            #expect(abs(h.score - e.score) <= 1e-9 * max(1, abs(e.score)), "\(context)")
            #expect(h.groupMatches == e.groupMatches, "\(context)")
            if let ed = e.distance {
                #expect(h.distanceMiles != nil && abs(h.distanceMiles! - ed) <= 1e-9, "\(context)")
            } else {
                #expect(h.distanceMiles == nil, "\(context)")
            }
            if record.id != e.id { break }
        }
    }

    /// A random query of any shape over `records`, for stress tests.
    static func randomQuery(_ rng: inout SplitMix64, records: [ProgramRecord]) -> SearchQuery {
        query(rng.below(1024), &rng, records: records)
    }

    @Test("total, top-k, facets and groups equal the reference for 1,024 seeded queries over 20,000+ records, on a plan the query may take, covering every plan")
    func engineMatchesReference() throws {
        let searcher = Searcher(reader: Self.reader)
        var rng = SplitMix64(seed: Self.seed)
        var nonEmpty = 0
        var combinations = Set<String>()
        var plans: [QueryPlan: Int] = [:]
        for i in 0 ..< 1024 {
            let q = Self.query(i, &rng)
            let expected = Self.reference.answer(q)
            let got = try searcher.search(q)
            combinations.insert("\(q.effectiveSort)-\(i / 4 % 256)")
            plans[got.plan, default: 0] += 1
            let context = "query \(i) (seed \(Self.seed)): \(q) plan \(got.plan)"
            #expect(Self.planFits(got.plan, q, total: expected.total), "\(context)")
            try Self.expectSame(got, expected, context)
            if got.total > 0 { nonEmpty += 1 }
        }
        // Shapes whose plan is fixed by the rules, each asserted exactly (and against the reference).
        for (i, (q, plan)) in Self.plannedShapes(&rng).enumerated() {
            let got = try searcher.search(q)
            plans[got.plan, default: 0] += 1
            #expect(got.plan == plan, "shape \(i): \(q)")
            try Self.expectSame(got, Self.reference.answer(q), "shape \(i): \(q)")
        }
        // The mix must actually exercise the engine: most queries find something, and every
        // plan runs.
        #expect(nonEmpty > 600)
        #expect(combinations.count >= 500)
        #expect(Set(plans.keys) == Set(QueryPlan.allCases), "plans run: \(plans)")
    }

    @Test("every indexed record is found by its own id order and fields")
    func allRecordsRoundTrip() throws {
        let searcher = Searcher(reader: Self.reader)
        let all = try searcher.search(SearchQuery(limit: Self.reference.records.count))
        #expect(all.total == Self.reference.records.count)
        let ids = try all.hits.map { try Self.reader.record($0.document).id }
        #expect(ids == Self.reference.records.map(\.id).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        let byID = Dictionary(Self.reference.records.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for h in all.hits.prefix(2000) {
            let r = try Self.reader.record(h.document)
            #expect(byID[r.id] == r)
        }
    }

    @Test("nearest-first without a radius stops early yet equals the full sort", arguments: [1, 10, 100])
    func nearestWithoutRadius(limit: Int) throws {
        let searcher = Searcher(reader: Self.reader)
        var rng = SplitMix64(seed: 77)
        for _ in 0 ..< 40 {
            let r = Self.records[rng.below(Self.records.count)]
            var q = SearchQuery(origin: GeoPoint(latitude: r.latitude + rng.unit() - 0.5, longitude: r.longitude + rng.unit() - 0.5), sort: .distance, limit: limit)
            if rng.chance(0.5) { q.text = rng.pick(["health", "informatics", "nursing", "computer science"]) }
            let expected = Self.reference.search(q)
            let got = try searcher.search(q)
            #expect(got.total == expected.total)
            let ids = try got.hits.map { try Self.reader.record($0.document).id }
            #expect(ids == expected.hits.map(\.id))
        }
    }
    @Test("relevance over frequent words, ties broken by id or by distance, equals the reference where bounds skip documents")
    func boundSkipping() throws {
        let searcher = Searcher(reader: Self.reader)
        var rng = SplitMix64(seed: 9090)
        // Words with bitmaps (best documents per 64) and without (block impacts per 128
        // postings). The templated text makes most top scores tie, so the k-th hit is decided by
        // id (no point) or by distance (a point): both tie-breaks must hold.
        // The sparse ones: the most frequent text terms without bitmaps.
        let sparse = (0 ..< Self.reader.terms.count).compactMap { i -> (String, Int)? in
            guard let info = Self.reader.terms.termInfo(at: i), let key = Self.reader.terms.termString(at: i),
                  !key.contains(":"), !info.hasBitmaps else { return nil }
            return (key, info.documentFrequency)
        }.sorted { $0.1 > $1.1 }.prefix(5).map(\.0)
        let words = ["health", "information", "management", "sample", "college", "medical", "records", "health information",
                     "information management", "medical records"] + sparse
        let dense = try words.filter { w in try Analyzer.tokens(w).allSatisfy { try #require(Self.reader.terms.lookup($0)).hasBitmaps } }
        #expect(dense.count >= 6 && sparse.count == 5 && words.count - dense.count == 5)
        var compared = 0, peaked = 0
        for trial in 0 ..< 480 {
            var q = SearchQuery(text: words[trial % words.count], sort: .relevance, limit: [1, 3, 10, 50][rng.below(4)])
            q.ranking = trial % 3 == 2 ? .standard : .classic
            let peaksPossible = q.ranking == .standard
            if trial % 3 != 0 {
                let r = Self.records[rng.below(Self.records.count)]
                q.origin = GeoPoint(latitude: r.latitude, longitude: r.longitude)
            }
            if trial % 5 == 2 { q.levels = [rng.pick(AwardLevel.allCases), rng.pick(AwardLevel.allCases)] }
            if trial % 7 == 3, q.origin != nil { q.radiusMiles = [25, 100, 400][rng.below(3)] }
            if rng.chance(0.2) { q.offset = rng.below(20) }
            let expected = Self.reference.search(q)
            let got = try searcher.search(q)
            #expect(got.total == expected.total, "\(q)")
            #expect(try got.hits.map { try Self.reader.record($0.document).id } == expected.hits.map(\.id), "\(q)")
            if got.total > 0 { compared += 1 }
            // Dense words under the standard fields ranking without a radius skip by field peaks.
            if peaksPossible, dense.contains(q.text!), q.radiusMiles == nil, got.total > 0 { #expect(got.plan == .fieldImpacts, "\(q)"); peaked += 1 }
        }
        #expect(compared > 400)
        #expect(peaked > 40)
    }

    @Test("one to four dense words, with levels, accreditors, a point, a radius or a page, equal the reference (the class filter's paths)")
    func denseWordCombinations() throws {
        let searcher = Searcher(reader: Self.reader)
        var rng = SplitMix64(seed: 7_2026)
        // Dense words that repeat (two frequency classes) and some that never do.
        // (ScoreClassFilterTests takes seven repeated words, past the filter's six slices.)
        let words = ["health", "information", "medical", "data", "management", "records", "technology", "and", "sample",
                     "program", "science", "computer", "of", "degree"]
        for w in words { #expect(try #require(Self.reader.terms.lookup(Analyzer.tokens(w)[0])).hasBitmaps, "\(w)") } // "records": the term "record"
        var compared = 0
        for trial in 0 ..< 400 {
            var text: [String] = []
            while text.count < 1 + trial % 4 { let w = rng.pick(words); if !text.contains(w) { text.append(w) } }
            var q = SearchQuery(text: text.joined(separator: " "), sort: .relevance, limit: [1, 5, 10, 40][rng.below(4)])
            q.ranking = .classic
            if trial % 3 == 1 { q.levels = [rng.pick(AwardLevel.allCases), rng.pick(AwardLevel.allCases)] }
            if trial % 5 == 2 { q.accreditors = [rng.pick(["CAHIIM", "ABET", "CCNE", "ACEN"])] }
            if trial % 4 == 3 {
                let r = Self.records[rng.below(Self.records.count)]
                q.origin = GeoPoint(latitude: r.latitude, longitude: r.longitude)
                if rng.chance(0.5) { q.radiusMiles = [50, 300, 1500][rng.below(3)] }
            }
            if rng.chance(0.15) { q.offset = rng.below(30) }
            let expected = Self.reference.search(q)
            let got = try searcher.search(q)
            #expect(got.total == expected.total, "\(q)")
            #expect(try got.hits.map { try Self.reader.record($0.document).id } == expected.hits.map(\.id), "\(q)")
            for (h, e) in zip(got.hits, expected.hits) { #expect(abs(h.score - e.score) <= 1e-9 * max(1, abs(e.score)), "\(q)") }
            #expect(got.plan == .denseImpacts || got.plan == .noMatch, "\(q)")
            if got.total > q.limit { compared += 1 }
        }
        #expect(compared > 250)
    }

    @Test("a sparse word with dense words (blocks and documents bounded by the other words' largest scores) equals the reference")
    func sparseLeadWithDenseWords() throws {
        let searcher = Searcher(reader: Self.reader)
        var rng = SplitMix64(seed: 3_2026)
        // The most frequent sparse words, half of them with repeated frequencies (their block
        // impacts and per-document scores then depend on more than the length).
        let candidates = (0 ..< Self.reader.terms.count).compactMap { i -> (String, Int, Bool)? in
            guard let info = Self.reader.terms.termInfo(at: i), let key = Self.reader.terms.termString(at: i),
                  !key.contains(":"), !info.hasBitmaps, info.documentFrequency >= 20 else { return nil }
            return (key, info.documentFrequency, info.maxFrequency >= 2)
        }.sorted { $0.1 > $1.1 }
        let sparse = candidates.filter(\.2).prefix(6).map(\.0) + candidates.filter { !$0.2 }.prefix(6).map(\.0)
        let dense = ["health", "information", "medical", "data", "management", "records", "and", "sample"]
        #expect(sparse.count >= 8)
        var compared = 0
        for trial in 0 ..< 300 {
            var words = [rng.pick(sparse)]
            while words.count < 2 + trial % 3 { let w = rng.pick(dense); if !words.contains(w) { words.append(w) } }
            if rng.chance(0.5) { words.shuffle(using: &rng) }
            var q = SearchQuery(text: words.joined(separator: " "), sort: .relevance, limit: [1, 10, 30][rng.below(3)])
            q.ranking = .classic
            if trial % 4 == 1 { q.levels = [rng.pick(AwardLevel.allCases), rng.pick(AwardLevel.allCases)] }
            if trial % 3 == 2 {
                let r = Self.records[rng.below(Self.records.count)]
                q.origin = GeoPoint(latitude: r.latitude, longitude: r.longitude)
                if rng.chance(0.5) { q.radiusMiles = [100, 800][rng.below(2)] }
            }
            if rng.chance(0.15) { q.offset = rng.below(20) }
            let expected = Self.reference.search(q)
            let got = try searcher.search(q)
            #expect(got.total == expected.total, "\(q)")
            #expect(try got.hits.map { try Self.reader.record($0.document).id } == expected.hits.map(\.id), "\(q)")
            #expect(got.plan == .blockImpacts || got.plan == .noMatch, "\(q)")
            if got.total > q.limit { compared += 1 }
        }
        #expect(compared > 60)
    }

    @Test("a sparse word alone or with dense words under the fields ranking (blocks best peak first, bounded by field peaks) equals the reference")
    func sparseLeadByFieldBlocks() throws {
        let searcher = Searcher(reader: Self.reader)
        var rng = SplitMix64(seed: 7_2026)
        // Sparse words of every size, with and without repeated frequencies and title occurrences.
        let sparse = (0 ..< Self.reader.terms.count).compactMap { i -> String? in
            guard let info = Self.reader.terms.termInfo(at: i), let key = Self.reader.terms.termString(at: i),
                  !key.contains(":"), !info.hasBitmaps, info.documentFrequency >= 2 else { return nil }
            return key
        }
        let dense = ["health", "information", "medical", "data", "management", "records", "and", "sample"]
        #expect(sparse.count >= 50)
        var byPlan: [QueryPlan: Int] = [:], pruned = 0
        for trial in 0 ..< 400 {
            var words = [rng.pick(sparse)]
            while words.count < 1 + trial % 3 { let w = rng.pick(dense); if !words.contains(w) { words.append(w) } }
            if rng.chance(0.5) { words.shuffle(using: &rng) }
            var q = SearchQuery(text: words.joined(separator: " "), sort: .relevance, limit: [1, 3, 10, 30][rng.below(4)])
            if trial % 5 == 1 { q.levels = [rng.pick(AwardLevel.allCases), rng.pick(AwardLevel.allCases)] }
            if trial % 7 == 3 { q.deliveries = [rng.pick(Delivery.allCases)] }
            if trial % 3 == 2 {
                let r = Self.records[rng.below(Self.records.count)]
                q.origin = GeoPoint(latitude: r.latitude, longitude: r.longitude) // ties then break by distance
            }
            if rng.chance(0.15) { q.offset = rng.below(20) }
            if rng.chance(0.1) { q.facets = [.level, .state] }
            let got = try searcher.search(q)
            try Self.expectSame(got, Self.reference.answer(q), "\(q)")
            #expect([.fieldBlocks, .intersect, .noMatch].contains(got.plan), "\(q)")
            byPlan[got.plan, default: 0] += 1
            if got.plan == .fieldBlocks && got.total > 4 * (q.offset + q.limit) { pruned += 1 }
        }
        // Most shapes take the block plan (a level filter as dense as the lead stays a clause: intersect).
        #expect(byPlan[.fieldBlocks, default: 0] > 250, "\(byPlan)")
        #expect(pruned > 60, "\(byPlan)")
    }

    @Test("facets and group sizes over most of the documents (the non-matches counted and subtracted) and over few equal the reference")
    func facetsAndGroupsOverMostDocuments() throws {
        let searcher = Searcher(reader: Self.reader)
        let n = Self.reader.documentCount
        // Words in more than half of the documents but not all, and words in fewer.
        var most: [String] = [], few: [String] = []
        for i in 0 ..< Self.reader.terms.count {
            guard let info = Self.reader.terms.termInfo(at: i), let key = Self.reader.terms.termString(at: i), !key.contains(":") else { continue }
            if info.documentFrequency > n / 2 && info.documentFrequency < n - 64 && most.count < 4 { most.append(key) }
            if info.documentFrequency >= n / 64 && info.documentFrequency <= n / 4 && few.count < 3 { few.append(key) }
        }
        #expect(most.count >= 2 && few.count >= 2, "most \(most), few \(few)")
        var queries = (most + few).map { SearchQuery(text: $0, limit: 10) }
        // Every level but one: most documents, a filter and no words.
        var levels = SearchQuery(limit: 10)
        levels.levels = Set(AwardLevel.allCases.dropFirst())
        queries.append(levels)
        var covered = 0
        for base in queries {
            for grouped in [false, true] {
                var q = base
                q.facets = FacetField.allCases
                q.groupByInstitution = grouped
                let got = try searcher.search(q)
                try Self.expectSame(got, Self.reference.answer(q), "\(q)")
                if got.total > n / 2 && got.total < n { covered += 1 }
            }
        }
        #expect(covered >= 4)
    }

    @Test("a word 255 times or more is scored with its exact frequency: dense (overflow table) or sparse (postings)")
    func saturatedFrequencies() throws {
        let searcher = Searcher(reader: Self.reader)
        #expect(try #require(Self.reader.terms.lookup("health")).hasBitmaps)
        #expect(try !#require(Self.reader.terms.lookup("zoe")).hasBitmaps)
        for (word, id) in [("health", "F0"), ("informatics", "F1"), ("zoe", "F2")] {
            #expect(try #require(Self.reader.terms.lookup(word)).maxFrequency == 255, "\(word)")
            for origin in [nil, GeoPoint(latitude: 41.9, longitude: -87.6)] {
                let q = SearchQuery(text: word, origin: origin, sort: .relevance, limit: 5)
                let got = try searcher.search(q), expected = Self.reference.search(q)
                let ids = try got.hits.map { try Self.reader.record($0.document).id }
                #expect(ids.first == id, "\(word)")
                #expect(ids == expected.hits.map(\.id), "\(word)")
                #expect(abs(got.hits[0].score - expected.hits[0].score) <= 1e-9 * expected.hits[0].score, "\(word)")
            }
        }
    }

    @Test("a radius equal to a hit's distance includes it, on every execution path (boundary, property)")
    func radiusBoundaryIsInclusive() throws {
        let searcher = Searcher(reader: Self.reader)
        var rng = SplitMix64(seed: 4242)
        // No text (cell walk), a dense word, dense words (the dense scan), a sparse word (postings).
        let texts: [String?] = [nil, "sample", "health", "health information", "informatics", "medical records"]
        var checked = 0
        for trial in 0 ..< 72 {
            let r = Self.records[rng.below(Self.records.count)]
            let origin = GeoPoint(latitude: max(-90, min(90, r.latitude + rng.unit() - 0.5)), longitude: r.longitude)
            let text = texts[trial % texts.count]
            // Every match nearest first (the ring walk), with the engine's own distances.
            let all = try searcher.search(SearchQuery(text: text, origin: origin, sort: .distance, limit: 400))
            guard all.hits.count >= 3 else { continue }
            let pick = all.hits[[0, all.hits.count / 2, all.hits.count - 1][trial % 3]]
            let radius = try #require(pick.distanceMiles)
            let expected = all.hits.filter { $0.distanceMiles! <= radius }.map(\.document)
            guard all.total == all.hits.count || expected.count < all.hits.count else { continue } // the cut lies in the listed prefix
            for sort in [SortOrder.relevance, .distance, .id] where !(sort == .relevance && text == nil) {
                let within = try searcher.search(SearchQuery(text: text, origin: origin, radiusMiles: radius, sort: sort, limit: 1000))
                #expect(within.total == expected.count, "\(text ?? "-") radius \(radius) sort \(sort)")
                #expect(Set(within.hits.map(\.document)) == Set(expected), "\(text ?? "-") radius \(radius) sort \(sort)")
                #expect(within.hits.contains { $0.document == pick.document })
            }
            checked += 1
        }
        #expect(checked > 40)
    }
}

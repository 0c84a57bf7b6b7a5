import Analysis
import Corpus
import Geo
import IndexFormat
import Search
import Testing

/// The ranking contract (README, "Ranking"): fields weigh title above description, distance
/// decays a blended score, `--sort relevance` ignores distance, classic keeps one BM25 over the
/// concatenated text; `--explain` accounts for every hit's score exactly.
@Suite("Ranking contract")
struct RankingContractTests {
    /// Three programs about bioinformatics: A names it in its title (long description), B only
    /// mentions it in a short description, C is a far copy of A. Plus filler so idf is positive.
    static let records: [ProgramRecord] = {
        let base = TestCorpus.records(count: 300, seed: 11).filter {
            !($0.title + " " + $0.description + " " + $0.institutionName).lowercased().contains("bioinformatics") && $0.validationProblem == nil
        }
        var a = base[0], b = base[1], c = base[2]
        a.id = "A"; a.title = "Bioinformatics"
        a.description = "A program of study in biology, statistics and computing with laboratory work and a capstone project for students"
        a.latitude = 42.37; a.longitude = -71.11
        b.id = "B"; b.title = "Biology, General"
        b.description = "Biology with bioinformatics"
        b.latitude = 42.36; b.longitude = -71.09
        c = a; c.id = "C"; c.latitude = 41.88; c.longitude = -87.63
        return Array(base.dropFirst(3)) + [a, b, c]
    }()
    static let reader = try! TestCorpus.buildIndex(records)
    static let cambridge = GeoPoint(latitude: 42.3736, longitude: -71.1097)

    func ids(_ r: SearchResult) throws -> [String] { try r.hits.map { try Self.reader.record($0.document).id } }

    @Test("a title match ranks above a description-only mention under fields; classic BM25 prefers the short description")
    func titleAboveDescription() throws {
        let searcher = Searcher(reader: Self.reader)
        let fields = try searcher.search(SearchQuery(text: "bioinformatics", limit: 3))
        #expect(try ids(fields).prefix(2).sorted() == ["A", "C"])
        #expect(try ids(fields).last == "B")
        var q = SearchQuery(text: "bioinformatics", limit: 3)
        q.ranking = .classic
        #expect(try ids(searcher.search(q)).first == "B")
    }

    @Test("blended order: near and relevant beats far; the decay halves the score every half distance; --sort relevance ignores distance")
    func distanceDecay() throws {
        let searcher = Searcher(reader: Self.reader)
        let blended = try searcher.search(SearchQuery(text: "bioinformatics", origin: Self.cambridge, limit: 3))
        #expect(blended.sort == .blended)
        #expect(try ids(blended) == ["A", "B", "C"])
        let text = try searcher.search(SearchQuery(text: "bioinformatics", origin: Self.cambridge, sort: .relevance, limit: 3))
        #expect(try ids(text) == ["A", "C", "B"]) // A and C tie on text; distance breaks the tie
        // C is ~850 miles away: its blended score is its text score × 0.5^(d / 25).
        let c = try #require(blended.hits.last), cText = try #require(text.hits.first { try Self.reader.record($0.document).id == "C" })
        #expect(c.score == cText.score * DistanceDecay(halfDistanceMiles: 25).factor(miles: c.distanceMiles!))
        // A radius sets the half distance to the radius.
        let inRadius = try searcher.search(SearchQuery(text: "bioinformatics", origin: Self.cambridge, radiusMiles: 10, limit: 3))
        let a = try #require(inRadius.hits.first)
        #expect(a.score == text.hits[0].score * DistanceDecay(halfDistanceMiles: 10).factor(miles: a.distanceMiles!))
        #expect(DistanceDecay(halfDistanceMiles: 25).factor(miles: 25) == 0.5)
        #expect(DistanceDecay(halfDistanceMiles: 25).factor(miles: 0) == 1)
    }

    @Test("explain: the breakdown's score equals the hit's bit for bit; field frequencies add up to the word's; every ranking and order",
          arguments: ["fields", "classic", "blended"])
    func explanationsAccountForScores(mode: String) throws {
        let searcher = Searcher(reader: DifferentialTests.reader)
        var rng = SplitMix64(seed: 99)
        var explained = 0
        for _ in 0 ..< 60 {
            var q = DifferentialTests.query(rng.below(4) * 4 + 1, &rng)
            q.text = rng.pick(["health information", "nursing", "data science", "informatics", "college health", "records"])
            q.facets = []
            q.groupByInstitution = false
            q.explain = true
            q.ranking = mode == "classic" ? .classic : .standard
            q.sort = mode == "blended" ? nil : .relevance
            if mode == "blended" { q.origin = q.origin ?? Self.cambridge }
            let r = try searcher.search(q)
            #expect(r.explanations.count == r.hits.count)
            for (h, e) in zip(r.hits, r.explanations) {
                #expect(e.document == h.document)
                #expect(e.score == h.score, "\(q)")
                #expect(e.textScore == e.terms.reduce(0) { $0 + $1.score })
                #expect(e.ranking == (mode == "classic" ? "classic" : "fields"))
                #expect((e.decayFactor != nil) == (r.sort == .blended))
                let record = try DifferentialTests.reader.record(h.document)
                for t in e.terms {
                    // The word's score is the documented saturation of its combined frequency.
                    let saturated = t.idf * (t.combinedFrequency * (e.k1 + 1) / (e.k1 + t.combinedFrequency))
                    #expect(abs(saturated - t.score) <= 1e-12 * max(1, t.score), "\(t.term): \(saturated) vs \(t.score)")
                    let all = Analyzer.tokens(record.title + " " + record.description + " " + record.institutionName).filter { $0 == t.term }.count
                    #expect(t.fields.reduce(0) { $0 + Int($1.frequency) } == all, "\(t.term) in \(record.id)")
                    if mode != "classic" {
                        #expect(t.fields.first { $0.field == "title" }!.frequency == UInt32(Analyzer.tokens(record.title).filter { $0 == t.term }.count))
                    }
                }
                explained += 1
            }
        }
        #expect(explained > 100)
    }

    @Test("facet counts of a single-valued field add up to the total; accreditor counts each listed accreditor")
    func facetsAddUp() throws {
        let searcher = Searcher(reader: DifferentialTests.reader)
        for text in ["health", "information management", "nursing", "data"] {
            var q = SearchQuery(text: text, limit: 5)
            q.facets = FacetField.allCases
            let r = try searcher.search(q)
            // Facets are a counting pass of their own: the top k keeps the plan it has without them.
            let plain = try searcher.search(SearchQuery(text: text, limit: 5))
            #expect(r.plan == plain.plan && r.total == plain.total && r.hits == plain.hits)
            #expect(r.facets.map(\.field) == FacetField.allCases)
            for f in r.facets where f.field != .accreditor {
                #expect(f.values.reduce(0) { $0 + $1.count } == r.total, "\(text) \(f.field)")
            }
            let cip2 = try #require(r.facets.first { $0.field == .cip2 })
            #expect(cip2.values.allSatisfy { $0.value.count == 2 })
        }
    }

    @Test("grouping: one hit per institution, the best first, group counts add up to the total")
    func groupsPartitionMatches() throws {
        let searcher = Searcher(reader: DifferentialTests.reader)
        var q = SearchQuery(text: "health", limit: 100_000)
        q.groupByInstitution = true
        let grouped = try searcher.search(q)
        let all = try searcher.search(SearchQuery(text: "health", limit: 100_000))
        #expect(grouped.hits.count == grouped.groupTotal)
        #expect(grouped.hits.reduce(0) { $0 + $1.groupMatches! } == all.total)
        let schools = try grouped.hits.map { try DifferentialTests.reader.record($0.document).institutionID }
        #expect(Set(schools).count == schools.count)
        // Each group's hit is the first of its school in the ungrouped order.
        var firstOf: [String: Int] = [:]
        for h in all.hits { let s = try DifferentialTests.reader.record(h.document).institutionID; if firstOf[s] == nil { firstOf[s] = h.document } }
        for (h, s) in zip(grouped.hits, schools) { #expect(firstOf[s] == h.document) }
    }

    @Test("bad weights and decay are refused naming the value")
    func badParameters() throws {
        let searcher = Searcher(reader: Self.reader)
        var q = SearchQuery(text: "biology")
        q.ranking = .fields(FieldWeights(title: -1, description: 1, institution: 1, titleB: 0.5, descriptionB: 0.5, institutionB: 0.5, k1: 1.2))
        #expect(throws: SearchError.self) { try searcher.search(q) }
        q.ranking = .fields(FieldWeights(title: 1, description: 1, institution: 1, titleB: 1.5, descriptionB: 0.5, institutionB: 0.5, k1: 1.2))
        #expect(throws: SearchError.self) { try searcher.search(q) }
        q.ranking = .standard
        q.decay = DistanceDecay(halfDistanceMiles: 0)
        #expect(throws: SearchError.invalidDecay(0)) { try searcher.search(q) }
        #expect(SearchError.invalidDecay(0).description.contains("--decay-miles"))
    }
}

/// `QueryPlanner.plan` is a pure function: each rule, and its precedence, by example.
@Suite("Query planner rules")
struct QueryPlannerTests {
    static let base = PlanInputs()

    @Test("each rule picks its plan, first match wins")
    func rules() {
        var p = Self.base
        #expect(QueryPlanner.plan(p) == .intersect)
        p.hasEmptyClause = true; p.hasAlternatives = true
        #expect(QueryPlanner.plan(p) == .noMatch)
        p = Self.base; p.hasAlternatives = true; p.sort = .id; p.knownCount = 50_000
        #expect(QueryPlanner.plan(p) == .idWalk) // a walk in id order scores nothing by bounds
        p = Self.base; p.sort = .id; p.knownCount = 50_000
        #expect(QueryPlanner.plan(p) == .idWalk)
        p.knownCount = 10 // too rare: scanning it beats walking ids
        #expect(QueryPlanner.plan(p) == .intersect)
        p = Self.base; p.hasOrigin = true; p.sort = .distance
        #expect(QueryPlanner.plan(p) == .nearestCells)
        p.cheapestScan = 100
        #expect(QueryPlanner.plan(p) == .intersect)
        p = Self.base; p.hasOrigin = true; p.hasRadius = true; p.hasText = false; p.sparseClauses = 0; p.denseClauses = 0; p.sort = .distance
        #expect(QueryPlanner.plan(p) == .radiusCells)
        p = Self.base; p.hasOrigin = true; p.sort = .blended
        #expect(QueryPlanner.plan(p) == .decayRings)
        p.hasRadius = true
        #expect(QueryPlanner.plan(p) == .intersect)
        p = Self.base; p.classic = true; p.sparseClauses = 0; p.denseClauses = 2; p.scorerPrunes = true
        #expect(QueryPlanner.plan(p) == .denseImpacts)
        p.classic = false
        #expect(QueryPlanner.plan(p) == .intersect)
        p = Self.base; p.sparseClauses = 0; p.denseClauses = 1; p.fieldPeaksAvailable = true
        #expect(QueryPlanner.plan(p) == .fieldImpacts)
        p.hasRadius = true; p.hasOrigin = true
        #expect(QueryPlanner.plan(p) == .intersect)
        p.hasRadius = false; p.sort = .blended
        #expect(QueryPlanner.plan(p) == .decayRings)
        p.hasAlternatives = true // rings bound a group by its best alternative
        #expect(QueryPlanner.plan(p) == .decayRings)
        p.sort = .relevance // field peaks bound a group by its best alternative's
        #expect(QueryPlanner.plan(p) == .fieldImpacts)
        p.fieldPeaksAvailable = false
        #expect(QueryPlanner.plan(p) == .intersect)
        p = Self.base; p.hasOrigin = true; p.sort = .blended; p.countedMatches = QueryPlanner.fewMatches
        #expect(QueryPlanner.plan(p) == .intersect) // few matches counted: scored, no rings
        p.countedMatches = QueryPlanner.fewMatches + 1
        #expect(QueryPlanner.plan(p) == .decayRings)
        p.sort = .distance; p.countedMatches = 0
        #expect(QueryPlanner.plan(p) == .intersect)
        p.countedMatches = nil
        #expect(QueryPlanner.plan(p) == .nearestCells)
        p = Self.base; p.fieldBlockLeadAvailable = true
        #expect(QueryPlanner.plan(p) == .fieldBlocks)
        p.hasRadius = true // a radius's plans test it per match
        #expect(QueryPlanner.plan(p) == .intersect)
        p.hasRadius = false; p.hasOrigin = true; p.sort = .blended; p.cheapestScan = 100
        #expect(QueryPlanner.plan(p) == .intersect) // blended order: the decay is not in the block bound
        p.sort = .relevance
        #expect(QueryPlanner.plan(p) == .fieldBlocks)
        p.hasAlternatives = true
        #expect(QueryPlanner.plan(p) == .intersect)
        p = Self.base; p.classic = true; p.blockLeadAvailable = true
        #expect(QueryPlanner.plan(p) == .blockImpacts)
        p.hasAlternatives = true // the bounds assume one term per word
        #expect(QueryPlanner.plan(p) == .intersect)
    }
}

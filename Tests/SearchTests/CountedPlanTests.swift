import Corpus
import Geo
import IndexFormat
import Search
import Testing

/// With a point and no radius, the ring plans count the matches after their walk when no
/// clause knows the total. When every list is larger than `QueryPlanner.walkThreshold` but
/// the intersection is small, the searcher counts first and the planner then scores the few
/// matches (`intersect`) instead of walking every cell: same answers, asserted against the
/// reference. Lists that large but still stored as postings (below 1/32 of the documents) need
/// an index of more than 131,072 records.
@Suite("Counted first: a small intersection of large lists with a point")
struct CountedPlanTests {
    static let records: [ProgramRecord] = {
        var records = SampleCorpusGenerator(zips: TestCorpus.zips, seed: 0xC0_2026).generate(count: 140_000)
        // Made-up words, each in more than 4,096 records but below 1/32 of them (sparse):
        // alphaword and betaword (1/33 and 1/34) together in 1/1,122 (about 125, few);
        // gammaword never with alphaword; deltaword with alphaword in about 700 (more than
        // `QueryPlanner.fewMatches`: the rings, with the counted total).
        for i in records.indices {
            if i % 33 == 0 { records[i].description += " alphaword" }
            if i % 34 == 0 { records[i].description += " betaword" }
            if i % 33 == 1 { records[i].description += " gammaword" }
            if (i % 33 == 0 && (i / 33) % 6 == 0) || i % 39 == 5 { records[i].description += " deltaword" }
        }
        return records
    }()

    @Test("blended and distance order over intersections of large sparse lists equal the reference: few matches on intersect, more on the rings")
    func smallIntersectionOfLargeLists() throws {
        let reader = try TestCorpus.buildIndex(Self.records, name: "counted-plan")
        for word in ["alphaword", "betaword", "gammaword", "deltaword"] {
            let info = try #require(reader.terms.lookup(word))
            #expect(!info.hasBitmaps && info.documentFrequency > QueryPlanner.walkThreshold, "\(word): \(info.documentFrequency)")
        }
        let reference = ReferenceEngine(records: Self.records)
        let searcher = Searcher(reader: reader)
        var rng = SplitMix64(seed: 99)
        var matched = 0, rings = 0
        for trial in 0 ..< 15 {
            let r = Self.records[rng.below(Self.records.count)]
            let text = ["alphaword betaword", "betaword alphaword", "alphaword gammaword", "alphaword betaword gammaword",
                        "alphaword deltaword"][trial % 5]
            let sort: SortOrder? = trial % 3 == 2 ? .distance : nil
            let q = SearchQuery(text: text, origin: GeoPoint(latitude: r.latitude, longitude: r.longitude),
                                sort: sort, limit: [1, 10, 30][trial % 3])
            let got = try searcher.search(q)
            try DifferentialTests.expectSame(got, reference.answer(q), "\(q)", reader: reader)
            if text.contains("deltaword") {
                // More than `fewMatches`: the rings, their total the one counted first.
                #expect(got.total > QueryPlanner.fewMatches, "\(q)")
                #expect(got.plan == (sort == .distance ? .nearestCells : .decayRings), "\(q): \(got.plan)")
                rings += 1
            } else {
                #expect(got.total <= QueryPlanner.fewMatches && got.plan == .intersect, "\(q): \(got.plan)")
            }
            if got.total > 0 { matched += 1 }
        }
        #expect(matched >= 6 && rings == 3)
    }
}

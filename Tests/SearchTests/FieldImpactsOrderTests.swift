import Corpus
import IndexFormat
import Search
import Testing

/// One dense word alone under the standard fields ranking (`QueryPlan.fieldImpacts`) visits the
/// 64s of its best peak bytes first, then the others. With one hit per school the first visit
/// can hold fewer schools than asked for — here a school whose 320 programs carry the word in
/// their titles fills the best 64s — so the answer needs the second visit too.
@Suite("One dense word, best 64s first, grouped by school")
struct FieldImpactsOrderTests {
    static let records: [ProgramRecord] = {
        var records = SampleCorpusGenerator(zips: TestCorpus.zips, seed: 0x0DE5).generate(count: 6000)
        let school = records[0]
        for i in records.indices {
            // "nursing" in every description: a dense word (and the only clause of the query).
            records[i].description = "Coursework in nursing practice, patient care and community health, with a practicum."
            if i < 320 {
                // One school's many programs, titled with the word: the best peak bytes.
                records[i].institutionID = school.institutionID
                records[i].institutionName = school.institutionName
                records[i].city = school.city
                records[i].state = school.state
                records[i].zip = school.zip
                records[i].latitude = school.latitude
                records[i].longitude = school.longitude
                records[i].title = "Nursing"
            } else if i % 50 == 0 {
                // Other schools' programs with the word in a longer title: the next best.
                records[i].title = "Registered Nursing and Patient Care \(i % 7)"
            }
        }
        return records
    }()

    @Test("the page holds every school the reference finds, not only those of the best 64s", arguments: [3, 5, 12])
    func groupedPageMatchesReference(limit: Int) throws {
        let reader = try TestCorpus.buildIndex(Self.records, name: "field-impacts-order")
        #expect(reader.terms.lookup("nursing")?.hasBitmaps == true)
        var q = SearchQuery(text: "nursing", sort: .relevance, limit: limit)
        q.ranking = .standard
        q.matching = .exact
        q.groupByInstitution = true
        let got = try Searcher(reader: reader).search(q)
        #expect(got.plan == .fieldImpacts)
        #expect(got.hits.count == limit)
        try DifferentialTests.expectSame(got, ReferenceEngine(records: Self.records).answer(q), "\(q)", reader: reader)
    }
}

import Foundation
import SchoolFinderKit
import TestSupport
import Testing

@Suite("SchoolFinderKit: open, build, search, read records")
struct ProgramIndexTests {
    static func record(_ n: Int, title: String, level: AwardLevel = .bachelor, latitude: Double = 41.88) -> ProgramRecord {
        ProgramRecord(id: "id-\(n)", institutionID: "inst-\(n % 3)", institutionName: "College \(n % 3)", city: "City \(n)",
                      state: n % 2 == 0 ? "IL" : "TX", zip: "6060\(n % 10)", latitude: latitude, longitude: -87.63,
                      cipCode: "51.07\(10 + n % 90)", title: title, description: "Description of program \(n).",
                      level: level, accreditors: n % 2 == 0 ? ["CAHIIM"] : [], delivery: n % 2 == 0 ? .online : .campus)
    }

    @Test("a built index answers with every field of each record as it was given")
    func roundTrip() throws {
        let dir = ProjectPaths.temporaryDirectory("kit")
        let records = (0 ..< 40).map { Self.record($0, title: $0 % 4 == 0 ? "Health Informatics" : "Nursing", latitude: 40 + Double($0) / 10) }
        let index = try ProgramIndex.build(records, writingTo: dir + "/a.sfidx")
        #expect(index.count == 40 && index.zipCount == 0 && !index.isSampleData && index.path == dir + "/a.sfidx")
        let response = try index.search(SearchRequest(text: "informatics", sort: .id, limit: 100))
        let expected = records.filter { $0.title.contains("Informatics") }.sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
        #expect(response.total == expected.count)
        #expect(response.hits.map(\.record) == expected) // ProgramRecord is Equatable: every field compared
        #expect(response.terms == ["informatics"] && response.sort == .id)
        #expect(response.hits.allSatisfy { $0.score > 0 && $0.distanceMiles == nil })

        let reopened = try ProgramIndex(contentsOf: dir + "/a.sfidx")
        let page = try reopened.search(SearchRequest(origin: GeoPoint(latitude: 40, longitude: -87.63), limit: 3, offset: 1))
        #expect(page.total == 40 && page.sort == .distance)
        #expect(page.hits.map(\.record.id) == ["id-1", "id-2", "id-3"])
    }

    @Test("facets, institution groups, the classic ranking and explain reach the library's response")
    func facetsGroupsRankingExplain() throws {
        let dir = ProjectPaths.temporaryDirectory("kit-facets")
        // 30 programs at three institutions (n % 3, each in one place; the second in TX, the others
        // in IL); even n carry CAHIIM, every third is a master's.
        func program(_ n: Int) -> ProgramRecord {
            let title = n % 5 == 0 ? "Health Informatics" : "Health Services"
            let level: AwardLevel = n % 3 == 0 ? .master : .bachelor
            let accreditors: [String] = n % 2 == 0 ? ["CAHIIM"] : []
            return ProgramRecord(id: "id-\(n)", institutionID: "inst-\(n % 3)", institutionName: "College \(n % 3)", city: "City \(n % 3)",
                                 state: n % 3 == 1 ? "TX" : "IL", zip: "6060\(n % 3)", latitude: 41 + Double(n % 3), longitude: -87.63,
                                 cipCode: "51.0710", title: title, description: "Program \(n).",
                                 level: level, accreditors: accreditors, delivery: .campus)
        }
        let records = (0 ..< 30).map(program)
        let index = try ProgramIndex.build(records, writingTo: dir + "/f.sfidx")
        var request = SearchRequest(text: "health", limit: 2)
        request.facets = [.state, .level, .accreditor]
        let counted = try index.search(request)
        #expect(counted.total == 30 && counted.institutionTotal == nil)
        #expect(counted.facets.map(\.field) == [.state, .level, .accreditor])
        #expect(counted.facets[0].values.map(\.value) == ["IL", "TX"] && counted.facets[0].values.map(\.count) == [20, 10])
        #expect(counted.facets[1].values.map(\.value) == ["bachelor", "master"] && counted.facets[1].values.map(\.count) == [20, 10])
        #expect(counted.facets[2].values.map(\.value) == ["CAHIIM"] && counted.facets[2].values.map(\.count) == [15])
        #expect(counted.hits.allSatisfy { $0.groupMatches == nil && $0.explanation == nil })

        request.facets = []
        request.groupByInstitution = true
        request.limit = 10
        let grouped = try index.search(request)
        #expect(grouped.total == 30 && grouped.institutionTotal == 3 && grouped.hits.count == 3)
        #expect(Set(grouped.hits.map(\.record.institutionID)).count == 3 && grouped.hits.map { $0.groupMatches ?? 0 } == [10, 10, 10])

        request.groupByInstitution = false
        request.ranking = .classic
        request.explain = true
        request.limit = 3
        let explained = try index.search(request)
        #expect(explained.sort == .relevance)
        for hit in explained.hits {
            let e = try #require(hit.explanation)
            #expect(e.ranking == "classic" && e.score == hit.score && e.terms.map(\.term) == ["health"], "\(e.score) \(hit.score) \(e.ranking)")
        }
        #expect(QueryPlan.allCases.contains(explained.plan))
    }

    @Test("forgiving matching reaches the library: a synonym dictionary at build, a misspelling and an abbreviation at search, and how they were read")
    func forgiving() throws {
        let dir = ProjectPaths.temporaryDirectory("kit-forgiving")
        let records = (0 ..< 40).map { Self.record($0, title: $0 % 4 == 0 ? "Health Informatics" : "Registered Nursing") }
        let (synonyms, problems) = SynonymDictionary.parse("rn => registered nursing ; level=bachelor\n")
        #expect(problems.isEmpty)
        let index = try ProgramIndex.build(records, synonyms: synonyms, writingTo: dir + "/f.sfidx")
        var typo = SearchRequest(text: "informatcs", limit: 50)
        #expect(try index.search(typo).total == 0) // exact matching is the library's default
        typo.matching = .forgiving
        let fixed = try index.search(typo)
        #expect(fixed.total == 10 && fixed.hits.allSatisfy { $0.record.title == "Health Informatics" })
        #expect(fixed.understanding?.words.first?.alternatives.map(\.term) == ["informatics"])
        var abbreviation = SearchRequest(text: "RN", limit: 50)
        abbreviation.matching = .forgiving
        let nursing = try index.search(abbreviation)
        #expect(nursing.total == 30 && nursing.understanding?.appliedImpliedLevels == true)
        #expect(nursing.hits.allSatisfy { $0.record.title == "Registered Nursing" })
    }

    @Test("errors name the file or the value: missing file, no valid records, invalid request")
    func errors() throws {
        let dir = ProjectPaths.temporaryDirectory("kit-errors")
        #expect(throws: ProgramIndexError.index(.fileNotFound(path: dir + "/none.sfidx"))) { try ProgramIndex(contentsOf: dir + "/none.sfidx") }
        #expect(throws: ProgramIndexError.index(.emptyCorpus)) { try ProgramIndex.build([], writingTo: dir + "/e.sfidx") }
        let index = try ProgramIndex.build([Self.record(1, title: "Nursing")], writingTo: dir + "/b.sfidx")
        #expect(throws: ProgramIndexError.search(.radiusWithoutOrigin)) { try index.search(SearchRequest(radiusMiles: 5)) }
        let e = ProgramIndexError.search(.noSearchableWords("!!"))
        #expect(e.description.contains("\"!!\" has no searchable words"))
    }
}

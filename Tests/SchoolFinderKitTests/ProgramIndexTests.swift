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

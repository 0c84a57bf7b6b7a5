import Corpus
@testable import IndexFormat
import Testing

/// `RecordColumns`, what the writer keeps of each record past the text pass: every field
/// comes back as taken (the description aside, numbers as DETAILS saturates them), equal
/// strings and lists share one id, and invalid records are judged as they come.
@Suite("Record columns")
struct RecordColumnsTests {
    /// Generated records with details, plus the awkward cases: lists whose members hold the
    /// "|" the writer joins with, an empty member, the same members in another order, ids and
    /// names in two Unicode spellings, numbers below 0 and past DETAILS's range, invalid rows.
    static func records() -> [ProgramRecord] {
        var records = DetailsFixtures.records()
        records[1].accreditors = ["A|B"]
        records[2].accreditors = ["A", "B"]
        records[4].accreditors = [""]
        records[5].accreditors = ["B", "A"]
        records[7].preaccreditors = ["", ""]
        records[8].institutionName = "Caf\u{E9} College"      // composed
        records[9].institutionName = "Cafe\u{301} College"    // decomposed: another string
        records[10].id = "caf\u{E9}-1"
        records[11].id = "cafe\u{301}-1"
        records[12].completers = -5
        records[13].medianEarnings = Int.max
        records[14].medianDebt = Int(IndexLayout.detailUnknown)
        records[15].state = "Illinois"
        records[16].cipCode = "51"
        records[17].title = ""
        records[18].description = "a description the columns do not keep"
        return records
    }

    @Test("every record reads back as taken: strings, lists, coordinates, level, delivery, control; numbers saturated")
    func roundTrip() {
        var records = Self.records()
        var columns = RecordColumns()
        records.withUnsafeBufferPointer { all in
            for i in all.indices { columns.append(all.baseAddress! + i) }
        }
        #expect(columns.count == records.count)
        for (i, original) in records.enumerated() {
            var expected = original
            expected.description = ""
            func saturated(_ n: Int?) -> Int? { n.map { min(max(0, $0), Int(IndexLayout.detailUnknown) - 1) } }
            expected.completers = saturated(original.completers)
            expected.medianEarnings = saturated(original.medianEarnings)
            expected.medianDebt = saturated(original.medianDebt)
            let back = columns.record(i)
            #expect(back == expected, "record \(i)")
            // Byte-exact: `==` on String would let the two spellings pass for each other.
            #expect(Array(back.id.utf8) == Array(original.id.utf8) && Array(back.institutionName.utf8) == Array(original.institutionName.utf8))
        }
        // Lists differ by their members' bytes and order, not by how "|" joins them.
        let ids = records.indices.map { columns.row($0).accreditors }
        #expect(Set([ids[1], ids[2], ids[4], ids[5]]).count == 4 && !ids[1 ... 5].contains(RecordColumns.emptyList))
        #expect(columns.row(8).institutionName != columns.row(9).institutionName)
        // Equal strings share one id.
        #expect(columns.stringCount < records.count * 8 && columns.row(0).state == columns.row(3).state)
    }

    @Test("invalid records are judged as taken, with the reason the writer reports; ids compare by their bytes")
    func problemsAndIDOrder() {
        var records = Self.records()
        var columns = RecordColumns()
        records.withUnsafeBufferPointer { all in
            for i in all.indices { columns.append(all.baseAddress! + i) }
        }
        let expected = records.enumerated().compactMap { i, r -> (Int, String)? in
            ProgramRecord.validationProblem(id: r.id, state: r.state, cipCode: r.cipCode, latitude: r.latitude,
                                            longitude: r.longitude, title: r.title).map { (i, "record \"\(r.id)\": \($0)") }
        }
        #expect(expected.map(\.0) == [15, 16, 17])
        #expect(columns.problems.map(\.record) == expected.map(\.0) && columns.problems.map(\.reason) == expected.map(\.1))
        for a in records.indices {
            for b in records.indices where (a + b) % 7 == 0 || b == a + 1 {
                #expect(columns.compareIDs(a, b) == IndexWriter.compareUTF8(records[a].id, records[b].id), "\(a) vs \(b)")
            }
        }
        #expect(columns.compareIDs(10, 11) != 0)
    }
}

import Corpus
import Testing

@Suite("CSV: quotes inside quoted fields")
struct CSVQuoteRepairTests {
    func rows(_ text: String) -> [Result<CSVReader.Row, CSVReader.RowError>] {
        var out: [Result<CSVReader.Row, CSVReader.RowError>] = []
        CSVReader.forEachRow(Array(text.utf8)) { out.append($0) }
        return out
    }

    @Test("an undoubled quote inside a quoted field is kept as text, with a warning")
    func repaired() throws {
        let r = rows("a,\"https://x.org/?hl=\"veteran\"&q=1\",b\nc,d,e\n")
        let first = try r[0].get()
        #expect(first.fields == ["a", "https://x.org/?hl=\"veteran\"&q=1", "b"])
        #expect(first.warning != nil)
        let second = try r[1].get()
        #expect(second.fields == ["c", "d", "e"] && second.warning == nil)
    }

    @Test("well-formed quoting is unchanged: doubled quotes, quote before comma, line end and end of file")
    func wellFormed() throws {
        let r = rows("\"a \"\"b\"\"\",\"c\"\r\n\"d\",\"e\"")
        #expect(try r[0].get().fields == ["a \"b\"", "c"] && (try r[0].get().warning) == nil)
        #expect(try r[1].get().fields == ["d", "e"])
    }

    @Test("readTable reports the repaired row as a warning with its line and keeps it")
    func tableWarning() throws {
        var report = IngestReport()
        var seen: [[String]] = []
        _ = try CSVReader.readTable(Array("A,B\n1,\"x\"y\"\n2,z\n".utf8), path: "t.csv", report: &report) { _, row, _ in seen.append(row.fields) }
        #expect(seen == [["1", "x\"y"], ["2", "z"]])
        #expect(report.warnings.map(\.description) == ["t.csv:2: a quote inside a quoted field is not doubled; kept it as text"])
        #expect(report.skippedCount == 0)
    }
}

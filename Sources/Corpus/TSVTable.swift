/// The hand-written mapping tables (`Corpus/mapping/*.tsv`) read through `TabSeparatedTable`,
/// with each field trimmed and a per-row validation that returns a reason.
enum TSVTable {
    /// Checks that the header starts with `columns` (optionally followed by up to `optional`
    /// more), then calls `row(line, fields)` for each data row with its fields trimmed. A row
    /// whose field count is outside `columns.count ... columns.count + optional`, or for which
    /// `row` returns a reason, is passed to `report` as `path:line: reason`.
    static func read(_ bytes: [UInt8], path: String, columns: [String], optional: Int,
                     _ row: (Int, [String]) -> String?, report: (IngestIssue) -> Void) throws(CorpusError) {
        var issues = IngestReport()
        var found: [IngestIssue] = []
        defer {
            // Field-count problems (found by the table reader) and row problems, in line order.
            for issue in (found + issues.skipped).sorted(by: { $0.line < $1.line }) { report(issue) }
        }
        try TabSeparatedTable.read(bytes, path: path, columns: columns, report: &issues) { r, _ in
            let fields = r.fields.map { $0.trimmingASCIIWhitespace() }
            let most = columns.count + optional
            guard fields.count <= most else {
                found.append(IngestIssue(file: path, line: r.line, reason: "row has \(fields.count) tab-separated fields, expected \(columns.count == most ? "\(most)" : "\(columns.count) to \(most)")"))
                return
            }
            if let reason = row(r.line, fields) { found.append(IngestIssue(file: path, line: r.line, reason: reason)) }
        }
    }
}

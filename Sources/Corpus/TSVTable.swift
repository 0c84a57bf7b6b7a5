/// Tab-separated tables with a header row, as the project's mapping files are written: UTF-8
/// (Latin-1 tolerated), LF or CRLF, no quoting, one record per line; blank lines are ignored.
enum TSVTable {
    /// Checks that the header starts with `columns` (optionally followed by up to `optional`
    /// more), then calls `row(line, fields)` for each data row with its fields trimmed. A row
    /// whose field count is outside `columns.count ... columns.count + optional`, or for which
    /// `row` returns a reason, is passed to `report` as `path:line: reason`.
    static func read(_ bytes: [UInt8], path: String, columns: [String], optional: Int,
                     _ row: (Int, [String]) -> String?, report: (IngestIssue) -> Void) throws(CorpusError) {
        var header: [String]?
        var headerError: CorpusError?
        FileBytes.forEachLine(bytes) { line, raw in
            guard headerError == nil else { return }
            let text = FileBytes.decodeText(raw)
            if text.trimmingASCIIWhitespace().isEmpty { return }
            let fields = text.split(separator: "\t", omittingEmptySubsequences: false).map { String($0).trimmingASCIIWhitespace() }
            guard let h = header else {
                if Array(fields.prefix(columns.count)) != columns {
                    // Missing names, or all of them when they are present but out of order.
                    let missing = columns.filter { !fields.contains($0) }
                    headerError = .missingColumns(path: path, columns: missing.isEmpty ? columns : missing, found: fields)
                }
                header = fields
                return
            }
            let most = min(h.count, columns.count + optional)
            guard fields.count >= columns.count, fields.count <= most else {
                report(IngestIssue(file: path, line: line, reason: "row has \(fields.count) tab-separated fields, expected \(columns.count == most ? "\(most)" : "\(columns.count) to \(most)") (\(h.prefix(most).joined(separator: ", ")))"))
                return
            }
            if let reason = row(line, fields) { report(IngestIssue(file: path, line: line, reason: reason)) }
        }
        if let e = headerError { throw e }
        if header == nil { throw .emptyFile(path: path) }
    }
}

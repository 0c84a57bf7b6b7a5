/// The tab-separated tables of the derived corpus (`Corpus/*.tsv`, docs/CORPUS_FORMAT.md):
/// UTF-8, LF line ends, a header row of column names, one record per line, fields separated by
/// one TAB, no quoting. Writers replace TAB, CR and LF inside a value with a space, so every
/// value reads back exactly (values that held those characters come back with spaces).
public enum TabSeparatedTable {
    /// One data row: its 1-based line and fields (as many as the header names).
    public struct Row: Sendable {
        public let line: Int
        public let fields: [String]
    }

    /// Reads `bytes` whose header must start with exactly `columns`; the header may name more
    /// columns (a newer writer, or optional ones such as a note). A data row needs at least
    /// `columns.count` fields and at most as many as the header; otherwise it is reported
    /// `path:line` and skipped. Text is UTF-8 (Latin-1 tolerated, see `FileBytes.decodeText`);
    /// CRLF and blank lines are fine. Throws when the header does not match.
    /// - Complexity: O(bytes).
    public static func read(_ bytes: [UInt8], path: String, columns: [String],
                            report: inout IngestReport, _ body: (Row, inout IngestReport) -> Void) throws(CorpusError) {
        var headerCount: Int?
        var headerProblem: CorpusError?
        var rep = report
        FileBytes.forEachLine(bytes) { line, slice in
            if headerProblem != nil || slice.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
            let fields = slice.split(separator: 0x09, omittingEmptySubsequences: false).map { FileBytes.decodeText($0) }
            guard let count = headerCount else {
                let names = fields.map { $0.trimmingASCIIWhitespace() }
                if Array(names.prefix(columns.count)) != columns {
                    let missing = columns.filter { !names.contains($0) }
                    headerProblem = .missingColumns(path: path, columns: missing.isEmpty ? columns : missing, found: names)
                }
                headerCount = fields.count
                return
            }
            guard fields.count >= columns.count, fields.count <= count else {
                let expected = count == columns.count ? "\(count)" : "\(columns.count) to \(count)"
                rep.skip(IngestIssue(file: path, line: line, reason: "row has \(fields.count) tab-separated fields, expected \(expected)"))
                return
            }
            body(Row(line: line, fields: fields), &rep)
        }
        report = rep
        if let headerProblem { throw headerProblem }
        if headerCount == nil { throw .emptyFile(path: path) }
    }

    /// Accumulates a table as text. Values are written as given, with TAB, CR and LF replaced
    /// by a space; `nil` is written as an empty field.
    public struct Writer: Sendable {
        public private(set) var bytes: [UInt8] = []

        public init(columns: [String]) { row(columns) }

        public mutating func row(_ fields: [String?]) {
            for (i, f) in fields.enumerated() {
                if i > 0 { bytes.append(0x09) }
                for b in (f ?? "").utf8 { bytes.append(b == 0x09 || b == 0x0A || b == 0x0D ? 0x20 : b) }
            }
            bytes.append(0x0A)
        }
    }

    /// `nil` for an empty field, else the integer it spells; `.failure` names the bad value.
    public static func optionalInt(_ text: String, column: String) -> Result<Int?, CorpusError.Field> {
        if text.isEmpty { return .success(nil) }
        guard let v = Int(text) else { return .failure(.init(reason: "\(column) \"\(text)\" is not a whole number")) }
        return .success(v)
    }

    /// A `;`-separated list ("" → []).
    public static func list(_ text: String) -> [String] {
        text.isEmpty ? [] : text.split(separator: ";").map(String.init)
    }
}

extension CorpusError {
    /// Why one field of a row is unusable (becomes an `IngestIssue` reason).
    public struct Field: Error, Sendable {
        public let reason: String
        public init(reason: String) { self.reason = reason }
    }
}

/// RFC 4180 CSV as NCES publishes it: comma-separated, fields optionally in double quotes,
/// `""` for a quote inside quotes, commas and newlines allowed inside quotes, LF or CRLF rows,
/// an optional UTF-8 byte-order mark, UTF-8 or Latin-1 text (see `FileBytes.decodeText`).
///
/// One repair, because NCES files have it (HD2022 writes `"…&hl="veteran"&…"` inside a quoted
/// URL): inside quotes, a lone `"` that is not followed by a comma, a line end or the end of
/// the file cannot be a closing quote, so it is kept as text and the row carries a warning.
public struct CSVReader {
    /// One parsed row: its fields and the 1-based line on which it starts.
    public struct Row: Sendable {
        public let line: Int
        public let fields: [String]
        /// Set when a stray quote inside a quoted field was kept as text.
        public var warning: String? = nil
    }

    /// A row that could not be parsed (an unbalanced quote runs to the end of the file).
    public struct RowError: Error, Sendable {
        public let line: Int
        public let reason: String
    }

    /// Parses every row of `bytes`, calling `body` with each parsed row or row error.
    /// Rows that are completely empty are skipped. - Complexity: O(bytes).
    public static func forEachRow(_ bytes: [UInt8], _ body: (Result<Row, RowError>) -> Void) {
        var i = 0
        let n = bytes.count
        if n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        var line = 1
        var fields: [String] = []
        var field: [UInt8] = []
        var rowStartLine = 1
        var inQuotes = false
        var quoteOpenedLine = 1
        var fieldWasQuoted = false
        var strayQuote = false
        var repairedQuote = false

        func endField() {
            fields.append(FileBytes.decodeText(field))
            field.removeAll(keepingCapacity: true)
            fieldWasQuoted = false
        }
        func endRow() {
            endField()
            if strayQuote {
                body(.failure(RowError(line: rowStartLine, reason: "a quote appears inside an unquoted field or after a closing quote")))
            } else if !(fields.count == 1 && fields[0].isEmpty) {
                body(.success(Row(line: rowStartLine, fields: fields,
                                  warning: repairedQuote ? "a quote inside a quoted field is not doubled; kept it as text" : nil)))
            }
            fields.removeAll(keepingCapacity: true)
            strayQuote = false
            repairedQuote = false
        }

        while i < n {
            let b = bytes[i]
            if inQuotes {
                if b == 0x22 {
                    if i + 1 < n, bytes[i + 1] == 0x22 { field.append(0x22); i += 2; continue }
                    if i + 1 < n, bytes[i + 1] != 0x2C, bytes[i + 1] != 0x0A, bytes[i + 1] != 0x0D {
                        field.append(0x22); repairedQuote = true; i += 1; continue
                    }
                    inQuotes = false
                    i += 1
                    continue
                }
                if b == 0x0A { line += 1 }
                field.append(b)
                i += 1
                continue
            }
            switch b {
            case 0x2C: // ,
                endField()
            case 0x22: // "
                // A quote opens a quoted field at its start, or after a lone "=" (NCES writes ="01.0000").
                if !fieldWasQuoted && (field.isEmpty || field == [0x3D]) {
                    inQuotes = true
                    fieldWasQuoted = true
                    quoteOpenedLine = line
                } else {
                    strayQuote = true
                }
            case 0x0D where i + 1 < n && bytes[i + 1] == 0x0A:
                break
            case 0x0A:
                endRow()
                line += 1
                rowStartLine = line
            default:
                field.append(b)
            }
            i += 1
        }
        if inQuotes {
            body(.failure(RowError(line: quoteOpenedLine, reason: "unbalanced quote: the quoted field opened here never closes")))
            return
        }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { endRow() }
    }

    /// A header row mapped to column positions, matched case-insensitively after trimming.
    public struct Header: Sendable {
        public let names: [String]
        let positions: [String: Int]

        public init(_ fields: [String]) {
            names = fields.map { $0.trimmingASCIIWhitespace() }
            var p: [String: Int] = [:]
            for (i, name) in names.enumerated() where p[name.uppercased()] == nil { p[name.uppercased()] = i }
            positions = p
        }

        public func index(of column: String) -> Int? { positions[column.uppercased()] }

        /// Positions of `columns`, or `CorpusError.missingColumns` naming those absent.
        public func require(_ columns: [String], path: String) throws(CorpusError) -> [Int] {
            let missing = columns.filter { index(of: $0) == nil }
            if !missing.isEmpty { throw .missingColumns(path: path, columns: missing, found: names) }
            return columns.map { index(of: $0)! }
        }
    }

    /// Reads a file with a header row: returns the header and calls `body` for each data row
    /// (row errors are reported into `report` as skipped). Throws on an empty file.
    public static func readTable(_ bytes: [UInt8], path: String, report: inout IngestReport,
                                 _ body: (Header, Row, inout IngestReport) -> Void) throws(CorpusError) -> Header {
        var header: Header?
        var rep = report
        forEachRow(bytes) { result in
            switch result {
            case let .failure(e):
                rep.skip(IngestIssue(file: path, line: e.line, reason: e.reason))
            case let .success(row):
                if let h = header {
                    if row.fields.count != h.names.count {
                        rep.skip(IngestIssue(file: path, line: row.line, reason: "row has \(row.fields.count) fields, the header has \(h.names.count)"))
                    } else {
                        if let w = row.warning { rep.warn(IngestIssue(file: path, line: row.line, reason: w)) }
                        body(h, row, &rep)
                    }
                } else {
                    header = Header(row.fields)
                }
            }
        }
        report = rep
        guard let h = header else { throw .emptyFile(path: path) }
        return h
    }

    /// Reads a file whose header must name `columns` (case-insensitively; in any order, among
    /// others) and may name `optional` ones: their positions are resolved once and passed to
    /// `body` with each data row — `required[k]` is the position of `columns[k]`, `optional[k]`
    /// that of `optional[k]` or `nil`. Throws `.missingColumns` naming what the header lacks
    /// (then `body` is never called), `.emptyFile` without a header; row errors go to `report`.
    public static func readTable(_ bytes: [UInt8], path: String, requiring columns: [String], optional: [String] = [],
                                 report: inout IngestReport,
                                 _ body: (_ required: [Int], _ optional: [Int?], Row, inout IngestReport) -> Void) throws(CorpusError) {
        var positions: (required: [Int], optional: [Int?])?
        var missing = false
        let header = try readTable(bytes, path: path, report: &report) { header, row, rep in
            if positions == nil && !missing {
                if let required = try? header.require(columns, path: path) {
                    positions = (required, optional.map { header.index(of: $0) })
                } else {
                    missing = true
                }
            }
            guard let positions else { return }
            body(positions.required, positions.optional, row, &rep)
        }
        _ = try header.require(columns, path: path)
    }

}

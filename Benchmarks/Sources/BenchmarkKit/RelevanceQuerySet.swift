import Corpus
import Requests

/// The relevance test set, read from its TSV file (`Benchmarks/relevance/queries.tsv`, described
/// in `Benchmarks/relevance/README.md`): one query per line with six tab-separated columns —
/// `id`, `query`, `options`, `relevant`, `kind`, `note`. Lines starting with `#`, blank lines
/// and the column-name row are skipped. A malformed line is reported as `path:line: reason` in
/// `problems` and left out; the others are read.
public struct RelevanceQuerySet: Sendable {
    /// The column names, in order; the row that spells them is skipped.
    public static let columns = ["id", "query", "options", "relevant", "kind", "note"]

    /// The queries, in file order.
    public let queries: [RelevanceQuery]
    /// One `path:line: reason` per malformed line, in file order.
    public let problems: [String]
    /// Where the set was read from.
    public let path: String

    /// Reads the set at `path`.
    /// - Throws: `CorpusError.cannotRead` when the file cannot be read.
    public init(contentsOf path: String) throws(CorpusError) {
        self.init(bytes: try FileBytes.read(path), path: path)
    }

    /// Parses the set from `bytes` (UTF-8; LF or CRLF lines), naming `path` in its problems.
    public init(bytes: [UInt8], path: String) {
        var queries: [RelevanceQuery] = []
        var problems: [String] = []
        var lineOfID: [String: Int] = [:]
        FileBytes.forEachLine(bytes) { line, slice in
            let text = FileBytes.decodeText(slice)
            if text.hasPrefix("#") || text.allSatisfy({ $0 == " " || $0 == "\t" }) { return }
            let fields = text.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if fields == Self.columns { return }
            switch Self.query(fields, line: line) {
            case let .failure(reason): problems.append("\(path):\(line): \(reason.text)")
            case let .success(query):
                if let first = lineOfID[query.id] {
                    problems.append("\(path):\(line): id \"\(query.id)\" is already used on line \(first)")
                    return
                }
                lineOfID[query.id] = line
                queries.append(query)
            }
        }
        self.queries = queries
        self.problems = problems
        self.path = path
    }

    /// Why a line is not a query.
    struct Reason: Error {
        let text: String
        init(_ text: String) { self.text = text }
    }

    /// The query of one line's fields, or why it is not one.
    static func query(_ fields: [String], line: Int) -> Result<RelevanceQuery, Reason> {
        guard fields.count == columns.count else {
            return .failure(Reason("\(fields.count) tab-separated columns, expected \(columns.count) (\(columns.joined(separator: ", ")))"))
        }
        let trimmed = fields.map { $0.trimmingBlanks() }
        let (id, text, optionText, relevantText, kindText, note) = (trimmed[0], trimmed[1], trimmed[2], trimmed[3], trimmed[4], trimmed[5])
        if id.isEmpty { return .failure(Reason("the id is empty")) }
        if text.isEmpty { return .failure(Reason("query \(id): the query is empty")) }
        guard let options = ShellWords.split(optionText) else {
            return .failure(Reason("query \(id): options \"\(optionText)\" leave a quote open (or end in a lone backslash)"))
        }
        guard let kind = RelevanceQuery.Kind(rawValue: kindText) else {
            let kinds = RelevanceQuery.Kind.allCases.map(\.rawValue).joined(separator: ", ")
            return .failure(Reason("query \(id): kind \"\(kindText)\" is not one of \(kinds)"))
        }
        let relevant = relevantText.split(separator: ",").map { String($0).trimmingBlanks() }
        if relevant.isEmpty { return .failure(Reason("query \(id): relevant lists no CIP code")) }
        if let bad = relevant.first(where: { !isCIPPrefix($0) }) {
            return .failure(Reason("query \(id): relevant \"\(bad)\" is not a CIP code or prefix (51, 51.38 or 51.3801)"))
        }
        return .success(RelevanceQuery(id: id, text: text, options: options, relevant: relevant, kind: kind, note: note, line: line))
    }

    /// A CIP family (`51`), series (`51.38`) or code (`51.3801`).
    static func isCIPPrefix(_ text: String) -> Bool {
        let b = Array(text.utf8)
        func digits(_ r: Range<Int>) -> Bool { r.allSatisfy { (0x30 ... 0x39).contains(b[$0]) } }
        guard [2, 5, 7].contains(b.count), digits(0 ..< 2) else { return false }
        return b.count == 2 || (b[2] == UInt8(ascii: ".") && digits(3 ..< b.count))
    }
}

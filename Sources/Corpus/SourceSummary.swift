/// What the corpus build did with one official file: rows read, rows that joined into the
/// corpus, rows skipped as malformed (with `file:line: reason`), rows left out by rule (with
/// a count per reason), for the ingest summary `schoolfinder corpus build` prints.
public struct SourceSummary: Sendable {
    /// Path relative to the data directory, e.g. "ipeds/hd2022.csv".
    public var file: String
    /// Data rows read (malformed ones included).
    public var rowsRead = 0
    /// Rows that contributed to the corpus.
    public var joined = 0
    /// Malformed rows: reported and skipped (`report.skipped` holds the first of them).
    public var report = IngestReport()
    /// Rows left out by a join or filter rule, by reason ("closed institution": 12), in order of first use.
    public private(set) var leftOut: [(reason: String, count: Int)] = []
    /// Facts about the rows that are not counts of rows (e.g. a figure dropped from joined rows).
    public var notes: [String] = []

    public init(file: String) { self.file = file }

    /// Counts one row left out for `reason`.
    public mutating func leaveOut(_ reason: String, count: Int = 1) {
        if let i = leftOut.firstIndex(where: { $0.reason == reason }) { leftOut[i].count += count } else { leftOut.append((reason, count)) }
    }

    /// Rows left out by rule, all reasons.
    public var leftOutCount: Int { leftOut.reduce(0) { $0 + $1.count } }

    /// "ipeds/hd2022.csv: 6,256 read, 6,110 joined, 0 malformed; left out: 146 closed institution".
    public var line: String {
        var s = "\(file): \(Self.grouped(rowsRead)) read, \(Self.grouped(joined)) joined, \(Self.grouped(report.skippedCount)) malformed"
        if !leftOut.isEmpty {
            s += "; left out: " + leftOut.map { "\(Self.grouped($0.count)) \($0.reason)" }.joined(separator: ", ")
        }
        if !notes.isEmpty { s += "; " + notes.joined(separator: "; ") }
        return s
    }

    /// 1234567 → "1,234,567".
    public static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }
}

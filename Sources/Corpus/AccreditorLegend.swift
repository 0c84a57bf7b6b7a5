/// Accreditor short names with their full names and kinds, for people: "ACEN — Accreditation
/// Commission for Education in Nursing (programmatic)". Read from the agency table of
/// `Corpus/mapping` (`AccreditationMap.agencyColumns`), which an index built from the real
/// corpus stores in TABLES under `tableName`.
public struct AccreditorLegend: Sendable, Equatable {
    /// The TABLES entry name.
    public static let tableName = "accreditors.tsv"

    /// Short name → (full name, kind).
    public private(set) var entries: [String: (name: String, kind: String)] = [:]

    public static func == (a: AccreditorLegend, b: AccreditorLegend) -> Bool {
        a.entries.keys.sorted() == b.entries.keys.sorted() && a.entries.allSatisfy { b.entries[$0.key]?.name == $0.value.name && b.entries[$0.key]?.kind == $0.value.kind }
    }

    public init() {}

    /// Parses the agency table; rows that do not parse are left out (the corpus build reports them).
    public init(tsv bytes: [UInt8]) {
        var report = IngestReport()
        try? TabSeparatedTable.read(bytes, path: Self.tableName, columns: AccreditationMap.agencyColumns, report: &report) { row, _ in
            entries[row.fields[1]] = (row.fields[3], row.fields[2])
        }
    }

    /// The full name of `shortName`, or `nil` when the legend does not list it (e.g. an imported agency).
    public func name(_ shortName: String) -> String? { entries[shortName]?.name }
}

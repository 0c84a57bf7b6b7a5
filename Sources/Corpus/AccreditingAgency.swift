/// What an accrediting agency accredits, from the rows it has in ED's DAPIP database.
public enum AccreditorKind: String, Sendable, CaseIterable, Hashable {
    /// Only whole institutions ("Institutional Accreditation" rows), e.g. HLC, MSCHE.
    case institutional
    /// Only named programs, e.g. CCNE, CAPTE.
    case programmatic
    /// Both: some freestanding institutions and programs elsewhere, e.g. ACEN, ABHES.
    case both
}

/// One accrediting agency recognised in DAPIP (a row of `Corpus/mapping/accreditors.tsv`).
public struct AccreditingAgency: Sendable, Equatable {
    /// DAPIP `AgencyId`, decimal digits ("36").
    public var id: String
    /// The acronym people use and the `--accredited` filter keyword: uppercase letters, digits
    /// and "-" ("ACEN", "ASHA-CAA", "MO-BON"); unique across agencies.
    public var shortName: String
    public var kind: AccreditorKind
    /// DAPIP `AgencyName`, trimmed and without trailing date notes.
    public var name: String

    public init(id: String, shortName: String, kind: AccreditorKind, name: String) {
        self.id = id
        self.shortName = shortName
        self.kind = kind
        self.name = name
    }

    /// True for a non-empty string of "A"–"Z", "0"–"9" and "-": the form of a short name and
    /// of the agency keyword in user import files.
    public static func isValidShortName(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy { ($0 >= 65 && $0 <= 90) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
    }
}

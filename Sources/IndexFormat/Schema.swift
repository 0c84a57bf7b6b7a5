/// The fields of a program record as the index sees them, named once. The writer derives every
/// term and per-field length from it, the reader and the checker read them back by it, and the
/// searcher and the tests' reference engine score and filter by it (`Index/FORMAT.md`, "Schema").
///
/// - Text fields are analyzed into `[a-z0-9]+` tokens, plurals reduced (`Analyzer`). Every
///   token of any text field is a *combined* term (the key is the token itself) whose frequency
///   is its count over all text fields; that list decides matching and feeds the classic
///   single-field BM25. Title and institution tokens are also *field* terms (`title:<token>`,
///   `inst:<token>`) with their own frequencies, so a fielded scorer (BM25F) gets each field's
///   frequency; the description's is the combined frequency minus the other two. Each text field
///   has its own length (FIELDLENGTHS).
/// - Keyword fields are exact values, one term per value (`level:bachelor`, `cip:51.07`, …), no
///   frequencies; they filter and facet.
/// - Numeric fields (outcomes) live in DETAILS rows and are shown, not searched.
/// - The geo field is the institution's point (INSTITUTIONS lat/lon); documents are ordered by
///   grid cell so a radius is a few document ranges.
public enum Schema {
    /// Analyzed text fields, in the order a record's text is concatenated (title, description,
    /// institution name): the combined term frequencies and total length count all three.
    public enum TextField: Int, CaseIterable, Sendable, CustomStringConvertible {
        case title = 0, description = 1, institution = 2

        public var description: String {
            switch self {
            case .title: "title"
            case .description: "description"
            case .institution: "institution"
            }
        }

        /// Prefix of the field's own term lists; `nil` for the description, whose frequency is
        /// derived (combined − title − institution) and whose length is the total minus the others.
        public var termPrefix: String? {
            switch self {
            case .title: "title:"
            case .description: nil
            case .institution: "inst:"
            }
        }

        /// The field term of `token` in this field (`title:nursing`); `nil` for the description.
        public func term(_ token: String) -> String? { termPrefix.map { $0 + token } }

        /// The fields with their own term lists and stored lengths (title, institution).
        public static let stored: [TextField] = [.title, .institution]
    }

    /// Exact-value fields: one term per value, `<prefix>:<value>`, no frequencies. Text terms
    /// never contain ':' so the two never collide.
    public enum KeywordField: String, CaseIterable, Sendable {
        case level, state, cip, accreditor = "acc", delivery
        public func term(_ value: String) -> String { rawValue + ":" + value }
    }

    /// Outcome numbers shown with a result (DETAILS rows), never searched.
    public enum NumericField: String, CaseIterable, Sendable {
        case completers, medianEarnings, medianDebt
    }

    /// Whether `key` is a field term (`title:…`, `inst:…`) rather than a combined or keyword term.
    public static func isFieldTerm(_ key: String) -> Bool {
        TextField.stored.contains { key.hasPrefix($0.termPrefix!) }
    }

    /// The longest title or institution name, in tokens, an index accepts (FIELDLENGTHS held
    /// u16s before version 12; its packed columns keep the bound).
    public static let maximumStoredFieldLength = Int(UInt16.max)
}

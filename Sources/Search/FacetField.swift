import Corpus
import IndexFormat

/// A field a query can count its matches by (`--facets`).
public enum FacetField: String, Sendable, CaseIterable, Equatable {
    /// Award level (`AwardLevel`).
    case level
    /// USPS state of the institution.
    case state
    /// Programmatic accreditor acronyms (a program with two counts under both; preaccreditation
    /// and institutional accreditors are not counted).
    case accreditor
    /// CIP family (two digits, "51"), series ("51.07") and code ("51.0707").
    case cip2, cip4, cip6
    /// Delivery mode.
    case delivery
}

/// Exact match counts for one facet field: every value some match has, most frequent first,
/// ties by value ascending. The counts of a single-valued field (all but `accreditor`) sum to
/// the query's total; a program with no programmatic accreditor is not counted under
/// `accreditor`.
public struct FacetCounts: Sendable, Equatable {
    public let field: FacetField
    public let values: [(value: String, count: Int)]

    public init(field: FacetField, values: [(value: String, count: Int)]) {
        self.field = field
        self.values = values
    }

    public static func == (a: FacetCounts, b: FacetCounts) -> Bool {
        a.field == b.field && a.values.map(\.value) == b.values.map(\.value) && a.values.map(\.count) == b.values.map(\.count)
    }
}

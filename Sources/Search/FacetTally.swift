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

/// Counts matches per facet value as `Execution.handle` sees them. Per match it reads at most a
/// few row bytes and counts by code or string id; strings are resolved once per distinct id at
/// the end. - Complexity: O(1) amortised per match and field; O(distinct values · log) to finish.
struct FacetTally {
    let fields: [FacetField]
    private var levelCounts = [Int](repeating: 0, count: 256)
    private var deliveryCounts = [Int](repeating: 0, count: 256)
    /// By institution index (its state is resolved at the end).
    private var byInstitution: [UInt32: Int] = [:]
    /// By CIP code string id.
    private var byCIP: [UInt32: Int] = [:]
    /// By accreditors string id (a `|`-joined list).
    private var byAccreditors: [UInt32: Int] = [:]
    private let wantsLevel: Bool, wantsDelivery: Bool, wantsState: Bool, wantsCIP: Bool, wantsAccreditor: Bool

    init(fields: [FacetField]) {
        self.fields = fields
        wantsLevel = fields.contains(.level)
        wantsDelivery = fields.contains(.delivery)
        wantsState = fields.contains(.state)
        wantsCIP = fields.contains { [.cip2, .cip4, .cip6].contains($0) }
        wantsAccreditor = fields.contains(.accreditor)
    }

    /// Counts one match. Precondition: `doc < reader.documentCount`.
    @inline(__always)
    mutating func add(_ doc: Int, _ reader: IndexReader) {
        let row = doc * IndexLayout.documentRowSize
        if wantsLevel { levelCounts[Int(reader.documents.u8(row + 24) ?? 255)] += 1 }
        if wantsDelivery { deliveryCounts[Int(reader.documents.u8(row + 25) ?? 255)] += 1 }
        if wantsState { byInstitution[reader.documentField(doc, 0), default: 0] += 1 }
        if wantsCIP { byCIP[reader.documentField(doc, 12), default: 0] += 1 }
        if wantsAccreditor { byAccreditors[reader.documentField(doc, 16), default: 0] += 1 }
    }

    /// The counts per requested field, in request order; `nil` when a string id or row is damaged.
    func finish(_ reader: IndexReader) -> [FacetCounts]? {
        var out: [FacetCounts] = []
        for field in fields {
            var counts: [String: Int] = [:]
            switch field {
            case .level:
                for (code, n) in levelCounts.enumerated() where n > 0 {
                    guard let level = AwardLevel(code: UInt8(code)) else { return nil }
                    counts[level.rawValue, default: 0] += n
                }
            case .delivery:
                for (code, n) in deliveryCounts.enumerated() where n > 0 {
                    guard let delivery = Delivery(code: UInt8(code)) else { return nil }
                    counts[delivery.rawValue, default: 0] += n
                }
            case .state:
                for (inst, n) in byInstitution {
                    guard Int(inst) < reader.institutionCount,
                          let state = reader.string(reader.institutions.u32Unchecked(Int(inst) * IndexLayout.institutionRowSize + 12))
                    else { return nil }
                    counts[state, default: 0] += n
                }
            case .cip2, .cip4, .cip6:
                let digits = field == .cip2 ? 2 : field == .cip4 ? 5 : 7
                for (id, n) in byCIP {
                    guard let code = reader.string(id) else { return nil }
                    counts[String(code.prefix(digits)), default: 0] += n
                }
            case .accreditor:
                for (id, n) in byAccreditors {
                    guard let list = reader.string(id) else { return nil }
                    for a in list.split(separator: "|") { counts[String(a), default: 0] += n }
                }
            }
            let values = counts.map { (value: $0.key, count: $0.value) }
                .sorted { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
            out.append(FacetCounts(field: field, values: values))
        }
        return out
    }
}

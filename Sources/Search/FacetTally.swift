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
/// few row bytes and counts by code, institution row or string id; strings are resolved once
/// per distinct id at the end. Run by a counting pass of its own (`Searcher`), so the top k
/// keeps its pruned plan. - Complexity: O(1) amortised per match and field; O(distinct values · log) to finish.
struct FacetTally {
    let fields: [FacetField]
    private var levelCounts = [Int](repeating: 0, count: 256)
    private var deliveryCounts = [Int](repeating: 0, count: 256)
    /// By institution row (its state is resolved at the end); empty unless states are wanted.
    private var byInstitution: [Int32] = []
    /// By CIP code string id, and by accreditors string id (a `|`-joined list). Each keeps the
    /// last id and its pending count out of the dictionary: neighbouring documents (one school's
    /// programs, most without a programmatic accreditor) often repeat it.
    private var byCIP = RunLengthCounts()
    private var byAccreditors = RunLengthCounts()
    private let wantsLevel: Bool, wantsDelivery: Bool, wantsState: Bool, wantsCIP: Bool, wantsAccreditor: Bool
    /// A document row named an institution past the table.
    private var damaged = false

    /// `countingInstitutions`: also count matches per institution row (for groups).
    init(fields: [FacetField], institutionCount: Int, countingInstitutions: Bool = false) {
        self.fields = fields
        wantsState = fields.contains(.state) || countingInstitutions
        if wantsState { byInstitution = [Int32](repeating: 0, count: institutionCount) }
        wantsLevel = fields.contains(.level)
        wantsDelivery = fields.contains(.delivery)
        wantsCIP = fields.contains { [.cip2, .cip4, .cip6].contains($0) }
        wantsAccreditor = fields.contains(.accreditor)
    }

    /// Counts one match. Precondition: `doc < reader.documentCount`.
    @inline(__always)
    mutating func add(_ doc: Int, _ reader: IndexReader) {
        let row = doc * IndexLayout.documentRowSize
        if wantsLevel { levelCounts[Int(reader.documents.u8(row + 24) ?? 255)] += 1 }
        if wantsDelivery { deliveryCounts[Int(reader.documents.u8(row + 25) ?? 255)] += 1 }
        if wantsState {
            let inst = Int(reader.documentField(doc, 0))
            if inst < byInstitution.count { byInstitution[inst] &+= 1 } else { damaged = true }
        }
        if wantsCIP { byCIP.add(reader.documentField(doc, 12)) }
        if wantsAccreditor { byAccreditors.add(reader.documentField(doc, 16)) }
    }

    /// Matches per institution id (its string id), when counting institutions; `nil` on damage.
    func institutionIDCounts(_ reader: IndexReader) -> [UInt32: Int]? {
        if damaged { return nil }
        var out: [UInt32: Int] = [:]
        for (inst, n) in byInstitution.enumerated() where n > 0 {
            out[reader.institutions.u32Unchecked(inst * IndexLayout.institutionRowSize), default: 0] += Int(n)
        }
        return out
    }

    /// The counts per requested field, in request order; `nil` when a string id or row is damaged.
    func finish(_ reader: IndexReader) -> [FacetCounts]? {
        if damaged { return nil }
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
                for (inst, n) in byInstitution.enumerated() where n > 0 {
                    guard let state = reader.string(reader.institutions.u32Unchecked(inst * IndexLayout.institutionRowSize + 12)) else { return nil }
                    counts[state, default: 0] += Int(n)
                }
            case .cip2, .cip4, .cip6:
                let digits = field == .cip2 ? 2 : field == .cip4 ? 5 : 7
                for (id, n) in byCIP.totals {
                    guard let code = reader.string(id) else { return nil }
                    counts[String(code.prefix(digits)), default: 0] += n
                }
            case .accreditor:
                for (id, n) in byAccreditors.totals {
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

/// Counts by key where equal keys tend to arrive in runs: the current run's key and length are
/// kept aside and enter the dictionary when the key changes.
struct RunLengthCounts {
    private var counts: [UInt32: Int] = [:]
    private var current: UInt32 = 0
    private var run = 0

    @inline(__always)
    mutating func add(_ key: UInt32) {
        if run > 0 && key == current { run += 1; return }
        if run > 0 { counts[current, default: 0] += run }
        current = key
        run = 1
    }

    /// Every key's count.
    var totals: [UInt32: Int] {
        var all = counts
        if run > 0 { all[current, default: 0] += run }
        return all
    }
}

import IndexFormat

/// Counts a query's matches per institution as `Execution.handle` sees them (group sizes): one
/// array increment per match, mapped to institution ids (their string ids) at the end.
/// - Complexity: O(1) per match; O(institutions) to finish.
struct InstitutionTally {
    /// By institution row.
    private var byInstitution: [Int32]
    /// A document row named an institution past the table.
    private var damaged = false

    init(institutionCount: Int) {
        byInstitution = [Int32](repeating: 0, count: institutionCount)
    }

    /// Counts one match. Precondition: `doc < reader.documentCount`.
    @inline(__always)
    mutating func add(_ doc: Int, _ reader: IndexReader) {
        let inst = Int(reader.documentField(doc, .institution))
        if inst < byInstitution.count { byInstitution[inst] &+= 1 } else { damaged = true }
    }

    /// Matches per institution id (its string id); `nil` on damage.
    func countsByID(_ reader: IndexReader) -> [UInt32: Int]? {
        if damaged { return nil }
        var out: [UInt32: Int] = [:]
        for (inst, n) in byInstitution.enumerated() where n > 0 {
            out[reader.institutionField(inst, .id), default: 0] += Int(n)
        }
        return out
    }
}

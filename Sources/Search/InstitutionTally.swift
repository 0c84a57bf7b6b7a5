import IndexFormat

/// Counts a query's matches per institution group (`InstitutionGroups`: rows sharing an
/// institution id) as `Execution.handle` sees them: one array increment per match.
/// - Complexity: O(1) per match; O(groups) to count the groups with a match.
struct InstitutionTally {
    private let groups: InstitutionGroups
    /// Matches by group.
    private var byGroup: [Int32]
    /// A document row named an institution past the table.
    private(set) var damaged = false

    init(groups: InstitutionGroups) {
        self.groups = groups
        byGroup = [Int32](repeating: 0, count: groups.count)
    }

    /// Counts one match. Precondition: `doc < reader.documentCount`.
    @inline(__always)
    mutating func add(_ doc: Int, _ reader: IndexReader) {
        let inst = Int(reader.documentField(doc, .institution))
        if inst < reader.institutionCount { byGroup[groups.group(ofRow: inst)] &+= 1 } else { damaged = true }
    }

    /// Groups with at least one match.
    var matchedGroups: Int { byGroup.reduce(0) { $0 + ($1 > 0 ? 1 : 0) } }

    /// Matches of the group of `doc`'s institution (0 for a row past the table).
    func matches(ofGroupOf doc: Int, _ reader: IndexReader) -> Int {
        let inst = Int(reader.documentField(doc, .institution))
        return inst < reader.institutionCount ? Int(byGroup[groups.group(ofRow: inst)]) : 0
    }
}

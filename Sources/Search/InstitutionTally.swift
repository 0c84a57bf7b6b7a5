import IndexFormat

/// Counts a query's matches per institution group (`InstitutionGroups`: rows sharing an
/// institution id) from the counting pass's match bitmap: one row read and one array
/// increment per match.
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

    /// Counts every match of `matches` (bit d of word d / 64 set ⇔ document d matches; `words`
    /// words, none past the document count).
    mutating func add(matches: UnsafePointer<UInt64>, words: Int, _ reader: IndexReader) {
        let institutions = reader.institutionCount
        var damaged = false
        let groups = self.groups
        byGroup.withUnsafeMutableBufferPointer { counts in
            for w in 0 ..< words where matches[w] != 0 {
                var bits = matches[w]
                while bits != 0 {
                    let inst = Int(reader.documentField(w << 6 | bits.trailingZeroBitCount, .institution))
                    if inst < institutions { counts[groups.group(ofRow: inst)] &+= 1 } else { damaged = true }
                    bits &= bits &- 1
                }
            }
        }
        if damaged { self.damaged = true }
    }

    /// Groups with at least one match.
    var matchedGroups: Int { byGroup.reduce(0) { $0 + ($1 > 0 ? 1 : 0) } }

    /// Matches of the group of `doc`'s institution (0 for a row past the table).
    func matches(ofGroupOf doc: Int, _ reader: IndexReader) -> Int {
        let inst = Int(reader.documentField(doc, .institution))
        return inst < reader.institutionCount ? Int(byGroup[groups.group(ofRow: inst)]) : 0
    }
}

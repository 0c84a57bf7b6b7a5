import IndexFormat

/// Counts a query's matches per institution group (`InstitutionGroups`: rows sharing an
/// institution id) from the counting pass's match bitmap: one group read (from the column
/// `InstitutionGroupColumn`, or the document row) and one array increment per match — or per
/// non-match, subtracted from the groups' totals, when most documents match.
/// - Complexity: O(min(matches, N − matches)) plus O(N / 64) words; O(groups) to count the
///   groups with a match.
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
    /// words, none past the document count; `matchCount` of them set). With many matches (at
    /// least 1/64 of the documents, or once the column exists) each match's group is read from
    /// `InstitutionGroupColumn`, and with more than half of the documents matching, the
    /// documents that do not match are counted and subtracted from the groups' totals.
    mutating func add(matches: UnsafePointer<UInt64>, words: Int, matchCount: Int, _ reader: IndexReader) {
        let n = reader.documentCount
        if let column = reader.institutionGroupColumn(building: matchCount >= n / 64) {
            let complement = matchCount > n / 2
            if complement { byGroup = column.totals }
            let step: Int32 = complement ? -1 : 1
            byGroup.withUnsafeMutableBufferPointer { counts in
                column.withGroups { groupOf in
                    MatchBitmap.forEach(in: matches, words: words, documentCount: n, complement: complement) {
                        counts[Int(groupOf[$0])] &+= step
                    }
                }
            }
            return
        }
        let institutions = reader.institutionCount
        var damaged = false
        let groups = self.groups
        byGroup.withUnsafeMutableBufferPointer { counts in
            MatchBitmap.forEach(in: matches, words: words, documentCount: n, complement: false) { d in
                let inst = Int(reader.rows.field(d, .institution))
                if inst < institutions { counts[groups.group(ofRow: inst)] &+= 1 } else { damaged = true }
            }
        }
        if damaged { self.damaged = true }
    }

    /// Groups with at least one match.
    var matchedGroups: Int { byGroup.reduce(0) { $0 + ($1 > 0 ? 1 : 0) } }

    /// Matches of the group of `doc`'s institution (0 for a row past the table).
    func matches(ofGroupOf doc: Int, _ reader: IndexReader) -> Int {
        let inst = Int(reader.rows.field(doc, .institution))
        return inst < reader.institutionCount ? Int(byGroup[groups.group(ofRow: inst)]) : 0
    }
}

/// Institution rows grouped by institution id: rows that share an id (one school listed under
/// two names or campuses, `InstitutionKey`) form one group, the unit `--group institution`
/// ranks and counts. Groups are numbered 0 ..< `count` in order of their first row.
///
/// Built once per reader on first use (`IndexReader.institutionGroups`), so a grouped query
/// counts its matches per group in a flat array instead of hashing institution ids per query.
/// - Complexity: building is O(institutions) hash probes on the ids' string ids (equal ids are
///   one interned string); `group(ofRow:)` is one load. Memory: 4 bytes per institution row
///   (and 16 while building).
public struct InstitutionGroups: Sendable {
    /// Per institution row, its group.
    @usableFromInline let groupOfRow: [UInt32]
    /// Number of groups (distinct institution ids).
    public let count: Int

    /// Groups the rows of `reader`'s INSTITUTIONS section by their id's string id
    /// (`StringIDMap`: id → group).
    init(_ reader: IndexReader) {
        let rows = reader.institutionCount
        var groupOf = StringIDMap(expected: rows)
        var groupOfRow = [UInt32](repeating: 0, count: rows)
        for row in 0 ..< rows {
            // A new id starts the next group.
            groupOfRow[row] = groupOf.value(for: reader.institutionField(row, .id), insertingIfAbsent: UInt32(groupOf.count))
        }
        self.groupOfRow = groupOfRow
        count = groupOf.count
    }

    /// The group of institution row `row`; precondition: `row < institutionCount`.
    @inlinable @inline(__always)
    public func group(ofRow row: Int) -> Int { Int(groupOfRow[row]) }
}

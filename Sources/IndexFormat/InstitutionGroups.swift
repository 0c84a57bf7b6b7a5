/// Institution rows grouped by institution id: rows that share an id (one school listed under
/// two names or campuses, `InstitutionKey`) form one group, the unit `--group institution`
/// ranks and counts. Groups are numbered 0 ..< `count` in order of their first row.
///
/// Built once per reader on first use (`IndexReader.institutionGroups`), so a grouped query
/// counts its matches per group in a flat array instead of hashing institution ids per query.
/// - Complexity: building is O(institutions) hash probes on the ids' string ids (equal ids are
///   one interned string, and a string id is below 2^31, so u32.max marks an empty slot);
///   `group(ofRow:)` is one load. Memory: 4 bytes per institution row (and 16 while building).
public struct InstitutionGroups: Sendable {
    /// Per institution row, its group.
    @usableFromInline let groupOfRow: [UInt32]
    /// Number of groups (distinct institution ids).
    public let count: Int

    /// Groups the rows of `reader`'s INSTITUTIONS section by their id's string id, with an
    /// open-addressing table (linear probing, at most half full) keyed by the u32 string id.
    init(_ reader: IndexReader) {
        let rows = reader.institutionCount
        var capacity = 16
        while capacity < 2 * rows { capacity <<= 1 }
        let mask = capacity - 1
        let empty = UInt32.max
        var keys = [UInt32](repeating: empty, count: capacity)
        var values = [UInt32](repeating: 0, count: capacity)
        var groupOfRow = [UInt32](repeating: 0, count: rows)
        var groups: UInt32 = 0
        for row in 0 ..< rows {
            let id = reader.institutionField(row, .id)
            var slot = Int(truncatingIfNeeded: (UInt64(id) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
            while keys[slot] != empty && keys[slot] != id { slot = (slot &+ 1) & mask }
            if keys[slot] == empty {
                keys[slot] = id
                values[slot] = groups
                groups += 1
            }
            groupOfRow[row] = values[slot]
        }
        self.groupOfRow = groupOfRow
        count = Int(groups)
    }

    /// The group of institution row `row`; precondition: `row < institutionCount`.
    @inlinable @inline(__always)
    public func group(ofRow row: Int) -> Int { Int(groupOfRow[row]) }
}

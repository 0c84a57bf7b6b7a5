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
            groupOfRow[row] = groupOf.value(for: reader.rows.institutionField(row, .id), insertingIfAbsent: UInt32(groupOf.count))
        }
        self.groupOfRow = groupOfRow
        count = groupOf.count
    }

    /// The group of institution row `row`; precondition: `row < institutionCount`.
    @inlinable @inline(__always)
    public func group(ofRow row: Int) -> Int { Int(groupOfRow[row]) }
}

/// Per document, its institution's group (`InstitutionGroups`): a column read in document
/// order, so a grouped query over many matches costs one 4-byte load per match instead of a
/// document row and a group lookup, and, with the documents per group, can count the
/// documents that do not match and subtract when most of them match.
///
/// Built once per reader on first use (`IndexReader.institutionGroupColumn`), only for a query
/// with many matches: it reads every document row.
/// - Complexity: building is O(documents); `group(ofDocument:)` is one load. Memory: 4 bytes
///   per document and per group.
public struct InstitutionGroupColumn: Sendable {
    /// Per document, its group.
    @usableFromInline let groupOfDocument: [UInt32]
    /// Per group, its documents (over the whole index).
    public let totals: [Int32]

    /// The column over `reader`'s documents; `nil` when a document row names an institution
    /// past the table (damage: the tally then reads the rows and reports it).
    init?(_ reader: IndexReader, groups: InstitutionGroups) {
        let n = reader.documentCount, rows = reader.institutionCount
        var groupOfDocument = [UInt32](repeating: 0, count: n)
        var totals = [Int32](repeating: 0, count: groups.count)
        let complete: Bool = groupOfDocument.withUnsafeMutableBufferPointer { out in
            totals.withUnsafeMutableBufferPointer { totals in
                for d in 0 ..< n {
                    let row = Int(reader.rows.field(d, .institution))
                    guard row < rows else { return false }
                    let g = groups.group(ofRow: row)
                    out[d] = UInt32(g)
                    totals[g] &+= 1
                }
                return true
            }
        }
        guard complete else { return nil }
        self.groupOfDocument = groupOfDocument
        self.totals = totals
    }

    /// Calls `body` with the groups by document (each below the group count).
    @inlinable
    public func withGroups<R>(_ body: (UnsafeBufferPointer<UInt32>) throws -> R) rethrows -> R {
        try groupOfDocument.withUnsafeBufferPointer(body)
    }
}

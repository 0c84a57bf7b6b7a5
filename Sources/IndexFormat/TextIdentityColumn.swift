/// Per document, an ordinal of its (title, description) pair: documents with the same title
/// string and the same description text share it. On an index whose records repeat their texts
/// (the real corpus: a CIP code's title and definition on every program of the code), a query's
/// text scores can then be kept per ordinal (`TextScoreMemo` in Search) — one 4-byte load per
/// document, a column a quarter the size of the document rows.
///
/// Built once per reader on first use (`IndexReader.textIdentityColumn`): it reads every
/// document row. Immutable afterwards, so shared between threads.
/// - Complexity: building is O(documents): two row loads and an array probe by title string
///   id each (a hash probe only for a title seen with two descriptions); `ordinals[d]` is one
///   load. Memory: 4 bytes per document (and 8 per interned string while building).
public final class TextIdentityColumn: @unchecked Sendable {
    /// Per document, its pair's ordinal (below `count`); valid while the column lives.
    public let ordinals: UnsafePointer<UInt32>
    /// Distinct (title, description) pairs.
    public let count: Int
    private let storage: UnsafeMutablePointer<UInt32>

    init(_ reader: IndexReader) {
        let n = reader.documentCount, strings = reader.stringCount
        storage = .allocate(capacity: max(1, n))
        // By title string id: the first description seen with it and that pair's ordinal; a pair
        // whose title came first with another description (or an id past STRINGS) goes to a table.
        var firstDescription = [UInt32](repeating: .max, count: strings)
        var firstOrdinal = [UInt32](repeating: 0, count: strings)
        var others: [UInt64: UInt32] = [:]
        var next: UInt32 = 0
        for d in 0 ..< n {
            let title = reader.rows.field(d, .title), description = reader.rows.field(d, .description)
            let t = Int(title)
            if t < strings, firstDescription[t] == .max {
                firstDescription[t] = description
                firstOrdinal[t] = next
                next += 1
            }
            if t < strings, firstDescription[t] == description {
                storage[d] = firstOrdinal[t]
            } else {
                let key = UInt64(title) << 32 | UInt64(description)
                if let known = others[key] {
                    storage[d] = known
                } else {
                    others[key] = next
                    storage[d] = next
                    next += 1
                }
            }
        }
        ordinals = UnsafePointer(storage)
        count = Int(next)
    }

    deinit { storage.deallocate() }
}

/// Text scores by text identity, for corpora whose records repeat their texts (the real corpus:
/// every program of a CIP code has the code's title and definition as its title and
/// description). Under the fields ranking, a document none of whose query words is in its
/// institution name scores from its title and description alone — their tokens give every
/// frequency and both lengths — so two such documents with the same title and description
/// (string and text ids, `IndexLayout.DocumentField`) have the same score, bit for bit: the
/// first one's is computed and kept, the others read it.
///
/// Open addressing on the 64-bit key `title << 32 | description`, linear probing, at most
/// `limit` entries (then nothing more is kept; lookups still answer). One query on one thread.
/// - Complexity: O(1) expected per lookup and insert. Memory: `capacity` × 16 bytes.
final class TextScoreMemo {
    static let capacity = 1 << 13
    static let limit = capacity / 2
    /// The key no entry can have (marks an empty slot); a document with it is not memoized.
    static let empty = UInt64.max

    private let keys: UnsafeMutablePointer<UInt64>
    private let values: UnsafeMutablePointer<Double>
    @exclusivity(unchecked) private var count = 0

    init() {
        keys = .allocate(capacity: Self.capacity)
        keys.initialize(repeating: Self.empty, count: Self.capacity)
        values = .allocate(capacity: Self.capacity)
        values.initialize(repeating: 0, count: Self.capacity)
    }

    deinit {
        keys.deallocate()
        values.deallocate()
    }

    @inline(__always)
    private static func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 51) }

    /// The score kept for `key`, or `nil`.
    @inline(__always)
    func score(_ key: UInt64) -> Double? {
        var i = Self.slot(key)
        while true {
            let k = keys[i]
            if k == key { return values[i] }
            if k == Self.empty { return nil }
            i = (i &+ 1) & (Self.capacity &- 1)
        }
    }

    /// Keeps `score` for `key` (not yet kept), unless the table is at its limit.
    @inline(__always)
    func keep(_ key: UInt64, _ score: Double) {
        guard count < Self.limit, key != Self.empty else { return }
        var i = Self.slot(key)
        while keys[i] != Self.empty { i = (i &+ 1) & (Self.capacity &- 1) }
        keys[i] = key
        values[i] = score
        count &+= 1
    }
}

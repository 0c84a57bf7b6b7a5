/// Byte strings compared where they lie, eight bytes at a time: the order TERMS, IDS and the
/// writer's sorts use (unsigned bytes, then the shorter first: `memcmp`'s, then by length) and
/// plain equality, for the index's tables and the corpus readers. No `String`, no copy.
public enum ByteComparison {
    /// -1, 0 or 1 as `a` sorts before, equal to or after `b`: at the first byte that differs,
    /// the smaller (unsigned) first; a prefix before the longer string. Eight bytes at a time,
    /// read as big-endian numbers (so their order is the bytes'); of at least eight common
    /// bytes, the last eight are read once more, overlapping the word before (its bytes are
    /// equal, so the first difference decides); fewer, byte by byte.
    /// - Complexity: O(min(a.count, b.count) / 8).
    @inlinable @inline(__always)
    public static func order(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let n = min(a.count, b.count)
        if n > 0, let x = a.baseAddress, let y = b.baseAddress {
            @inline(__always) func word(_ p: UnsafeRawPointer, _ i: Int) -> UInt64 { UInt64(bigEndian: p.loadUnaligned(fromByteOffset: i, as: UInt64.self)) }
            if n >= 8 {
                var i = 0
                while i &+ 8 <= n {
                    let u = word(x, i), v = word(y, i)
                    if u != v { return u < v ? -1 : 1 }
                    i &+= 8
                }
                if i < n {
                    let u = word(x, n &- 8), v = word(y, n &- 8)
                    if u != v { return u < v ? -1 : 1 }
                }
            } else {
                for i in 0 ..< n {
                    let u = x.load(fromByteOffset: i, as: UInt8.self), v = y.load(fromByteOffset: i, as: UInt8.self)
                    if u != v { return u < v ? -1 : 1 }
                }
            }
        }
        return a.count == b.count ? 0 : a.count < b.count ? -1 : 1
    }

    /// Whether `a` and `b` hold the same bytes: eight at a time, the last eight overlapping the
    /// word before; under eight, two overlapping 4-byte words, or byte by byte under four.
    /// - Complexity: O(count / 8).
    @inlinable @inline(__always)
    public static func equal(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        let n = a.count
        guard n == b.count else { return false }
        guard n > 0, let x = a.baseAddress, let y = b.baseAddress else { return true }
        if n >= 8 {
            var i = 0
            while i &+ 8 <= n {
                if x.loadUnaligned(fromByteOffset: i, as: UInt64.self) != y.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
                i &+= 8
            }
            return i == n || x.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self) == y.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)
        }
        if n >= 4 {
            return x.loadUnaligned(as: UInt32.self) == y.loadUnaligned(as: UInt32.self)
                && x.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self) == y.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self)
        }
        for i in 0 ..< n where x.load(fromByteOffset: i, as: UInt8.self) != y.load(fromByteOffset: i, as: UInt8.self) { return false }
        return true
    }
}

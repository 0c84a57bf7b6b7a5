/// Hashes of byte strings for the writer's own tables (`TokenInterner`, `RepeatedStrings`): enough
/// for keys the corpus chose (tokens, names, texts), not an adversary's; far cheaper per byte
/// than `Hasher`. Neither is stored in an index: a table keeps a key's hash only while it is
/// built, so changing the function changes no file.
public enum ByteHash {
    /// A hash of `bytes` read eight at a time: each 8-byte word (the last one overlapping the
    /// one before when the length is not a multiple of 8; a short string's bytes gathered into
    /// one word by two overlapping 4-byte loads, or its first, middle and last byte) is mixed into
    /// a state seeded by the length with one multiply, then the state is finalized with a 64-bit
    /// mixer (MurmurHash3's `fmix64`) so every bit, the low ones a slot takes included, depends on
    /// every input bit. Reads no byte outside `bytes`. - Complexity: O(bytes / 8).
    @inlinable @inline(__always)
    public static func words(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let n = bytes.count
        var h = UInt64(truncatingIfNeeded: n) &* 0x9E37_79B9_7F4A_7C15
        if let p = bytes.baseAddress, n > 0 {
            @inline(__always) func absorb(_ word: UInt64) { h = (h ^ word) &* 0xBF58_476D_1CE4_E5B9; h ^= h >> 31 }
            if n >= 8 {
                var i = 0
                while i &+ 8 <= n {
                    absorb(UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
                    i &+= 8
                }
                if i < n { absorb(UInt64(littleEndian: p.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self))) }
            } else if n >= 4 {
                let low = UInt64(UInt32(littleEndian: p.loadUnaligned(as: UInt32.self)))
                let high = UInt64(UInt32(littleEndian: p.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self)))
                absorb(low | high << 32)
            } else {
                let first = UInt64(p.load(as: UInt8.self)), middle = UInt64(p.load(fromByteOffset: n >> 1, as: UInt8.self))
                let last = UInt64(p.load(fromByteOffset: n &- 1, as: UInt8.self))
                absorb(first | middle << 8 | last << 16)
            }
        }
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h = h &* 0xC4CE_B9FE_1A85_EC53
        return h ^ (h >> 33)
    }
}

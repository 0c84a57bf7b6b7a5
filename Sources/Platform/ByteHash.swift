/// A hash of byte strings for the writer's own tables (`TokenInterner`, `RepeatedStrings`):
/// FNV-1a, 64-bit, folded so the low bits (a slot) mix in the high ones. Enough for keys the
/// corpus chose (tokens, names), not an adversary's; far cheaper per byte than `Hasher`.
public enum ByteHash {
    /// FNV-1a of `bytes`, folded. - Complexity: O(bytes).
    @inlinable @inline(__always)
    public static func fnv1a(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return h ^ (h >> 29)
    }
}

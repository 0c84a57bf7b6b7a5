/// Length comparisons for 64 documents at once, on LENGTHBITS (the LENGTHS bytes transposed:
/// per 64 documents, word j holds bit j of each document's byte; `Index/FORMAT.md`).
public enum LengthBitPlanes {
    /// The LENGTHBITS section for `lengths` (the LENGTHS bytes): per 64 documents 8 words (one
    /// cache line), bit d % 64 of word j being bit j of document d's byte.
    public static func encode(_ lengths: [UInt8]) -> [UInt8] {
        let words = IndexLayout.bitmapWords(documentCount: lengths.count)
        var planes = [UInt64](repeating: 0, count: words * IndexLayout.lengthBitPlanes)
        for (d, byte) in lengths.enumerated() {
            for j in 0 ..< IndexLayout.lengthBitPlanes where (byte >> UInt8(j)) & 1 != 0 {
                planes[(d >> 6) * IndexLayout.lengthBitPlanes + j] |= 1 << UInt64(d & 63)
            }
        }
        var w = ByteWriter(capacity: planes.count * 8)
        for v in planes { w.u64(v) }
        return w.bytes
    }

    /// The documents `64·word ..< 64·word + 64` whose LENGTHS byte is at most `limit`, as bits,
    /// from `lengthBits` (the LENGTHBITS section; `word` must be below its word count).
    ///
    /// A bit-serial comparison from the highest plane down: `less` collects documents already
    /// known below the limit, `equal` those whose bytes match it so far. Planes at or above
    /// `planes` are taken as zero, so pass the bit width of the largest byte that matters:
    /// a byte wider than that (255, "read the row") compares as its low bits and must be
    /// handled by the caller. Documents past the last one have byte 0.
    /// - Parameters:
    ///   - limit: a byte equal to it passes. Precondition: `0 ≤ limit < 1 << planes`.
    ///   - planes: 1–8, the planes compared.
    @inlinable @inline(__always)
    public static func atMost(_ limit: Int, word: Int, planes: Int, in lengthBits: ByteRegion) -> UInt64 {
        var less: UInt64 = 0, equal: UInt64 = ~0
        var j = planes
        while j > 0 {
            j &-= 1
            let plane = Self.plane(word: word, bit: j, in: lengthBits)
            // All ones where the limit has bit j: a 0 there in a byte still equal so far makes it less.
            let limitBit = 0 &- UInt64(truncatingIfNeeded: (limit >> j) & 1)
            less |= equal & ~plane & limitBit
            equal &= ~(plane ^ limitBit)
        }
        return less | equal
    }

    /// Word `bit` of LENGTHBITS for documents `64·word ..< 64·word + 64`: bit `bit` of each one's
    /// LENGTHS byte. Preconditions: `word` below the section's word count, `bit < 8`.
    @inlinable @inline(__always)
    public static func plane(word: Int, bit: Int, in lengthBits: ByteRegion) -> UInt64 {
        lengthBits.u64Unchecked((word &* IndexLayout.lengthBitPlanes &+ bit) &* 8)
    }

    /// Bits needed for `value` (0 for 0): the planes `atMost` must compare for lengths up to it.
    @inlinable
    public static func width(_ value: UInt8) -> Int { UInt8.bitWidth - value.leadingZeroBitCount }
}

/// Which of 64 consecutive documents are short enough, from the LENGTHS section, 8 bytes at a
/// time (SWAR: SIMD within a register), so a scan can drop long documents a word at a time.
public enum LengthMask {
    @usableFromInline static let high: UInt64 = 0x8080_8080_8080_8080
    @usableFromInline static let ones: UInt64 = 0x0101_0101_0101_0101

    /// Bit j set ⇔ document `64·word + j` exists and its length byte is ≤ `limit` or is 255
    /// ("255 or more": its true length is in its row, so it cannot be ruled out here).
    /// `limit` < 0 keeps only the 255 bytes. `lengths` is the LENGTHS section of `documents`.
    @inlinable
    public static func atMost(_ requested: Int, word: Int, lengths: ByteRegion) -> UInt64 {
        let limit = max(requested, -1)
        let start = word &* 64
        let count = min(64, lengths.count - start)
        guard count > 0 else { return 0 }
        if count == 64 && limit < 0 {
            // Only the 255 bytes stay: a chunk of bytes all below 128 has none (one test).
            var mask: UInt64 = 0
            var chunk = 0
            while chunk < 8 {
                let v = lengths.u64Unchecked(start &+ chunk &* 8)
                if v & high != 0 {
                    for j in 0 ..< 8 where (v >> UInt64(j &* 8)) & 0xFF == 0xFF { mask |= 1 << UInt64(chunk &* 8 &+ j) }
                }
                chunk &+= 1
            }
            return mask
        }
        if count == 64 && limit < 127 {
            var mask: UInt64 = 0
            var chunk = 0
            while chunk < 8 {
                let v = lengths.u64Unchecked(start &+ chunk &* 8)
                var bits: UInt64
                if v & high == 0 {
                    // All bytes < 128: (x | 0x80) − (limit + 1) keeps its high bit ⇔ x > limit,
                    // with no borrow between bytes.
                    let greater = ((v | high) &- UInt64(limit &+ 1) &* ones) & high
                    let atMostLimit = ~greater & high
                    // Gather the 8 high bits, byte j → bit j.
                    bits = ((atMostLimit >> 7) &* 0x0102_0408_1020_4080) >> 56
                } else {
                    bits = 0
                    for j in 0 ..< 8 {
                        let x = Int((v >> UInt64(j &* 8)) & 0xFF)
                        if x <= limit || x == 255 { bits |= 1 << UInt64(j) }
                    }
                }
                mask |= bits << UInt64(chunk &* 8)
                chunk &+= 1
            }
            return mask
        }
        var mask: UInt64 = 0
        for j in 0 ..< count {
            let x = Int(lengths.base.load(fromByteOffset: start &+ j, as: UInt8.self))
            if x <= limit || x == 255 { mask |= 1 << UInt64(j) }
        }
        return mask
    }
}

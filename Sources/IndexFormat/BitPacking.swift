/// Fixed-width bit packing of blocks of 128 `UInt32` values (the postings blocks' codec, see
/// `Index/FORMAT.md`, "Postings blocks"; Lucene's and tantivy's FOR blocks, without SIMD lanes).
///
/// A block at width w (0–32) is a little-endian bit stream of exactly `16 · w` bytes: value i
/// occupies bits `i·w ..< (i+1)·w`, its low bit first, bit k of the stream being bit `k % 8` of
/// byte `k / 8`. Width 0 takes no bytes and means every value is 0. Every value of a block must be
/// below `2^w`; `width(ofLargest:)` gives the smallest w that holds a block.
///
/// Unpacking reads the stream with unaligned 8-byte loads (one load, shift and mask per value,
/// in groups of eight whose offsets and shifts are constants for each width) and never reads
/// outside the block's `16 · w` bytes: the last values, whose 8-byte load would cross the end,
/// are read from a copy of the block's last 8 bytes.
public enum BitPacking {
    /// Values per block.
    public static let blockLength = 128

    /// Bytes of a block at `width` bits per value: `blockLength · width / 8`.
    @inlinable @inline(__always)
    public static func byteCount(width: Int) -> Int { width &* (blockLength / 8) }

    /// The smallest width (0–32) that holds `value`: its bit length (0 for 0).
    @inlinable @inline(__always)
    public static func width(ofLargest value: UInt32) -> Int { UInt32.bitWidth - value.leadingZeroBitCount }

    /// Appends the `byteCount(width:)` bytes of `values` (exactly `blockLength` of them, each below
    /// `2^width`) packed at `width` (0–32). O(blockLength).
    public static func pack(_ values: UnsafeBufferPointer<UInt32>, width: Int, to out: inout [UInt8]) {
        precondition(values.count == blockLength && (0 ... 32).contains(width))
        var bits: UInt64 = 0
        var pending = 0
        for v in values {
            precondition(width == 32 || v >> UInt32(width) == 0, "value does not fit its width")
            bits |= UInt64(v) << UInt64(pending)
            pending += width
            while pending >= 8 {
                out.append(UInt8(truncatingIfNeeded: bits))
                bits >>= 8
                pending -= 8
            }
        }
        // 128 · width bits is a whole number of bytes: nothing is left over.
    }

    /// `pack` of an array; for writers and tests.
    public static func pack(_ values: [UInt32], width: Int, to out: inout [UInt8]) {
        values.withUnsafeBufferPointer { pack($0, width: width, to: &out) }
    }

    /// Writes the `blockLength` values packed at `width` (0–32) in `source[0 ..< byteCount(width:)]`
    /// to `values[0 ..< blockLength]`. Reads no byte outside that range. Precondition: `width` ≤ 32.
    @inlinable
    public static func unpack(_ source: UnsafeRawPointer, width: Int, into values: UnsafeMutablePointer<UInt32>) {
        switch width {
        case 0: values.update(repeating: 0, count: blockLength)
        case 1: unpack(source, 1, values)
        case 2: unpack(source, 2, values)
        case 3: unpack(source, 3, values)
        case 4: unpack(source, 4, values)
        case 5: unpack(source, 5, values)
        case 6: unpack(source, 6, values)
        case 7: unpack(source, 7, values)
        case 8: unpack(source, 8, values)
        case 9: unpack(source, 9, values)
        case 10: unpack(source, 10, values)
        case 11: unpack(source, 11, values)
        case 12: unpack(source, 12, values)
        case 13: unpack(source, 13, values)
        case 14: unpack(source, 14, values)
        case 15: unpack(source, 15, values)
        case 16: unpack(source, 16, values)
        case 17: unpack(source, 17, values)
        case 18: unpack(source, 18, values)
        case 19: unpack(source, 19, values)
        case 20: unpack(source, 20, values)
        case 21: unpack(source, 21, values)
        case 22: unpack(source, 22, values)
        case 23: unpack(source, 23, values)
        case 24: unpack(source, 24, values)
        case 25: unpack(source, 25, values)
        case 26: unpack(source, 26, values)
        case 27: unpack(source, 27, values)
        case 28: unpack(source, 28, values)
        case 29: unpack(source, 29, values)
        case 30: unpack(source, 30, values)
        case 31: unpack(source, 31, values)
        default:
            for i in 0 ..< blockLength { values[i] = UInt32(littleEndian: source.loadUnaligned(fromByteOffset: i &* 4, as: UInt32.self)) }
        }
    }

    /// One width, inlined with `width` a constant so the offsets, shifts and mask fold.
    @inlinable @inline(__always)
    static func unpack(_ source: UnsafeRawPointer, _ width: Int, _ values: UnsafeMutablePointer<UInt32>) {
        let bytes = byteCount(width: width)
        let mask: UInt64 = (1 << UInt64(width)) &- 1
        // Values whose 8-byte load starts at or before byte `bytes − 8` stay inside the block:
        // (i·w) / 8 ≤ bytes − 8  ⇔  i·w < 8·(bytes − 7).
        let direct = min(blockLength, (8 &* (bytes &- 7) &- 1) / width &+ 1)
        // Eight values at a time: eight values are `width` bytes, so a group starts at a byte
        // (group g at byte g·width) and, `width` being a constant here, every load offset and
        // shift in it folds to a constant.
        var i = 0
        while i &+ 8 <= direct {
            let group = source + (i &* width) >> 3
            @inline(__always) func value(_ k: Int) -> UInt32 {
                let bit = k &* width
                let word = UInt64(littleEndian: group.loadUnaligned(fromByteOffset: bit >> 3, as: UInt64.self))
                return UInt32(truncatingIfNeeded: (word >> UInt64(bit & 7)) & mask)
            }
            values[i] = value(0)
            values[i &+ 1] = value(1)
            values[i &+ 2] = value(2)
            values[i &+ 3] = value(3)
            values[i &+ 4] = value(4)
            values[i &+ 5] = value(5)
            values[i &+ 6] = value(6)
            values[i &+ 7] = value(7)
            i &+= 8
        }
        while i < direct {
            let bit = i &* width
            let word = UInt64(littleEndian: source.loadUnaligned(fromByteOffset: bit >> 3, as: UInt64.self))
            values[i] = UInt32(truncatingIfNeeded: (word >> UInt64(bit & 7)) & mask)
            i &+= 1
        }
        guard i < blockLength else { return }
        // The rest lie in the last 8 bytes (each starts at byte > bytes − 8 and ends by `bytes`):
        // read them from a copy followed by zeros.
        var tail: (UInt64, UInt64) = (source.loadUnaligned(fromByteOffset: bytes &- 8, as: UInt64.self), 0)
        withUnsafeBytes(of: &tail) { copy in
            let tailStart = (bytes &- 8) &* 8
            while i < blockLength {
                let bit = i &* width &- tailStart
                let word = UInt64(littleEndian: copy.loadUnaligned(fromByteOffset: bit >> 3, as: UInt64.self))
                values[i] = UInt32(truncatingIfNeeded: (word >> UInt64(bit & 7)) & mask)
                i &+= 1
            }
        }
    }
}

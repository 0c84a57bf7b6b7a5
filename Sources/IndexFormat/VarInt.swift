/// Unsigned LEB128 varints: 7 bits per byte, low groups first, high bit set on all but the last.
/// A UInt32 takes 1…5 bytes; values < 128 take one.
public enum VarInt {
    /// Appends the encoding of `value` to `out`.
    @inlinable
    public static func append(_ value: UInt32, to out: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    /// Encoded length in bytes of `value`, 1 … 5.
    @inlinable
    public static func length(_ value: UInt32) -> Int { 1 &+ (31 &- (value | 1).leadingZeroBitCount) / 7 }

    /// Writes the encoding of `value` at `out` (room for `length(value)` bytes), advancing it:
    /// for a builder's own buffers, sized in advance.
    @inlinable @inline(__always)
    public static func write(_ value: UInt32, _ out: inout UnsafeMutablePointer<UInt8>) {
        var v = value
        while v >= 0x80 {
            out.pointee = UInt8(truncatingIfNeeded: v) | 0x80
            out += 1
            v >>= 7
        }
        out.pointee = UInt8(v)
        out += 1
    }

    /// How many varints end in `bytes` (its bytes below 0x80: each ends one), eight bytes at a
    /// time: the count of whole varints when `bytes` holds whole varints back to back.
    /// - Complexity: O(bytes / 8).
    @inlinable
    public static func count(in bytes: UnsafeRawBufferPointer) -> Int {
        let n = bytes.count
        var i = 0, ends = 0
        while i &+ 8 <= n {
            ends &+= (~bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080).nonzeroBitCount
            i &+= 8
        }
        while i < n {
            if bytes[i] < 0x80 { ends &+= 1 }
            i &+= 1
        }
        return ends
    }

    /// Decodes the varint at `base[offset]`, advancing `offset`, with no bounds or validity
    /// checks: only for bytes this process wrote with `write` (a builder's own buffers), never
    /// for bytes read from a file (`decode`).
    @inlinable @inline(__always)
    public static func decodeUnchecked(_ base: UnsafeRawPointer, _ offset: inout Int) -> UInt32 {
        var byte = base.load(fromByteOffset: offset, as: UInt8.self)
        offset &+= 1
        if byte < 0x80 { return UInt32(byte) } // the common case first: one byte
        var value = UInt32(byte & 0x7F)
        var shift: UInt32 = 0
        while byte >= 0x80 {
            byte = base.load(fromByteOffset: offset, as: UInt8.self)
            offset &+= 1
            shift &+= 7
            value |= UInt32(byte & 0x7F) << shift
        }
        return value
    }

    /// Decodes one varint from `base[offset ..< end]`, advancing `offset`. Returns `nil` (without
    /// reading past `end`) for a truncated or over-long (> 5 bytes, or > 32 bits) encoding.
    @inlinable
    public static func decode(_ base: UnsafeRawPointer, _ offset: inout Int, end: Int) -> UInt32? {
        var result: UInt32 = 0
        var shift: UInt32 = 0
        var i = offset
        while i < end {
            let b = base.load(fromByteOffset: i, as: UInt8.self)
            i += 1
            if shift == 28 && b > 0x0F { return nil }
            result |= UInt32(b & 0x7F) << shift
            if b < 0x80 { offset = i; return result }
            shift += 7
            if shift > 28 { return nil }
        }
        return nil
    }

    /// Decodes every varint in `bytes`; `nil` if any is malformed. For tests and tools.
    public static func decodeAll(_ bytes: [UInt8]) -> [UInt32]? {
        bytes.withUnsafeBytes { raw -> [UInt32]? in
            guard let base = raw.baseAddress else { return [] }
            var out: [UInt32] = []
            var offset = 0
            while offset < raw.count {
                guard let v = decode(base, &offset, end: raw.count) else { return nil }
                out.append(v)
            }
            return out
        }
    }
}

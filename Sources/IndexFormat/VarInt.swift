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

    /// Encoded length in bytes of `value`.
    @inlinable
    public static func length(_ value: UInt32) -> Int {
        value < 1 << 7 ? 1 : value < 1 << 14 ? 2 : value < 1 << 21 ? 3 : value < 1 << 28 ? 4 : 5
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

/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), the checksum zlib and PNG use.
/// Slicing-by-8 tables. `CRC32.checksum("123456789") == 0xCBF43926`.
public enum CRC32 {
    /// Eight 256-entry tables, flattened: table k at `k * 256`.
    static let table: [UInt32] = {
        var t = [UInt32](repeating: 0, count: 8 * 256)
        for i in 0 ..< 256 {
            var c = UInt32(i)
            for _ in 0 ..< 8 { c = (c & 1) != 0 ? (0xEDB8_8320 ^ (c >> 1)) : (c >> 1) }
            t[i] = c
        }
        for k in 1 ..< 8 {
            for i in 0 ..< 256 { t[k * 256 + i] = (t[(k - 1) * 256 + i] >> 8) ^ t[Int(t[(k - 1) * 256 + i] & 0xFF)] }
        }
        return t
    }()

    /// CRC-32 of `count` bytes at `base`, continuing from `crc` (0 to start).
    public static func checksum(_ base: UnsafeRawPointer, count: Int, continuing crc: UInt32 = 0) -> UInt32 {
        table.withUnsafeBufferPointer { t in
            var c = ~crc
            var p = base
            var n = count
            while n >= 8 {
                let lo = UInt32(littleEndian: p.loadUnaligned(as: UInt32.self)) ^ c
                let hi = UInt32(littleEndian: p.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
                c = t[7 * 256 + Int(lo & 0xFF)] ^ t[6 * 256 + Int((lo >> 8) & 0xFF)]
                  ^ t[5 * 256 + Int((lo >> 16) & 0xFF)] ^ t[4 * 256 + Int(lo >> 24)]
                  ^ t[3 * 256 + Int(hi & 0xFF)] ^ t[2 * 256 + Int((hi >> 8) & 0xFF)]
                  ^ t[1 * 256 + Int((hi >> 16) & 0xFF)] ^ t[Int(hi >> 24)]
                p += 8
                n -= 8
            }
            while n > 0 {
                c = t[Int((c ^ UInt32(p.load(as: UInt8.self))) & 0xFF)] ^ (c >> 8)
                p += 1
                n -= 1
            }
            return ~c
        }
    }

    /// CRC-32 of a byte array.
    public static func checksum<C: ContiguousBytes>(_ bytes: C) -> UInt32 {
        bytes.withUnsafeBytes { b in b.baseAddress.map { checksum($0, count: b.count) } ?? 0 }
    }

    public static func checksum(_ text: String) -> UInt32 { checksum(Array(text.utf8)) }

    /// The CRC-32 of A followed by B, from the CRC-32 of A and of B: `checksum(A + B) ==
    /// Zeros(byteCount: B.count).shift(checksum(A)) ^ checksum(B)` — zlib's `crc32_combine`.
    /// So a file's section CRCs follow from its 16 KiB block CRCs (BLOCKSUMS) without a second
    /// pass over the bytes.
    ///
    /// The CRC register is linear over GF(2): appending n zero bytes multiplies it by a fixed
    /// 32 × 32 bit matrix, found by repeated squaring of the one-zero-bit operator.
    public struct Zeros: Sendable {
        /// Column j: the image of register bit j.
        private var columns: [UInt32]

        /// The operator of `byteCount` (≥ 0) zero bytes. - Complexity: O(32² · log byteCount).
        public init(byteCount: Int) {
            // One zero bit: shift right, folding in the polynomial when bit 0 was set.
            var bit = [UInt32](repeating: 0, count: 32)
            bit[0] = 0xEDB8_8320
            for j in 1 ..< 32 { bit[j] = 1 << (j - 1) }
            var power = Self.square(Self.square(Self.square(bit))) // 8 zero bits: one byte
            var result = (0 ..< 32).map { UInt32(1) << $0 } // identity
            var n = byteCount
            while n > 0 {
                if n & 1 != 0 { result = result.map { Self.apply(power, $0) } }
                n >>= 1
                if n > 0 { power = Self.square(power) }
            }
            columns = result
        }

        /// `crc` continued over the operator's zero bytes.
        public func shift(_ crc: UInt32) -> UInt32 { Self.apply(columns, crc) }

        private static func apply(_ columns: [UInt32], _ vector: UInt32) -> UInt32 {
            var sum: UInt32 = 0, v = vector, j = 0
            while v != 0 {
                if v & 1 != 0 { sum ^= columns[j] }
                v >>= 1
                j += 1
            }
            return sum
        }

        private static func square(_ columns: [UInt32]) -> [UInt32] { columns.map { apply(columns, $0) } }
    }

    /// The CRC-32 of A followed by B (`lengthB` bytes), from theirs. - Complexity: O(32² · log lengthB).
    public static func combine(_ crcA: UInt32, _ crcB: UInt32, lengthB: Int) -> UInt32 {
        Zeros(byteCount: lengthB).shift(crcA) ^ crcB
    }
}

/// Contiguous bytes for `CRC32.checksum` (arrays and slices of UInt8).
public protocol ContiguousBytes {
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R
}
extension Array: ContiguousBytes where Element == UInt8 {}
extension ArraySlice: ContiguousBytes where Element == UInt8 {}

import Corpus
import IndexFormat
import Testing

@Suite("Encodings")
struct EncodingTests {
    @Test("varint round trip at every length boundary and on random values (property)")
    func varint() {
        var values: [UInt32] = [0, 1, 127, 128, 255, 16383, 16384, 2_097_151, 2_097_152, 268_435_455, 268_435_456, .max]
        var s: UInt64 = 1
        for _ in 0 ..< 10_000 { s = s &* 6364136223846793005 &+ 1442695040888963407; values.append(UInt32(truncatingIfNeeded: s >> (s % 32))) }
        var bytes: [UInt8] = []
        for v in values {
            let before = bytes.count
            VarInt.append(v, to: &bytes)
            #expect(bytes.count - before == VarInt.length(v))
        }
        #expect(VarInt.decodeAll(bytes) == values)
    }

    @Test("varints counted without decoding: every run of whole varints, at any offset and length, counts its values (property)")
    func varintCount() {
        var s: UInt64 = 7
        var values: [UInt32] = []
        for _ in 0 ..< 3_000 { s = s &* 6364136223846793005 &+ 1442695040888963407; values.append(UInt32(truncatingIfNeeded: s >> (s % 32))) }
        var bytes: [UInt8] = [], ends: [Int] = [0]
        for v in values { VarInt.append(v, to: &bytes); ends.append(bytes.count) }
        bytes.withUnsafeBytes { raw in
            #expect(VarInt.count(in: raw) == values.count)
            #expect(VarInt.count(in: UnsafeRawBufferPointer(rebasing: raw[0 ..< 0])) == 0)
            for _ in 0 ..< 2_000 {
                s = s &* 6364136223846793005 &+ 1442695040888963407
                let a = Int(s >> 33) % ends.count, b = Int(s >> 11) % ends.count
                let (first, last) = (min(a, b), max(a, b)) // values first ..< last
                #expect(VarInt.count(in: UnsafeRawBufferPointer(rebasing: raw[ends[first] ..< ends[last]])) == last - first)
            }
        }
    }

    @Test("malformed varints are refused without reading past the end", arguments: [
        [0x80], [0xFF, 0xFF], [0xFF, 0xFF, 0xFF, 0xFF, 0x1F], [0x80, 0x80, 0x80, 0x80, 0x80, 0x01],
    ] as [[UInt8]])
    func badVarint(bytes: [UInt8]) { #expect(VarInt.decodeAll(bytes) == nil) }

    @Test("CRC-32 matches the standard check value and is incremental")
    func crc() {
        #expect(CRC32.checksum("123456789") == 0xCBF4_3926)
        #expect(CRC32.checksum([UInt8]()) == 0)
        let data = (0 ..< 1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let whole = CRC32.checksum(data)
        for split in [0, 1, 7, 8, 9, 500, 999, 1000] {
            let first = CRC32.checksum(Array(data[..<split]))
            let both = data[split...].withUnsafeBytes { CRC32.checksum($0.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, count: $0.count, continuing: first) }
            #expect(both == whole)
        }
    }
}

@Suite("Length bit planes")
struct LengthBitPlaneTests {
    @Test("atMost equals a byte-by-byte comparison for every limit below the longest short length; 255 never passes (property)")
    func equalsScalar() {
        var rng = SplitMix64(seed: 41)
        for trial in 0 ..< 120 {
            // Short lengths up to a random longest (so the planes compared vary from 1 to 8), some
            // 255s ("read the row"), and a count that is not a multiple of 64 (a partial last word).
            let longest = UInt8(1 + rng.below(254))
            let count = 64 * (1 + rng.below(4)) + (trial % 3 == 0 ? rng.below(64) : 0)
            let bytes: [UInt8] = (0 ..< count).map { _ in rng.below(12) == 0 ? 255 : UInt8(rng.below(Int(longest) + 1)) }
            let planes = LengthBitPlanes.width(longest)
            #expect(planes >= 1 && planes <= 8 && Int(longest) < 1 << planes)
            let encoded = LengthBitPlanes.encode(bytes)
            #expect(encoded.count == IndexLayout.bitmapWords(documentCount: count) * 64)
            encoded.withUnsafeBytes { raw in
                let region = ByteRegion(base: raw.baseAddress!, count: raw.count)
                for limit in Set([0, 1, Int(longest) / 2, Int(longest) - 1] + (0 ..< 8).map { _ in rng.below(Int(longest)) }) where limit < Int(longest) {
                    for word in 0 ..< IndexLayout.bitmapWords(documentCount: count) {
                        var expected: UInt64 = 0
                        for j in 0 ..< 64 where word * 64 + j < count && bytes[word * 64 + j] <= limit { expected |= 1 << UInt64(j) }
                        // Past the last document the byte is 0, which passes: callers mask by their documents.
                        for j in 0 ..< 64 where word * 64 + j >= count { expected |= 1 << UInt64(j) }
                        #expect(LengthBitPlanes.atMost(limit, word: word, planes: planes, in: region) == expected, "limit \(limit) word \(word) planes \(planes)")
                    }
                }
            }
        }
    }
}


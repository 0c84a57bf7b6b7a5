import Corpus
import Platform
import Testing

/// `ByteComparison`, the byte order of TERMS, IDS and the writer's sorts, against the standard
/// library's on arrays: every length from 0 to 24 (the word loop, the overlapping last word,
/// the short paths), bytes 0x00 and 0xFF included.
@Suite("Byte comparison")
struct ByteComparisonTests {
    @Test("order is lexicographicallyPrecedes's and equal is ==, on random and near-equal byte strings of 0–24 bytes (property)")
    func agreesWithStandardLibrary() {
        var rng = SplitMix64(seed: 0xB17E)
        let alphabet: [UInt8] = [0x00, 0x01, 0x61, 0x62, 0x7F, 0x80, 0xFE, 0xFF]
        for _ in 0 ..< 20_000 {
            let a = (0 ..< rng.below(25)).map { _ in alphabet[rng.below(alphabet.count)] }
            var b = a
            switch rng.below(4) {
            case 0: b = (0 ..< rng.below(25)).map { _ in alphabet[rng.below(alphabet.count)] }
            case 1: if !b.isEmpty { b[rng.below(b.count)] = alphabet[rng.below(alphabet.count)] }
            case 2: if !b.isEmpty { b.removeLast() }
            default: break
            }
            let order = a.withUnsafeBytes { x in b.withUnsafeBytes { y in ByteComparison.order(x, y) } }
            let equal = a.withUnsafeBytes { x in b.withUnsafeBytes { y in ByteComparison.equal(x, y) } }
            let expected = a == b ? 0 : a.lexicographicallyPrecedes(b) ? -1 : 1
            #expect(order == expected, "\(a) vs \(b)")
            #expect(equal == (a == b), "\(a) vs \(b)")
        }
    }
}

import Corpus
import IndexFormat
import Testing

/// The block codec on its own: round trips over random and adversarial inputs, partial decodes,
/// and damaged input, which must be reported and never read or write out of bounds.
@Suite("LZ block codec")
struct LZBlockCodecTests {
    /// Decodes `compressed` with room for `limit` bytes (plus the slack); `nil` on damage.
    static func decode(_ compressed: [UInt8], dictionary: [UInt8] = [], limit: Int) -> (bytes: [UInt8], consumed: Int)? {
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: limit + LZBlockDecompressor.outputSlack, alignment: 8)
        defer { buffer.deallocate() }
        let progress = compressed.withUnsafeBytes { input in
            dictionary.withUnsafeBytes { d in LZBlockDecompressor.decode(input, dictionary: d, into: buffer, limit: limit) }
        }
        guard let progress else { return nil }
        return (Array(UnsafeRawBufferPointer(start: buffer, count: progress.produced)), progress.consumed)
    }

    /// Compresses and decodes whole, expecting exactly `bytes` from exactly all the input.
    static func roundTrips(_ bytes: [UInt8], dictionary: [UInt8] = [], depth: Int = 8) -> (ok: Bool, compressed: Int) {
        var compressor = LZBlockCompressor(dictionary: dictionary, searchDepth: depth)
        let compressed = compressor.compress(bytes)
        guard let back = decode(compressed, dictionary: compressor.dictionary, limit: bytes.count + 1) else { return (false, compressed.count) }
        return (back.bytes == bytes && back.consumed == compressed.count, compressed.count)
    }

    static func text(_ n: Int, seed: UInt64) -> [UInt8] {
        let words = ["program", "students", "nursing", "health", "of", "the", "and", "science", "information", "prepares",
                     "individuals", "to", "practice", "clinical", "management", "data", "systems", "in", "a", "with"]
        var rng = SplitMix64(seed: seed)
        var out: [UInt8] = []
        while out.count < n { out += Array(words[rng.below(words.count)].utf8) + [32] }
        return Array(out.prefix(n))
    }

    /// `count` bytes of one of four kinds: 0 random, 1 text, 2 a three-letter alphabet (short
    /// offsets, overlapping matches), 3 half text and half random.
    static func input(kind: Int, count n: Int, seed: UInt64, rng: inout SplitMix64) -> [UInt8] {
        switch kind {
        case 0: return (0 ..< n).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        case 1: return text(n, seed: seed)
        case 2: return (0 ..< n).map { _ in UInt8(rng.below(3)) }
        default: return text(n / 2, seed: seed) + (0 ..< n / 2).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        }
    }

    @Test("empty, tiny and short inputs round-trip")
    func small() {
        for n in 0 ..< 40 {
            #expect(Self.roundTrips(Self.text(n, seed: UInt64(n))).ok, "length \(n)")
            #expect(Self.roundTrips([UInt8](repeating: 7, count: n)).ok, "run of \(n)")
        }
    }

    @Test("random, text-like and mixed inputs round-trip, with and without a dictionary (property)")
    func randomInputs() {
        var rng = SplitMix64(seed: 0xC0DEC)
        for trial in 0 ..< 300 {
            let n = rng.below(20_000)
            let bytes = Self.input(kind: trial % 4, count: n, seed: UInt64(trial), rng: &rng)
            let dictionary = trial % 2 == 0 ? [] : Self.text(rng.below(70_000), seed: UInt64(trial) ^ 99)
            let depth = [1, 4, 8, 64][trial % 4]
            #expect(Self.roundTrips(bytes, dictionary: dictionary, depth: depth).ok, "trial \(trial), \(n) bytes")
        }
    }

    @Test("incompressible data grows by less than 1% plus a few bytes")
    func incompressible() {
        var rng = SplitMix64(seed: 5)
        let bytes = (0 ..< 100_000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let (ok, size) = Self.roundTrips(bytes)
        #expect(ok && size <= bytes.count + bytes.count / 100 + 16, "\(size)")
        // The room the compressor writes into holds every block: random bytes (all literals,
        // the longest output) of every length around the length-byte steps, and past the window.
        for n in Array(0 ... 300) + [4_095, 4_096, 65_535, 65_536, 70_000] {
            var compressor = LZBlockCompressor()
            let out = compressor.compress(Array(bytes.prefix(n)))
            #expect(out.count <= LZBlockCompressor.maximumCompressedSize(n), "\(n) bytes → \(out.count)")
            #expect(n < 16 || out.count >= n, "random bytes do not shrink")
        }
    }

    @Test("adversarial: runs, all-same bytes, longest literals and matches, period-2..9 patterns")
    func adversarial() {
        let runs = [UInt8](repeating: 0, count: 70_000) + [UInt8](repeating: 255, count: 300) + [1, 2, 3]
        #expect(Self.roundTrips(runs).ok)
        let same = Self.roundTrips([UInt8](repeating: 65, count: 1_000_000))
        #expect(same.ok && same.compressed < 5_000)
        for period in 2 ... 9 {
            let pattern = (0 ..< 100_003).map { UInt8($0 % period) }
            #expect(Self.roundTrips(pattern).ok, "period \(period)")
        }
        // Literal and match lengths at the 15 / 15 + 255·k boundaries of the length coding.
        var rng = SplitMix64(seed: 9)
        for literal in [14, 15, 16, 269, 270, 271, 524, 525, 526] {
            for match in [4, 18, 19, 20, 273, 274, 275, 529] {
                let noise = (0 ..< literal).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
                let seed = Array(Self.text(8, seed: UInt64(literal)))
                var bytes = seed + noise
                while bytes.count < seed.count + literal + match { bytes.append(bytes[bytes.count - seed.count - literal]) }
                bytes += (0 ..< 20).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
                #expect(Self.roundTrips(bytes).ok, "literal \(literal), match \(match)")
            }
        }
    }

    @Test("matches at the dictionary boundary: all in it, straddling into the block, at the window's edge")
    func dictionaryBoundary() {
        let dictionary = Self.text(65_535, seed: 1)
        // The block repeats the dictionary's tail and then itself, so matches start in the
        // dictionary and run into the block's own output.
        let tail = Array(dictionary.suffix(40))
        var block = tail + tail + tail
        block += Array(dictionary.prefix(64)) // only reachable at the very start: window is 65,535
        block += Self.text(5_000, seed: 2)
        let (ok, size) = Self.roundTrips(block, dictionary: dictionary)
        #expect(ok)
        let (_, without) = Self.roundTrips(block)
        #expect(size < without)
        // A dictionary longer than the window keeps its last 65,535 bytes.
        let long = Self.text(100_000, seed: 3)
        #expect(LZBlockCompressor(dictionary: long).dictionary.count == LZBlockCompressor.window)
        #expect(Self.roundTrips(Array(long.suffix(3_000)), dictionary: long).ok)
    }

    @Test("a huge input (8 MB of text and noise) round-trips")
    func huge() {
        var rng = SplitMix64(seed: 77)
        var bytes = Self.text(6_000_000, seed: 4)
        bytes += (0 ..< 2_000_000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let (ok, size) = Self.roundTrips(bytes, dictionary: Self.text(4096, seed: 8))
        #expect(ok && size < bytes.count / 2)
    }

    @Test("a partial decode stops at the limit and equals the prefix")
    func partial() {
        let dictionary = Self.text(30_000, seed: 6)
        let bytes = Self.text(12_000, seed: 7) + [UInt8](repeating: 1, count: 500) + Self.text(3_000, seed: 6)
        var compressor = LZBlockCompressor(dictionary: dictionary)
        let compressed = compressor.compress(bytes)
        for limit in [0, 1, 2, 3, 5, 8, 15, 16, 17, 100, 1_000, 12_001, 12_250, 15_499, bytes.count] {
            let back = Self.decode(compressed, dictionary: dictionary, limit: limit)
            #expect(back?.bytes == Array(bytes.prefix(limit)), "limit \(limit)")
        }
    }

    @Test("damaged and truncated input is reported (nil or short), never crashes")
    func damaged() {
        let dictionary = Self.text(2_000, seed: 10)
        let bytes = Self.text(9_000, seed: 11)
        var compressor = LZBlockCompressor(dictionary: dictionary)
        let compressed = compressor.compress(bytes)
        // Every truncation: damage, or fewer bytes than the block holds.
        for cut in 0 ..< compressed.count {
            let back = Self.decode(Array(compressed.prefix(cut)), dictionary: dictionary, limit: bytes.count + 1)
            #expect(back == nil || back!.bytes.count < bytes.count || back!.bytes == bytes, "cut \(cut)")
        }
        // Random damage: whatever comes out fits the limit; decoding never traps.
        var rng = SplitMix64(seed: 12)
        var reported = 0
        for _ in 0 ..< 3_000 {
            var d = compressed
            for _ in 0 ..< 1 + rng.below(6) { d[rng.below(d.count)] ^= UInt8(1 << rng.below(8)) }
            let limit = bytes.count + 1
            if let back = Self.decode(d, dictionary: rng.chance(0.2) ? [] : dictionary, limit: limit) {
                #expect(back.bytes.count <= limit && back.consumed <= d.count)
                if back.bytes != bytes { reported += back.consumed != d.count || back.bytes.count != bytes.count ? 1 : 0 }
            } else {
                reported += 1
            }
        }
        #expect(reported > 0)
        // Hand-made damage: offset 0, offset past the dictionary, lengths running past the end.
        #expect(Self.decode([0x14, 65, 0, 0], limit: 100) == nil) // offset 0
        #expect(Self.decode([0x10, 65, 2, 0], limit: 100) == nil) // offset 2 > 1 byte produced, no dictionary
        #expect(Self.decode([0x10, 65, 3, 0], dictionary: [1], limit: 100) == nil) // reaches before the dictionary
        #expect(Self.decode([0xF0, 255, 255], limit: 100) == nil) // literal length runs out
        #expect(Self.decode([0x50, 1, 2], limit: 100) == nil) // literals run out
        #expect(Self.decode([0x1F, 65, 1, 0, 255], limit: 100) == nil) // match length runs out
        #expect(Self.decode([0x10, 65, 1], limit: 100) == nil) // half an offset
        #expect(Self.decode([0xF0] + [UInt8](repeating: 255, count: 9_000_000), limit: 100) == nil) // overflowing length
        // Valid hand-made blocks: a dictionary match, then an overlapping run.
        #expect(Self.decode([0x00, 2, 0], dictionary: [9, 8, 7], limit: 4)?.bytes == [8, 7, 8, 7])
        #expect(Self.decode([0x13, 5, 1, 0], limit: 8)?.bytes == [5, 5, 5, 5, 5, 5, 5, 5])
    }
}

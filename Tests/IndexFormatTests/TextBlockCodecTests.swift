import Corpus
import IndexFormat
import Testing

/// The entropy stage of TEXTS' blocks: Huffman codes (lengths within the limit, prefix-free,
/// decoded by table), and LZ blocks written with `TextEntropyCodes` and read back by
/// `TextBlockDecoder` — round trips over random and adversarial inputs, partial decodes, and
/// damage, which must be reported and never read or write out of bounds.
@Suite("TEXTS block codes")
struct TextBlockCodecTests {
    // MARK: Huffman codes

    /// Σ 2^(maximumLength − length) over the coded symbols: 2^maximumLength for a complete code.
    static func kraft(_ lengths: [UInt8]) -> Int {
        lengths.reduce(0) { $0 + ($1 == 0 ? 0 : 1 << (HuffmanCode.maximumLength - Int($1))) }
    }

    @Test("codes from counts: every counted symbol and no other coded, within 12 bits, complete, decoded by the table (property)")
    func huffmanFromCounts() throws {
        var rng = SplitMix64(seed: 0x4FF)
        for trial in 0 ..< 200 {
            var counts = [Int](repeating: 0, count: 256)
            switch trial % 4 {
            case 0: for s in 0 ..< 256 where rng.chance(0.5) { counts[s] = 1 + rng.below(1000) }
            case 1: // Fibonacci-like: the optimal code is far deeper than 12 bits
                var (a, b) = (1, 1)
                for s in 0 ..< 40 { counts[s * 3] = a; (a, b) = (b, min(a + b, 1 << 40)) }
            case 2: counts[rng.below(256)] = 1 + rng.below(50) // one symbol
            default: for s in 0 ..< 256 { counts[s] = rng.chance(0.1) ? 1_000_000 : rng.below(3) }
            }
            let code = HuffmanCode(counts: counts)
            let present = (0 ..< 256).filter { counts[$0] > 0 }
            #expect((0 ..< 256).allSatisfy { (code.lengths[$0] > 0) == (counts[$0] > 0) }, "trial \(trial)")
            #expect(code.lengths.allSatisfy { Int($0) <= HuffmanCode.maximumLength })
            if present.count > 1 {
                #expect(Self.kraft(code.lengths) == 1 << HuffmanCode.maximumLength, "trial \(trial): a complete code")
            } else if let only = present.first {
                #expect(code.lengths[only] == 1)
            }
            // The table gives each symbol back from its code followed by any bits.
            let table = code.decodeTable()
            for s in present {
                let l = Int(code.lengths[s])
                let after = rng.below(1 << (HuffmanCode.maximumLength - l))
                let entry = table[Int(code.codes[s]) | after << l]
                #expect(Int(entry >> 4) == s && Int(entry & 15) == l, "trial \(trial) symbol \(s)")
            }
            // Stored and read back: the same code.
            #expect(HuffmanCode(lengths: code.lengths) == code)
        }
    }

    @Test("an unconstrained code is optimal: its cost equals the Huffman cost of a plain reference")
    func huffmanIsOptimal() {
        var rng = SplitMix64(seed: 0x0971)
        for _ in 0 ..< 100 {
            let counts = (0 ..< 256).map { _ in rng.chance(0.3) ? 1 + rng.below(500) : 0 }
            guard counts.filter({ $0 > 0 }).count > 1 else { continue }
            // Reference: Huffman's cost is the sum of the merged weights (any tie order).
            var queue = counts.filter { $0 > 0 }.sorted()
            var reference = 0
            while queue.count > 1 {
                let merged = queue.removeFirst() + queue.removeFirst()
                reference += merged
                queue.insert(merged, at: queue.firstIndex { $0 > merged } ?? queue.count)
            }
            let code = HuffmanCode(counts: counts)
            let cost = (0 ..< 256).reduce(0) { $0 + counts[$1] * Int(code.lengths[$1]) }
            let deepest = code.lengths.max()!
            if deepest < HuffmanCode.maximumLength { #expect(cost == reference) } else { #expect(cost >= reference) }
        }
    }

    @Test("stored lengths that are no code are refused: a length above 12, too many short codes")
    func huffmanRefusesDamage() {
        var lengths = [UInt8](repeating: 0, count: 256)
        lengths[0] = 13
        #expect(HuffmanCode(lengths: lengths) == nil)
        lengths = [UInt8](repeating: 0, count: 256)
        (lengths[0], lengths[1], lengths[2]) = (1, 1, 1) // 3 × ½ > 1
        #expect(HuffmanCode(lengths: lengths) == nil)
        #expect(HuffmanCode(lengths: [UInt8](repeating: 8, count: 256)) != nil) // complete: 256 × 2^-8
        var bytes = [UInt8](repeating: 8, count: TextEntropyCodes.serializedSize)
        bytes[700] = 7 // one short code too many in the third table
        #expect(bytes.withUnsafeBytes { TextEntropyCodes(serialized: $0) } == nil)
    }

    // MARK: Blocks

    /// Compresses `bytes` against `dictionary`, writes the sequences with `codes` (trained on
    /// `bytes` itself when nil), decodes up to `limit` (whole when nil).
    static func roundTrip(_ bytes: [UInt8], dictionary: [UInt8] = [], codes: TextEntropyCodes? = nil, limit: Int? = nil)
        -> (decoded: [UInt8]?, consumed: Int, encoded: [UInt8], sequences: [UInt8]) {
        var compressor = LZBlockCompressor(dictionary: dictionary)
        let sequences = compressor.compress(bytes)
        let codes = codes ?? TextEntropyCodes(training: [sequences])
        var encoded: [UInt8] = []
        sequences.withUnsafeBytes { codes.encode($0, appendingTo: &encoded) }
        let (decoded, consumed) = decode(encoded, dictionary: compressor.dictionary, codes: codes, limit: limit ?? bytes.count, length: bytes.count)
        return (decoded, consumed, encoded, sequences)
    }

    static func decode(_ encoded: [UInt8], dictionary: [UInt8], codes: TextEntropyCodes, limit: Int, length: Int) -> ([UInt8]?, Int) {
        let decoder = TextBlockDecoder(codes: codes)
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: limit + LZBlockDecompressor.outputSlack, alignment: 8)
        defer { buffer.deallocate() }
        let p = encoded.withUnsafeBytes { e in
            dictionary.withUnsafeBytes { d in decoder.decode(e, dictionary: d, into: buffer, limit: limit, decodedLength: length) }
        }
        guard let p else { return (nil, 0) }
        return (Array(UnsafeRawBufferPointer(start: buffer, count: p.produced)), p.consumed)
    }

    @Test("empty, tiny and short blocks round-trip, consuming exactly their bytes")
    func small() {
        for n in 0 ..< 40 {
            for bytes in [LZBlockCodecTests.text(n, seed: UInt64(n)), [UInt8](repeating: 7, count: n)] {
                let r = Self.roundTrip(bytes)
                #expect(r.decoded == bytes && r.consumed == r.encoded.count, "length \(n)")
            }
        }
    }

    @Test("random, text-like and mixed blocks round-trip with codes trained on other data, with and without a dictionary (property)")
    func randomBlocks() {
        var rng = SplitMix64(seed: 0xE27)
        // Codes trained on text: the other kinds' symbols are rare in them, yet every one has a code.
        var trainer = LZBlockCompressor()
        let trained = TextEntropyCodes(training: [trainer.compress(LZBlockCodecTests.text(20_000, seed: 1))])
        for trial in 0 ..< 300 {
            let n = rng.below(20_000)
            let bytes = LZBlockCodecTests.input(kind: trial % 4, count: n, seed: UInt64(trial), rng: &rng)
            let dictionary = trial % 2 == 0 ? [] : LZBlockCodecTests.text(rng.below(70_000), seed: UInt64(trial) ^ 99)
            let r = Self.roundTrip(bytes, dictionary: dictionary, codes: trial % 3 == 0 ? nil : trained)
            #expect(r.decoded == bytes && r.consumed == r.encoded.count, "trial \(trial), \(n) bytes")
        }
    }

    @Test("adversarial: runs, long literals and matches at the length-coding boundaries, incompressible data")
    func adversarial() {
        var rng = SplitMix64(seed: 9)
        var blocks: [[UInt8]] = [[UInt8](repeating: 0, count: 70_000) + [UInt8](repeating: 255, count: 300) + [1, 2, 3],
                                 (0 ..< 50_000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }]
        for literal in [14, 15, 16, 269, 270, 271, 525] {
            for match in [4, 18, 19, 20, 273, 274, 529] {
                let seed = LZBlockCodecTests.text(8, seed: UInt64(literal))
                var bytes = seed + (0 ..< literal).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
                while bytes.count < seed.count + literal + match { bytes.append(bytes[bytes.count - seed.count - literal]) }
                blocks.append(bytes)
            }
        }
        for (k, bytes) in blocks.enumerated() {
            let r = Self.roundTrip(bytes)
            #expect(r.decoded == bytes && r.consumed == r.encoded.count, "block \(k)")
        }
        // Incompressible data grows by less than 2% over its LZ form.
        let noise = Self.roundTrip(blocks[1])
        #expect(noise.encoded.count <= noise.sequences.count + noise.sequences.count / 50 + 16)
    }

    @Test("text shrinks: the coded block is at least 15% smaller than its LZ sequences")
    func textShrinks() {
        let dictionary = LZBlockCodecTests.text(60_000, seed: 21)
        var compressor = LZBlockCompressor(dictionary: dictionary)
        let codes = TextEntropyCodes(training: (0 ..< 8).map { compressor.compress(LZBlockCodecTests.text(4_000, seed: 100 + $0)) })
        var lz = 0, coded = 0
        for k in 0 ..< 20 {
            let r = Self.roundTrip(LZBlockCodecTests.text(4_000, seed: 200 + UInt64(k)), dictionary: dictionary, codes: codes)
            #expect(r.decoded != nil)
            lz += r.sequences.count
            coded += r.encoded.count
        }
        #expect(coded * 100 <= lz * 85, "\(coded) coded bytes, \(lz) LZ bytes")
    }

    @Test("a partial decode stops at the limit and equals the prefix")
    func partial() {
        let dictionary = LZBlockCodecTests.text(30_000, seed: 6)
        let bytes = LZBlockCodecTests.text(12_000, seed: 7) + [UInt8](repeating: 1, count: 500) + LZBlockCodecTests.text(3_000, seed: 6)
        let whole = Self.roundTrip(bytes, dictionary: dictionary)
        let codes = TextEntropyCodes(training: [whole.sequences])
        for limit in [0, 1, 2, 3, 5, 8, 15, 16, 17, 100, 1_000, 12_001, 12_250, 15_499, bytes.count] {
            let (back, consumed) = Self.decode(whole.encoded, dictionary: dictionary, codes: codes, limit: limit, length: bytes.count)
            #expect(back == Array(bytes.prefix(limit)) && consumed <= whole.encoded.count, "limit \(limit)")
        }
    }

    @Test("damaged, truncated and extended blocks are reported (nil, short, or not all bytes consumed), never crash")
    func damaged() {
        let dictionary = LZBlockCodecTests.text(2_000, seed: 10)
        let bytes = LZBlockCodecTests.text(9_000, seed: 11)
        let whole = Self.roundTrip(bytes, dictionary: dictionary)
        let codes = TextEntropyCodes(training: [whole.sequences])
        func isSound(_ encoded: [UInt8]) -> Bool {
            let (back, consumed) = Self.decode(encoded, dictionary: dictionary, codes: codes, limit: bytes.count, length: bytes.count)
            return back == bytes && consumed == encoded.count
        }
        #expect(isSound(whole.encoded))
        for cut in 0 ..< whole.encoded.count { #expect(!isSound(Array(whole.encoded.prefix(cut))), "cut \(cut)") }
        #expect(!isSound(whole.encoded + [0]) && !isSound(whole.encoded + [0x80]))
        // The last byte's top bit set: padding (which must be zero) unless the bits fill the byte.
        for n in [9_000, 9_001, 9_002, 9_003, 9_004, 9_005, 9_006, 9_007] {
            let block = LZBlockCodecTests.text(n, seed: 11)
            let r = Self.roundTrip(block, dictionary: dictionary, codes: codes)
            guard r.encoded.last! & 0x80 == 0 else { continue }
            var padded = r.encoded
            padded[padded.count - 1] |= 0x80
            let (back, consumed) = Self.decode(padded, dictionary: dictionary, codes: codes, limit: n, length: n)
            #expect(back == nil || back! != block || consumed != padded.count, "length \(n)")
        }
        // Random damage: whatever comes out fits the limit and the input; decoding never traps.
        var rng = SplitMix64(seed: 12)
        var reported = 0
        for _ in 0 ..< 3_000 {
            var d = whole.encoded
            for _ in 0 ..< 1 + rng.below(6) { d[rng.below(d.count)] ^= UInt8(1 << rng.below(8)) }
            let (back, consumed) = Self.decode(d, dictionary: rng.chance(0.2) ? [] : dictionary, codes: codes, limit: bytes.count, length: bytes.count)
            if let back {
                #expect(back.count <= bytes.count && consumed <= d.count)
                if back != bytes || consumed != d.count { reported += 1 }
            } else {
                reported += 1
            }
        }
        #expect(reported > 2_900, "\(reported) of 3,000 damaged blocks reported")
    }
}

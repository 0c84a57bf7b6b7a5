/// The four Huffman codes of TEXTS' blocks (`Index/FORMAT.md`, "Stored text"), one per
/// alphabet of an LZ sequence's bytes, and the encoder that writes an `LZBlockCompressor` block
/// with them (`encode(_:appendingTo:)`; `TextBlockDecoder` reads it back).
///
/// An LZ block is mostly tokens and offsets (on the realistic descriptions: 28% tokens, 56%
/// offsets, 11% literals), each a byte whose values are far from uniform: a token is mostly a
/// short match after no literal, an offset's high byte points into the preset dictionary
/// where common words sit. Coding each byte with its alphabet's Huffman code instead of
/// storing it takes a block about a fifth smaller; an offset's low byte, nearly uniform, is
/// stored as 8 raw bits.
///
/// The codes are shared by every block of a file, trained once on a sample of its texts before
/// the first block is written (`init(training:)`), so no block carries a table and the blocks
/// are still encoded as they fill. Every symbol of every alphabet gets a code (counts + 1), so
/// any block encodes, whatever the sample saw.
public struct TextEntropyCodes: Sendable, Equatable {
    /// What a coded byte of an LZ sequence is.
    public enum Alphabet: Int, CaseIterable, Sendable {
        /// The sequence's token (literal count and match length nibbles).
        case token = 0
        /// A literal byte.
        case literal
        /// An offset's high byte (its low byte is 8 raw bits).
        case offsetHigh
        /// A length continuation byte (after a nibble of 15, of literals or of a match).
        case lengthMore
    }

    /// Bytes the codes take in TEXTS: one length byte per symbol per alphabet.
    public static let serializedSize = Alphabet.allCases.count * HuffmanCode.symbolCount

    /// Per alphabet, its code.
    public let codes: [HuffmanCode]
    /// Per alphabet × symbol (`alphabet · 256 + symbol`): its reversed code, and its length
    /// shifted left 16 — what the encoder writes, one load per byte.
    private let encodeTable: [UInt32]

    /// Codes from per-alphabet symbol counts (`Alphabet` order, 256 counts each): each symbol's
    /// count plus one, so every symbol has a code.
    public init(counts: [[Int]]) {
        precondition(counts.count == Alphabet.allCases.count, "one count table per alphabet")
        self.init(codes: counts.map { HuffmanCode(counts: $0.map { $0 + 1 }) })
    }

    private init(codes: [HuffmanCode]) {
        self.codes = codes
        encodeTable = codes.flatMap { c in (0 ..< HuffmanCode.symbolCount).map { UInt32(c.codes[$0]) | UInt32(c.lengths[$0]) << 16 } }
    }

    /// Codes for blocks like `training`: LZ blocks (`LZBlockCompressor` output) whose bytes are
    /// counted per alphabet. - Complexity: O(their bytes).
    public init(training: [[UInt8]]) {
        var counts = [[Int]](repeating: [Int](repeating: 0, count: HuffmanCode.symbolCount), count: Alphabet.allCases.count)
        for block in training {
            block.withUnsafeBytes { b in
                Self.walk(b) { alphabet, byte in if let alphabet { counts[alphabet.rawValue][Int(byte)] += 1 } }
            }
        }
        self.init(counts: counts)
    }

    /// Codes as stored (`serialized()`), or `nil` when a table is not a code (damage).
    public init?(serialized bytes: UnsafeRawBufferPointer) {
        guard bytes.count == Self.serializedSize else { return nil }
        var codes: [HuffmanCode] = []
        for a in Alphabet.allCases {
            let start = a.rawValue * HuffmanCode.symbolCount
            guard let code = HuffmanCode(lengths: Array(bytes[start ..< start + HuffmanCode.symbolCount])) else { return nil }
            codes.append(code)
        }
        self.init(codes: codes)
    }

    /// The codes' lengths, alphabet by alphabet, 256 bytes each.
    public func serialized() -> [UInt8] { codes.flatMap(\.lengths) }

    /// Walks the bytes of LZ block `block` in order, handing each to `body` with its alphabet,
    /// or with `nil` for an offset's low byte (stored raw). An offset is handed high byte
    /// first. Precondition: `block` is well formed, as `LZBlockCompressor` writes it.
    /// - Complexity: O(block.count).
    @inline(__always)
    static func walk(_ block: UnsafeRawBufferPointer, _ body: (Alphabet?, UInt8) -> Void) {
        var i = 0
        let n = block.count
        // A nibble of 15 is followed by continuation bytes: 255s, then one below 255.
        func length(_ nibble: Int) -> Int {
            guard nibble == 15 else { return 0 }
            var sum = 0
            while true {
                let b = block[i]
                i += 1
                body(.lengthMore, b)
                sum += Int(b)
                if b != 255 { return sum }
            }
        }
        while i < n {
            let token = block[i]
            i += 1
            body(.token, token)
            let literals = Int(token >> 4) + length(Int(token >> 4))
            for k in i ..< i + literals { body(.literal, block[k]) }
            i += literals
            guard i < n else { return } // the last sequence: literals only
            body(.offsetHigh, block[i + 1])
            body(nil, block[i])
            i += 2
            _ = length(Int(token & 15))
        }
    }

    /// Appends LZ block `block` encoded: its bytes in order, each with its alphabet's code, an
    /// offset as its high byte's code then its low byte in 8 bits, first bit lowest in each
    /// byte, the last byte padded with zero bits. Precondition: `block` is well formed.
    /// - Complexity: O(block.count).
    public func encode(_ block: UnsafeRawBufferPointer, appendingTo out: inout [UInt8]) {
        // At most 12 bits a byte: ⌈1.5 × count⌉ bytes.
        let start = out.count, capacity = block.count * 3 / 2 + 1
        out.append(contentsOf: repeatElement(0, count: capacity))
        let written = out.withUnsafeMutableBufferPointer { buffer in
            encodeTable.withUnsafeBufferPointer { table in
                var sink = BitSink(buffer.baseAddress! + start)
                Self.walk(block) { alphabet, byte in
                    if let alphabet {
                        let entry = table[alphabet.rawValue &* HuffmanCode.symbolCount &+ Int(byte)]
                        sink.write(UInt64(entry & 0xFFFF), bits: Int(entry >> 16))
                    } else {
                        sink.write(UInt64(byte), bits: 8)
                    }
                }
                return sink.finish()
            }
        }
        out.removeLast(capacity - written)
    }
}

/// Bits written to memory, first bit lowest in each byte, four bytes at a time once 32 are
/// pending (so never past the last byte the bits reach); `finish()` writes the rest, the last
/// byte padded with zero bits.
struct BitSink {
    private let base: UnsafeMutablePointer<UInt8>
    private var position = 0
    private var pending: UInt64 = 0
    private var count = 0

    init(_ base: UnsafeMutablePointer<UInt8>) { self.base = base }

    /// Appends the low `bits` bits (at most 16) of `value`, lowest first.
    @inline(__always)
    mutating func write(_ value: UInt64, bits: Int) {
        pending |= value << UInt64(count)
        count &+= bits
        if count >= 32 {
            UnsafeMutableRawPointer(base + position).storeBytes(of: UInt32(truncatingIfNeeded: pending).littleEndian, as: UInt32.self)
            position &+= 4
            pending >>= 32
            count &-= 32
        }
    }

    /// Writes the pending bits (the last byte padded with zeros); the bytes written in all.
    mutating func finish() -> Int {
        while count > 0 {
            base[position] = UInt8(truncatingIfNeeded: pending)
            position += 1
            pending >>= 8
            count -= 8
        }
        count = 0
        return position
    }
}

/// Decodes one TEXTS block (`Index/FORMAT.md`, "Stored text"): the LZ sequences of
/// `LZBlockDecompressor`'s grammar, each byte read through its alphabet's Huffman code
/// (`TextEntropyCodes`) and each offset's low byte as 8 raw bits, straight into the output —
/// the LZ bytes are never rebuilt.
///
/// A block's stream does not mark its end: the block's decoded length does. The last sequence
/// is the one whose literals reach it (it has no match); the stream's bits then end within its
/// last byte, the rest of that byte zero.
///
/// Every read is checked against the input's end and every write against the block's decoded
/// length and the output's limit, so damaged input never reads or writes out of bounds; it is
/// reported (`nil`) instead. Like `LZBlockDecompressor`, it stops as soon as `limit` bytes are
/// out: a record is decoded from its block's start up to its own end, never further.
///
/// Holds the four decode tables (`HuffmanCode.decodeTable()`, 8 KiB each), built once per
/// reader. `@unchecked Sendable`: the tables are written in `init` only.
public final class TextBlockDecoder: @unchecked Sendable {
    private static let tableSize = 1 << HuffmanCode.maximumLength
    /// The tables of `TextEntropyCodes.Alphabet` 0, 1, 2, 3, back to back.
    private let tables: UnsafeMutablePointer<UInt16>

    public init(codes: TextEntropyCodes) {
        tables = .allocate(capacity: Self.tableSize * TextEntropyCodes.Alphabet.allCases.count)
        for (a, code) in codes.codes.enumerated() {
            let table = code.decodeTable()
            (tables + a * Self.tableSize).initialize(from: table, count: Self.tableSize)
        }
    }

    deinit { tables.deallocate() }

    /// Decodes `input` into `output` until `limit` bytes are out or the block's
    /// `decodedLength` bytes are.
    ///
    /// - Parameters:
    ///   - input: one encoded block.
    ///   - dictionary: the preset dictionary; the block's output conceptually follows it.
    ///   - output: at least `limit + LZBlockDecompressor.outputSlack` writable bytes.
    ///   - limit: bytes wanted, 0 … `decodedLength`.
    ///   - decodedLength: the block's decoded length (its TEXTS block entry).
    /// - Returns: bytes produced (always `limit`) and input bytes consumed (whole bytes: the bits
    ///   read, rounded up; a sound block decoded to its end consumes all of its bytes, so fewer
    ///   means bytes after its end), or `nil` when the input is damaged: a code no table holds, a
    ///   sequence past the input's end or the decoded length, an offset of 0 or before the
    ///   dictionary, a length overflowing, or non-zero bits after the last sequence.
    /// - Complexity: O(produced + consumed).
    public func decode(_ input: UnsafeRawBufferPointer, dictionary: UnsafeRawBufferPointer,
                       into output: UnsafeMutableRawPointer, limit: Int, decodedLength: Int) -> LZBlockDecompressor.Progress? {
        // Nothing wanted: nothing read (a block of no bytes is still read, to check it).
        guard limit > 0 || decodedLength == 0 else { return .init(produced: 0, consumed: 0) }
        guard let base = input.baseAddress, input.count > 0, limit <= decodedLength else { return nil }
        var bits = BitReader(base: base, count: input.count)
        let token = UnsafePointer(tables), literal = token + Self.tableSize
        let offsetHigh = literal + Self.tableSize, lengthMore = offsetHigh + Self.tableSize
        let dictionaryCount = dictionary.count
        var op = 0
        /// A length continuation: bytes of 255, then one below 255, summed; -1 on damage.
        @inline(__always) func continuation() -> Int {
            var sum = 0
            while true {
                let b = bits.symbol(lengthMore)
                guard b >= 0 else { return -1 }
                sum &+= b
                if sum >= 1 << 31 { return -1 }
                if b != 255 { return sum }
            }
        }
        while true {
            let t = bits.symbol(token)
            guard t >= 0 else { return nil }
            var literals = t >> 4
            if literals == 15 {
                let more = continuation()
                guard more >= 0 else { return nil }
                literals &+= more
            }
            guard literals <= decodedLength &- op else { return nil }
            let keep = min(literals, limit &- op)
            for _ in 0 ..< keep {
                let b = bits.symbol(literal)
                guard b >= 0 else { return nil }
                output.storeBytes(of: UInt8(truncatingIfNeeded: b), toByteOffset: op, as: UInt8.self)
                op &+= 1
            }
            if op == decodedLength {
                // The last sequence: the rest of its byte must be zero.
                guard bits.restOfByteIsZero else { return nil }
                return .init(produced: op, consumed: bits.consumedBytes)
            }
            if op >= limit { return .init(produced: op, consumed: bits.consumedBytes) }
            let high = bits.symbol(offsetHigh), low = bits.raw8()
            guard high >= 0, low >= 0 else { return nil }
            let offset = high << 8 | low
            var length = (t & 15) &+ LZBlockCompressor.minimumMatch
            if t & 15 == 15 {
                let more = continuation()
                guard more >= 0 else { return nil }
                length &+= more
            }
            guard offset > 0, offset <= op &+ dictionaryCount, length <= decodedLength &- op else { return nil }
            let remaining = min(length, limit &- op)
            LZBlockDecompressor.copyMatch(into: output, at: &op, offset: offset, length: remaining, dictionary: dictionary)
            // At the block's end the last sequence (no literals) is still to read and check.
            if op >= limit && op < decodedLength { return .init(produced: op, consumed: bits.consumedBytes) }
        }
    }
}

/// Reads a block's bits, first bit lowest in each byte, through a 64-bit window refilled 8
/// bytes at a time (byte by byte in the last 8), never past the input's end.
struct BitReader {
    private let base: UnsafeRawPointer
    private let count: Int
    /// Bits loaded and not yet read, lowest first; `available` of them count (above them may
    /// sit copies of the next bytes, which the next refill writes again at the same place).
    private var window: UInt64 = 0
    private var available = 0
    /// The next input byte to load.
    private var next = 0

    init(base: UnsafeRawPointer, count: Int) {
        self.base = base
        self.count = count
    }

    @inline(__always)
    private mutating func refill() {
        if next &+ 8 <= count {
            window |= UInt64(littleEndian: base.loadUnaligned(fromByteOffset: next, as: UInt64.self)) << UInt64(available)
            let bytes = (63 &- available) >> 3
            next &+= bytes
            available &+= bytes << 3
        } else {
            while available <= 56 && next < count {
                window |= UInt64(base.load(fromByteOffset: next, as: UInt8.self)) << UInt64(available)
                next &+= 1
                available &+= 8
            }
        }
    }

    /// The next symbol of the code whose decode table is `table`; -1 when the next bits start
    /// no code or the code runs past the input's end.
    @inline(__always)
    mutating func symbol(_ table: UnsafePointer<UInt16>) -> Int {
        if available < HuffmanCode.maximumLength { refill() }
        let entry = Int(table[Int(truncatingIfNeeded: window) & ((1 << HuffmanCode.maximumLength) - 1)])
        let length = entry & 15
        guard length != 0, length <= available else { return -1 }
        window >>= UInt64(length)
        available &-= length
        return entry >> 4
    }

    /// The next 8 bits as a byte; -1 past the input's end.
    @inline(__always)
    mutating func raw8() -> Int {
        if available < 8 { refill() }
        guard available >= 8 else { return -1 }
        let b = Int(window & 0xFF)
        window >>= 8
        available &-= 8
        return b
    }

    /// Input bytes holding the bits read so far (the last one perhaps in part).
    var consumedBytes: Int { (next &* 8 &- available &+ 7) >> 3 }

    /// Whether the bits after those read, to the end of their byte, are zero.
    var restOfByteIsZero: Bool {
        let rest = (8 &- (next &* 8 &- available) & 7) & 7
        return window & ((1 << UInt64(rest)) &- 1) == 0
    }
}

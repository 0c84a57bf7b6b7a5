/// Decodes one block of the LZ block format that `LZBlockCompressor` writes (`Index/FORMAT.md`,
/// "Stored text"; TEXTS stores these sequences Huffman-coded, read by `TextBlockDecoder`, which
/// shares `copyMatch`): a run of sequences, each
///
/// ```
/// Token u8                      high nibble: literal count L (15: more follows); low nibble: match length − 4 (15: more follows)
/// LiteralMore{0,}               when L = 15: bytes of 255 then one below 255, all added to L
/// Literals[L]
/// Offset u16 (LE)               1 … 65535: the match starts Offset bytes before the current output position;
///                               it may reach back past the block's start into the preset dictionary
/// MatchMore{0,}                 as LiteralMore, added to the match length
/// ```
///
/// The last sequence ends after its literals (no offset, no match): the input simply ends there.
///
/// Every read is checked against the input's end and every write against the output's limit,
/// so damaged input never reads or writes out of bounds; it is reported (`nil`) instead. The
/// decoder stops as soon as `limit` bytes are produced: a record is decoded from its block's
/// start up to its own end, never further.
public enum LZBlockDecompressor {
    /// Extra bytes the output buffer must have past `limit`: short copies are done 8 or 16
    /// bytes at a time and may write up to this many bytes beyond what they keep.
    public static let outputSlack = 32

    /// What a decode produced.
    public struct Progress: Equatable, Sendable {
        /// Bytes written to the output (at most the limit asked for).
        public var produced: Int
        /// Bytes of input read; equal to the input's length when the block was decoded to its end.
        public var consumed: Int
    }

    /// Decodes `input` into `output` until `limit` bytes are produced or the input ends.
    ///
    /// - Parameters:
    ///   - input: one compressed block.
    ///   - dictionary: the preset dictionary the block was compressed with (possibly empty);
    ///     the block's output conceptually follows its last byte.
    ///   - output: at least `limit + outputSlack` writable bytes.
    ///   - limit: how many decoded bytes are wanted (0 … the block's decoded length).
    /// - Returns: the bytes produced and consumed, or `nil` when the input is damaged: a
    ///   sequence runs past the input's end, an offset is 0 or reaches before the dictionary,
    ///   or a length overflows. Produced < `limit` means the block decodes to fewer bytes.
    /// - Complexity: O(produced + consumed).
    public static func decode(_ input: UnsafeRawBufferPointer, dictionary: UnsafeRawBufferPointer,
                              into output: UnsafeMutableRawPointer, limit: Int) -> Progress? {
        guard limit > 0 else { return Progress(produced: 0, consumed: 0) }
        guard let inBase = input.baseAddress, input.count > 0 else { return Progress(produced: 0, consumed: 0) }
        let inEnd = input.count
        let dictCount = dictionary.count
        var ip = 0 // input position
        var op = 0 // output position
        while ip < inEnd {
            let token = Int(inBase.load(fromByteOffset: ip, as: UInt8.self))
            ip &+= 1
            // Literals.
            var literals = token >> 4
            if literals == 15 {
                guard let more = readLength(inBase, &ip, inEnd) else { return nil }
                literals &+= more
            }
            guard literals <= inEnd &- ip else { return nil }
            let keep = min(literals, limit &- op)
            if keep <= 16 && ip &+ 16 <= inEnd {
                // Two 8-byte copies: within the input (checked) and the output's slack.
                output.storeBytes(of: inBase.loadUnaligned(fromByteOffset: ip, as: UInt64.self), toByteOffset: op, as: UInt64.self)
                output.storeBytes(of: inBase.loadUnaligned(fromByteOffset: ip &+ 8, as: UInt64.self), toByteOffset: op &+ 8, as: UInt64.self)
            } else if keep > 0 {
                (output + op).copyMemory(from: inBase + ip, byteCount: keep)
            }
            op &+= keep
            ip &+= literals
            if op >= limit { return Progress(produced: limit, consumed: ip) }
            if ip == inEnd { break } // the last sequence: literals only
            // Match.
            guard inEnd &- ip >= 2 else { return nil }
            let offset = Int(inBase.load(fromByteOffset: ip, as: UInt8.self)) | Int(inBase.load(fromByteOffset: ip &+ 1, as: UInt8.self)) << 8
            ip &+= 2
            var length = (token & 15) &+ 4
            if token & 15 == 15 {
                guard let more = readLength(inBase, &ip, inEnd) else { return nil }
                length &+= more
            }
            guard offset > 0, offset <= op &+ dictCount else { return nil }
            let remaining = min(length, limit &- op)
            let stopping = remaining < length
            copyMatch(into: output, at: &op, offset: offset, length: remaining, dictionary: dictionary)
            if stopping || op >= limit { return Progress(produced: op, consumed: ip) }
        }
        return Progress(produced: op, consumed: ip)
    }

    /// Appends `length` bytes to `output` at `op` copied from `offset` bytes back, reaching into
    /// `dictionary` (which conceptually precedes the output) when the offset passes the
    /// output's start; the copy may overlap what it writes (a run). Writes up to 7 bytes past
    /// `op + length` (`outputSlack`). Precondition: `0 < offset ≤ op + dictionary.count`.
    @inline(__always)
    static func copyMatch(into output: UnsafeMutableRawPointer, at op: inout Int, offset: Int, length: Int,
                          dictionary: UnsafeRawBufferPointer) {
        var remaining = length
        if offset > op {
            // The match starts in the dictionary, possibly running on into the output.
            let fromDictionary = min(remaining, offset &- op)
            (output + op).copyMemory(from: dictionary.baseAddress! + (dictionary.count &- (offset &- op)), byteCount: fromDictionary)
            op &+= fromDictionary
            remaining &-= fromDictionary
        }
        guard remaining > 0 else { return }
        var src = op &- offset
        if offset >= 8 {
            // Non-overlapping 8-byte steps; the last may write up to 7 bytes into the slack.
            let end = op &+ remaining
            while op < end {
                output.storeBytes(of: output.loadUnaligned(fromByteOffset: src, as: UInt64.self), toByteOffset: op, as: UInt64.self)
                op &+= 8
                src &+= 8
            }
            op = end
        } else {
            // Overlapping (a repeated pattern shorter than 8 bytes): byte by byte.
            for _ in 0 ..< remaining {
                output.storeBytes(of: output.load(fromByteOffset: src, as: UInt8.self), toByteOffset: op, as: UInt8.self)
                op &+= 1
                src &+= 1
            }
        }
    }

    /// Reads a length continuation: bytes of 255, then one below 255, summed. `nil` when the
    /// input ends first or the sum would exceed 2^31 (no block is that long).
    @inline(__always)
    private static func readLength(_ base: UnsafeRawPointer, _ ip: inout Int, _ end: Int) -> Int? {
        var sum = 0
        while true {
            guard ip < end else { return nil }
            let b = Int(base.load(fromByteOffset: ip, as: UInt8.self))
            ip &+= 1
            sum &+= b
            guard sum < 1 << 31 else { return nil }
            if b != 255 { return sum }
        }
    }
}

/// Compresses blocks into the LZ block format `LZBlockDecompressor` reads (sequences of a
/// token, literals, a 2-byte offset and a match length; see there and `Index/FORMAT.md`,
/// "Stored text").
///
/// The match finder is a hash chain: a position's first 6 bytes are hashed into `head`, and
/// `chain` links each inserted position to the previous one with the same hash, so the
/// candidates for a match are walked newest first, at most `searchDepth` of them, within the
/// 65,535-byte window. The longest wins; one step of lazy matching takes the next position's
/// match instead when it is longer (from `lazySearchDepth` candidates; matches are at least 4
/// bytes; the last 7 bytes of a block start none). Every position is inserted except those
/// inside a match longer than `insertedMatchLength` (its first position is): a long match's
/// inner positions mostly repeat what the chains already hold (the dictionary's, or the text
/// it was copied from).
/// Matches may reach back into a preset dictionary that conceptually
/// precedes every block: its positions are hashed once, at init, and each block starts from
/// those tables (what a block changes is put back after it, in O(its length)), so a block costs
/// O(its length × searchDepth) whatever the dictionary's size.
///
/// Not thread-safe (it owns its scratch tables); use one per thread.
public struct LZBlockCompressor: Sendable {
    /// Longest backward distance of a match (the offset is a u16, 0 is invalid).
    public static let window = 65_535
    /// Shortest match worth a sequence.
    public static let minimumMatch = 4
    static let hashBits = 15
    /// Bytes a position's hash reads (8-byte loads); the last `hashReach - 1` bytes of a block start no match.
    static let hashReach = 8
    static let chainMask = 0xFFFF

    /// The preset dictionary (at most `window` bytes are reachable from a block's start).
    public let dictionary: [UInt8]
    /// Candidates examined per position (≥ 1): more finds longer matches, slower.
    public let searchDepth: Int

    /// Hash heads and chain links after inserting the dictionary's positions.
    private let dictionaryHead: [Int32]
    private let dictionaryChain: [UInt16]
    /// Working tables and the dictionary followed by the current block.
    private var head: [Int32]
    private var chain: [UInt16]
    private var buffer: [UInt8]
    /// The hash of every position the current block inserted, in order: the heads to put back.
    private var touched: [UInt16] = []
    /// The current block's sequences, written through a pointer (room for
    /// `maximumCompressedSize` of the longest block so far), then handed to the caller.
    private var sequences: [UInt8] = []

    /// - Parameters:
    ///   - dictionary: bytes every block may copy from; only its last `window` bytes are kept.
    ///   - searchDepth: candidates examined per position, 1 … 4096 (`IndexLayout.textSearchDepth`
    ///     for TEXTS).
    public init(dictionary: [UInt8] = [], searchDepth: Int = 8) {
        self.dictionary = Array(dictionary.suffix(Self.window))
        self.searchDepth = max(1, min(searchDepth, 4096))
        var head = [Int32](repeating: -1, count: 1 << Self.hashBits)
        var chain = [UInt16](repeating: UInt16.max, count: Self.chainMask + 1)
        self.dictionary.withUnsafeBytes { d in
            let n = d.count
            if n >= Self.hashReach {
                for p in 0 ... n - Self.hashReach { Self.insert(p, d.baseAddress!, &head, &chain) }
            }
        }
        dictionaryHead = head
        dictionaryChain = chain
        self.head = head
        self.chain = chain
        buffer = self.dictionary
    }

    /// The hash of the 6 bytes at `p` (read as 8; `hashReach`), `hashBits` wide. Six bytes, not
    /// four: on text, chains of positions that share six bytes hold longer matches, and walking
    /// them finds better ones for the same depth (ratio 3.90 against 3.78 on realistic
    /// descriptions, 8 KiB blocks, depth 16).
    @inline(__always)
    private static func hash(_ base: UnsafeRawPointer, _ p: Int) -> Int {
        let v = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: p, as: UInt64.self)) << 16
        return Int(truncatingIfNeeded: (v &* 0x9E37_79B1_85EB_CA87) >> UInt64(64 - hashBits))
    }
    /// Candidates the lazy step examines (at most `searchDepth`): it looks for a match longer
    /// than one already found, which the newest few candidates hold when any does. On realistic
    /// descriptions (20k generated, the writer's dictionary and codes; callgrind of the whole
    /// `schoolfinder index`) 3 against 12 takes 13% off the compressor's instructions (-2,000 a
    /// record) for TEXTS 0.03% larger (1M: 88,076,164 -> 88,117,434 bytes); 1 is 0.13% larger.
    static let lazySearchDepth = 3
    /// Lazy matching is tried for matches shorter than this (a longer one is kept as found).
    /// 16, not 64: on realistic descriptions the longer lazy tries found almost nothing (LZ
    /// output 0.09% larger) and cost 8% of the compression time.
    static let lazyBelow = 16
    /// The longest match whose positions are all inserted; a longer one inserts only its first.
    /// Against inserting every position at depth 8 (compressing and entropy-coding the blocks
    /// with the writer's dictionary and codes, callgrind): on realistic descriptions (1M
    /// generated, 4 KiB blocks) at depth 12, 21% fewer instructions for output 0.5% smaller; on
    /// the real corpus's texts (more long repeats within a block), 16% fewer for output 4%
    /// larger (26 KB, 0.06% of its index).
    static let insertedMatchLength = 8

    /// Links position `p` (whose 4 bytes lie in the buffer) into its hash chain.
    @inline(__always)
    private static func insert(_ p: Int, _ base: UnsafeRawPointer, _ head: inout [Int32], _ chain: inout [UInt16]) {
        let h = hash(base, p)
        let previous = Int(head[h])
        let delta = previous < 0 ? window : min(p - previous, window)
        chain[p & chainMask] = UInt16(delta)
        head[h] = Int32(p)
    }

    /// Compresses `block` and appends the result to `out`. Every block is independent given the
    /// dictionary. - Complexity: O(block.count × searchDepth).
    public mutating func compress(_ block: UnsafeRawBufferPointer, appendingTo out: inout [UInt8]) {
        compress(block) { out.append(contentsOf: $0.assumingMemoryBound(to: UInt8.self)) }
    }

    /// Compresses `block` and hands the result to `body`, where the compressor wrote it (valid
    /// only during the call): a caller that encodes the sequences further (`TextCompressionQueue`)
    /// needs no copy of them. - Complexity: O(block.count × searchDepth).
    public mutating func compress<R>(_ block: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        let start = dictionary.count
        buffer.removeSubrange(start...)
        buffer.append(contentsOf: block.assumingMemoryBound(to: UInt8.self)) // typed: one copy, not byte by byte
        let depth = searchDepth
        if touched.count < max(1, block.count) { touched = [UInt16](repeating: 0, count: max(1, block.count)) }
        // The sequences are written through a pointer into `sequences` (an `append` per literal
        // run and per byte was a tenth of the compressor's instructions).
        let room = Self.maximumCompressedSize(block.count)
        if sequences.count < room { sequences = [UInt8](repeating: 0, count: room) }
        var written = 0
        buffer.withUnsafeBytes { raw in
            head.withUnsafeMutableBufferPointer { head in
                chain.withUnsafeMutableBufferPointer { chain in
                    touched.withUnsafeMutableBufferPointer { touched in
                        let inserted = sequences.withUnsafeMutableBufferPointer { o in
                            var cursor = o.baseAddress!
                            let n = Self.compress(raw.baseAddress!, start: start, end: raw.count, depth: depth, head: head, chain: chain,
                                                  touched: touched.baseAddress!, out: &cursor)
                            written = cursor - o.baseAddress!
                            return n
                        }
                        // Back to the dictionary's tables for the next block, touching only what
                        // this one changed: the heads of the hashes its positions were inserted
                        // under, and the chain links of dictionary positions when the block was
                        // long enough to wrap onto them.
                        dictionaryHead.withUnsafeBufferPointer { saved in
                            for i in 0 ..< inserted {
                                let h = Int(touched[i])
                                head[h] = saved[h]
                            }
                        }
                    }
                    if raw.count > Self.chainMask + 1 {
                        dictionaryChain.withUnsafeBufferPointer { saved in
                            for i in 0 ..< min(start, Self.chainMask + 1) { chain[i] = saved[i] }
                        }
                    }
                }
            }
        }
        precondition(written <= room, "LZ output within its bound")
        return sequences.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[..<written])) }
    }

    /// The most bytes a block of `n` bytes compresses to: all literals in one sequence (a
    /// token, a length byte per 255 literals past 15, the literals); a match never takes more
    /// bytes than the 4 or more it covers would as literals, less their share of length bytes.
    public static func maximumCompressedSize(_ n: Int) -> Int { n + n / 255 + 16 }

    /// Compresses `bytes` (one block) and returns the compressed bytes.
    public mutating func compress(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        bytes.withUnsafeBytes { compress($0, appendingTo: &out) }
        return out
    }

    /// Compresses `base[start ..< end]` (the block, after the dictionary), inserting its positions
    /// (but the inner ones of long matches) into `head` and `chain` and each inserted position's
    /// hash into `touched` (room for one per block byte). Returns how many positions were inserted.
    private static func compress(_ base: UnsafeRawPointer, start: Int, end: Int, depth: Int,
                                 head: UnsafeMutableBufferPointer<Int32>, chain: UnsafeMutableBufferPointer<UInt16>,
                                 touched: UnsafeMutablePointer<UInt16>, out: inout UnsafeMutablePointer<UInt8>) -> Int {
        var anchor = start   // first byte not yet emitted
        var p = start
        var inserted = start // positions below this are in the chains, or skipped
        var touchedCount = 0
        let lastHashable = end - hashReach
        let lazyDepth = min(depth, lazySearchDepth)

        /// Callers ask only for `target ≤ lastHashable + 1` (a match starts no later).
        @inline(__always) func insertUpTo(_ target: Int) {
            while inserted < target {
                let h = hash(base, inserted)
                let previous = Int(head[h])
                // No previous position (-1) gives a distance past every candidate's window too;
                // so does a previous one more than a window back (skipped positions between).
                chain[inserted & chainMask] = UInt16(truncatingIfNeeded: min(inserted &- previous, window))
                head[h] = Int32(inserted)
                touched[touchedCount] = UInt16(truncatingIfNeeded: h)
                touchedCount &+= 1
                inserted += 1
            }
        }

        /// The longest match for position `q` longer than `shorter` bytes (length, distance);
        /// length 0 when none is, or none reaches 4. The lazy step asks only for a match longer
        /// than the one it holds: a candidate that cannot beat it fails on one byte, before its
        /// length is measured, and the answer is the one a search for any length would give
        /// whenever that one is longer (the first candidate of the longest length).
        @inline(__always) func longestMatch(_ q: Int, longerThan shorter: Int = minimumMatch - 1, depth: Int) -> (length: Int, distance: Int) {
            insertUpTo(q)
            let lowest = max(0, q - window)
            var candidate = Int(head[hash(base, q)])
            var bestLength = shorter, bestDistance = 0
            let first = base.loadUnaligned(fromByteOffset: q, as: UInt32.self)
            var tries = depth
            while candidate >= lowest && tries > 0 {
                tries -= 1
                // A candidate must at least beat the best at its last byte to be worth extending.
                if q + bestLength < end,
                   base.load(fromByteOffset: candidate + bestLength, as: UInt8.self) == base.load(fromByteOffset: q + bestLength, as: UInt8.self),
                   base.loadUnaligned(fromByteOffset: candidate, as: UInt32.self) == first {
                    let n = matchLength(base, candidate, q, end)
                    if n > bestLength {
                        bestLength = n
                        bestDistance = q - candidate
                        if q + n == end { break }
                    }
                }
                candidate -= Int(chain[candidate & chainMask])
            }
            return bestLength >= minimumMatch && bestDistance > 0 ? (bestLength, bestDistance) : (0, 0)
        }

        while p <= lastHashable {
            var match = longestMatch(p, depth: depth)
            if match.length == 0 { p += 1; continue }
            // Lazy matching: a longer match one byte on is worth a literal.
            while p + 1 <= lastHashable && match.length < lazyBelow {
                let next = longestMatch(p + 1, longerThan: match.length, depth: lazyDepth)
                guard next.length > match.length else { break }
                p += 1
                match = next
            }
            emit(base, literalsFrom: anchor, to: p, matchLength: match.length, distance: match.distance, out: &out)
            if match.length > insertedMatchLength {
                insertUpTo(p + 1)
                inserted = p + match.length // its other positions are skipped
            }
            p += match.length
            anchor = p
        }
        emit(base, literalsFrom: anchor, to: end, matchLength: 0, distance: 0, out: &out)
        return touchedCount
    }

    /// Bytes equal at `a` and `b` (a < b), up to `end`.
    @inline(__always)
    private static func matchLength(_ base: UnsafeRawPointer, _ a: Int, _ b: Int, _ end: Int) -> Int {
        var n = 0
        let limit = end - b
        while n + 8 <= limit {
            let x = base.loadUnaligned(fromByteOffset: a + n, as: UInt64.self) ^ base.loadUnaligned(fromByteOffset: b + n, as: UInt64.self)
            if x != 0 { return n + UInt64(littleEndian: x).trailingZeroBitCount / 8 }
            n += 8
        }
        while n < limit && base.load(fromByteOffset: a + n, as: UInt8.self) == base.load(fromByteOffset: b + n, as: UInt8.self) { n += 1 }
        return n
    }

    /// One sequence: literals `from ..< to` and a match (length 0: the last sequence, literals only).
    /// Written at `out`, which moves past it (the caller made room: `maximumCompressedSize`).
    @inline(__always)
    private static func emit(_ base: UnsafeRawPointer, literalsFrom from: Int, to: Int, matchLength: Int, distance: Int,
                             out: inout UnsafeMutablePointer<UInt8>) {
        let literals = to - from
        let matchCode = matchLength == 0 ? 0 : matchLength - minimumMatch
        out.pointee = UInt8(min(literals, 15) << 4 | min(matchCode, 15))
        out += 1
        if literals >= 15 { writeLength(literals - 15, &out) }
        if literals > 0 {
            out.update(from: base.assumingMemoryBound(to: UInt8.self) + from, count: literals)
            out += literals
        }
        guard matchLength > 0 else { return }
        out[0] = UInt8(distance & 0xFF)
        out[1] = UInt8(distance >> 8)
        out += 2
        if matchCode >= 15 { writeLength(matchCode - 15, &out) }
    }

    @inline(__always)
    private static func writeLength(_ n: Int, _ out: inout UnsafeMutablePointer<UInt8>) {
        var rest = n
        while rest >= 255 { out.pointee = 255; out += 1; rest -= 255 }
        out.pointee = UInt8(rest)
        out += 1
    }
}

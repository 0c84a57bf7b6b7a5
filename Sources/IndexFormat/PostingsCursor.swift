/// Reads one postings list: documents in increasing order, with term frequencies for text terms.
///
/// `seek(_:)` positions on the first document ≥ target from anywhere, forward or backward: it
/// binary-searches the skip table (one `(last doc, end offset)` pair per 128-posting block),
/// decodes at most one block (bit-packed when full, `PackedPostingsBlock`; varints when it is a
/// shorter last block), and binary-searches inside it. So an intersection can jump over
/// whole blocks (skip pointers), and a cell-by-cell walk can restart a list at any document.
///
/// A dense term's list has no blocks: the cursor then reads its bitmaps (`TermBitmaps`), filling
/// the same buffer with the set bits of consecutive 64-document words (128 documents for a
/// scan, up to the first word holding one for a seek), frequencies from the repeated bitmap, its
/// bytes and the overflow table (for a seek's fill, on demand). Callers cannot tell the two apart.
///
/// Damage never reads outside the list: every byte read is bounds-checked, and a block whose
/// documents are not strictly increasing, exceed the document count, or disagree with the skip
/// table sets `isCorrupt` and ends the cursor.
public final class PostingsCursor {
    /// Returned when the cursor has no more documents.
    public static let exhausted = UInt32.max

    public let documentFrequency: Int
    public let hasFrequencies: Bool
    let region: ByteRegion
    public let blockCount: Int
    let dataStart: Int
    let documentLimit: UInt32
    /// Bytes per skip entry: 8, or 16 when entries carry block impacts.
    let skipStride: Int
    /// Skip entries carry each block's smallest rank and best posting (sparse text terms).
    public let hasBlockImpacts: Bool
    /// A dense list's bitmaps (`nil` for postings blocks); its frequency reader, and the word
    /// after the last one in the buffer.
    let bitmaps: TermBitmaps?
    @exclusivity(unchecked) private var frequencyLane: RepeatedFrequencyCursor?
    @exclusivity(unchecked) private var bufferEndWord = 0
    /// The buffer (a dense list's, filled by a seek) holds no frequencies: `denseFrequency`.
    @exclusivity(unchecked) private var lazyFrequencies = false
    /// A packed block's frequencies not unpacked yet (-1: none pending): their offset in the
    /// region and width. An intersection reads few of a block's frequencies, a failed or
    /// counting one none, so `decode` unpacks only the documents and the first read of a
    /// frequency (`currentFrequency`, `withBlock`) the rest. Only below width 32, where no
    /// stored value can make a frequency of 0 (damage `decode` must still report).
    @exclusivity(unchecked) private var pendingFrequencies = -1
    @exclusivity(unchecked) private var pendingFrequencyWidth = 0
    /// Buffer capacity: a block, or (dense) up to 128 documents plus the rest of one word.
    static let bufferCapacity = IndexLayout.postingsBlockSize + 64

    // A cursor belongs to one query on one thread, so the runtime exclusivity checks on these
    // hot fields (a third of all instructions in a callgrind profile) buy nothing: turned off.
    @exclusivity(unchecked) private var block = -1
    private let docs: UnsafeMutablePointer<UInt32>
    private let freqs: UnsafeMutablePointer<UInt32>
    @exclusivity(unchecked) private var count = 0
    @exclusivity(unchecked) private var position = 0
    @exclusivity(unchecked) private var current: UInt32 = PostingsCursor.exhausted
    /// The current document, or `exhausted`. A computed property, so callers in other modules
    /// read it without the runtime exclusivity check a stored class property would get.
    public var doc: UInt32 { current }
    /// Set when the list turned out to be damaged.
    @exclusivity(unchecked) public private(set) var isCorrupt = false

    /// A cursor over a sparse list's postings blocks.
    init?(region: ByteRegion, documentFrequency: Int, hasFrequencies: Bool, documentLimit: UInt32) {
        guard let bc = region.u32(0) else { return nil }
        let size = IndexLayout.postingsBlockSize
        let expected = (documentFrequency + size - 1) / size
        let stride = IndexLayout.skipEntrySize(frequencies: hasFrequencies)
        guard Int(bc) == expected, documentFrequency > 0, documentFrequency <= Int(documentLimit),
              4 + expected * stride <= region.count else { return nil }
        self.region = region
        self.blockCount = expected
        self.skipStride = stride
        self.hasBlockImpacts = hasFrequencies
        self.dataStart = 4 + expected * stride
        self.documentFrequency = documentFrequency
        self.hasFrequencies = hasFrequencies
        self.documentLimit = documentLimit
        bitmaps = nil
        docs = .allocate(capacity: Self.bufferCapacity)
        freqs = .allocate(capacity: Self.bufferCapacity)
    }

    /// A cursor over a dense term's bitmaps (no blocks).
    init(bitmaps: TermBitmaps, documentFrequency: Int, documentLimit: UInt32) {
        region = bitmaps.present
        blockCount = 0
        dataStart = 0
        skipStride = 8
        hasBlockImpacts = false
        self.documentFrequency = documentFrequency
        hasFrequencies = bitmaps.hasFrequencies
        self.documentLimit = documentLimit
        self.bitmaps = bitmaps
        frequencyLane = RepeatedFrequencyCursor(bitmaps)
        docs = .allocate(capacity: Self.bufferCapacity)
        freqs = .allocate(capacity: Self.bufferCapacity)
    }

    /// Dense lists: fills the buffer with the documents of words `word`, `word + 1`, … (those of
    /// the first word below `firstBit` left out) until it holds `until` or more (whole words, at
    /// most 128 + 63) or the bitmap ends; positions on the first. Returns the document, or
    /// `exhausted`. A scan (`next`) fills 128 at a time; a seek only up to the first word with a
    /// document, since the next seek usually jumps past the rest (a union part or a dense filter
    /// probed per candidate would otherwise extract 128 documents and their frequencies per probe).
    private func fill(fromWord word: Int, firstBit: Int, until: Int = IndexLayout.postingsBlockSize) -> UInt32 {
        guard let b = bitmaps else { return Self.exhausted }
        // A seek's frequencies are read on demand (`denseFrequency`): usually none is.
        let withFrequencies = hasFrequencies && until > 1
        lazyFrequencies = hasFrequencies && !withFrequencies
        var i = word
        var n = 0
        var mask: UInt64 = firstBit >= 64 ? 0 : ~0 << UInt64(firstBit)
        while i < b.words && n < until {
            var bits = b.presentWord(i) & mask
            mask = ~0
            if bits != 0 {
                if withFrequencies { frequencyLane!.enter(word: i) }
                repeat {
                    let bit = bits.trailingZeroBitCount
                    bits &= bits &- 1
                    let d = UInt32(i << 6 | bit)
                    guard d < documentLimit else { markCorrupt(); return Self.exhausted } // a padding bit is set
                    docs[n] = d
                    if withFrequencies {
                        var f = frequencyLane!.frequency(bit: bit)
                        if f >= 255 { f = b.overflowFrequency(d) ?? 0 }
                        guard f > 0 else { markCorrupt(); return Self.exhausted }
                        freqs[n] = f
                    }
                    n += 1
                } while bits != 0
            }
            i += 1
        }
        bufferEndWord = i
        pendingFrequencies = -1
        count = n
        position = 0
        block = n > 0 ? 0 : -1
        current = n > 0 ? docs[0] : Self.exhausted
        return current
    }

    deinit {
        docs.deallocate()
        freqs.deallocate()
    }

    /// Term frequency of the current document (1 for keyword lists).
    @inlinable public var frequency: UInt32 { hasFrequencies ? currentFrequency : 1 }
    @usableFromInline var currentFrequency: UInt32 {
        if pendingFrequencies >= 0 { unpackPendingFrequencies() }
        return lazyFrequencies ? denseFrequency() : freqs[position]
    }

    /// Unpacks the current block's pending frequencies (see `pendingFrequencies`).
    @inline(never)
    private func unpackPendingFrequencies() {
        let unpacked = PackedPostingsBlock.decodeFrequencies(region.base + pendingFrequencies, width: pendingFrequencyWidth, into: freqs)
        pendingFrequencies = -1
        if !unpacked { markCorrupt() } // unreachable below width 32; kept for the invariant
    }

    /// A dense list's buffer filled by a seek holds no frequencies (`fill`): the current
    /// document's from the repeated bitmap, its bytes and the overflow table. 0 on damage (the
    /// cursor is then corrupt).
    @usableFromInline func denseFrequency() -> UInt32 {
        guard let b = bitmaps, current != Self.exhausted else { return 0 }
        let d = Int(current)
        frequencyLane!.enter(word: d >> 6)
        var f = frequencyLane!.frequency(bit: d & 63)
        if f >= 255 { f = b.overflowFrequency(current) ?? 0 }
        if f == 0 { markCorrupt() }
        return f
    }

    /// The last document of block `b`. Precondition: `b < blockCount`.
    @inline(__always) public func lastDoc(_ b: Int) -> UInt32 { region.u32Unchecked(skipEntry(b) &+ IndexLayout.SkipField.lastDoc.rawValue) }
    @inline(__always) private func endOffset(_ b: Int) -> Int { Int(region.u32Unchecked(skipEntry(b) &+ IndexLayout.SkipField.endOffset.rawValue)) }
    /// The offset of block `b`'s skip entry in the list (after the block count).
    @inline(__always) private func skipEntry(_ b: Int) -> Int { 4 &+ b &* skipStride }

    /// Block `b`'s smallest document rank (RANKS) and the frequency and length of its posting with
    /// the largest `BM25Impact` (frequency 255: 255 or more, no bound; length 255: 255 or more,
    /// which still bounds from above). Preconditions: `hasBlockImpacts`, `b < blockCount`.
    @inline(__always)
    public func blockImpact(_ b: Int) -> (minimumRank: UInt32, frequency: UInt32, length: UInt32) {
        let o = skipEntry(b)
        return (region.u32Unchecked(o &+ IndexLayout.SkipField.minimumRank.rawValue),
                UInt32(region.base.load(fromByteOffset: o &+ IndexLayout.SkipField.bestFrequency.rawValue, as: UInt8.self)),
                UInt32(region.base.load(fromByteOffset: o &+ IndexLayout.SkipField.bestLength.rawValue, as: UInt8.self)))
    }

    /// The block holding the current document (sparse lists; -1 before the first decode).
    @inline(__always) public var currentBlock: Int { block }

    /// Block `b`'s fielded impact peak (`FieldImpact.peak` of its best document under the standard
    /// BM25F parameters, 1–255; 0 in a field term's list, whose blocks are never scored alone): no
    /// document of the block has a standard fielded impact above `peak / 255 · (k1 + 1)`.
    /// Preconditions: `hasBlockImpacts`, `b < blockCount`.
    @inline(__always)
    public func blockFieldPeak(_ b: Int) -> UInt8 {
        region.base.load(fromByteOffset: skipEntry(b) &+ IndexLayout.SkipField.fieldPeak.rawValue, as: UInt8.self)
    }

    /// The (document, frequency) bit widths of block `b` when it is bit-packed (every full block),
    /// `nil` for the varint last block or a header that does not fit the block (for the checker).
    /// Precondition: `b < blockCount`.
    public func packedWidths(_ b: Int) -> (docs: Int, frequencies: Int)? {
        guard SparsePostingsList.isPacked(block: b, count: documentFrequency) else { return nil }
        let start = b == 0 ? 0 : endOffset(b - 1), end = endOffset(b)
        guard start <= end, dataStart + end <= region.count else { return nil }
        return PackedPostingsBlock.widths(region.base, start: dataStart + start, end: dataStart + end, withFrequencies: hasFrequencies)
    }

    /// Decodes block `b` and passes its documents and frequencies to `body` (the frequencies
    /// are unspecified for a keyword list); the cursor is left on the block's first document.
    /// Returns `nil` when the block is damaged: the cursor is then corrupt and `body` is not
    /// called. Precondition: `b < blockCount`.
    @inline(__always)
    public func withBlock<R>(_ b: Int, _ body: (UnsafeBufferPointer<UInt32>, UnsafeBufferPointer<UInt32>) -> R) -> R? {
        // A corrupt cursor reads nothing, not even the block it last decoded.
        guard !isCorrupt else { return nil }
        if b != block { guard decode(b) else { return nil } }
        if pendingFrequencies >= 0 {
            unpackPendingFrequencies()
            if isCorrupt { return nil }
        }
        position = 0
        current = docs[0]
        return body(UnsafeBufferPointer(start: docs, count: count), UnsafeBufferPointer(start: freqs, count: count))
    }

    /// Moves to the next document and returns it (or `exhausted`).
    @inline(__always)
    public func next() -> UInt32 {
        if current == Self.exhausted { return current }
        position += 1
        if position < count { current = docs[position]; return current }
        if bitmaps != nil { return fill(fromWord: bufferEndWord, firstBit: 0) }
        if block + 1 >= blockCount { current = Self.exhausted; return current }
        guard decode(block + 1) else { return current }
        position = 0
        current = docs[0]
        return current
    }

    /// Positions on the first document ≥ `target` and returns it (or `exhausted`).
    @inline(__always)
    public func seek(_ target: UInt32) -> UInt32 {
        if isCorrupt { return Self.exhausted }
        // Fast path: target inside the current block, at or after the current position.
        if block >= 0, position < count, target >= docs[position], target <= docs[count - 1] {
            if docs[position] >= target { current = docs[position]; return current }
            // Targets are usually a few postings ahead: probe linearly, then binary-search.
            var p = position + 1
            let probeEnd = min(count - 1, position + 4)
            while p < probeEnd && docs[p] < target { p += 1 }
            if docs[p] >= target { position = p; current = docs[p]; return current }
            var lo = p + 1, hi = count - 1
            while lo < hi { let mid = (lo + hi) >> 1; if docs[mid] < target { lo = mid + 1 } else { hi = mid } }
            position = lo
            current = docs[lo]
            return current
        }
        // A target between the previous posting and the current one (a membership probe that
        // missed, then the next probe): the current posting is already the answer. (A bitmap
        // buffer's first posting need not follow the list's previous one, so it is not trusted.)
        if block >= 0, position < count, target < docs[position],
           position > 0 ? docs[position - 1] < target : (bitmaps == nil && (block == 0 || lastDoc(block - 1) < target)) {
            current = docs[position]
            return current
        }
        return seekSlow(target)
    }

    private func seekSlow(_ target: UInt32) -> UInt32 {
        if bitmaps != nil { return fill(fromWord: Int(target >> 6), firstBit: Int(target & 63), until: 1) }
        // First block whose last document is ≥ target.
        var lo = 0, hi = blockCount
        while lo < hi { let mid = (lo + hi) >> 1; if lastDoc(mid) < target { lo = mid + 1 } else { hi = mid } }
        if lo == blockCount { current = Self.exhausted; position = count; return current }
        if lo != block { guard decode(lo) else { return current } }
        var a = 0, b = count - 1
        while a < b { let mid = (a + b) >> 1; if docs[mid] < target { a = mid + 1 } else { b = mid } }
        position = a
        current = docs[a]
        if current < target { markCorrupt() } // the skip table promised a document ≥ target
        return current
    }

    private func markCorrupt() {
        isCorrupt = true
        pendingFrequencies = -1
        current = Self.exhausted
        count = 0
        position = 0
    }

    /// Decodes block `b` into the buffers. Returns false (and marks the cursor corrupt) on damage.
    private func decode(_ b: Int) -> Bool {
        let start = b == 0 ? 0 : endOffset(b - 1)
        let end = endOffset(b)
        let n = b == blockCount - 1 ? documentFrequency - b * IndexLayout.postingsBlockSize : IndexLayout.postingsBlockSize
        guard start <= end, dataStart + end <= region.count else { markCorrupt(); return false }
        if n == IndexLayout.postingsBlockSize {
            // A full block is bit-packed; its documents strictly increase by construction, so the
            // last one equal to the skip entry's (below the document count) bounds them all.
            let firstGapBase: UInt64 = b == 0 ? 0 : UInt64(lastDoc(b - 1)) &+ 1
            guard let packed = PackedPostingsBlock.decodeDocuments(region.base, start: dataStart &+ start, end: dataStart &+ end,
                                                                   firstGapBase: firstGapBase, withFrequencies: hasFrequencies, docs: docs),
                  packed.last == UInt64(lastDoc(b)), packed.last < UInt64(documentLimit) else { markCorrupt(); return false }
            pendingFrequencies = -1
            if hasFrequencies {
                if packed.frequencyWidth < 32 {
                    pendingFrequencies = packed.frequencies
                    pendingFrequencyWidth = packed.frequencyWidth
                } else if !PackedPostingsBlock.decodeFrequencies(region.base + packed.frequencies, width: 32, into: freqs) {
                    markCorrupt()
                    return false
                }
            }
            block = b
            count = n
            return true
        }
        // The varint last block. Gaps are relative to the previous block's last document; the list's first gap is doc + 1.
        pendingFrequencies = -1
        var previous: UInt32 = b == 0 ? 0 : lastDoc(b - 1)
        var offset = dataStart + start
        let limit = dataStart + end
        let base = region.base
        let withFreqs = hasFrequencies
        var i = 0
        if b == 0 {
            // The first posting of the list: gap = doc + 1.
            guard let v = VarInt.decode(base, &offset, end: limit) else { markCorrupt(); return false }
            let gap = withFreqs ? v >> 1 : v
            if withFreqs {
                if v & 1 == 1 { freqs[0] = 1 } else {
                    guard let f = VarInt.decode(base, &offset, end: limit), f > 1 else { markCorrupt(); return false }
                    freqs[0] = f
                }
            }
            guard gap > 0, gap - 1 < documentLimit else { markCorrupt(); return false }
            docs[0] = gap - 1
            previous = gap - 1
            i = 1
        }
        while i < n {
            // One-byte varints (gaps < 128, or < 64 with the frequency flag) are the common case.
            var v: UInt32
            if offset < limit, case let byte = base.load(fromByteOffset: offset, as: UInt8.self), byte < 0x80 {
                v = UInt32(byte)
                offset += 1
            } else {
                guard let decoded = VarInt.decode(base, &offset, end: limit) else { markCorrupt(); return false }
                v = decoded
            }
            var gap = v
            if withFreqs {
                gap = v >> 1
                if v & 1 == 1 {
                    freqs[i] = 1
                } else {
                    guard let f = VarInt.decode(base, &offset, end: limit), f > 1 else { markCorrupt(); return false }
                    freqs[i] = f
                }
            }
            // Strictly increasing (a zero gap or a wrap-around fails) and below the document count.
            let d = previous &+ gap
            guard d > previous, d < documentLimit else { markCorrupt(); return false }
            docs[i] = d
            previous = d
            i += 1
        }
        guard offset == limit, previous == lastDoc(b) else { markCorrupt(); return false }
        block = b
        count = n
        return true
    }

    /// Positions on the first document and returns it.
    public func first() -> UInt32 { seek(0) }
}

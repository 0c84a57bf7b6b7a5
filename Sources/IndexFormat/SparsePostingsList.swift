/// A sparse postings list's bytes (`Index/FORMAT.md`, POSTINGS and "Postings blocks"): block
/// count u32, one skip entry per block of 128 postings, then the blocks. A full block (128
/// postings) is bit-packed (`PackedPostingsBlock`); the last block, when it holds fewer, is
/// varints (`gap << 1 | tf == 1` [+ tf] for text terms, `gap` for keyword terms). Gaps run from
/// the previous document of the list across blocks; the list's first gap is doc + 1.
enum SparsePostingsList {
    /// What a text term's skip entry carries after (last doc, end offset): the block's smallest
    /// RANKS value, its best classic posting's frequency and length (each saturating at 255), and
    /// the fielded impact peak byte of its best document (`FieldImpact.peak`; 0 for field terms).
    struct BlockImpact {
        var minimumRank: UInt32
        var frequency: UInt8
        var length: UInt8
        var fieldPeak: UInt8
    }

    /// Whether block `b` of a list of `count` postings is bit-packed: every block of exactly
    /// `postingsBlockSize` postings is; a shorter last block is varints.
    @inline(__always)
    static func isPacked(block b: Int, count: Int) -> Bool {
        (b &+ 1) &* IndexLayout.postingsBlockSize <= count
    }

    /// Appends the list of `list` (ascending, non-empty) with `freqs` (each ≥ 1, one per document,
    /// when `withFrequencies`), asking `impact` for each block's skip-entry impacts (text terms
    /// only; called with the block's index range into `list`). O(list.count).
    static func append(_ list: [UInt32], _ freqs: [UInt32], withFrequencies withFreqs: Bool,
                       impact: (Range<Int>) -> BlockImpact, to postings: inout [UInt8]) {
        let blockSize = IndexLayout.postingsBlockSize
        let blockCount = (list.count + blockSize - 1) / blockSize
        var skip = ByteWriter(capacity: 4 + blockCount * IndexLayout.skipEntrySize(frequencies: withFreqs))
        skip.u32(UInt32(blockCount))
        var data: [UInt8] = []
        var previous: UInt32 = .max // so the first gap is doc + 1
        var i = 0
        while i < list.count {
            let end = min(i + blockSize, list.count)
            if end - i == blockSize {
                PackedPostingsBlock.append(list[i ..< end], withFreqs ? freqs[i ..< end] : nil, after: previous, to: &data)
                previous = list[end - 1]
            } else {
                for j in i ..< end {
                    let gap = list[j] &- previous
                    previous = list[j]
                    if withFreqs {
                        let f = freqs[j]
                        VarInt.append(gap << 1 | (f == 1 ? 1 : 0), to: &data)
                        if f != 1 { VarInt.append(f, to: &data) }
                    } else {
                        VarInt.append(gap, to: &data)
                    }
                }
            }
            skip.u32(list[end - 1])
            skip.u32(UInt32(data.count))
            if withFreqs {
                let b = impact(i ..< end)
                skip.u32(b.minimumRank)
                skip.u8(b.frequency)
                skip.u8(b.length)
                skip.u8(b.fieldPeak)
                skip.u8(0)
            }
            i = end
        }
        postings.append(contentsOf: skip.bytes)
        postings.append(contentsOf: data)
    }
}

/// A full postings block: 128 documents and, for a text term, their frequencies, each bit-packed
/// (`BitPacking`) at its own width after a header of the widths:
///
/// ```
/// DocWidth u8 [FreqWidth u8]   (text terms have FreqWidth; each 0–32, the smallest that holds the block)
/// Docs[16 · DocWidth]          gap − 1 of each document (gap from the previous document of the
///                              list; the list's first gap is doc + 1, so its value is the doc)
/// Freqs[16 · FreqWidth]        tf − 1 of each document (text terms)
/// ```
///
/// so a block takes `header + 16 · (DocWidth + FreqWidth)` bytes, exactly its skip entries' span.
public enum PackedPostingsBlock {
    /// Appends the block of `docs` (exactly 128, ascending, the first above `previous`, which is
    /// `UInt32.max` at the start of a list) and `freqs` (each ≥ 1; `nil` for a keyword term).
    static func append(_ docs: ArraySlice<UInt32>, _ freqs: ArraySlice<UInt32>?, after previous: UInt32, to out: inout [UInt8]) {
        precondition(docs.count == BitPacking.blockLength)
        var last = previous
        let gaps = docs.map { d -> UInt32 in defer { last = d }; return d &- last &- 1 }
        let docWidth = BitPacking.width(ofLargest: gaps.max()!)
        out.append(UInt8(docWidth))
        let freqValues = freqs.map { $0.map { $0 - 1 } }
        let freqWidth = freqValues.map { BitPacking.width(ofLargest: $0.max()!) }
        if let freqWidth { out.append(UInt8(freqWidth)) }
        BitPacking.pack(gaps, width: docWidth, to: &out)
        if let freqValues, let freqWidth { BitPacking.pack(freqValues, width: freqWidth, to: &out) }
    }

    /// The widths in a block's header at `base[start ..< end]`, or `nil` when the header does not
    /// fit or a width exceeds 32 or the widths do not make the block exactly `end − start` bytes.
    @inline(__always)
    static func widths(_ base: UnsafeRawPointer, start: Int, end: Int, withFrequencies: Bool) -> (docs: Int, frequencies: Int)? {
        let header = IndexLayout.packedBlockHeaderSize(frequencies: withFrequencies)
        guard end - start >= header else { return nil }
        let docWidth = Int(base.load(fromByteOffset: start, as: UInt8.self))
        let freqWidth = withFrequencies ? Int(base.load(fromByteOffset: start &+ 1, as: UInt8.self)) : 0
        guard docWidth <= 32, freqWidth <= 32,
              header + BitPacking.byteCount(width: docWidth) + BitPacking.byteCount(width: freqWidth) == end - start else { return nil }
        return (docWidth, freqWidth)
    }

    /// Decodes the documents of the block at `base[start ..< end]` into `docs[0 ..< 128]`, its
    /// first document `firstGapBase` + the first value (`firstGapBase` is one past the previous
    /// document, or 0 at the start of a list). Returns the last document as a 64-bit number
    /// (documents strictly increase, so it is the largest; above `UInt32.max` only for damage)
    /// and where the block's frequencies lie — their offset from `base` and their width, for
    /// `decodeFrequencies` (width 0 and no bytes for a keyword term); `nil` when the sizes do
    /// not add up. The frequencies are left for `decodeFrequencies`: a reader unpacks them when
    /// it first needs one (`PostingsCursor`). O(128).
    @inline(__always)
    static func decodeDocuments(_ base: UnsafeRawPointer, start: Int, end: Int, firstGapBase: UInt64, withFrequencies: Bool,
                                docs: UnsafeMutablePointer<UInt32>) -> (last: UInt64, frequencies: Int, frequencyWidth: Int)? {
        guard let w = widths(base, start: start, end: end, withFrequencies: withFrequencies) else { return nil }
        let header = IndexLayout.packedBlockHeaderSize(frequencies: withFrequencies)
        BitPacking.unpack(base + (start &+ header), width: w.docs, into: docs)
        var next = firstGapBase
        for i in 0 ..< BitPacking.blockLength {
            let d = next &+ UInt64(docs[i])
            docs[i] = UInt32(truncatingIfNeeded: d)
            next = d &+ 1
        }
        return (next &- 1, start &+ header &+ BitPacking.byteCount(width: w.docs), w.frequencies)
    }

    /// Unpacks a block's 128 frequencies (stored as tf − 1 at `width`, at `source`) into
    /// `freqs[0 ..< 128]`. Returns false when one is 0: a stored value of `UInt32.max`, only
    /// possible at width 32 (damage). O(128).
    @inline(__always)
    static func decodeFrequencies(_ source: UnsafeRawPointer, width: Int, into freqs: UnsafeMutablePointer<UInt32>) -> Bool {
        BitPacking.unpack(source, width: width, into: freqs)
        var smallest = UInt32.max
        for i in 0 ..< BitPacking.blockLength {
            let f = freqs[i] &+ 1 // 0 only when a damaged value was UInt32.max
            smallest = min(smallest, f)
            freqs[i] = f
        }
        return smallest != 0
    }
}

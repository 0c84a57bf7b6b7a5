/// TEXTS: the long texts (descriptions, table texts) compressed in blocks against a preset
/// dictionary (`Index/FORMAT.md`, "Stored text"; written by `StoredTextPool`).
extension IndexReader {
    /// Where TEXTS's parts lie, from its header (checked on open).
    public struct StoredTextLayout: Sendable {
        /// Texts, blocks, dictionary bytes.
        public let count: Int
        public let blockCount: Int
        public let dictionaryLength: Int
        /// Byte offsets in TEXTS of the block table, the dictionary, the codes
        /// (`TextEntropyCodes.serializedSize` bytes) and the compressed area.
        public let blockTable: Int
        public let dictionary: Int
        public let codes: Int
        public let area: Int

        /// The layout of a TEXTS section of `length` bytes with this header, or `nil` when the
        /// header's counts do not fit it.
        init?(_ texts: ByteRegion) {
            guard let count = texts.u32(IndexLayout.TextsHeaderField.count.rawValue),
                  let blocks = texts.u32(IndexLayout.TextsHeaderField.blockCount.rawValue),
                  let dictionary = texts.u32(IndexLayout.TextsHeaderField.dictionaryLength.rawValue) else { return nil }
            self.count = Int(count)
            blockCount = Int(blocks)
            dictionaryLength = Int(dictionary)
            blockTable = IndexLayout.textBlockTableOffset(texts: self.count)
            self.dictionary = blockTable + (blockCount + 1) * IndexLayout.textBlockEntrySize
            codes = self.dictionary + dictionaryLength
            area = codes + TextEntropyCodes.serializedSize
            // The final block entry is (count, 0, area length).
            let final = blockTable + blockCount * IndexLayout.textBlockEntrySize
            guard area <= texts.count, texts.u32(final + IndexLayout.TextBlockField.firstText.rawValue) == count,
                  texts.u64(final + IndexLayout.TextBlockField.compressedOffset.rawValue) == UInt64(texts.count - area) else { return nil }
        }
    }

    /// One TEXTS block's entry.
    public struct StoredTextBlock: Sendable {
        /// Texts `texts` are in the block; it decodes to `decodedLength` bytes.
        public let texts: Range<Int>
        public let decodedLength: Int
        /// The compressed bytes, as offsets in TEXTS.
        public let compressed: Range<Int>
    }

    /// Block `b`'s entry, or `nil` when its numbers are out of order or outside the section.
    /// Unverified: callers that show text verify the entry first. Precondition: `b < blockCount`.
    public func storedTextBlock(_ b: Int) -> StoredTextBlock? {
        let l = storedTextLayout
        let e = l.blockTable + b * IndexLayout.textBlockEntrySize, f = e + IndexLayout.textBlockEntrySize // b's entry, b + 1's
        typealias Field = IndexLayout.TextBlockField
        guard let first = texts.u32(e + Field.firstText.rawValue), let length = texts.u32(e + Field.decodedLength.rawValue),
              let lo = texts.u64(e + Field.compressedOffset.rawValue),
              let next = texts.u32(f + Field.firstText.rawValue), let hi = texts.u64(f + Field.compressedOffset.rawValue),
              first < next, next <= UInt32(l.count), lo <= hi, hi <= UInt64(texts.count - l.area) else { return nil }
        return StoredTextBlock(texts: Int(first) ..< Int(next), decodedLength: Int(length),
                               compressed: l.area + Int(lo) ..< l.area + Int(hi))
    }

    /// The preset dictionary's bytes (unverified).
    public var storedTextDictionary: ByteRegion { texts.slice(storedTextLayout.dictionary, storedTextLayout.dictionaryLength)! }

    /// The blocks' codes as stored (unverified), or `nil` when they are not codes (damage).
    public var storedTextCodes: TextEntropyCodes? {
        let l = storedTextLayout
        return TextEntropyCodes(serialized: UnsafeRawBufferPointer(start: texts.base + l.codes, count: TextEntropyCodes.serializedSize))
    }

    /// Text `index` of TEXTS (a string id with `IndexLayout.storedTextFlag`, flag cleared),
    /// decoded from its block's start to its end into a buffer of this call: every entry and
    /// byte used verified against BLOCKSUMS first.
    /// - Complexity: O(log blocks + the text's end in its block), at most
    ///   `IndexLayout.textBlockSize` bytes decoded for a text shorter than that.
    public func checkedStoredText(_ index: Int) throws(IndexFormatError) -> String {
        let l = storedTextLayout
        func bad(_ what: String) -> IndexFormatError { .corrupt(path: path, section: "TEXTS", detail: "text \(index): \(what)") }
        guard index >= 0, index < l.count else { throw bad("out of range") }
        // The block: the last whose first text is at most `index`.
        var lo = 0, hi = l.blockCount
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            let e = l.blockTable + mid * IndexLayout.textBlockEntrySize
            if Int(texts.u32Unchecked(e + IndexLayout.TextBlockField.firstText.rawValue)) <= index { lo = mid } else { hi = mid }
        }
        try verifyBlocks(.texts, l.blockTable + lo * IndexLayout.textBlockEntrySize, 2 * IndexLayout.textBlockEntrySize)
        guard lo < l.blockCount, let block = storedTextBlock(lo), block.texts.contains(index) else { throw bad("its block entry is out of order") }
        let first = index == block.texts.lowerBound
        try verifyBlocks(.texts, IndexLayout.textEndOffset(first ? index : index - 1), first ? 4 : 8)
        let start = first ? 0 : Int(texts.u32Unchecked(IndexLayout.textEndOffset(index - 1)))
        let end = Int(texts.u32Unchecked(IndexLayout.textEndOffset(index)))
        guard start <= end, end <= block.decodedLength else { throw bad("its bounds \(start)..<\(end) lie outside its block") }
        if start == end { return "" }
        try verifyBlocks(.texts, block.compressed.lowerBound, block.compressed.count)
        try verifyBlocks(.texts, l.dictionary, l.dictionaryLength + TextEntropyCodes.serializedSize) // and the codes after it
        guard let decoder = storedTextDecoder else { throw bad("the blocks' codes are damaged") }
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: end + LZBlockDecompressor.outputSlack, alignment: 8)
        defer { buffer.deallocate() }
        let dictionary = storedTextDictionary
        let progress = decoder.decode(
            UnsafeRawBufferPointer(start: texts.base + block.compressed.lowerBound, count: block.compressed.count),
            dictionary: UnsafeRawBufferPointer(start: dictionary.base, count: dictionary.count), into: buffer, limit: end,
            decodedLength: block.decodedLength)
        guard let progress, progress.produced == end else { throw bad("block \(lo) does not decode") }
        return String(decoding: UnsafeRawBufferPointer(start: buffer + start, count: end - start), as: UTF8.self)
    }

    /// Decodes block `b` whole into `output` (at least its decoded length +
    /// `LZBlockDecompressor.outputSlack` bytes), without block verification; `nil` unless it
    /// decodes to exactly its decoded length using exactly its compressed bytes. For `check`
    /// and measurements. Precondition: `b < blockCount`.
    public func decodeStoredTextBlock(_ b: Int, into output: UnsafeMutableRawPointer) -> Int? {
        guard let block = storedTextBlock(b), let decoder = storedTextDecoder else { return nil }
        let dictionary = storedTextDictionary
        guard let p = decoder.decode(
            UnsafeRawBufferPointer(start: texts.base + block.compressed.lowerBound, count: block.compressed.count),
            dictionary: UnsafeRawBufferPointer(start: dictionary.base, count: dictionary.count), into: output,
            limit: block.decodedLength, decodedLength: block.decodedLength),
            p.produced == block.decodedLength, p.consumed == block.compressed.count else { return nil }
        return p.produced
    }
}

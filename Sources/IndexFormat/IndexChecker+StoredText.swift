extension IndexChecker {
    /// TEXTS in full: the block table (first texts strictly increasing from 0 to the count,
    /// compressed offsets non-decreasing to the area's end), every text's end (non-decreasing in
    /// its block, the last one equal to the block's decoded length), the codes (each alphabet's
    /// lengths a complete prefix code over all 256 symbols, as the writer makes them), and every
    /// block decoded whole: exactly its decoded length from exactly its compressed bytes. At
    /// most 5 problems.
    /// - Complexity: O(texts + decoded bytes).
    static func storedTextProblems(_ r: IndexReader) -> [String] {
        var problems: [String] = []
        let l = r.storedTextLayout
        if l.blockCount == 0 && l.count > 0 { problems.append("\(l.count) texts but no blocks") }
        if l.blockCount > 0, r.texts.u32(l.blockTable + IndexLayout.TextBlockField.firstText.rawValue) != 0 {
            problems.append("block 0 does not start at text 0")
        }
        var largest = 0
        var blocks: [IndexReader.StoredTextBlock] = []
        for b in 0 ..< l.blockCount where problems.count < 5 {
            guard let block = r.storedTextBlock(b) else { problems.append("block \(b)'s entry is out of order or outside the section"); break }
            var previous = 0
            for i in block.texts {
                let end = Int(r.texts.u32Unchecked(IndexLayout.textEndOffset(i)))
                if end < previous { problems.append("text \(i) ends before the text before it"); break }
                previous = end
            }
            if previous != block.decodedLength { problems.append("block \(b)'s texts end at \(previous), its decoded length is \(block.decodedLength)") }
            largest = max(largest, block.decodedLength)
            blocks.append(block)
        }
        guard problems.isEmpty else { return problems }
        guard let codes = r.storedTextCodes else {
            return ["the blocks' codes are not Huffman codes (a length above \(HuffmanCode.maximumLength) or too many short ones)"]
        }
        for (a, code) in zip(TextEntropyCodes.Alphabet.allCases, codes.codes) where !code.isComplete {
            return ["the \(a) code does not give all 256 symbols a code of a complete prefix code"]
        }
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: largest + 1 + LZBlockDecompressor.outputSlack, alignment: 8)
        defer { buffer.deallocate() }
        for b in blocks.indices where problems.count < 5 && r.decodeStoredTextBlock(b, into: buffer) == nil {
            problems.append("block \(b) (bytes \(blocks[b].compressed.lowerBound)..<\(blocks[b].compressed.upperBound)) does not decode to its \(blocks[b].decodedLength) bytes")
        }
        return problems
    }
}

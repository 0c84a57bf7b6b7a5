extension IndexReader {
    /// Verifies the BLOCKSUMS blocks of `section` that bytes `offset ..< offset + length` touch,
    /// each once for the life of the reader: what a record read uses is checked before it is
    /// shown, at the cost of CRC-32 over at most a few 16 KiB blocks per record.
    /// Throws `.corrupt` naming the section and block when one fails.
    /// - Complexity: O(length + block size) the first time, O(blocks touched) after.
    /// `verifyBlocks` over what row `row` of the packed-column section `section` reads: the
    /// section's header and column table (every value depends on its column's Base and Width)
    /// and each column's 8 bytes for the row (`PackedColumn.byteOffset(row:)`).
    /// Precondition: `section` is a packed-column section, `row` below its RowCount.
    public func verifyPackedRow(_ section: IndexLayout.Section, _ row: Int) throws(IndexFormatError) {
        let columns = rows.packedColumns(section)!
        try verifyBlocks(section, 0, IndexLayout.packedColumnDataOffset(columns: columns.count))
        for column in columns { try verifyBlocks(section, column.byteOffset(row: row), 8) }
    }

    public func verifyBlocks(_ section: IndexLayout.Section, _ offset: Int, _ length: Int) throws(IndexFormatError) {
        guard verifiesBlocks, length > 0, section != .blockSums else { return }
        let i = Int(section.rawValue) - 1
        let region = sectionRegions[i]
        guard offset >= 0, offset + length <= region.count else {
            throw .corrupt(path: path, section: section.name, detail: "bytes \(offset)..<\(offset + length) lie outside the section")
        }
        let size = IndexLayout.checksumBlockSize
        let firstBlock = Int(blockSums.u32Unchecked(IndexLayout.u32EntryOffset(i)))
        for b in (offset / size) ... ((offset + length - 1) / size) {
            let global = firstBlock + b
            if verifiedBlocks.contains(global) { continue }
            guard blockMatches(section, block: b) else {
                let start = b * size, n = min(size, region.count - start)
                throw .corrupt(path: path, section: section.name, detail: "block \(b) (bytes \(start)..<\(start + n)) fails its checksum")
            }
            verifiedBlocks.insert(global)
        }
    }

    /// Verifies every block of `section` (`verifyBlocks` over its whole length): once each for
    /// the reader's life, then a bit test per block.
    public func verifyBlocks(wholeSection section: IndexLayout.Section) throws(IndexFormatError) {
        try verifyBlocks(section, 0, sectionRegions[Int(section.rawValue) - 1].count)
    }

    /// Whether block `block` of `section` has the CRC-32 BLOCKSUMS lists for it (computed now,
    /// whatever `verifiesBlocks` says). Precondition: the block exists.
    public func blockMatches(_ section: IndexLayout.Section, block: Int) -> Bool {
        let i = Int(section.rawValue) - 1
        let region = sectionRegions[i]
        let size = IndexLayout.checksumBlockSize
        let global = Int(blockSums.u32Unchecked(IndexLayout.u32EntryOffset(i))) + block
        let start = block * size, n = min(size, region.count - start)
        return CRC32.checksum(region.base + start, count: n) == blockSums.u32Unchecked(IndexLayout.blockChecksumOffset(global))
    }
}

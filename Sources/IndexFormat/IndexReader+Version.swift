extension IndexReader {
    /// How far past this build's version a believable newer file's version can be. Versions go
    /// up one at a time (v1 … v5 so far); a number much larger is more likely a damaged field.
    static let plausibleVersionStep: UInt32 = 8

    /// Refuses a file whose version field is not this build's: older → `.tooOld`; newer →
    /// `.tooNew`, unless the rest of the header says the field itself is damaged.
    ///
    /// A damaged version field must not tell the user to upgrade. So when the version is larger
    /// and the header is laid out as this build's is (its section count, its section ids in
    /// order, its length equal to the file's), the file is reported damaged when the header
    /// checksum does not match (the version is part of what it covers), or when it matches but
    /// the version is more than `plausibleVersionStep` ahead. A header laid out differently is
    /// taken at its word: a newer format.
    static func checkVersion(_ r: ByteRegion, path: String) throws(IndexFormatError) {
        let version = r.u32(IndexLayout.HeaderField.formatVersion.rawValue)!
        let current = IndexLayout.formatVersion
        if version < current { throw .tooOld(path: path, version: version, supported: current) }
        guard version > current else { return }
        let sections = IndexLayout.Section.allCases
        let tableEnd = IndexLayout.sectionEntryOffset(sections.count)
        let shapedAsCurrent = r.u32(IndexLayout.HeaderField.sectionCount.rawValue) == UInt32(sections.count)
            && r.u64(IndexLayout.HeaderField.fileLength.rawValue) == UInt64(r.count) && tableEnd <= r.count
            && sections.enumerated().allSatisfy {
                r.u32(IndexLayout.sectionEntryOffset($0.offset) + IndexLayout.SectionEntryField.id.rawValue) == $0.element.rawValue
            }
        guard shapedAsCurrent else { throw .tooNew(path: path, version: version, supported: current) }
        var crc = CRC32.checksum(r.base, count: IndexLayout.HeaderField.crc32.rawValue)
        crc = CRC32.checksum(r.base + IndexLayout.headerSize, count: tableEnd - IndexLayout.headerSize, continuing: crc)
        if crc != r.u32(IndexLayout.HeaderField.crc32.rawValue)! {
            throw .corrupt(path: path, section: "HEADER", detail: "header checksum mismatch (its version field reads \(version); this build writes \(current))")
        }
        if version - current > plausibleVersionStep {
            throw .corrupt(path: path, section: "HEADER",
                           detail: "version field reads \(version), but the header is a valid version \(current) header; the version field is damaged")
        }
        throw .tooNew(path: path, version: version, supported: current)
    }
}

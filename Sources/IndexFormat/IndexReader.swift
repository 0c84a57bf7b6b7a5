import Analysis
import Corpus

/// An open index file: memory-mapped, immutable, safe to share between threads.
///
/// Opening reads only the 64-byte header, the section table and the 64-byte META section, and
/// verifies their checksums and every section's bounds and fixed sizes; it does not scale with
/// the corpus. Data inside sections is bounds-checked when it is read: a damaged file can make
/// a read fail (`nil` / `isCorrupt`), never read outside the mapping. `IndexChecker` verifies
/// every section's CRC-32 and structure in full.
///
/// The term dictionary with its lists (`terms`, `TermDictionary`), the grid cells (`cells`,
/// `CellTable`) and the ZIP centroids (`zips`, `ZipCentroidTable`) are read through typed parts
/// of the reader; strings, rows, ids, details, tables and stored texts through its own methods.
public final class IndexReader: @unchecked Sendable {
    public let path: String
    public let file: MappedFile
    public let formatVersion: UInt32
    public let documentCount: Int
    public let institutionCount: Int
    public let stringCount: Int
    /// Sum of document lengths, in tokens.
    public let totalTokens: UInt64
    /// Tokens of every title, and of every institution name (META); the descriptions' total is
    /// `totalTokens` minus both.
    public let titleTokens: UInt64
    public let institutionTokens: UInt64
    public let isSampleData: Bool
    /// Some document has 255 tokens or more (META flag): without one, no LENGTHS byte is 255.
    public let hasLongDocuments: Bool
    /// The smallest and the largest LENGTHS byte below 255 (META); 255 and 0 when there is none.
    public let shortestLength: UInt8
    public let longestLength: UInt8
    public let corpusName: String
    public let note: String
    /// The synonym dictionary the index was built with (TABLES, `SynonymDictionary.tableName`);
    /// empty when the index has none or its table cannot be read. Parsed on first use (only
    /// forgiving searches read it), once, whichever thread asks first; opening stays O(1).
    public var synonyms: SynonymDictionary {
        parsedSynonyms.value {
            table(named: SynonymDictionary.tableName).map { SynonymDictionary.parseNamingAwardLevels($0).dictionary } ?? .empty
        }
    }
    private let parsedSynonyms = BuiltOnce<SynonymDictionary>()

    /// The institution rows grouped by institution id (`InstitutionGroups`), built on first use
    /// (grouped searches read it), once, whichever thread asks first; opening stays O(1).
    public var institutionGroups: InstitutionGroups { builtInstitutionGroups.value { InstitutionGroups(self) } }
    private let builtInstitutionGroups = BuiltOnce<InstitutionGroups>()

    /// Each document's institution group (`InstitutionGroupColumn`), built on first use by a
    /// grouped query with many matches, once, whichever thread asks first; `nil` when the rows
    /// are damaged. With `building` false, only a column already built (`nil` otherwise):
    /// building reads every document row.
    public func institutionGroupColumn(building: Bool = true) -> InstitutionGroupColumn? {
        builtInstitutionGroupColumn.value(building: building) { InstitutionGroupColumn(self, groups: institutionGroups) } ?? nil
    }
    /// `nil` inside once built: the rows were damaged (remembered, not rebuilt).
    private let builtInstitutionGroupColumn = BuiltOnce<InstitutionGroupColumn?>()

    /// Whether the records repeat their texts: on average four or more documents per stored
    /// text (descriptions are stored once each). Then `textIdentityColumn` pays.
    public var repeatsTexts: Bool { storedTextLayout.count * 4 <= documentCount }

    /// Each document's (title, description) ordinal (`TextIdentityColumn`), built on first use
    /// by a query that scores many documents, once, whichever thread asks first.
    public var textIdentityColumn: TextIdentityColumn { builtTextIdentityColumn.value { TextIdentityColumn(self) } }
    private let builtTextIdentityColumn = BuiltOnce<TextIdentityColumn>()

    /// The decoder of TEXTS' blocks (its tables from the stored codes), built on the first text
    /// read; `nil` when the codes are damaged. Its bytes are verified by the read that builds it.
    var storedTextDecoder: TextBlockDecoder? { builtStoredTextDecoder.value { storedTextCodes.map(TextBlockDecoder.init(codes:)) } }
    private let builtStoredTextDecoder = BuiltOnce<TextBlockDecoder?>()
    /// Whether a query has built `textIdentityColumn` (scored by text identity) on this reader.
    public var textIdentityColumnIsBuilt: Bool { builtTextIdentityColumn.isBuilt }

    /// The column of a single-valued keyword field (`KeywordColumn`), built on first use
    /// (facet counts read it), once per field, whichever thread asks first; `nil` when the rows
    /// it reads are damaged (then facets count from the postings). With `building` false, only
    /// a column already built (`nil` otherwise): building reads every document row.
    public func keywordColumn(_ field: KeywordColumn.Field, building: Bool = true) -> KeywordColumn? {
        let cache = switch field {
        case .state: builtStateColumn
        case .cip: builtCIPColumn
        }
        return cache.value(building: building) { KeywordColumn(self, field) } ?? nil
    }
    /// `nil` inside once built: the rows were damaged (remembered, not rebuilt).
    private let builtStateColumn = BuiltOnce<KeywordColumn?>(), builtCIPColumn = BuiltOnce<KeywordColumn?>()

    /// Whether record reads are checked against BLOCKSUMS (see `init(file:verifyingBlocks:)`).
    public let verifiesBlocks: Bool
    /// Blocks of BLOCKSUMS verified so far (each once for the life of the reader; lock-free).
    let verifiedBlocks: AtomicBitset
    /// Every section's bytes, by `Section.rawValue - 1`, for block verification.
    let sectionRegions: [ByteRegion]

    /// Section table entries in file order.
    public let sections: [SectionInfo]
    public let strings: ByteRegion
    public let institutions: ByteRegion
    /// DOCUMENTS and RANKS: packed columns (`rows` reads them).
    public let documents: ByteRegion
    public let ranks: ByteRegion
    public let ids: ByteRegion
    /// TERMS, POSTINGS and FIELDPEAKS: the term dictionary, its lists and their field peaks.
    public let terms: TermDictionary
    /// CELLS: the grid cells' document ranges.
    public let cells: CellTable
    /// DOCUMENTS with LENGTHS, FIELDLENGTHS, RANKS, MINRANKS, LENGTHBITS, RANKED and the
    /// institution rows: each document's fixed-width fields.
    public let rows: DocumentTable
    /// ZIPS: the ZIP code centroids, made on each access over the section checked on open (the
    /// table reads the reader's strings, so the reader does not store it: no reference cycle).
    public var zips: ZipCentroidTable { ZipCentroidTable(region: zipRegion, count: zipCount, reader: self) }
    /// ZIPS's bytes and entry count, checked on open (read through `zips`).
    private let zipRegion: ByteRegion
    private let zipCount: Int
    /// RANKED: documents in ascending id order, a packed column (`rows.document(rank:)`, the
    /// inverse of RANKS).
    public let ranked: ByteRegion
    /// One byte per document: its length in tokens, or 255 for "255 or more, see the row".
    public let lengths: ByteRegion
    /// One u32 per 64 documents: the smallest id rank among documents 64·w ..< 64·w + 64.
    public let minRanks: ByteRegion
    /// LENGTHS transposed: per 64 documents 8 words, word j holding bit j of each length byte.
    public let lengthBits: ByteRegion
    /// DETAILS: packed columns (`IndexLayout.DetailColumn`), outcomes and preaccreditation.
    public let details: ByteRegion
    /// TABLES: the corpus's named text tables (careers), see `table(named:)`.
    public let tables: ByteRegion
    /// Entries in TABLES.
    public let tableCount: Int
    /// BLOCKSUMS: per-block CRC-32s of every other section (`verifyBlocks`).
    public let blockSums: ByteRegion
    /// FIELDLENGTHS: packed columns, per document title and institution-name lengths.
    public let fieldLengths: ByteRegion
    /// TEXTS: long texts compressed in blocks (`checkedStoredText`), and where its parts lie.
    public let texts: ByteRegion
    public let storedTextLayout: StoredTextLayout

    /// One entry of the section table.
    public struct SectionInfo: Sendable {
        public let section: IndexLayout.Section
        public let offset: Int
        public let length: Int
        public let crc32: UInt32
    }

    /// Mean document length in tokens (BM25's avgdl); 0 for an empty index.
    public var averageDocumentLength: Double { BM25Impact.averageLength(totalTokens: totalTokens, documents: documentCount) }

    public convenience init(path: String) throws(IndexFormatError) {
        try self.init(file: MappedFile(path: path))
    }

    /// - Parameter verifyingBlocks: check what record reads touch against BLOCKSUMS (the
    ///   default). `IndexChecker` opens without it: it checks every CRC itself, and a damaged
    ///   block would otherwise make every structure that reads through it look damaged too.
    public init(file: MappedFile, verifyingBlocks: Bool = true) throws(IndexFormatError) {
        self.verifiesBlocks = verifyingBlocks
        self.file = file
        self.path = file.path
        let r = file.region
        func corrupt(_ section: String, _ detail: String) -> IndexFormatError { .corrupt(path: file.path, section: section, detail: detail) }
        guard r.count >= 8, let magic = r.bytes(0, 8), magic == IndexLayout.magic else { throw .notAnIndex(path: file.path) }
        guard r.count >= IndexLayout.headerSize else { throw .truncated(path: file.path, expected: IndexLayout.headerSize, actual: r.count) }
        try Self.checkVersion(r, path: file.path)
        formatVersion = r.u32(IndexLayout.HeaderField.formatVersion.rawValue)!
        let sectionCount = Int(r.u32(IndexLayout.HeaderField.sectionCount.rawValue)!)
        let declaredLength = r.u64(IndexLayout.HeaderField.fileLength.rawValue)!
        if declaredLength != UInt64(r.count) {
            if declaredLength > UInt64(r.count) { throw .truncated(path: file.path, expected: Int(clamping: declaredLength), actual: r.count) }
            throw corrupt("HEADER", "header says \(declaredLength) bytes, file has \(r.count) (trailing data)")
        }
        guard sectionCount == IndexLayout.Section.allCases.count else {
            throw corrupt("HEADER", "expected \(IndexLayout.Section.allCases.count) sections, header says \(sectionCount)")
        }
        let tableEnd = IndexLayout.sectionEntryOffset(sectionCount)
        guard tableEnd <= r.count else { throw .truncated(path: file.path, expected: tableEnd, actual: r.count) }
        var crc = CRC32.checksum(r.base, count: IndexLayout.HeaderField.crc32.rawValue)
        crc = CRC32.checksum(r.base + IndexLayout.headerSize, count: tableEnd - IndexLayout.headerSize, continuing: crc)
        guard crc == r.u32(IndexLayout.HeaderField.crc32.rawValue)! else { throw corrupt("HEADER", "header checksum mismatch") }

        var infos: [SectionInfo] = []
        var regions: [IndexLayout.Section: ByteRegion] = [:]
        for (i, expected) in IndexLayout.Section.allCases.enumerated() {
            let e = IndexLayout.sectionEntryOffset(i)
            func field(_ f: IndexLayout.SectionEntryField) -> Int { e + f.rawValue }
            let id = r.u32(field(.id))!, offset = r.u64(field(.offset))!, length = r.u64(field(.length))!, sum = r.u32(field(.crc32))!
            guard id == expected.rawValue else { throw corrupt("HEADER", "section \(i) has id \(id), expected \(expected.rawValue) (\(expected.name))") }
            guard offset >= UInt64(tableEnd), offset <= UInt64(r.count), length <= UInt64(r.count) - offset,
                  let region = r.slice(Int(offset), Int(length)) else {
                throw corrupt(expected.name, "section at \(offset) length \(length) lies outside the \(r.count)-byte file")
            }
            infos.append(SectionInfo(section: expected, offset: Int(offset), length: Int(length), crc32: sum))
            regions[expected] = region
        }
        // In the file the sections lie in any order (`IndexLayout.Section.fileOrder` is the
        // writer's), each apart from every other.
        let byOffset = infos.sorted { ($0.offset, $0.length) < ($1.offset, $1.length) }
        for (before, after) in zip(byOffset, byOffset.dropFirst()) where after.offset < before.offset + before.length {
            throw corrupt(after.section.name, "section overlaps \(before.section.name)")
        }
        sections = infos
        let meta = regions[.meta]!
        guard meta.count == IndexLayout.metaSize else { throw corrupt("META", "length \(meta.count), expected \(IndexLayout.metaSize)") }
        guard meta.crc32() == infos[0].crc32 else { throw corrupt("META", "checksum mismatch") }
        func u32(_ f: IndexLayout.MetaField) -> UInt32 { meta.u32(f.rawValue)! }
        func u64(_ f: IndexLayout.MetaField) -> UInt64 { meta.u64(f.rawValue)! }
        documentCount = Int(u32(.documentCount))
        institutionCount = Int(u32(.institutionCount))
        let termCount = Int(u32(.termCount))
        stringCount = Int(u32(.stringCount))
        let cellCount = Int(u32(.cellCount))
        zipCount = Int(u32(.zipCount))
        totalTokens = u64(.totalTokens)
        titleTokens = u64(.titleTokens)
        institutionTokens = u64(.institutionTokens)
        guard titleTokens <= totalTokens, institutionTokens <= totalTokens - titleTokens else {
            throw corrupt("META", "title and institution token totals exceed the total")
        }
        let nameID = u32(.corpusName), noteID = u32(.note)
        isSampleData = (u32(.flags) & IndexLayout.metaFlagSampleData) != 0
        hasLongDocuments = (u32(.flags) & IndexLayout.metaFlagLongDocuments) != 0
        shortestLength = meta.u8(IndexLayout.MetaField.shortestLength.rawValue)!
        longestLength = meta.u8(IndexLayout.MetaField.longestLength.rawValue)!
        guard longestLength < 255 else { throw corrupt("META", "longest length byte below 255 is 255") }
        guard r.u32(IndexLayout.HeaderField.documentCount.rawValue)! == UInt32(documentCount) else {
            throw corrupt("META", "document count disagrees with the header")
        }

        strings = regions[.strings]!
        institutions = regions[.institutions]!
        documents = regions[.documents]!
        ranks = regions[.ranks]!
        ids = regions[.ids]!
        let termRegion = regions[.terms]!, cellRegion = regions[.cells]!, peakRegion = regions[.fieldPeaks]!
        zipRegion = regions[.zips]!
        ranked = regions[.ranked]!
        lengths = regions[.lengths]!
        minRanks = regions[.minRanks]!
        lengthBits = regions[.lengthBits]!
        details = regions[.details]!
        tables = regions[.tables]!
        fieldLengths = regions[.fieldLengths]!
        texts = regions[.texts]!
        blockSums = regions[.blockSums]!
        sectionRegions = IndexLayout.Section.allCases.map { regions[$0]! }

        func expectSize(_ region: ByteRegion, _ section: IndexLayout.Section, _ size: Int) throws(IndexFormatError) {
            guard region.count == size else { throw corrupt(section.name, "length \(region.count), expected \(size) from the counts in META") }
        }
        try expectSize(institutions, .institutions, institutionCount * IndexLayout.institutionRowSize)
        let rowCount = documentCount
        func packedColumns(_ section: IndexLayout.Section) throws(IndexFormatError) -> [PackedColumn] {
            switch PackedColumns.columns(in: regions[section]!, expectedColumns: IndexLayout.packedColumnCount(section)!, rowCount: rowCount) {
            case .success(let columns): return columns
            case .failure(let problem): throw corrupt(section.name, problem.detail)
            }
        }
        let documentColumns = try packedColumns(.documents)
        let rankColumn = try packedColumns(.ranks)[0]
        let rankedColumn = try packedColumns(.ranked)[0]
        let detailColumns = try packedColumns(.details)
        let fieldLengthColumns = try packedColumns(.fieldLengths)
        try expectSize(lengths, .lengths, documentCount)
        try expectSize(minRanks, .minRanks, IndexLayout.bitmapWords(documentCount: documentCount) * 4)
        try expectSize(lengthBits, .lengthBits, IndexLayout.bitmapWords(documentCount: documentCount) * IndexLayout.lengthBitPlanes * 8)
        try expectSize(cellRegion, .cells, IndexLayout.cellEntryOffset(cellCount))
        let countField = IndexLayout.CountedHeaderField.count.rawValue
        guard let peakTerms = peakRegion.u32(countField),
              peakRegion.count == IndexLayout.fieldPeaksHeaderSize(terms: Int(peakTerms))
                + Int(peakTerms) * IndexLayout.bitmapWords(documentCount: documentCount) else {
            throw corrupt("FIELDPEAKS", "term count does not fit the section")
        }
        guard let tc = tables.u32(countField), tables.count == IndexLayout.tableEntryOffset(Int(tc)) else {
            throw corrupt("TABLES", "table count does not fit the section")
        }
        tableCount = Int(tc)
        guard let textLayout = StoredTextLayout(texts) else {
            throw corrupt("TEXTS", "text count, block table or dictionary does not fit the section")
        }
        storedTextLayout = textLayout
        try expectSize(zipRegion, .zips, IndexLayout.zipEntryOffset(zipCount))
        guard strings.u32(countField) == UInt32(stringCount), strings.count >= IndexLayout.stringBytesOffset(count: stringCount) else {
            throw corrupt("STRINGS", "string count or offset table does not fit the section")
        }
        guard termRegion.u32(countField) == UInt32(termCount), termRegion.count >= IndexLayout.termKeysOffset(count: termCount) else {
            throw corrupt("TERMS", "term count or entry table does not fit the section")
        }
        terms = TermDictionary(terms: termRegion, postings: regions[.postings]!, fieldPeaks: peakRegion, count: termCount,
                               fieldPeakTermCount: Int(peakTerms), documentCount: documentCount)
        let covered = IndexLayout.Section.allCases.count - 1
        var blockCount = 0
        guard blockSums.u32(countField) == UInt32(covered), blockSums.count >= IndexLayout.u32EntryOffset(covered + 1) else {
            throw corrupt("BLOCKSUMS", "section count or block table does not fit the section")
        }
        for (i, info) in infos.prefix(covered).enumerated() {
            let first = Int(blockSums.u32(IndexLayout.u32EntryOffset(i))!), next = Int(blockSums.u32(IndexLayout.u32EntryOffset(i + 1))!)
            guard first == blockCount, next - first == IndexLayout.checksumBlocks(length: info.length) else {
                throw corrupt("BLOCKSUMS", "\(info.section.name) has \(next - first) blocks listed, its length needs \(IndexLayout.checksumBlocks(length: info.length))")
            }
            blockCount = next
        }
        guard blockSums.count == IndexLayout.blockChecksumOffset(blockCount) else {
            throw corrupt("BLOCKSUMS", "length \(blockSums.count), expected \(IndexLayout.blockChecksumOffset(blockCount)) for \(blockCount) blocks")
        }
        verifiedBlocks = AtomicBitset(capacity: blockCount)
        guard cellRegion.u32(countField) == UInt32(cellCount), zipRegion.u32(countField) == UInt32(zipCount) else {
            throw corrupt("CELLS", "entry count disagrees with META")
        }
        cells = CellTable(region: cellRegion, count: cellCount, documentCount: documentCount)
        rows = DocumentTable(documents: documentColumns, lengths: lengths, fieldLengths: fieldLengthColumns, ranks: rankColumn,
                             minRanks: minRanks, lengthBits: lengthBits, ranked: rankedColumn, institutions: institutions,
                             details: detailColumns, count: documentCount, institutionCount: institutionCount)
        let idBlocks = (documentCount + IndexLayout.idBlockSize - 1) / IndexLayout.idBlockSize
        guard ids.u32(countField) == UInt32(documentCount),
              ids.u32(IndexLayout.CountedHeaderField.idBlockSize.rawValue) == UInt32(IndexLayout.idBlockSize),
              ids.count >= IndexLayout.idBlocksOffset(blocks: idBlocks) else {
            throw corrupt("IDS", "id count, block size or block table does not fit the section")
        }
        // Strings are read lazily and checked on each read; an unreadable name is "".
        corpusName = Self.string(nameID, in: strings, count: stringCount) ?? ""
        note = Self.string(noteID, in: strings, count: stringCount) ?? ""
    }

    // MARK: Strings

    /// The string with id `id`, or `nil` when the id or its offsets are out of bounds or its
    /// bytes fail their block checksums (`checkedString` says which).
    public func string(_ id: UInt32) -> String? { try? checkedString(id) }

    /// The string with id `id`, its offset entries and bytes verified against BLOCKSUMS. An id
    /// with `IndexLayout.storedTextFlag` names a compressed text of TEXTS (`checkedStoredText`).
    public func checkedString(_ id: UInt32) throws(IndexFormatError) -> String {
        if id & IndexLayout.storedTextFlag != 0 { return try checkedStoredText(Int(id & ~IndexLayout.storedTextFlag)) }
        let base = IndexLayout.stringBytesOffset(count: stringCount)
        guard Int(id) < stringCount else { throw .corrupt(path: path, section: "STRINGS", detail: "string id \(id) out of range") }
        try verifyBlocks(.strings, IndexLayout.u32EntryOffset(Int(id)), 8)
        guard let lo = strings.u32(IndexLayout.u32EntryOffset(Int(id))), let hi = strings.u32(IndexLayout.u32EntryOffset(Int(id) + 1)), lo <= hi,
              let s = strings.slice(base + Int(lo), Int(hi - lo)) else {
            throw .corrupt(path: path, section: "STRINGS", detail: "string \(id)'s offsets lie outside the section")
        }
        try verifyBlocks(.strings, base + Int(lo), Int(hi - lo))
        return String(decoding: UnsafeRawBufferPointer(start: s.base, count: s.count), as: UTF8.self)
    }

    static func string(_ id: UInt32, in strings: ByteRegion, count stringCount: Int) -> String? {
        let base = IndexLayout.stringBytesOffset(count: stringCount)
        guard Int(id) < stringCount, let lo = strings.u32(IndexLayout.u32EntryOffset(Int(id))),
              let hi = strings.u32(IndexLayout.u32EntryOffset(Int(id) + 1)),
              lo <= hi, let s = strings.slice(base + Int(lo), Int(hi - lo)) else { return nil }
        return String(decoding: UnsafeRawBufferPointer(start: s.base, count: s.count), as: UTF8.self)
    }

    // MARK: Documents

    /// Average length in tokens of each text field over all documents (1 when the index is empty
    /// or a field is empty everywhere, so a norm never divides by 0).
    public var averageFieldLengths: (title: Double, description: Double, institution: Double) {
        func avg(_ tokens: UInt64) -> Double { Schema.averageFieldLength(tokens: tokens, documents: documentCount) }
        return (avg(titleTokens), avg(totalTokens - titleTokens - institutionTokens), avg(institutionTokens))
    }

    /// The id of the document with rank `rank`, decoded from its front-coded block, or `nil`
    /// when it cannot be read (`checkedID` says why).
    public func id(rank: Int) -> String? { try? checkedID(rank: rank) }

    /// The id of the document with rank `rank`, its block verified against BLOCKSUMS.
    public func checkedID(rank: Int) throws(IndexFormatError) -> String {
        func bad(_ what: String) -> IndexFormatError { .corrupt(path: path, section: "IDS", detail: "id of rank \(rank): \(what)") }
        guard rank >= 0, rank < documentCount else { throw bad("out of range") }
        let block = rank / IndexLayout.idBlockSize
        let blocks = (documentCount + IndexLayout.idBlockSize - 1) / IndexLayout.idBlockSize
        let dataStart = IndexLayout.idBlocksOffset(blocks: blocks)
        try verifyBlocks(.ids, IndexLayout.u32EntryOffset(block), 8)
        guard let lo = ids.u32(IndexLayout.u32EntryOffset(block)), let hi = ids.u32(IndexLayout.u32EntryOffset(block + 1)), lo <= hi,
              let region = ids.slice(dataStart + Int(lo), Int(hi - lo)) else { throw bad("block offsets lie outside the section") }
        try verifyBlocks(.ids, dataStart + Int(lo), Int(hi - lo))
        var offset = 0
        // One buffer, each id's suffix appended from the mapping in place (a copy of each
        // suffix first made several allocations per id read).
        var current: [UInt8] = []
        current.reserveCapacity(64)
        for i in 0 ... rank % IndexLayout.idBlockSize {
            let shared: UInt32
            if i == 0 {
                shared = 0
            } else {
                guard let s = VarInt.decode(region.base, &offset, end: region.count), Int(s) <= current.count else { throw bad("undecodable") }
                shared = s
            }
            guard let n = VarInt.decode(region.base, &offset, end: region.count), let suffix = region.slice(offset, Int(n)) else { throw bad("undecodable") }
            current.removeSubrange(Int(shared)...)
            current.append(contentsOf: UnsafeBufferPointer(start: suffix.base.assumingMemoryBound(to: UInt8.self), count: suffix.count))
            offset += Int(n)
        }
        return String(decoding: current, as: UTF8.self)
    }

    /// The document whose id is `id`, or `nil` (also when an id on the way cannot be read).
    public func document(id target: String) -> Int? { (try? document(checkedID: target)) ?? nil }

    /// The document whose id is `id`, or `nil` when no document has it: a binary search over id
    /// ranks, each id read verified (`checkedID`). - Complexity: O(log documents × id block size).
    public func document(checkedID target: String) throws(IndexFormatError) -> Int? {
        var lo = 0, hi = documentCount
        let key = Array(target.utf8)
        while lo < hi {
            let mid = (lo + hi) / 2
            let s = try checkedID(rank: mid)
            let b = Array(s.utf8)
            if b == key {
                try verifyPackedRow(.ranked, mid)
                let d = Int(rows.document(rank: mid))
                // RANKED and RANKS are inverse tables: a document whose rank is not `mid` is damage.
                guard d < documentCount, rows.rank(d) == UInt32(mid) else {
                    throw .corrupt(path: path, section: "RANKED", detail: "rank \(mid) names document \(d), whose rank is \(d < documentCount ? String(rows.rank(d)) : "out of range")")
                }
                return d
            }
            if b.lexicographicallyPrecedes(key) { lo = mid + 1 } else { hi = mid }
        }
        return nil
    }

    /// The full record of document `doc`, or `.corrupt` naming what could not be read.
    public func record(_ doc: Int) throws(IndexFormatError) -> ProgramRecord {
        func bad(_ what: String) -> IndexFormatError { .corrupt(path: path, section: "DOCUMENTS", detail: "document \(doc): \(what)") }
        guard doc >= 0, doc < documentCount else { throw bad("out of range") }
        for section in [IndexLayout.Section.documents, .details, .ranks] { try verifyPackedRow(section, doc) }
        let inst = Int(rows.field(doc, .institution))
        guard inst < institutionCount else { throw bad("institution \(inst) out of range") }
        let io = inst * IndexLayout.institutionRowSize
        try verifyBlocks(.institutions, io, IndexLayout.institutionRowSize)
        func str(_ region: ByteRegion, _ offset: Int, _ what: String) throws(IndexFormatError) -> String {
            try str(id: region.u32Unchecked(offset), what)
        }
        func str(id: UInt32, _ what: String) throws(IndexFormatError) -> String {
            do { return try checkedString(id) } catch {
                // A failed checksum, or damage inside TEXTS (a text that does not decode), says so
                // itself; an id out of range is the row's damage.
                if case let .corrupt(_, section, detail) = error,
                   detail.contains("checksum") || (section == "TEXTS" && !detail.hasSuffix("out of range")) { throw error }
                throw bad("\(what) string out of range")
            }
        }
        let levelCode = rows.field(doc, .level), deliveryCode = rows.field(doc, .delivery)
        guard levelCode <= UInt8.max, let level = AwardLevel(code: UInt8(levelCode)) else { throw bad("award level code out of range") }
        guard deliveryCode <= UInt8.max, let delivery = Delivery(code: UInt8(deliveryCode)) else { throw bad("delivery code out of range") }
        let id = try checkedID(rank: Int(rows.rank(doc)))
        let accreditors = try str(id: rows.field(doc, .accreditors), "accreditors")
        func number(_ f: IndexLayout.DetailColumn) -> Int? {
            let v = rows.detail(doc, f)
            return v == IndexLayout.detailUnknown ? nil : Int(v)
        }
        func list(_ s: String) -> [String] { s.isEmpty ? [] : s.split(separator: "|").map(String.init) }
        func list(_ region: ByteRegion, _ offset: Int, _ what: String) throws(IndexFormatError) -> [String] {
            list(try str(region, offset, what))
        }
        let controlCode = institutions.u8(io + IndexLayout.InstitutionField.control.rawValue)!
        let control = InstitutionControl.allCases.first { $0.code == controlCode }
        guard controlCode == 0 || control != nil else { throw bad("control code \(controlCode) out of range") }
        var record = ProgramRecord(
            id: id,
            institutionID: try str(institutions, io + IndexLayout.InstitutionField.id.rawValue, "institution id"),
            institutionName: try str(institutions, io + IndexLayout.InstitutionField.name.rawValue, "institution name"),
            city: try str(institutions, io + IndexLayout.InstitutionField.city.rawValue, "city"),
            state: try str(institutions, io + IndexLayout.InstitutionField.state.rawValue, "state"),
            zip: try str(institutions, io + IndexLayout.InstitutionField.zip.rawValue, "zip"),
            latitude: institutions.f64Unchecked(io + IndexLayout.InstitutionField.latitude.rawValue),
            longitude: institutions.f64Unchecked(io + IndexLayout.InstitutionField.longitude.rawValue),
            cipCode: try str(id: rows.field(doc, .cip), "cip"),
            title: try str(id: rows.field(doc, .title), "title"),
            description: try str(id: rows.field(doc, .description), "description"),
            level: level,
            accreditors: list(accreditors),
            delivery: delivery)
        record.completers = number(.completers)
        record.medianEarnings = number(.earnings)
        record.medianDebt = number(.debt)
        record.preaccreditors = list(try str(id: rows.detail(doc, .preaccreditors), "preaccreditors"))
        typealias School = IndexLayout.InstitutionField
        record.institutionAccreditors = try list(institutions, io + School.institutionAccreditors.rawValue, "institution accreditors")
        record.otherSchoolAccreditors = try list(institutions, io + School.otherSchoolAccreditors.rawValue, "other school accreditors")
        record.website = try str(institutions, io + School.website.rawValue, "website")
        record.control = control
        return record
    }

    // MARK: Tables

    /// The text of the corpus table `name` stored in TABLES ("careers.tsv", …), or `nil` when
    /// the index has no such table or its string is out of range.
    public func table(named name: String) -> String? { (try? checkedTable(named: name)) ?? nil }

    /// The text of the table `name`, or `nil` when the index has none; damage in TABLES or in
    /// the strings it names is thrown (`.corrupt`), not taken for absence.
    public func checkedTable(named name: String) throws(IndexFormatError) -> String? {
        for i in 0 ..< tableCount {
            let e = IndexLayout.tableEntryOffset(i)
            try verifyBlocks(.tables, e, IndexLayout.tableEntrySize)
            guard try checkedString(tables.u32Unchecked(e + IndexLayout.TableField.name.rawValue)) == name else { continue }
            return try checkedString(tables.u32Unchecked(e + IndexLayout.TableField.text.rawValue))
        }
        return nil
    }

    /// Names of the stored tables, in order (unreadable names are left out).
    public var tableNames: [String] {
        (0 ..< tableCount).compactMap { i in
            tables.u32(IndexLayout.tableEntryOffset(i) + IndexLayout.TableField.name.rawValue).flatMap { string($0) }
        }
    }
}

/// The document bitmaps of a dense term: bit `d % 64` of word `d / 64` is document `d`.
/// Bits at or past the document count are zero (`IndexChecker` verifies it). A text term also
/// has the frequencies of its repeated documents, reachable in O(1) through a rank directory,
/// so a dense word's frequency never needs its postings decoded.
public struct TermBitmaps: @unchecked Sendable {
    /// Documents in the list.
    public let present: ByteRegion
    /// Words (u64) in each bitmap: ⌈documents / 64⌉.
    public let words: Int
    /// Documents whose term frequency is ≥ 2 (text terms only); the rest have frequency 1.
    public let repeated: ByteRegion?
    /// Repeated documents before each group of 8 words, then their total (u32 each).
    let rankDirectory: ByteRegion?
    /// Frequencies of the repeated documents in document order, saturating at 255.
    let frequencies: ByteRegion?
    /// Per LENGTHS byte (0–255), the largest frequency among the term's documents of that
    /// byte, saturating at 255; 0 when it has none. Text terms with a frequency ≥ 2 only.
    public let lengthPeaks: ByteRegion?
    /// Per word (text terms only): the bit of its document with the largest `BM25Impact` at the
    /// default k1 and b, or `IndexLayout.noBestDocument` when the word holds none.
    public let best: ByteRegion?
    /// Text terms: (document u32, frequency u32) for every frequency of 255 or more, in
    /// document order (the frequency bytes saturate at 255).
    public let overflow: ByteRegion?
    /// Number of repeated documents (0 for keyword terms).
    public var repeatedCount: Int { frequencies?.count ?? 0 }

    /// Bitmaps of document presence alone (no frequencies), over `words` 64-bit words of
    /// `present` — a keyword term's shape; the searcher builds such views of its own at query
    /// time. Precondition: `present.count == words * 8`.
    public static func presentOnly(_ present: ByteRegion, words: Int) -> TermBitmaps {
        TermBitmaps(present: present, words: words)
    }

    init(present: ByteRegion, words: Int, repeated: ByteRegion? = nil,
         rankDirectory: ByteRegion? = nil, frequencies: ByteRegion? = nil, lengthPeaks: ByteRegion? = nil, best: ByteRegion? = nil,
         overflow: ByteRegion? = nil) {
        self.present = present
        self.words = words
        self.repeated = repeated
        self.rankDirectory = rankDirectory
        self.frequencies = frequencies
        self.lengthPeaks = lengthPeaks
        self.best = best
        self.overflow = overflow
    }

    /// Whether this is a text term's list (it has frequencies, all 1 when `repeated` is `nil`).
    public var hasFrequencies: Bool { best != nil }

    /// The exact frequency of `d`, whose stored byte saturated at 255, from `overflow`; `nil`
    /// when it is not listed (damage).
    public func overflowFrequency(_ d: UInt32) -> UInt32? {
        guard let o = overflow else { return nil }
        var lo = 0, hi = o.count / IndexLayout.overflowEntrySize
        while lo < hi {
            let mid = (lo + hi) / 2
            let e = mid * IndexLayout.overflowEntrySize
            let doc = o.u32Unchecked(e + IndexLayout.OverflowField.document.rawValue)
            if doc == d { let f = o.u32Unchecked(e + IndexLayout.OverflowField.frequency.rawValue); return f >= 255 ? f : nil }
            if doc < d { lo = mid + 1 } else { hi = mid }
        }
        return nil
    }

    /// The best-document bit of word `i` (see `best`). Preconditions: `i < words`, text term.
    @inlinable @inline(__always)
    public func bestBit(_ i: Int) -> Int { Int(best.unsafelyUnwrapped.base.load(fromByteOffset: i, as: UInt8.self)) }

    /// Word `i` of the present bitmap. Precondition: `i < words` (sizes checked on creation).
    @inlinable @inline(__always)
    public func presentWord(_ i: Int) -> UInt64 { present.u64Unchecked(i &* 8) }

    /// Whether document `d` has frequency ≥ 2. Precondition: `d < documents`.
    @inlinable @inline(__always)
    public func isRepeated(_ d: Int) -> Bool {
        guard let r = repeated else { return false }
        return r.u64Unchecked((d >> 6) &* 8) & (1 << UInt64(d & 63)) != 0
    }

    /// The term frequency of a repeated document `d` (≥ 2; 255 means 255 or more), or `nil`
    /// when the directory points outside the frequencies (damage). Preconditions: `d <
    /// documents`, `isRepeated(d)`. For many lookups in document order use
    /// `RepeatedFrequencyCursor`.
    public func repeatedFrequency(_ d: Int) -> UInt32? {
        guard var cursor = RepeatedFrequencyCursor(self) else { return nil }
        let f = cursor.frequency(d)
        return f >= 2 ? f : nil
    }
}

/// Reads repeated frequencies of one dense term for documents visited in increasing order:
/// it carries the rank of its current word, so each lookup costs one popcount (plus one per
/// word skipped inside a directory group) instead of up to eight. A query's hot loop calls
/// `enter(word:)` once per 64-document word, then `frequency(bit:)` per document.
public struct RepeatedFrequencyCursor {
    @usableFromInline let repeated: UnsafeRawPointer?
    @usableFromInline let directory: UnsafeRawPointer?
    @usableFromInline let frequencies: UnsafeRawPointer?
    @usableFromInline let frequencyCount: Int
    /// Word whose rank is `rankBeforeWord`; -1 before the first `enter`.
    @usableFromInline var word = -1
    /// Repeated documents before `word`.
    @usableFromInline var rankBeforeWord = 0
    @usableFromInline var enteredRepeatedWord: UInt64 = 0
    /// The repeated bits of the entered word.
    @inlinable public var repeatedWord: UInt64 { enteredRepeatedWord }

    /// A reader for a word with no repeated documents: every frequency is 1.
    public init() {
        repeated = nil
        directory = nil
        frequencies = nil
        frequencyCount = 0
    }

    /// `nil` for a term without frequencies (keyword terms). A text term whose frequencies are
    /// all 1 has no repeated bitmap: every word enters with no repeated bits.
    public init?(_ bitmaps: TermBitmaps) {
        guard bitmaps.hasFrequencies else { return nil }
        repeated = bitmaps.repeated?.base
        directory = bitmaps.rankDirectory?.base
        frequencies = bitmaps.frequencies?.base
        frequencyCount = bitmaps.frequencies?.count ?? 0
    }

    /// Moves to word `i` (documents 64·i ..< 64·i + 64). Precondition: `i < words`.
    @inlinable @inline(__always)
    public mutating func enter(word i: Int) {
        guard let repeated, let directory else { enteredRepeatedWord = 0; return }
        if i < word || i >> 3 != word >> 3 {
            word = i & ~7
            rankBeforeWord = Int(UInt32(littleEndian: directory.loadUnaligned(fromByteOffset: (i >> 3) &* 4, as: UInt32.self)))
        }
        while word < i {
            rankBeforeWord &+= UInt64(littleEndian: repeated.loadUnaligned(fromByteOffset: word &* 8, as: UInt64.self)).nonzeroBitCount
            word &+= 1
        }
        enteredRepeatedWord = UInt64(littleEndian: repeated.loadUnaligned(fromByteOffset: i &* 8, as: UInt64.self))
    }

    /// The frequency of document `64·word + bit` of the entered word: 1 when not repeated,
    /// else the stored frequency (255 means 255 or more); 0 on damage: the rank directory
    /// points outside the frequencies, or the stored value is below 2. Precondition: the document is in the term.
    @inlinable @inline(__always)
    public func frequency(bit: Int) -> UInt32 {
        guard (enteredRepeatedWord >> UInt64(bit)) & 1 != 0 else { return 1 }
        let rank = rankBeforeWord &+ (enteredRepeatedWord & ((1 << UInt64(bit)) &- 1)).nonzeroBitCount
        guard rank < frequencyCount else { return 0 }
        let stored = frequencies.unsafelyUnwrapped.load(fromByteOffset: rank, as: UInt8.self)
        return stored >= 2 ? UInt32(stored) : 0 // a repeated frequency below 2 is damage
    }

    /// `frequency(bit:)` of document `d` after entering its word. A document whose repeated bit
    /// is clear (most of them) has frequency 1 without entering: one load, no rank.
    @inlinable @inline(__always)
    public mutating func frequency(_ d: Int) -> UInt32 {
        guard let repeated else { return 1 }
        let bits = UInt64(littleEndian: repeated.loadUnaligned(fromByteOffset: (d >> 6) &* 8, as: UInt64.self))
        if bits >> UInt64(d & 63) & 1 == 0 { return 1 }
        return repeatedFrequency(d)
    }

    /// `frequency(_:)` of a document whose repeated bit is set: the rank walk, kept out of line
    /// so the common case inlines into the scoring loops as a load and a bit test.
    @inlinable @inline(never)
    public mutating func repeatedFrequency(_ d: Int) -> UInt32 {
        enter(word: d >> 6)
        return frequency(bit: d & 63)
    }
}

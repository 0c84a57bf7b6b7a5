/// Constants of the index file layout. `Index/FORMAT.md` is the normative description; this
/// type is the one place in code that names the numbers it gives.
public enum IndexLayout {
    /// "SFIX\r\n\u{1A}\n": detects text-mode mangling, like PNG's signature.
    public static let magic: [UInt8] = [0x53, 0x46, 0x49, 0x58, 0x0D, 0x0A, 0x1A, 0x0A]
    /// The format version this build writes and reads. Version 13 has no PAIRS (section 15, so
    /// the 6 sections after it have ids one less):
    /// the shortest document per two dense text terms bounded only the classic ranking's dense
    /// scan, changed no query's instruction count by more than 0.8% on the benchmark's mixes
    /// (realistic, repetitive, real), and cost 7% of the build. Version 12 stores DOCUMENTS, RANKS,
    /// RANKED, DETAILS and FIELDLENGTHS as bit-packed columns (`PackedColumns`) instead of
    /// fixed-width rows of u32s (28 + 4 + 4 + 16 + 4 bytes a document). Version 11 writes every TEXTS block's
    /// LZ sequences with Huffman codes shared by the file (`TextEntropyCodes`, stored after
    /// the dictionary) instead of as bytes. Version 10 moved a school's
    /// accreditors, website and control from every program's DETAILS row (32 → 16 bytes) to its
    /// INSTITUTIONS row (40 → 56 bytes). Version 9 dropped the frequency tiers
    /// (AtLeast3, AtLeast4) from dense text terms and PAIRS' classes to two (frequency 1, 2 or
    /// more): on realistic text they were 45 of 143 POSTINGS bytes a record and sped up no
    /// query class. Version 8 added TEXTS (descriptions and
    /// table texts compressed in blocks, their string ids flagged: `storedTextFlag`), bit-packs
    /// every full postings block (`PackedPostingsBlock`) and adds each sparse text block's
    /// fielded impact peak to its skip entry. Version 7 changed no byte layout, only what the
    /// text terms are: the analyzer's tokens with plurals reduced (`PluralStemmer`), so a
    /// version 6 index, whose terms are unreduced, would miss every plural query word.
    /// Version 14 changed no section, only where sections lie: in the file in
    /// `Section.fileOrder` (the ones a build finishes first, first), no longer in id order, so
    /// a build writes each finished section straight into the file instead of spilling it and
    /// copying it back (the table still lists them by id).
    public static let formatVersion: UInt32 = 14
    public static let headerSize = 64
    /// Byte offsets inside the header (FORMAT.md's `Header`); bytes 32..<60 are Reserved, zero.
    public enum HeaderField: Int, Sendable {
        /// Magic[8]: `magic`.
        case magic = 0
        /// Version u32: `formatVersion`.
        case formatVersion = 8
        /// SectionCount u32: entries in the section table (`Section.allCases.count`).
        case sectionCount = 12
        /// FileLength u64: the file's size in bytes.
        case fileLength = 16
        /// DocCount u32: documents (equal to META's).
        case documentCount = 24
        /// Flags u32: the writer sets bit 0 (`metaFlagSampleData`) for sample data, as in META.
        case flags = 28
        /// HeaderCRC u32: CRC-32 of header bytes 0..<60 followed by the section table.
        case crc32 = 60
    }
    /// Section table entry: Id u32, reserved u32, Offset u64, Length u64 (bytes), CRC32 u32,
    /// reserved u32 (reserved fields zero).
    public static let sectionEntrySize = 32
    /// Byte offsets inside a section table entry.
    public enum SectionEntryField: Int, Sendable {
        /// Id u32: `Section.rawValue`.
        case id = 0
        /// Offset u64: the section's first byte in the file (8-byte aligned).
        case offset = 8
        /// Length u64: the section's size in bytes.
        case length = 16
        /// CRC32 u32: CRC-32 of the section's bytes.
        case crc32 = 24
    }
    /// Byte offset in the file of section table entry `i` (the table follows the header).
    @inlinable public static func sectionEntryOffset(_ i: Int) -> Int { headerSize + i * sectionEntrySize }

    /// STRINGS, IDS, TERMS, CELLS, ZIPS, TABLES, FIELDPEAKS and BLOCKSUMS start with this
    /// 8-byte header: Count u32, then pad u32 (zero), or in IDS BlockSize u32.
    public static let countedHeaderSize = 8
    /// Byte offsets inside that header.
    public enum CountedHeaderField: Int, Sendable {
        /// Count u32: the section's strings, ids, terms, cells, ZIPs, tables, field
        /// peak terms, or (BLOCKSUMS) sections covered.
        case count = 0
        /// IDS only: BlockSize u32 (`idBlockSize`); zero padding in every other section.
        case idBlockSize = 4
    }
    /// Byte offset of u32 entry `i` of the table that follows the counted header: STRINGS's
    /// Offsets, IDS's BlockOffsets, BLOCKSUMS's FirstBlock, FIELDPEAKS's Terms.
    @inlinable public static func u32EntryOffset(_ i: Int) -> Int { countedHeaderSize + 4 * i }
    /// Byte offset in STRINGS of its UTF-8 bytes (string offsets are relative to it), after the
    /// Offsets of `count` strings (`count + 1` of them).
    @inlinable public static func stringBytesOffset(count: Int) -> Int { u32EntryOffset(count + 1) }
    /// Byte offset in IDS of its front-coded blocks (block offsets are relative to it), after the
    /// BlockOffsets of `blocks` blocks (`blocks + 1` of them).
    @inlinable public static func idBlocksOffset(blocks: Int) -> Int { u32EntryOffset(blocks + 1) }

    /// Section identifiers, in the order of the section table: a section's id is its position
    /// in the table plus one (to version 12, id 15 was PAIRS and the ones after it one more).
    /// Their bytes lie in the file in `fileOrder`.
    public enum Section: UInt32, CaseIterable, Sendable {
        case meta = 1, strings, institutions, documents, ranks, ids, terms, postings, cells, zips, ranked, lengths, minRanks, lengthBits,
             details, tables, fieldLengths, fieldPeaks, texts, blockSums

        /// The order of the sections' bytes in the file, after the header and the table, each
        /// 8-byte aligned: first the ones a build finishes before the postings, in the order it
        /// finishes them (TEXTS, IDS, INSTITUTIONS, DOCUMENTS, DETAILS, STRINGS), so each goes
        /// straight into the file being written and the build does not hold it; then the rest
        /// in id order. A reader takes the sections in any order that does not overlap.
        public static let fileOrder: [Section] = {
            let early: [Section] = [.texts, .ids, .institutions, .documents, .details, .strings]
            return early + allCases.filter { !early.contains($0) }
        }()

        public var name: String {
            switch self {
            case .meta: "META"
            case .strings: "STRINGS"
            case .institutions: "INSTITUTIONS"
            case .documents: "DOCUMENTS"
            case .ranks: "RANKS"
            case .ids: "IDS"
            case .terms: "TERMS"
            case .postings: "POSTINGS"
            case .cells: "CELLS"
            case .zips: "ZIPS"
            case .ranked: "RANKED"
            case .lengths: "LENGTHS"
            case .minRanks: "MINRANKS"
            case .lengthBits: "LENGTHBITS"
            case .details: "DETAILS"
            case .tables: "TABLES"
            case .fieldLengths: "FIELDLENGTHS"
            case .fieldPeaks: "FIELDPEAKS"
            case .texts: "TEXTS"
            case .blockSums: "BLOCKSUMS"
            }
        }
    }

    public static let metaSize = 64
    /// Byte offsets inside META (zero padding between `longestLength` and `titleTokens`, and
    /// none after `institutionTokens`).
    public enum MetaField: Int, Sendable {
        /// DocCount u32.
        case documentCount = 0
        /// InstitutionCount u32: INSTITUTIONS rows.
        case institutionCount = 4
        /// TermCount u32: TERMS entries.
        case termCount = 8
        /// StringCount u32: STRINGS entries.
        case stringCount = 12
        /// CellCount u32: CELLS entries.
        case cellCount = 16
        /// ZipCount u32: ZIPS entries.
        case zipCount = 20
        /// TotalTokens u64: the sum of the documents' lengths, in tokens.
        case totalTokens = 24
        /// CorpusName u32: a string id.
        case corpusName = 32
        /// Note u32: a string id.
        case note = 36
        /// Flags u32: `metaFlagSampleData`, `metaFlagLongDocuments`.
        case flags = 40
        /// ShortestLength u8: the smallest LENGTHS byte below 255 (255 when there is none).
        case shortestLength = 44
        /// LongestLength u8: the largest LENGTHS byte below 255 (0 when there is none; never 255).
        case longestLength = 45
        /// TitleTokens u64: the tokens of every title.
        case titleTokens = 48
        /// InstitutionTokens u64: the tokens of every institution name; the descriptions' total
        /// is TotalTokens minus both (`Schema.TextField`).
        case institutionTokens = 56
    }
    /// Institution row: id, name, city, state, zip string ids (u32 ×5), control u8
    /// (`InstitutionControl.code`, 0 unknown), pad ×3, lat f64, lon f64, institution accreditors,
    /// website and other school accreditors string ids (u32 ×3; lists joined by "|"), pad u32.
    public static let institutionRowSize = 56
    /// DOCUMENTS: packed columns (`PackedColumns`), one row per document, in `DocumentColumn`
    /// order.
    public enum DocumentColumn: Int, CaseIterable, Sendable {
        /// Institution index (INSTITUTIONS row).
        case institution
        /// String ids (the accreditors list joined by "|"; a description is a TEXTS id, flagged).
        case title, description, cip, accreditors
        /// Length in tokens, all fields.
        case length
        /// `AwardLevel.code`, `Delivery.code`.
        case level, delivery
    }
    /// Byte offsets inside an institution row.
    /// (`controlPadding`: the 3 zero bytes after `control`; `padding`: the 4 at the row's end.)
    public enum InstitutionField: Int, Sendable {
        case id = 0, name = 4, city = 8, state = 12, zip = 16, control = 20, controlPadding = 21, latitude = 24, longitude = 32,
             institutionAccreditors = 40, website = 44, otherSchoolAccreditors = 48, padding = 52
    }
    /// DETAILS: packed columns, one row per document, in `DetailColumn` order: completers,
    /// median earnings, median debt (`detailUnknown` when unknown), preaccreditors (a string id;
    /// the list joined by "|"). What belongs to the school (its accreditors, website, control)
    /// is in its institution row.
    public enum DetailColumn: Int, CaseIterable, Sendable {
        case completers, earnings, debt, preaccreditors
    }
    /// A details number that is not known (suppressed or not published).
    public static let detailUnknown: UInt32 = .max
    /// BLOCKSUMS: the CRC-32 of every `checksumBlockSize` bytes of every other section, so a
    /// reader can verify just the blocks a record read touches (see `Index/FORMAT.md`).
    public static let checksumBlockSize = 16 * 1024
    /// Blocks of a section of `length` bytes (0 for an empty section).
    public static func checksumBlocks(length: Int) -> Int { (length + checksumBlockSize - 1) / checksumBlockSize }
    /// TABLES: count u32, pad u32, then per table (name string id u32, text string id u32): the
    /// corpus's named text tables (careers.tsv, occupations.tsv, wages.tsv, cip.tsv), read by `show`.
    public static let tableEntrySize = 8
    /// Byte offsets inside a TABLES entry.
    public enum TableField: Int, Sendable {
        /// Name u32: a string id ("careers.tsv", …).
        case name = 0
        /// Text u32: a string id (a stored text, `storedTextFlag`, when long).
        case text = 4
    }
    /// Byte offset in TABLES of entry `i`.
    @inlinable public static func tableEntryOffset(_ i: Int) -> Int { countedHeaderSize + i * tableEntrySize }
    /// A string id with this bit set names entry `id & ~storedTextFlag` of TEXTS (a long text
    /// stored compressed); without it, entry `id` of STRINGS (stored as is).
    public static let storedTextFlag: UInt32 = 1 << 31
    /// TEXTS header: text count u32, block count u32, dictionary length u32, pad u32.
    public static let textsHeaderSize = 16
    /// Byte offsets inside the TEXTS header.
    public enum TextsHeaderField: Int, Sendable {
        /// Count u32: texts.
        case count = 0
        /// BlockCount u32: blocks (the block table has one entry more, the final one).
        case blockCount = 4
        /// DictionaryLength u32: bytes of the preset dictionary.
        case dictionaryLength = 8
    }
    /// Byte offset in TEXTS of TextEnds[i] (u32: text i's end in its block's decoded bytes).
    @inlinable public static func textEndOffset(_ i: Int) -> Int { textsHeaderSize + 4 * i }
    /// TEXTS block entry: first text u32, decoded length u32 (bytes), compressed offset u64
    /// (relative to the compressed area); one per block plus a final (count, 0, area length).
    public static let textBlockEntrySize = 16
    /// Byte offsets inside a TEXTS block entry.
    public enum TextBlockField: Int, Sendable {
        /// FirstText u32: the block's first text (the final entry: Count).
        case firstText = 0
        /// DecodedLength u32: the block's texts' bytes (the final entry: 0).
        case decodedLength = 4
        /// CompressedOffset u64: where the block starts in the compressed area (the final entry:
        /// AreaLength).
        case compressedOffset = 8
    }
    /// Byte offset in TEXTS of the block table, after the header and the texts' ends (u32 each),
    /// padded to 8 bytes.
    public static func textBlockTableOffset(texts: Int) -> Int { (textEndOffset(texts) + 7) / 8 * 8 }
    /// The writer closes a TEXTS block before a text that would take it past this many decoded
    /// bytes (a longer text gets a block of its own): one record's decode starts at its block's
    /// start, so this bounds the work of reading one description (see `Index/FORMAT.md`).
    public static let textBlockSize = 4 * 1024
    /// The largest TEXTS preset dictionary the writer builds (bytes of sampled texts); with
    /// `textBlockSize` it fills the compressor's 65,535-byte window, so all of it is within
    /// reach of every position of a block but its last byte.
    public static let textDictionarySize = 60 * 1024
    /// The writer's match-finder depth (`LZBlockCompressor.searchDepth`). On realistic
    /// descriptions (1M generated, 4 KiB blocks, with the dictionary and entropy codes) depth 12
    /// is 4.89×, 8 is 4.82× for 9% fewer instructions, 16 is 4.94× for 7% more (and no faster
    /// than 12 on the clock: its longer chain walks miss the cache).
    public static let textSearchDepth = 12
    /// Term entry: key offset u32, key length u16, flags u16, postings offset u64, doc freq u32,
    /// postings length u32, postings CRC-32 u32.
    public static let termEntrySize = 28
    /// Byte offsets inside a term entry.
    public enum TermField: Int, Sendable {
        /// Key offset u32: relative to the key bytes after the last entry (`termKeysOffset`).
        case keyOffset = 0
        /// Key length u16 (bytes).
        case keyLength = 4
        /// Flags u16: `termFlagHasFrequencies`, `termFlagHasBitmaps`, and the largest frequency
        /// above `termFlagMaxFrequencyShift`.
        case flags = 6
        /// Postings offset u64: the list's first byte in POSTINGS.
        case postingsOffset = 8
        /// Doc freq u32: documents in the list.
        case documentFrequency = 16
        /// Postings length u32: the list's bytes.
        case postingsLength = 20
        /// Postings CRC-32 u32: over the whole list.
        case crc32 = 24
    }
    /// Byte offset in TERMS of entry `i`.
    @inlinable public static func termEntryOffset(_ i: Int) -> Int { countedHeaderSize + i * termEntrySize }
    /// Byte offset in TERMS of the key bytes, after the `count` entries.
    @inlinable public static func termKeysOffset(count: Int) -> Int { termEntryOffset(count) }
    /// Cell entry: key u32, first doc u32, end doc u32 (exclusive).
    public static let cellEntrySize = 12
    /// Byte offsets inside a cell entry.
    public enum CellField: Int, Sendable {
        /// Cell key u32.
        case key = 0
        /// First doc u32.
        case firstDocument = 4
        /// End doc u32 (exclusive).
        case endDocument = 8
    }
    /// Byte offset in CELLS of entry `i`.
    @inlinable public static func cellEntryOffset(_ i: Int) -> Int { countedHeaderSize + i * cellEntrySize }
    /// ZIP entry: zip u32 (numeric), city u32, state u32, pad u32, lat f64, lon f64.
    public static let zipEntrySize = 32
    /// Byte offsets inside a ZIP entry.
    public enum ZipField: Int, Sendable {
        /// Zip u32: the five-digit ZIP as a number.
        case zip = 0
        /// City u32: a string id.
        case city = 4
        /// State u32: a string id.
        case state = 8
        /// Lat f64 (degrees).
        case latitude = 16
        /// Lon f64 (degrees).
        case longitude = 24
    }
    /// Byte offset in ZIPS of entry `i`.
    @inlinable public static func zipEntryOffset(_ i: Int) -> Int { countedHeaderSize + i * zipEntrySize }
    /// Postings per block; the skip table has one (last doc, end offset) pair per block. A full
    /// block is bit-packed (`PackedPostingsBlock`, `BitPacking.blockLength` values per width), a
    /// shorter last block varints.
    public static let postingsBlockSize = 128
    /// Bytes per skip entry of a sparse list: (last doc u32, end offset u32), and for a text
    /// term also its block impact (smallest rank u32, best frequency u8, best length u8, fielded
    /// impact peak u8, pad u8). Dense lists have no blocks.
    public static func skipEntrySize(frequencies: Bool) -> Int { frequencies ? 16 : 8 }
    /// Byte offsets inside a text term's skip entry.
    public enum SkipField: Int, Sendable {
        case lastDoc = 0, endOffset = 4, minimumRank = 8, bestFrequency = 12, bestLength = 13, fieldPeak = 14
    }
    /// Bytes before a packed block's bit-packed values: its document width u8, and for a text
    /// term its frequency width u8.
    public static func packedBlockHeaderSize(frequencies: Bool) -> Int { frequencies ? 2 : 1 }
    /// Ids per front-coded block.
    public static let idBlockSize = 16

    /// Term flag: postings carry term frequencies (text terms). Keyword terms do not.
    public static let termFlagHasFrequencies: UInt16 = 1
    /// Term flag: the list ends with document bitmaps (see `Index/FORMAT.md`, "Dense terms").
    public static let termFlagHasBitmaps: UInt16 = 2
    /// Term flags bits 8–15: the list's largest term frequency, saturating at 255 (0 for keywords).
    public static let termFlagMaxFrequencyShift: UInt16 = 8

    /// A term is dense (its list is bitmaps, no postings blocks) when it is in at least
    /// 1/`denseFraction` of the documents …
    public static let denseFraction = 32
    /// … and the index holds at least this many documents (below it, bitmaps buy nothing).
    public static let denseMinimumDocuments = 4096
    /// Level, delivery and accreditor values get bitmaps whatever their density: they are few
    /// (a few bits per document in all), a filter on several of them is a union, which is a
    /// bitmap only when every part is one, and with them a query of dense words stays on the
    /// dense path.
    public static func alwaysDense(_ term: String) -> Bool {
        [KeywordField.level, .delivery, .accreditor].contains { term.hasPrefix($0.rawValue + ":") }
    }
    /// Words (u64) in one document bitmap of an index with `documentCount` documents.
    public static func bitmapWords(documentCount: Int) -> Int { (documentCount + 63) / 64 }
    /// A dense text term's Overflow entry: doc u32, frequency u32 (the exact frequency of a
    /// document whose Frequencies byte is 255), after OverflowCount u32.
    public static let overflowEntrySize = 8
    /// Byte offsets inside an Overflow entry.
    public enum OverflowField: Int, Sendable {
        case document = 0, frequency = 4
    }
    /// A best-document byte for 64 documents none of which holds the term.
    public static let noBestDocument: UInt8 = 0xFF
    /// META flags bit 0: the corpus is sample data.
    public static let metaFlagSampleData: UInt32 = 1
    /// META flags bit 1: some document has 255 tokens or more (its LENGTHS byte is 255).
    public static let metaFlagLongDocuments: UInt32 = 1 << 1
    /// FIELDLENGTHS: packed columns, one row per document: title length, institution-name
    /// length (tokens; `Schema.TextField.stored` order). The description's length is the total
    /// minus both.
    public enum FieldLengthColumn: Int, CaseIterable, Sendable {
        case title, institution
    }
    /// The columns of packed-column section `section` (`PackedColumns`): DOCUMENTS
    /// (`DocumentColumn`), DETAILS (`DetailColumn`), FIELDLENGTHS (`FieldLengthColumn`), and one
    /// each in RANKS (a document's id rank) and RANKED (the document of each id rank); `nil` for
    /// every other section.
    public static func packedColumnCount(_ section: Section) -> Int? {
        switch section {
        case .documents: DocumentColumn.allCases.count
        case .details: DetailColumn.allCases.count
        case .fieldLengths: FieldLengthColumn.allCases.count
        case .ranks, .ranked: 1
        default: nil
        }
    }
    /// Packed-column sections (`PackedColumns`) start with ColumnCount u32, RowCount u32.
    public enum PackedColumnsHeaderField: Int, Sendable {
        case columnCount = 0, rowCount = 4
    }
    /// Then one entry per column: DataOffset u32 (from the section's start, 8-aligned), Width u8
    /// (0–32), pad ×3, Base u32, pad u32.
    public static let packedColumnEntrySize = 16
    /// Byte offsets inside a packed-column entry.
    public enum PackedColumnField: Int, Sendable {
        case dataOffset = 0, width = 4, base = 8
    }
    /// Byte offset of packed-column entry `i`.
    @inlinable public static func packedColumnEntryOffset(_ i: Int) -> Int { 8 + i * packedColumnEntrySize }
    /// Byte offset of the first column's data in a section of `columns` columns.
    @inlinable public static func packedColumnDataOffset(columns: Int) -> Int { packedColumnEntryOffset(columns) }
    /// Zero bytes after each column's data (rounded to 8 bytes), so every value is read with one
    /// 8-byte load that stays inside the column.
    public static let packedColumnSlack = 8
    /// FIELDPEAKS: count u32, pad u32, term entries u32 × count, zero padding to 8 bytes; then one
    /// byte per 64 documents per term. The byte offset of the first term's peaks.
    public static func fieldPeaksHeaderSize(terms: Int) -> Int { (u32EntryOffset(terms) + 7) / 8 * 8 }
    /// Byte offset in BLOCKSUMS of the CRC-32 (u32) of block `global` (counting every section's
    /// blocks in order), after FirstBlock[Count + 1] for the Count sections it covers (every
    /// section but itself).
    @inlinable public static func blockChecksumOffset(_ global: Int) -> Int { u32EntryOffset(Section.allCases.count + global) }
    /// LENGTHBITS: per 64 documents, 8 words; bit d % 64 of word j is bit j of document d's LENGTHS byte.
    public static let lengthBitPlanes = 8
    /// Entries in a dense text term's length peaks: one per LENGTHS byte value (0–255).
    public static let lengthPeakCount = 256
    /// Groups of 8 bitmap words in a repeated bitmap's rank directory (one u32 each, plus the total).
    public static func rankGroups(words: Int) -> Int { (words + 7) / 8 }

    /// Keyword-term prefixes (`Schema.KeywordField`).
    public typealias KeywordField = Schema.KeywordField
}

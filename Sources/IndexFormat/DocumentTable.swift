/// The documents' per-document fields: DOCUMENTS (`IndexLayout.DocumentColumn`), LENGTHS (one
/// byte per document), FIELDLENGTHS (`IndexLayout.FieldLengthColumn`), RANKS and RANKED (id
/// order and its inverse), DETAILS (`IndexLayout.DetailColumn`), MINRANKS (per 64 documents),
/// LENGTHBITS, and the institution rows a document names (`IndexLayout.InstitutionField`).
///
/// Part of an open `IndexReader` (`reader.rows`), sharing its mapping and life. The reader checks
/// on open that every section's size is the one its counts give (and every packed column's
/// layout, `PackedColumns.columns(in:…)`), so these reads stay inside the mapping; the values
/// themselves are unchecked data (an institution index, a rank) that callers compare with the
/// counts before use, as `location(_:)` does. `IndexChecker` verifies them all.
/// - Complexity: every read O(1).
public struct DocumentTable: Sendable {
    /// DOCUMENTS' columns, in `IndexLayout.DocumentColumn` order.
    @usableFromInline let institutionColumn, titleColumn, descriptionColumn, cipColumn, accreditorsColumn,
                          lengthColumn, levelColumn, deliveryColumn: PackedColumn
    @usableFromInline let lengths: ByteRegion
    @usableFromInline let titleLengths, institutionLengths: PackedColumn
    @usableFromInline let ranks: PackedColumn
    @usableFromInline let minRanks: ByteRegion
    @usableFromInline let lengthBits: ByteRegion
    @usableFromInline let ranked: PackedColumn
    @usableFromInline let institutions: ByteRegion
    /// DETAILS' columns (stored one by one, not in an array, so the table stays a plain value
    /// that copies without reference counting).
    @usableFromInline let completersColumn, earningsColumn, debtColumn, preaccreditorsColumn: PackedColumn
    /// Documents, and institution rows.
    public let count: Int
    public let institutionCount: Int

    /// The table over sections `IndexReader.init` has checked (see the type's comment): the
    /// packed columns of DOCUMENTS (`documents`, `DocumentColumn` order), FIELDLENGTHS, RANKS,
    /// RANKED and DETAILS.
    init(documents: [PackedColumn], lengths: ByteRegion, fieldLengths: [PackedColumn], ranks: PackedColumn, minRanks: ByteRegion,
         lengthBits: ByteRegion, ranked: PackedColumn, institutions: ByteRegion, details: [PackedColumn], count: Int, institutionCount: Int) {
        precondition(documents.count == IndexLayout.DocumentColumn.allCases.count && fieldLengths.count == 2
                     && details.count == IndexLayout.DetailColumn.allCases.count)
        typealias Column = IndexLayout.DocumentColumn
        institutionColumn = documents[Column.institution.rawValue]
        titleColumn = documents[Column.title.rawValue]
        descriptionColumn = documents[Column.description.rawValue]
        cipColumn = documents[Column.cip.rawValue]
        accreditorsColumn = documents[Column.accreditors.rawValue]
        lengthColumn = documents[Column.length.rawValue]
        levelColumn = documents[Column.level.rawValue]
        deliveryColumn = documents[Column.delivery.rawValue]
        self.lengths = lengths
        titleLengths = fieldLengths[IndexLayout.FieldLengthColumn.title.rawValue]
        institutionLengths = fieldLengths[IndexLayout.FieldLengthColumn.institution.rawValue]
        self.ranks = ranks
        self.minRanks = minRanks
        self.lengthBits = lengthBits
        self.ranked = ranked
        self.institutions = institutions
        typealias Detail = IndexLayout.DetailColumn
        completersColumn = details[Detail.completers.rawValue]
        earningsColumn = details[Detail.earnings.rawValue]
        debtColumn = details[Detail.debt.rawValue]
        preaccreditorsColumn = details[Detail.preaccreditors.rawValue]
        self.count = count
        self.institutionCount = institutionCount
    }

    /// The column of DOCUMENTS that holds `field`.
    @inlinable @inline(__always)
    public func column(_ field: IndexLayout.DocumentColumn) -> PackedColumn {
        switch field {
        case .institution: institutionColumn
        case .title: titleColumn
        case .description: descriptionColumn
        case .cip: cipColumn
        case .accreditors: accreditorsColumn
        case .length: lengthColumn
        case .level: levelColumn
        case .delivery: deliveryColumn
        }
    }

    /// The document's value of `field` (DOCUMENTS). Precondition: `doc < count`.
    @inlinable @inline(__always)
    public func field(_ doc: Int, _ field: IndexLayout.DocumentColumn) -> UInt32 { column(field).value(doc) }

    /// The document's value of `field` (DETAILS; `IndexLayout.detailUnknown` for an unknown
    /// number). Precondition: `doc < count`.
    public func detail(_ doc: Int, _ field: IndexLayout.DetailColumn) -> UInt32 { column(field).value(doc) }

    /// The column of DETAILS that holds `field`.
    public func column(_ field: IndexLayout.DetailColumn) -> PackedColumn {
        switch field {
        case .completers: completersColumn
        case .earnings: earningsColumn
        case .debt: debtColumn
        case .preaccreditors: preaccreditorsColumn
        }
    }

    /// The column of FIELDLENGTHS that holds `field`.
    public func column(_ field: IndexLayout.FieldLengthColumn) -> PackedColumn {
        field == .title ? titleLengths : institutionLengths
    }

    /// The columns of packed-column section `section` in its column order
    /// (`IndexLayout.packedColumnCount`), or `nil` for any other section.
    public func packedColumns(_ section: IndexLayout.Section) -> [PackedColumn]? {
        switch section {
        case .documents: IndexLayout.DocumentColumn.allCases.map { column($0) }
        case .details: IndexLayout.DetailColumn.allCases.map { column($0) }
        case .fieldLengths: IndexLayout.FieldLengthColumn.allCases.map { column($0) }
        case .ranks: [ranks]
        case .ranked: [ranked]
        default: nil
        }
    }

    /// RANKS' column (a document's id rank) and RANKED's (the document of an id rank).
    public var rankColumn: PackedColumn { ranks }
    public var rankedColumn: PackedColumn { ranked }

    /// A u32 field (a string id) of an institution's row. Precondition: `institution < institutionCount`.
    @inlinable @inline(__always)
    public func institutionField(_ institution: Int, _ field: IndexLayout.InstitutionField) -> UInt32 {
        institutions.u32Unchecked(institution &* IndexLayout.institutionRowSize &+ field.rawValue)
    }

    /// Document length in tokens. Precondition: `doc < count`.
    @inlinable @inline(__always)
    public func length(_ doc: Int) -> UInt32 {
        // One byte from LENGTHS (1 MB per million documents) instead of the packed column: a
        // scan over many matches stays in cache, and reads a byte, not bits.
        let short = lengths.base.load(fromByteOffset: doc, as: UInt8.self)
        return short < 255 ? UInt32(short) : field(doc, .length)
    }

    /// The document's length in tokens in each text field (title, description, institution), as
    /// `Schema.TextField` orders them; the description's is the total minus the other two (a
    /// damaged row that claims more than the total gives 0). Precondition: `doc < count`.
    @inlinable @inline(__always)
    public func fieldLengths(_ doc: Int) -> (title: UInt32, description: UInt32, institution: UInt32) {
        let title = titleLengths.value(doc), institution = institutionLengths.value(doc)
        let total = length(doc)
        // In 64 bits: two damaged u32 lengths must not wrap to a small sum.
        let rest = UInt32(truncatingIfNeeded: UInt64(total) &- min(UInt64(total), UInt64(title) &+ UInt64(institution)))
        return (title, rest, institution)
    }

    /// Rank of the document's id in ascending id order. Precondition: `doc < count`.
    @inlinable @inline(__always)
    public func rank(_ doc: Int) -> UInt32 { ranks.value(doc) }

    /// The smallest id rank among documents 64·word ..< 64·word + 64. Precondition: `word <
    /// ⌈count / 64⌉`.
    @inlinable @inline(__always)
    public func minimumRank(word: Int) -> UInt32 { minRanks.u32Unchecked(word &* 4) }

    /// Word `bit` of LENGTHBITS for documents 64·word ..< 64·word + 64: bit j of each one's
    /// LENGTHS byte. Preconditions: `word < ⌈count / 64⌉`, `bit < 8`.
    @inlinable @inline(__always)
    public func lengthBitPlane(word: Int, bit: Int) -> UInt64 { LengthBitPlanes.plane(word: word, bit: bit, in: lengthBits) }

    /// The document with id rank `rank`. Precondition: `rank < count`. The value is unchecked
    /// data: callers compare it with `count` before use.
    @inlinable @inline(__always)
    public func document(rank: Int) -> UInt32 { ranked.value(rank) }

    /// Coordinates of the document's institution, or `nil` if its institution index is damaged.
    /// Precondition: `doc < count`.
    @inlinable @inline(__always)
    public func location(_ doc: Int) -> (latitude: Double, longitude: Double)? {
        let inst = Int(field(doc, .institution))
        guard inst < institutionCount else { return nil }
        let o = inst * IndexLayout.institutionRowSize
        return (institutions.f64Unchecked(o + IndexLayout.InstitutionField.latitude.rawValue),
                institutions.f64Unchecked(o + IndexLayout.InstitutionField.longitude.rawValue))
    }
}

/// The documents' fixed-width fields: DOCUMENTS rows (`IndexLayout.DocumentField`), LENGTHS
/// (one byte per document), FIELDLENGTHS (`IndexLayout.FieldLengthField`), RANKS and RANKED (id
/// order and its inverse), MINRANKS (per 64 documents), LENGTHBITS, and the institution rows a
/// document names (`IndexLayout.InstitutionField`).
///
/// Part of an open `IndexReader` (`reader.rows`), sharing its mapping and life. The reader checks
/// on open that every section's size is the one its counts give, so these reads stay inside the
/// mapping; the values themselves are unchecked data (an institution index, a rank) that callers
/// compare with the counts before use, as `location(_:)` does. `IndexChecker` verifies them all.
/// - Complexity: every read O(1).
public struct DocumentTable: Sendable {
    @usableFromInline let documents: ByteRegion
    @usableFromInline let lengths: ByteRegion
    @usableFromInline let fieldLengthRows: ByteRegion
    @usableFromInline let ranks: ByteRegion
    @usableFromInline let minRanks: ByteRegion
    @usableFromInline let lengthBits: ByteRegion
    @usableFromInline let ranked: ByteRegion
    @usableFromInline let institutions: ByteRegion
    /// Documents, and institution rows.
    public let count: Int
    public let institutionCount: Int

    /// The table over sections `IndexReader.init` has checked (see the type's comment).
    init(documents: ByteRegion, lengths: ByteRegion, fieldLengths: ByteRegion, ranks: ByteRegion, minRanks: ByteRegion,
         lengthBits: ByteRegion, ranked: ByteRegion, institutions: ByteRegion, count: Int, institutionCount: Int) {
        self.documents = documents
        self.lengths = lengths
        fieldLengthRows = fieldLengths
        self.ranks = ranks
        self.minRanks = minRanks
        self.lengthBits = lengthBits
        self.ranked = ranked
        self.institutions = institutions
        self.count = count
        self.institutionCount = institutionCount
    }

    /// A u32 at `byteOffset` of the document's row. Precondition: `doc < count`.
    @inlinable @inline(__always)
    public func field(_ doc: Int, _ byteOffset: Int) -> UInt32 {
        documents.u32Unchecked(doc * IndexLayout.documentRowSize + byteOffset)
    }

    /// A u32 field of the document's row. Precondition: `doc < count`.
    @inlinable @inline(__always)
    public func field(_ doc: Int, _ field: IndexLayout.DocumentField) -> UInt32 { self.field(doc, field.rawValue) }

    /// A u32 field (a string id) of an institution's row. Precondition: `institution < institutionCount`.
    @inlinable @inline(__always)
    public func institutionField(_ institution: Int, _ field: IndexLayout.InstitutionField) -> UInt32 {
        institutions.u32Unchecked(institution &* IndexLayout.institutionRowSize &+ field.rawValue)
    }

    /// Document length in tokens. Precondition: `doc < count`.
    @inlinable @inline(__always)
    public func length(_ doc: Int) -> UInt32 {
        // One byte from LENGTHS (1 MB per million documents) instead of a 28-byte row: a scan
        // over many matches stays in cache.
        let short = lengths.base.load(fromByteOffset: doc, as: UInt8.self)
        return short < 255 ? UInt32(short) : field(doc, .length)
    }

    /// The document's length in tokens in each text field (title, description, institution), as
    /// `Schema.TextField` orders them; the description's is the total minus the other two (a
    /// damaged row that claims more than the total gives 0). Precondition: `doc < count`.
    @inlinable @inline(__always)
    public func fieldLengths(_ doc: Int) -> (title: UInt32, description: UInt32, institution: UInt32) {
        let row = doc &* IndexLayout.fieldLengthRowSize
        let title = UInt32(fieldLengthRows.base.load(fromByteOffset: row &+ IndexLayout.FieldLengthField.title.rawValue, as: UInt16.self).littleEndian)
        let institution = UInt32(fieldLengthRows.base.load(fromByteOffset: row &+ IndexLayout.FieldLengthField.institution.rawValue,
                                                           as: UInt16.self).littleEndian)
        let total = length(doc)
        let rest = total &- min(total, title &+ institution)
        return (title, rest, institution)
    }

    /// Rank of the document's id in ascending id order. Precondition: `doc < count`.
    @inlinable @inline(__always)
    public func rank(_ doc: Int) -> UInt32 { ranks.u32Unchecked(doc * 4) }

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
    public func document(rank: Int) -> UInt32 { ranked.u32Unchecked(rank * 4) }

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

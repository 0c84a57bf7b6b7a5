/// The geographic cells of an index: CELLS, one entry per occupied grid cell (`GeoGrid` key,
/// first document, end document), sorted by key. Documents are numbered in (cell key, id rank)
/// order, so each cell is a contiguous document range and the ranges follow one another,
/// covering every document: a radius query reads a few runs of cells, not a list per cell.
///
/// Part of an open `IndexReader` (`reader.cells`), sharing its mapping and life. On open the
/// reader checks, in O(1), that the section's size is its entry count's and that count agrees
/// with META; an entry's range is checked against the document count when it is read. Keys in
/// order and ranges that continue one another are what `IndexChecker` verifies in full; the hot
/// path reads CELLS unverified (BLOCKSUMS is not consulted; damage can change which documents a
/// radius visits, never read outside the mapping).
/// - Complexity: `cell(_:)` O(1); `firstCell(atOrAfter:)` O(log cells).
public struct CellTable: Sendable {
    /// CELLS: counted header, then the entries (`IndexLayout.CellField`).
    public let region: ByteRegion
    /// Cell entries (META's cell count).
    public let count: Int
    /// Documents in the index: the bound on every range.
    @usableFromInline let documentCount: Int

    /// The table over a section `IndexReader.init` has checked (see the type's comment).
    init(region: ByteRegion, count: Int, documentCount: Int) {
        self.region = region
        self.count = count
        self.documentCount = documentCount
    }

    /// Cell entry `i`: key and document range, or `nil` when the range is reversed or ends past
    /// the last document. Precondition: `i < count` (sizes checked on open).
    @inlinable
    public func cell(_ i: Int) -> (key: UInt32, documents: Range<Int>)? {
        let o = IndexLayout.cellEntryOffset(i)
        let key = region.u32Unchecked(o + IndexLayout.CellField.key.rawValue)
        let lo = Int(region.u32Unchecked(o + IndexLayout.CellField.firstDocument.rawValue))
        let hi = Int(region.u32Unchecked(o + IndexLayout.CellField.endDocument.rawValue))
        guard lo <= hi, hi <= documentCount else { return nil }
        return (key, lo ..< hi)
    }

    /// Index of the first cell entry whose key is ≥ `key` (`count` when none is). - Complexity: O(log cells).
    public func firstCell(atOrAfter key: UInt32) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if region.u32Unchecked(IndexLayout.cellEntryOffset(mid) + IndexLayout.CellField.key.rawValue) < key { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}

import Corpus

/// The ZIP code centroids of an index: ZIPS, one entry per five-digit ZIP (the ZIP as a number,
/// city and state as string ids, latitude and longitude), sorted by ZIP. `--zip` and typed
/// places resolve through it. (Not the corpus's `ZipTable`, which reads the TSV it is built from.)
///
/// Part of an open `IndexReader` (`reader.zips`). On open the reader checks, in O(1), that the
/// section's size is its entry count's and that count agrees with META. Cities and states are
/// the reader's strings, so the table holds its reader; `IndexReader.zips` makes the value on
/// each access (a few words, nothing copied) instead of storing it, so the two never form a
/// reference cycle, and a table kept after its reader keeps the mapping alive. The `checked`
/// reads verify the entry's 16 KiB block of ZIPS and its strings against BLOCKSUMS (each block
/// once for the life of the reader, `IndexReader.verifyBlocks`) and throw damage; the others
/// turn damage into absence or "".
/// - Complexity: `zipCentroid(_:)` O(log ZIPs); `zipCentroid(at:)` O(1) plus two string reads.
public struct ZipCentroidTable: Sendable {
    /// ZIPS: counted header, then the entries (`IndexLayout.ZipField`).
    public let region: ByteRegion
    /// ZIP entries (META's ZIP count).
    public let count: Int
    /// The reader whose STRINGS name the cities and states and whose BLOCKSUMS verify reads.
    let reader: IndexReader

    /// The table over a section `IndexReader.init` has checked (see the type's comment).
    init(region: ByteRegion, count: Int, reader: IndexReader) {
        self.region = region
        self.count = count
        self.reader = reader
    }

    /// The centroid of a five-digit ZIP, by binary search. `nil` when the ZIP is not in the table.
    public func zipCentroid(_ zip: String) -> ZipCentroid? { (try? checkedZipCentroid(zip)) ?? nil }

    /// The centroid of `zip`, or `nil` when the table has no such ZIP; damage met on the way
    /// (the entry's block or its strings failing their checksums) is thrown, not taken for absence.
    public func checkedZipCentroid(_ zip: String) throws(IndexFormatError) -> ZipCentroid? {
        guard zip.utf8.count == 5, let n = UInt32(zip) else { return nil }
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            let k = region.u32Unchecked(IndexLayout.zipEntryOffset(mid) + IndexLayout.ZipField.zip.rawValue)
            if k == n { return try checkedZipCentroid(at: mid) }
            if k < n { lo = mid + 1 } else { hi = mid }
        }
        return nil
    }

    /// Entry `i` of the table (ascending ZIP order); an unreadable city or state is "".
    /// Precondition: `i < count`.
    public func zipCentroid(at i: Int) -> ZipCentroid {
        let o = IndexLayout.zipEntryOffset(i)
        return centroid(at: i, city: reader.string(region.u32Unchecked(o + IndexLayout.ZipField.city.rawValue)) ?? "",
                        state: reader.string(region.u32Unchecked(o + IndexLayout.ZipField.state.rawValue)) ?? "")
    }

    /// Entry `i` of the table, its bytes and strings verified against BLOCKSUMS.
    /// Precondition: `i < count`.
    public func checkedZipCentroid(at i: Int) throws(IndexFormatError) -> ZipCentroid {
        let o = IndexLayout.zipEntryOffset(i)
        try reader.verifyBlocks(.zips, o, IndexLayout.zipEntrySize)
        return centroid(at: i, city: try reader.checkedString(region.u32Unchecked(o + IndexLayout.ZipField.city.rawValue)),
                        state: try reader.checkedString(region.u32Unchecked(o + IndexLayout.ZipField.state.rawValue)))
    }

    private func centroid(at i: Int, city: String, state: String) -> ZipCentroid {
        let o = IndexLayout.zipEntryOffset(i)
        let digits = String(region.u32Unchecked(o + IndexLayout.ZipField.zip.rawValue))
        return ZipCentroid(zip: String(repeating: "0", count: max(0, 5 - digits.count)) + digits, city: city, state: state,
                           latitude: region.f64Unchecked(o + IndexLayout.ZipField.latitude.rawValue),
                           longitude: region.f64Unchecked(o + IndexLayout.ZipField.longitude.rawValue))
    }
}

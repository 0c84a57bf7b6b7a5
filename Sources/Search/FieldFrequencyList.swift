import IndexFormat

/// One word's list in one stored text field (`title:<word>`, `inst:<word>`), read for the
/// frequency of any document: a bit test and the repeated-frequency rank for a dense list, a
/// seek (forward or back) for a sparse one. Owned by the query (the cursor is kept alive by the
/// searcher's owners list).
final class FieldFrequencyList {
    let cursor: Unmanaged<PostingsCursor>
    let bitmaps: TermBitmaps?
    /// A dense list's Present words (`bitmaps.present`'s bytes; `nil` for a sparse list), read
    /// directly so a lookup copies no `TermBitmaps`.
    private let present: UnsafeRawPointer?
    /// One query on one thread reads the list: no runtime exclusivity check on its lane.
    @exclusivity(unchecked) var lane: RepeatedFrequencyCursor

    init(cursor: PostingsCursor, bitmaps: TermBitmaps?) {
        self.cursor = Unmanaged.passUnretained(cursor)
        self.bitmaps = bitmaps
        present = bitmaps.map { UnsafeRawPointer($0.present.base) }
        lane = bitmaps.flatMap(RepeatedFrequencyCursor.init) ?? RepeatedFrequencyCursor()
    }

    /// The word's frequency in this field of `doc`; 0 when the field does not hold it.
    /// Precondition: `doc` is below the document count.
    @inline(__always)
    func frequency(_ doc: UInt32) -> UInt32 {
        if let present {
            let d = Int(doc)
            let word = UInt64(littleEndian: present.loadUnaligned(fromByteOffset: (d >> 6) &* 8, as: UInt64.self))
            guard word >> UInt64(d & 63) & 1 != 0 else { return 0 }
            let f = lane.frequency(d)
            if f < 255 { return f }
        }
        return listFrequency(doc)
    }

    /// Sets the bit of every document of the list in `bits` (`words` 64-document words): a
    /// dense list's Present words ORed in, a sparse list's postings read from its first, which
    /// leaves its cursor exhausted (a later `frequency` seeks back). Returns false when the list
    /// turns out damaged (the cursor is then corrupt) or names a document past `words`.
    /// O(words) dense, O(postings) sparse.
    func markDocuments(into bits: UnsafeMutablePointer<UInt64>, words: Int) -> Bool {
        if let present, let bitmaps {
            for w in 0 ..< min(words, bitmaps.words) { bits[w] |= UInt64(littleEndian: present.loadUnaligned(fromByteOffset: w &* 8, as: UInt64.self)) }
            return true
        }
        return cursor._withUnsafeGuaranteedRef { c in
            var doc = c.seek(0)
            while doc != PostingsCursor.exhausted {
                let w = Int(doc >> 6)
                guard w < words else { return false }
                bits[w] |= 1 << UInt64(doc & 63)
                doc = c.next()
            }
            return !c.isCorrupt
        }
    }

    /// A sparse list's frequency of `doc` (or a dense one's of 255 or more): its cursor moved
    /// there. Kept out of line so `frequency` inlines into the scoring loops.
    @inline(never)
    func listFrequency(_ doc: UInt32) -> UInt32 {
        cursor._withUnsafeGuaranteedRef { c in c.doc == doc || c.seek(doc) == doc ? c.frequency : 0 }
    }
}

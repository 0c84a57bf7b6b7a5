import IndexFormat

/// One word's list in one stored text field (`title:<word>`, `inst:<word>`), read for the
/// frequency of any document: a bit test and the repeated-frequency rank for a dense list, a
/// seek (forward or back) for a sparse one. Owned by the query (the cursor is kept alive by the
/// searcher's owners list).
final class FieldFrequencyList {
    let cursor: Unmanaged<PostingsCursor>
    let bitmaps: TermBitmaps?
    var lane: RepeatedFrequencyCursor

    init(cursor: PostingsCursor, bitmaps: TermBitmaps?) {
        self.cursor = Unmanaged.passUnretained(cursor)
        self.bitmaps = bitmaps
        lane = bitmaps.flatMap(RepeatedFrequencyCursor.init) ?? RepeatedFrequencyCursor()
    }

    /// The word's frequency in this field of `doc`; 0 when the field does not hold it.
    @inline(__always)
    func frequency(_ doc: UInt32) -> UInt32 {
        if let bitmaps {
            let d = Int(doc)
            guard bitmaps.presentWord(d >> 6) >> UInt64(d & 63) & 1 != 0 else { return 0 }
            let f = lane.frequency(d)
            if f < 255 { return f }
        }
        return cursor._withUnsafeGuaranteedRef { c in c.doc == doc || c.seek(doc) == doc ? c.frequency : 0 }
    }
}

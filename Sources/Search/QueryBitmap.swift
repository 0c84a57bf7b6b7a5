import IndexFormat

/// A sparse text term's documents as a bitmap, with a field-peak byte per 64 documents, built
/// at query time so that a large text group (`SearchQuery.expansions`: a word and its typo
/// spellings, completions or synonyms) can be a `DenseClause` even when some alternatives are
/// stored as postings: the group is then a word-wise OR, its total a popcount, and the plans
/// that skip 64 documents at a time by field peaks (`fieldImpacts`, `FieldPeakBound`) apply.
///
/// Invariants: bit d of `present` is set ⇔ the term's list holds document d; `peaks[w]` is at
/// least `FieldImpact.peak` of the standard fielded impact of every document of 64-document
/// word w that holds the term (the peak of the postings block each document lies in, or 255
/// when the list has no block impacts), and 0 when no document of word w holds it.
/// - Complexity: building is O(N/64 + the list's documents); memory 9 bytes per 64 documents.
final class QueryBitmap {
    let words: Int
    private let present: UnsafeMutablePointer<UInt64>
    private let peakBytes: UnsafeMutablePointer<UInt8>

    /// Reads every document of `cursor` (a fresh cursor over a sparse list); `nil` when the
    /// list turns out damaged.
    init?(cursor: PostingsCursor, documentCount: Int) {
        words = IndexLayout.bitmapWords(documentCount: documentCount)
        present = .allocate(capacity: max(words, 1))
        present.initialize(repeating: 0, count: max(words, 1))
        peakBytes = .allocate(capacity: max(words, 1))
        peakBytes.initialize(repeating: 0, count: max(words, 1))
        let blockPeaks = cursor.hasBlockImpacts
        var d = cursor.first()
        while d != PostingsCursor.exhausted {
            let w = Int(d >> 6)
            guard w < words else { return nil }
            present[w] |= 1 << UInt64(d & 63)
            let peak = blockPeaks ? cursor.blockFieldPeak(cursor.currentBlock) : UInt8.max
            if peak > peakBytes[w] { peakBytes[w] = peak }
            d = cursor.next()
        }
        if cursor.isCorrupt { return nil }
    }

    deinit {
        present.deallocate()
        peakBytes.deallocate()
    }

    /// The bitmap as a present-only `TermBitmaps`, valid while `self` lives.
    var bitmaps: TermBitmaps {
        .presentOnly(ByteRegion(base: UnsafeRawPointer(present), count: words * 8), words: words)
    }

    /// The field peaks, one byte per 64 documents, valid while `self` lives.
    var peaks: UnsafePointer<UInt8> { UnsafePointer(peakBytes) }
}

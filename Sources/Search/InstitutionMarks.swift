import IndexFormat

/// The documents that hold some query word — or, for a group, some alternative — in their
/// institution name (the words' `inst:` lists), one bit per document. Few documents do, so the
/// fields ranking reads a word's institution frequency only where the bit is set: a bit test
/// instead of a seek per word into a sparse list. Made once per query, after 1,024 documents
/// were scored without it (its N / 64 words cost more than a few hundred seeks save), or after
/// 32 on an index that repeats its texts, whose text-score memo (`TextScoreMemo`) reads it
/// too. One query on one thread.
/// - Complexity: made in O(N / 64) plus the lists' postings; O(1) per test; N / 8 bytes.
final class InstitutionMarks {
    /// One bit per document (bit d % 64 of word d / 64); valid while this object lives.
    let bits: UnsafeMutablePointer<UInt64>

    /// The marks of every `inst:` list of `scored` (a group's alternatives' included); `nil`
    /// when a list turns out damaged: a corrupt block (its cursor checks each document against
    /// the document count) or a document past the marks' words. Reads each list whole, so damage
    /// anywhere in it fails the query, not only damage where a scored document lies.
    init?(scored: [ScoredTerm], documentCount: Int) {
        let words = max(1, IndexLayout.bitmapWords(documentCount: documentCount))
        let bits = UnsafeMutablePointer<UInt64>.allocate(capacity: words)
        bits.initialize(repeating: 0, count: words)
        for t in scored {
            for list in t.alternatives.map({ $0.map(\.institution) }) ?? [t.institutionList] {
                if let list, !list.markDocuments(into: bits, words: words) {
                    bits.deallocate()
                    return nil
                }
            }
        }
        self.bits = bits
    }

    deinit { bits.deallocate() }

    /// Whether some query word is in `doc`'s institution name. Precondition: `doc` is below
    /// the document count.
    @inline(__always)
    static func contains(_ bits: UnsafePointer<UInt64>, _ doc: Int) -> Bool {
        bits[doc >> 6] >> UInt64(doc & 63) & 1 != 0
    }
}

import IndexFormat

/// Text scores by text identity, for an index whose records repeat their texts
/// (`IndexReader.repeatsTexts`; the real corpus: every program of a CIP code has the code's title
/// and definition as its title and description). Under the fields ranking, a document none of
/// whose query words is in its institution name scores from its title and description alone —
/// their tokens give every frequency and both lengths — so two such documents with the same
/// (title, description) ordinal (`TextIdentityColumn`) have the same score, bit for bit: the
/// first one's is computed and kept, the others read it. Which documents have a query word in
/// their institution name is marked once, when the memo is made (`markInstitutionMatches`), so a
/// lookup is a bit test and two loads instead of a seek per word into the `inst:` lists. One
/// query on one thread. A kept score skips the reading document's own damage checks (its field
/// frequencies against the combined one): the lists' checksums, verified on first use, still
/// cover its postings.
/// - Complexity: O(1) per lookup; made in O(N / 64) plus the query words' `inst:` postings;
///   memory 8 bytes per distinct (title, description) pair and N / 8 bytes of marks.
final class TextScoreMemo {
    /// Keeps the column (and so `view.ordinals`) alive.
    private let column: TextIdentityColumn
    private let scores: UnsafeMutablePointer<Double>
    /// One bit per document: some query word is in its institution name.
    private let institutionMatches: UnsafeMutablePointer<UInt64>
    private let markWords: Int

    /// A memo with no score kept and no document marked.
    init(column: TextIdentityColumn, documentCount: Int) {
        self.column = column
        scores = .allocate(capacity: max(1, column.count))
        scores.initialize(repeating: .nan, count: max(1, column.count))
        markWords = max(1, IndexLayout.bitmapWords(documentCount: documentCount))
        institutionMatches = .allocate(capacity: markWords)
        institutionMatches.initialize(repeating: 0, count: markWords)
    }

    deinit {
        scores.deallocate()
        institutionMatches.deallocate()
    }

    /// Marks every document of a query word's `inst:` list. Returns false when the list turns
    /// out damaged (a document at or past the document count, or a corrupt block).
    func markInstitutionMatches(of list: FieldFrequencyList) -> Bool {
        list.markDocuments(into: institutionMatches, words: markWords)
    }

    /// The memo as a plain value, which the per-document scoring copies without a retain.
    var view: View { View(ordinals: column.ordinals, scores: scores, institutionMatches: institutionMatches) }

    /// `TextScoreMemo`'s buffers, unowned (valid while the memo lives).
    struct View {
        /// Per document, its (title, description) ordinal.
        let ordinals: UnsafePointer<UInt32>
        /// Per ordinal, the score kept (NaN: none yet).
        let scores: UnsafeMutablePointer<Double>
        /// Per document, a bit: some query word is in its institution name.
        let institutionMatches: UnsafePointer<UInt64>

        /// `doc`'s slot (its text ordinal) when its score is its text's — no query word in its
        /// institution name — or `nil`. Precondition: `doc` is below the document count.
        @inline(__always)
        func slot(_ doc: Int) -> Int? {
            institutionMatches[doc >> 6] >> UInt64(doc & 63) & 1 != 0 ? nil : Int(ordinals[doc])
        }

        /// The score kept for ordinal `slot`, or `nil`.
        @inline(__always)
        func score(_ slot: Int) -> Double? {
            let kept = scores[slot]
            return kept.isNaN ? nil : kept
        }
    }
}

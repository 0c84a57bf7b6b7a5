import IndexFormat

/// Text scores by text identity, for an index whose records repeat their texts
/// (`IndexReader.repeatsTexts`; the real corpus: every program of a CIP code has the code's title
/// and definition as its title and description). Under the fields ranking, a document none of
/// whose query words is in its institution name scores from its title and description alone —
/// their tokens give every frequency and both lengths — so two such documents with the same
/// (title, description) ordinal (`TextIdentityColumn`) have the same score, bit for bit: the
/// first one's is computed and kept, the others read it. Which documents have a query word in
/// their institution name is the query's `InstitutionMarks`, so a lookup is a bit test and two
/// loads. One query on one thread. A kept score skips the reading document's own damage checks
/// (its field frequencies against the combined one): the lists' checksums, verified on first
/// use, still cover its postings.
/// - Complexity: O(1) per lookup; memory 8 bytes per distinct (title, description) pair.
final class TextScoreMemo {
    /// Keep the column (and so `view.ordinals`) and the marks alive.
    private let column: TextIdentityColumn
    private let marks: InstitutionMarks
    private let scores: UnsafeMutablePointer<Double>

    /// A memo with no score kept.
    init(column: TextIdentityColumn, marks: InstitutionMarks) {
        self.column = column
        self.marks = marks
        scores = .allocate(capacity: max(1, column.count))
        scores.initialize(repeating: .nan, count: max(1, column.count))
    }

    deinit { scores.deallocate() }

    /// The memo as a plain value, which the per-document scoring copies without a retain.
    var view: View { View(ordinals: column.ordinals, scores: scores, institutionMatches: marks.bits) }

    /// `TextScoreMemo`'s buffers, unowned (valid while the memo lives).
    struct View {
        /// Per document, its (title, description) ordinal.
        let ordinals: UnsafePointer<UInt32>
        /// Per ordinal, the score kept (NaN: none yet).
        let scores: UnsafeMutablePointer<Double>
        /// The query's `InstitutionMarks`.
        let institutionMatches: UnsafePointer<UInt64>

        /// `doc`'s slot (its text ordinal) when its score is its text's — no query word in its
        /// institution name — or `nil`. Precondition: `doc` is below the document count.
        @inline(__always)
        func slot(_ doc: Int) -> Int? {
            InstitutionMarks.contains(institutionMatches, doc) ? nil : Int(ordinals[doc])
        }

        /// The score kept for ordinal `slot`, or `nil`.
        @inline(__always)
        func score(_ slot: Int) -> Double? {
            let kept = scores[slot]
            return kept.isNaN ? nil : kept
        }
    }
}

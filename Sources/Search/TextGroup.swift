import IndexFormat

/// One alternative of a text group (`SearchQuery.expansions`) as the scorer reads it: the term's
/// combined list and, for the fields ranking, its title and institution lists, each read for
/// the frequency of any document; its idf and classic weight; and its weight in the group.
/// The lists' cursors are kept alive by the searcher's owners list.
final class GroupAlternative {
    let term: String
    let combined: FieldFrequencyList
    let title: FieldFrequencyList?
    let institution: FieldFrequencyList?
    /// BM25's idf of the combined list (fields ranking) and the classic scorer's term weight,
    /// each × `weight` already (both scores are linear in them), as the plain path's terms.
    let idf: Double
    let classicWeight: Double
    /// The alternative's weight in its group, in (0, 1]; 1 for the query word itself.
    let weight: Double
    /// A dense alternative's field peaks (`TermDictionary.fieldPeaks(entry:)`), one byte per 64 documents;
    /// a sparse one's when its group was made dense (`QueryBitmap.peaks`).
    var fieldPeaks: UnsafePointer<UInt8>?
    /// A sparse alternative of a group made dense: its documents as a query-time bitmap
    /// (`QueryBitmap`), which `FieldPeakBound` tests before reading `fieldPeaks`.
    var queryBitmaps: TermBitmaps?
    /// The alternative's cursor in the word's clause (the union's part, or the clause itself),
    /// which the intersection moves: `FieldPeakBound` reads its block there.
    var clausePart: Unmanaged<PostingsCursor>?

    init(term: String, combined: FieldFrequencyList, title: FieldFrequencyList?, institution: FieldFrequencyList?,
         idf: Double, classicWeight: Double, weight: Double) {
        self.term = term
        self.combined = combined
        self.title = title
        self.institution = institution
        self.idf = idf
        self.classicWeight = classicWeight
        self.weight = weight
    }
}

extension Execution {
    /// The score of `doc` when some query word has alternatives (`SearchQuery.expansions`): per
    /// word, the best over its alternatives that `doc` holds of the alternative's score (BM25F
    /// from its field frequencies, or the classic BM25, with its idf × its weight); summed in
    /// word order.
    /// Every list is read for `doc`'s frequency directly, so this path makes no assumption about
    /// which list led. `nil` on damage (a field frequency above the combined one).
    mutating func groupedScore(_ doc: UInt32) -> Double? {
        let d = Int(doc)
        // Text identity (`TextScoreMemo`), as `fieldedScore`: with no alternative of any word in
        // the institution name, the score computed here is kept for the document's title and
        // description (`exactScore` reads it).
        if fielded != nil { readyTables() }
        let inInstitution = holdsInstitutionWord(d)
        let memoSlot = textMemoView?.slot(d)
        var factors = (title: 0.0, description: 0.0, institution: 0.0)
        if let fielded { factors = fieldFactors(d, model: fielded) }
        let norm = fielded == nil ? scorer.documentNorm(length: reader.rows.length(d)) : 0
        var score = 0.0
        for t in scored {
            guard let alternatives = t.alternatives else { return nil }
            var best = 0.0
            for a in alternatives {
                let f = a.combined.frequency(doc)
                if f == 0 { continue }
                let s: Double
                if let fielded {
                    guard let t = fielded.termScore(idf: a.idf, frequency: f, title: a.title?.frequency(doc) ?? 0,
                                                    institution: inInstitution ? a.institution?.frequency(doc) ?? 0 : 0,
                                                    factors: factors) else { return nil }
                    s = t
                } else {
                    s = scorer.score(frequency: f, norm: norm, weight: a.classicWeight)
                }
                if s > best { best = s }
            }
            score += best
        }
        if let memoSlot { textMemoView.unsafelyUnwrapped.scores[memoSlot] = score }
        return score
    }
}

/// A text term of the index found for a query word: by typo tolerance
/// (`TermDictionaryWalk.fuzzyMatches`) or as a completion of a prefix (`completions`).
public struct TermMatch: Sendable, Equatable {
    /// The term, an analyzer token (`[a-z0-9]+`).
    public let term: String
    /// Optimal string alignment distance from the query word, 0 ... maxEdits; for a completion,
    /// the number of bytes appended to the prefix.
    public let distance: Int
    /// Documents holding the term (its TERMS entry), ≥ 1.
    public let documentFrequency: Int

    public init(term: String, distance: Int, documentFrequency: Int) {
        self.term = term
        self.distance = distance
        self.documentFrequency = documentFrequency
    }

    /// The order of spellings: nearest first, then most documents, then the term.
    public static func nearerFirst(_ a: TermMatch, _ b: TermMatch) -> Bool {
        if a.distance != b.distance { return a.distance < b.distance }
        return commonerFirst(a, b)
    }

    /// The order of completions, and of spellings at one distance: most documents first, then
    /// the term.
    public static func commonerFirst(_ a: TermMatch, _ b: TermMatch) -> Bool {
        if a.documentFrequency != b.documentFrequency { return a.documentFrequency > b.documentFrequency }
        return a.term < b.term
    }
}

/// What forgiving matching needs to know of an index's words (`QueryRewriter`). The index's
/// implementation walks its sorted term dictionary (`IndexVocabulary`); the tests' reference
/// answers the same questions by brute force over the records.
public protocol TermVocabulary {
    /// Documents holding `term` (0 when the index does not hold it).
    func documentFrequency(of term: String) -> Int
    /// Plain text terms within `maxEdits` (0…2) edits of `word`, the word itself included when
    /// held, by (distance, documents descending, term). The distance is the optimal string
    /// alignment distance, plus one when the first letters differ: a typo on the first letter
    /// counts as two (Meilisearch's rule; students rarely get the first letter wrong), so one
    /// edit allows none there and two edits allow it alone.
    func fuzzyMatches(of word: String, maxEdits: Int) -> [TermMatch]
    /// Up to `limit` plain text terms longer than `prefix` that start with it, by documents
    /// descending, then term.
    func completions(of prefix: String, limit: Int) -> [TermMatch]
}

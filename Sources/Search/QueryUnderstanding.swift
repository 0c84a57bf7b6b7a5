/// How forgiving matching read a query's text (`QueryRewriter`): what the searcher ran, and what
/// a header or `--explain` shows the student.
public struct QueryUnderstanding: Sendable, Equatable {
    /// Why an index term also satisfies a query word.
    public enum Reason: Sendable, Equatable {
        /// From the synonym dictionary.
        case synonym
        /// A spelling within `edits` Damerau–Levenshtein edits of a word the index does not hold.
        case typo(edits: Int)
        /// A completion of the last word, which the index does not hold as a whole word.
        case completion
    }

    /// An index term that also satisfies a word, with its weight in (0, 1] and why.
    public struct Alternative: Sendable, Equatable {
        public let term: String
        public let weight: Double
        public let reason: Reason
        /// The documents its idf is computed from (`TermAlternative.scoringDocumentFrequency`):
        /// for spellings and completions, the most frequent of the word's; `nil` = its own.
        public let scoringDocumentFrequency: Int?

        public init(term: String, weight: Double, reason: Reason, scoringDocumentFrequency: Int? = nil) {
            self.term = term
            self.weight = weight
            self.reason = reason
            self.scoringDocumentFrequency = scoringDocumentFrequency
        }
    }

    /// One required text group: a word (or a phrase's compound) and its alternatives.
    public struct Word: Sendable, Equatable {
        /// The index term the group is named by (an analyzed word, or a phrase's compound).
        public let term: String
        /// What the student typed for it: the word as typed (plural not reduced), or the
        /// phrase's words (analyzed), space-separated.
        public let typed: String
        /// Documents holding `term` itself (0: only the alternatives can match).
        public let documentFrequency: Int
        /// Alternatives in order of weight (then frequency); the term itself is not listed.
        public let alternatives: [Alternative]

        public init(term: String, typed: String, documentFrequency: Int, alternatives: [Alternative]) {
            self.term = term
            self.typed = typed
            self.documentFrequency = documentFrequency
            self.alternatives = alternatives
        }

        /// Whether the group can match nothing: the index holds neither the term nor an alternative.
        public var isUnknown: Bool { documentFrequency == 0 && alternatives.isEmpty }
    }

    /// The required groups, in query order.
    public var words: [Word]
    /// Filler words left out ("programs", "near"), as typed after analysis.
    public var fillers: [String]
    /// Award levels (raw values) the dictionary's entries imply, when the query named none.
    public var impliedLevels: [String]
    /// Level words of the text ("masters", "phd") left out of the words: their levels are in
    /// `impliedLevels`.
    public var levelWords: [String] = []
    /// Whether the implied levels were applied (dropped when they left no match).
    public var appliedImpliedLevels = false
    /// Groups dropped because with them nothing matched, by term, in the order dropped.
    public var dropped: [String] = []
    /// "Did you mean" for a word nothing can match.
    public struct Suggestion: Sendable, Equatable {
        /// The word as typed.
        public let word: String
        /// The closest index terms, best first (possibly none).
        public let terms: [String]

        public init(word: String, terms: [String]) {
            self.word = word
            self.terms = terms
        }
    }

    /// "Did you mean": one per unknown word, in query order.
    public var suggestions: [Suggestion] = []

    public init(words: [Word], fillers: [String], impliedLevels: [String]) {
        self.words = words
        self.fillers = fillers
        self.impliedLevels = impliedLevels
    }

    /// The groups still required after relaxation.
    public var requiredWords: [Word] { words.filter { !dropped.contains($0.term) } }

    /// Whether anything differs from a strict AND of the typed words.
    public var changesQuery: Bool {
        !fillers.isEmpty || appliedImpliedLevels || !levelWords.isEmpty || !dropped.isEmpty
            || words.contains { !$0.alternatives.isEmpty || $0.typed.contains(" ") }
    }
}

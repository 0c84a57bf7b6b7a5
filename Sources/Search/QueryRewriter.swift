import Analysis

/// Forgiving matching: turns a student's text into required text groups, each an index term OR
/// its weighted alternatives (`SearchQuery.expansions`). The rules, in order:
///
/// 1. **Analyze** the text (`Analyzer`: lowercase, folding, plural stemming).
/// 2. **Phrases**: left to right, the longest dictionary phrase starting at a word becomes one
///    group named by its compound (`PhraseCompounder`), when the index holds the compound or the
///    dictionary has an entry for it; otherwise its words stay separate.
/// 3. **Filler words** (`FillerWords`: "programs", "degree", "near", …) are left out, unless
///    nothing else is left.
/// 4. **Synonyms**: a group's dictionary entry adds its alternatives at `synonymWeight`, and its
///    implied award levels.
/// 5. **Typos**: a word the index does not hold matches the plain terms within
///    `TypoBudget.maximumEdits` (0 under 5 letters, 1 from 5, 2 from 9) Damerau–Levenshtein
///    edits, at `typoWeights[edits]`. A word the index holds is taken as typed.
/// 6. **Prefix**: the text's last word, when the index does not hold it, also matches its
///    `completionLimit` most frequent completions, at `completionWeight` (type-ahead).
/// 7. A word left with no way to match gets "did you mean" suggestions: the nearest terms within
///    `suggestionEdits`.
///
/// Exact words outrank every alternative (weight 1 against < 1), synonyms outrank completions,
/// which outrank typos. Relaxation (dropping groups when nothing matches) is the searcher's.
/// - Complexity: one dictionary walk per unknown word (`TermDictionaryWalk`), O(log terms)
///   lookups per word otherwise.
public struct QueryRewriter {
    /// A synonym's weight against the word typed.
    public static let synonymWeight = 0.9
    /// A completion's weight (type-ahead on the last word).
    public static let completionWeight = 0.8
    /// A close spelling's weight by edits (index 1 and 2).
    public static let typoWeights = [1.0, 0.6, 0.45]
    /// Most completions the last word matches.
    public static let completionLimit = 50
    /// Most "did you mean" suggestions per unknown word.
    public static let suggestionLimit = 3

    public let dictionary: SynonymDictionary
    public let vocabulary: any TermVocabulary

    public init(dictionary: SynonymDictionary, vocabulary: any TermVocabulary) {
        self.dictionary = dictionary
        self.vocabulary = vocabulary
    }

    /// Edits a "did you mean" suggestion may be away: 1 for words of up to 4 letters, else 2.
    public static func suggestionEdits(forWordLength n: Int) -> Int { n <= 4 ? 1 : 2 }

    /// How `text` is understood. Words are distinct (a repeated word is one group).
    public func understand(_ text: String) -> QueryUnderstanding {
        let tokens = Analyzer.tokens(text)
        let compounder = PhraseCompounder(phrases: dictionary.phrases)
        let pieces = compounder.replacingPhrases(tokens) { vocabulary.documentFrequency(of: $0) > 0 || dictionary.entries[$0] != nil }
        // Filler words go unless nothing else is left.
        let meaningful = pieces.filter { $0.phrase != nil || !FillerWords.isFiller($0.token) }
        let kept = meaningful.isEmpty ? pieces : meaningful
        // Type-ahead applies to the last word typed, when it is kept and is not part of a phrase.
        let completesLast = kept.count == pieces.count && pieces.last?.phrase == nil
        var fillers: [String] = []
        for p in pieces where meaningful.count < pieces.count && !meaningful.isEmpty && p.phrase == nil && FillerWords.isFiller(p.token)
            && !fillers.contains(p.token) { fillers.append(p.token) }

        var words: [QueryUnderstanding.Word] = []
        var levels: [String] = []
        var seen = Set<String>()
        for (i, piece) in kept.enumerated() where seen.insert(piece.token).inserted {
            let term = piece.token
            let df = vocabulary.documentFrequency(of: term)
            var alternatives: [QueryUnderstanding.Alternative] = []
            var listed: Set<String> = [term]
            func add(_ t: String, _ weight: Double, _ reason: QueryUnderstanding.Reason) {
                if listed.insert(t).inserted { alternatives.append(.init(term: t, weight: weight, reason: reason)) }
            }
            if let entry = dictionary.entries[term] {
                for t in entry.alternatives where vocabulary.documentFrequency(of: t) > 0 { add(t, Self.synonymWeight, .synonym) }
                for l in entry.levels where !levels.contains(l) { levels.append(l) }
            }
            if df == 0 && piece.phrase == nil {
                if completesLast && i == kept.count - 1 {
                    for m in vocabulary.completions(of: term, limit: Self.completionLimit) { add(m.term, Self.completionWeight, .completion) }
                }
                let budget = TypoBudget.maximumEdits(forWordLength: term.utf8.count)
                if budget > 0 {
                    for m in vocabulary.fuzzyMatches(of: term, maxEdits: budget) where m.distance > 0 {
                        add(m.term, Self.typoWeights[m.distance], .typo(edits: m.distance))
                    }
                }
            }
            words.append(.init(term: term, typed: piece.phrase?.joined(separator: " ") ?? term, documentFrequency: df,
                               alternatives: alternatives))
        }
        var understanding = QueryUnderstanding(words: words, fillers: fillers, impliedLevels: levels)
        for w in words where w.isUnknown {
            let edits = Self.suggestionEdits(forWordLength: w.term.utf8.count)
            let near = vocabulary.fuzzyMatches(of: w.term, maxEdits: edits).filter { $0.distance > 0 }
            understanding.suggestions.append((w.term, Array(near.prefix(Self.suggestionLimit).map(\.term))))
        }
        return understanding
    }
}

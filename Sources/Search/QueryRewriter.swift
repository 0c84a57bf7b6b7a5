import Analysis
import Corpus

/// Forgiving matching: turns a student's text into required text groups, each an index term OR
/// its weighted alternatives (`SearchQuery.expansions`). The rules, in order:
///
/// 1. **Analyze** the text (`Analyzer`: lowercase, folding, plural stemming).
/// 2. **Phrases**: left to right, the longest dictionary phrase starting at a word becomes one
///    group named by its compound (`PhraseCompounder`), when the index holds the compound or the
///    dictionary has an entry for it; otherwise its words stay separate.
/// 3. **Filler words** (`FillerWords`: "programs", "degree", "near", …) are left out, unless
///    nothing else is left; so are **level words** (`levelWords`: "masters", "phd"), which
///    become implied levels.
/// 4. **Synonyms**: a group's dictionary entry adds its alternatives at `synonymWeight`, all
///    scored with the largest document count of the word's and theirs (Lucene's SynonymQuery),
///    so the exact word ranks first; and its implied award levels. A word the dictionary knows
///    is not respelled or completed.
/// 5. **Prefix**: the text's last word, when the index does not hold it and it has at least
///    `minimumCompletionLength` letters, also matches its most frequent completions, at
///    `completionWeight` (type-ahead): at most `completionLimit`, and only while their
///    documents add up to `completionDocumentBudget` (the first always) — a short prefix
///    ("gen") completes to its commonest words ("general"), and each letter typed narrows it.
///    A word with completions gets no spellings (rule 6): it is being typed, not misspelt.
/// 6. **Typos**: a word the index does not hold matches its closest plain terms within
///    `TypoBudget.maximumEdits` of its typed length (0 under 5 letters, 1 from 5, 2 from 9)
///    Damerau–Levenshtein edits (a typo on the first letter counting two, `TermVocabulary`),
///    measured from the analyzed and the typed form, at
///    `typoWeights[edits]`; only the terms at the smallest distance found; a spelling or
///    completion the dictionary knows brings its synonyms (at its weight × `synonymWeight`). A
///    word the index holds is taken as typed.
///    Completions and spellings of one word all score with the document count of the most
///    frequent of them (Lucene's blended frequency), so a rare variant does not outrank the
///    common word meant.
/// 7. A word left with no way to match gets "did you mean" suggestions: the closest terms
///    within `suggestionEdits`.
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
    public static let completionLimit = 10
    /// Documents the completions of the last word may hold in all (each completion's count
    /// added, in order of frequency; the most frequent completion is always kept). Bounds the
    /// union a prefix scores: every match is scored over its group's terms.
    public static let completionDocumentBudget = 10_000
    /// Most "did you mean" suggestions per unknown word.
    public static let suggestionLimit = 3

    public let dictionary: SynonymDictionary
    public let vocabulary: any TermVocabulary

    public init(dictionary: SynonymDictionary, vocabulary: any TermVocabulary) {
        self.dictionary = dictionary
        self.vocabulary = vocabulary
    }

    /// Edits a "did you mean" suggestion may be away: 1 for words of up to 3 letters, else 2
    /// (more than the typo budget, as a suggestion is only shown, never matched).
    public static func suggestionEdits(forWordLength n: Int) -> Int { n <= 3 ? 1 : 2 }

    /// How `text` is understood. Words are distinct (a repeated word is one group).
    public func understand(_ text: String) -> QueryUnderstanding {
        let tokens = Analyzer.tokens(text)
        // The words as typed, plurals not reduced: a misspelling is no plural ("informatcs").
        let typedTokens = Analyzer.unreducedTokens(text)
        let compounder = dictionary.compounder
        var position = 0
        let pieces = compounder.replacingPhrases(tokens) { vocabulary.documentFrequency(of: $0) > 0 || dictionary.entries[$0] != nil }
            .map { piece -> (token: String, phrase: [String]?, typed: String) in
                defer { position += piece.phrase?.count ?? 1 }
                return (piece.token, piece.phrase, piece.phrase == nil && position < typedTokens.count ? typedTokens[position] : piece.token)
            }
        // Filler words and level words ("masters", "phd") go unless nothing else is left; a
        // level word becomes an implied level.
        let meaningful = pieces.filter { $0.phrase != nil || !(FillerWords.isFiller($0.token) || Self.levelWords[$0.typed] != nil) }
        let kept = meaningful.isEmpty ? pieces : meaningful
        // Type-ahead applies to the last word typed, when it is kept and is not part of a phrase.
        let completesLast = kept.count == pieces.count && pieces.last?.phrase == nil
        var fillers: [String] = []
        var levels: [String] = []
        var levelWords: [String] = []
        for p in pieces where !meaningful.isEmpty && p.phrase == nil {
            if let level = Self.levelWords[p.typed] {
                if !levelWords.contains(p.typed) { levelWords.append(p.typed) }
                if !levels.contains(level.rawValue) { levels.append(level.rawValue) }
            } else if FillerWords.isFiller(p.token) && !fillers.contains(p.token) {
                fillers.append(p.token)
            }
        }

        var words: [QueryUnderstanding.Word] = []
        var seen = Set<String>()
        for (i, piece) in kept.enumerated() where seen.insert(piece.token).inserted {
            let term = piece.token
            let df = vocabulary.documentFrequency(of: term)
            var alternatives: [QueryUnderstanding.Alternative] = []
            if let entry = dictionary.entries[term] {
                // The dictionary knows the word (an abbreviation, a variant): it is not misspelt.
                // Synonyms score with one document count, the largest of the word's and theirs
                // (Lucene's SynonymQuery): a rarer synonym gets no idf above the word's, so × 0.9
                // keeps the exact word first ("bioinformatics" above computational biology).
                let held = entry.alternatives.compactMap { t -> (String, Int)? in
                    let d = t == term ? 0 : vocabulary.documentFrequency(of: t)
                    return d > 0 ? (t, d) : nil
                }
                let shared = held.reduce(df) { max($0, $1.1) }
                for (t, _) in held { alternatives.append(.init(term: t, weight: Self.synonymWeight, reason: .synonym, scoringDocumentFrequency: shared)) }
                for l in entry.levels where !levels.contains(l) { levels.append(l) }
            } else if df == 0 && piece.phrase == nil {
                alternatives = spellings(of: term, typed: piece.typed, completing: completesLast && i == kept.count - 1)
            }
            words.append(.init(term: term, typed: piece.phrase?.joined(separator: " ") ?? piece.typed, documentFrequency: df,
                               alternatives: alternatives))
        }
        var understanding = QueryUnderstanding(words: words, fillers: fillers, impliedLevels: levels)
        understanding.levelWords = levelWords
        for w in words where w.isUnknown {
            let typed = w.typed
            let edits = Self.suggestionEdits(forWordLength: typed.utf8.count)
            let near = closest(w.term, typed, maxEdits: edits)
            understanding.suggestions.append(.init(word: typed, terms: near.prefix(Self.suggestionLimit).map(\.term)))
        }
        return understanding
    }

    /// Words that name an award level in a query ("nursing masters", "bioinformatics phd"), as
    /// typed (before plural reduction): left out of the words and applied as implied levels.
    /// Only unambiguous spellings: "master" and "associate" alone also name programs and
    /// people (Master Gardener, Physician Associate), so only their plurals count.
    static let levelWords: [String: AwardLevel] = [
        "bachelor": .bachelor, "bachelors": .bachelor, "baccalaureate": .bachelor, "masters": .master, "associates": .associate,
        "doctorate": .doctorate, "doctoral": .doctorate, "phd": .doctorate, "certificate": .certificate, "certificates": .certificate,
        "postbacc": .postbaccCertificate,
    ]

    /// Words that name an award level but are text first: the singulars `levelWords` leaves out
    /// and abbreviations that are also words. They stay words; the searcher reads one as the
    /// level only when the words match nothing with it (`Searcher.searchForgiving`, step 0).
    public static let ambiguousLevelWords: [String: AwardLevel] = [
        "associate": .associate, "aa": .associate, "aas": .associate, "master": .master, "mba": .master,
        "ba": .bachelor, "bs": .bachelor,
    ]

    /// Shortest words the last word may complete from.
    public static let minimumCompletionLength = 3

    /// A word the index does not hold: its completions (the last word only, of at least
    /// `minimumCompletionLength` letters), then its closest spellings within the typo budget of
    /// its typed length. Every one scores with the count of the most frequent of them
    /// (`TermAlternative.scoringDocumentFrequency`), so their order comes from the weights and
    /// the text, not from how rare a variant is.
    func spellings(of term: String, typed: String, completing: Bool) -> [QueryUnderstanding.Alternative] {
        var found: [(term: String, weight: Double, reason: QueryUnderstanding.Reason, df: Int)] = []
        var listed: Set<String> = [term]
        // Completions of the word as typed ("nurs" → nurse, nursing), else of its analyzed form.
        let stem = typed.utf8.count > term.utf8.count && typed.hasPrefix(term) ? typed : term
        if completing && stem.utf8.count >= Self.minimumCompletionLength {
            var documents = 0
            for m in vocabulary.completions(of: stem, limit: Self.completionLimit) where listed.insert(m.term).inserted {
                if documents > 0 && documents + m.documentFrequency > Self.completionDocumentBudget { break }
                documents += m.documentFrequency
                found.append((m.term, Self.completionWeight, .completion, m.documentFrequency))
            }
        }
        // A word being typed (it has completions) is not misspelt yet: no spellings.
        let budget = found.isEmpty ? TypoBudget.maximumEdits(forWordLength: typed.utf8.count) : 0
        if budget > 0 {
            for m in closest(term, typed, maxEdits: budget) where listed.insert(m.term).inserted {
                found.append((m.term, Self.typoWeights[m.distance], .typo(edits: m.distance), m.documentFrequency))
            }
        }
        // A phrase's compound whose first word is also found adds nothing but a list to read
        // ("nurs": nursing covers "nursing assistant").
        let words = Set(found.map(\.term))
        found.removeAll { dictionary.phraseWords[$0.term].map { words.contains(String($0.prefix { $0 != " " })) } ?? false }
        // A completion or spelling the dictionary knows brings its synonyms ("radiograpy" →
        // radiography → radiologic; "nurs" → nurse → nursing), at its weight × 0.9.
        for f in found {
            for t in dictionary.entries[f.term]?.alternatives ?? [] where listed.insert(t).inserted {
                let d = vocabulary.documentFrequency(of: t)
                if d > 0 { found.append((t, f.weight * Self.synonymWeight, .synonym, d)) }
            }
        }
        let blended = found.map(\.df).max() ?? 0
        return found.map { .init(term: $0.term, weight: $0.weight, reason: $0.reason, scoringDocumentFrequency: blended) }
    }

    /// The index terms closest to a word the index does not hold, measured from its analyzed
    /// form and from its typed form (the nearer counts): those at the smallest distance (1 or
    /// more) within `maxEdits`, most frequent first.
    func closest(_ term: String, _ typed: String, maxEdits: Int) -> [TermMatch] {
        var best: [String: TermMatch] = [:]
        for form in term == typed ? [term] : [term, typed] {
            for m in vocabulary.fuzzyMatches(of: form, maxEdits: maxEdits) where m.distance > 0 {
                if let b = best[m.term], b.distance <= m.distance { continue }
                best[m.term] = m
            }
        }
        guard let nearest = best.values.map(\.distance).min() else { return [] }
        return best.values.filter { $0.distance == nearest }
            .sorted(by: TermMatch.commonerFirst)
    }
}

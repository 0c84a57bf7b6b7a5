import Analysis
import Corpus
import Geo
import IndexFormat
import Search

/// The `typed` class of the query mix: queries as students type them, for forgiving matching
/// (issue 11). Each is one of five kinds, in turn:
///
/// - `typo`: a corpus word of 5 or more letters with one random edit (insertion, deletion,
///   substitution or adjacent transposition), half the time two when it has 9 or more letters;
///   40% of the time beside a correct word. The misspelling is never an index term itself.
/// - `prefix`: a corpus word cut to 3–6 letters (and shorter than the word) as the last word,
///   half the time after a correct word (type-ahead). The prefix is not an index term itself
///   when one of ten draws gives one that is not (else it is kept as drawn).
/// - `abbreviation`: a key of the index's synonym dictionary as typed ("rhit", "bsn",
///   "cyber security"), half the time with a correct word before or after it.
/// - `filler`: one or two correct words and a filler word ("programs", "degree", "best") at a
///   random place.
/// - `unknown`: a correct word and a made-up word no index term is near (consonants only, 5–8
///   letters, no term within its typo budget and no completion), which forces relaxation.
///
/// "Correct words" and the words misspelt or cut come from the corpus's own vocabulary, drawn as
/// the mix's other classes draw them. Half of the queries carry a point and no radius (blended
/// order), as students usually give a ZIP.
public enum TypedKind: String, CaseIterable, Sendable {
    case typo
    case prefix
    case abbreviation
    case filler
    case unknown
}

/// What the `typed` class draws from besides the corpus's words: the synonym dictionary's keys
/// and the index's vocabulary (to keep misspellings and prefixes off real terms, and to make
/// sure an unknown word has no term near it).
public struct TypedQuerySource {
    /// The dictionary's keys as a student types them (a phrase's words, not its compound), sorted.
    public let dictionaryKeys: [String]
    public let vocabulary: any TermVocabulary

    public init(dictionary: SynonymDictionary, vocabulary: any TermVocabulary) {
        dictionaryKeys = dictionary.entries.keys.map { dictionary.displayText(of: $0) }.sorted()
        self.vocabulary = vocabulary
    }

    /// Filler words students type with their words (`FillerWords` holds them all).
    public static let fillerWords = ["programs", "program", "degree", "degrees", "major", "best", "accredited", "affordable"]

    /// Letters of made-up words: consonants only, so no edit of one is near a real word.
    static let unknownLetters = Array("bcdfghjklmnpqrstvwxz".utf8)

    /// Whether the index holds `word` as typed (its analyzed token).
    public func holds(_ word: String) -> Bool {
        let tokens = Analyzer.tokens(word)
        return tokens.count == 1 && vocabulary.documentFrequency(of: tokens[0]) > 0
    }

    /// Whether forgiving matching can find nothing for `word`: no term, no close spelling within
    /// its typo budget, no completion.
    public func isUnknown(_ word: String) -> Bool {
        guard !holds(word) else { return false }
        let budget = TypoBudget.maximumEdits(forWordLength: word.utf8.count)
        if budget > 0, !vocabulary.fuzzyMatches(of: word, maxEdits: budget).isEmpty { return false }
        return vocabulary.completions(of: word, limit: 1).isEmpty
    }

    static func isLetters(_ w: String) -> Bool { !w.isEmpty && w.utf8.allSatisfy { $0 >= 0x61 && $0 <= 0x7A } }

    /// `word` with one random edit that changes it: insertion, deletion, substitution or
    /// adjacent transposition, at a uniform position, of a letter a–z.
    public static func edit(_ word: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
        var w = word
        func letter() -> UInt8 { UInt8(0x61 + rng.below(26)) }
        while true {
            switch rng.below(4) {
            case 0:
                w.insert(letter(), at: rng.below(w.count + 1))
                return w
            case 1 where w.count > 1:
                w.remove(at: rng.below(w.count))
                return w
            case 2:
                let i = rng.below(w.count)
                let b = letter()
                if b == w[i] { continue }
                w[i] = b
                return w
            case 3 where w.count > 1:
                let i = rng.below(w.count - 1)
                if w[i] == w[i + 1] { continue }
                w.swapAt(i, i + 1)
                return w
            default: continue
            }
        }
    }

    /// A misspelling of `word` with `edits` random edits that the index does not hold and that is
    /// at least one edit from `word`; `nil` when ten tries give none.
    func misspelling(of word: String, edits: Int, _ rng: inout SplitMix64) -> String? {
        let bytes = Array(word.utf8)
        for _ in 0 ..< 10 {
            var w = bytes
            for _ in 0 ..< edits { w = Self.edit(w, &rng) }
            let s = String(decoding: w, as: UTF8.self)
            if EditDistance.optimalStringAlignment(w, bytes) >= 1 && !holds(s) { return s }
        }
        return nil
    }

    /// A made-up word of 5–8 consonants that `isUnknown`; `nil` when ten tries give none.
    func unknownWord(_ rng: inout SplitMix64) -> String? {
        for _ in 0 ..< 10 {
            let w = String(decoding: (0 ..< 5 + rng.below(4)).map { _ in rng.pick(Self.unknownLetters) }, as: UTF8.self)
            if isUnknown(w) { return w }
        }
        return nil
    }

    /// One `typed` query of `kind`: its text, and the kind it really is (a kind that cannot be
    /// made, such as an abbreviation with no dictionary, falls back to a typo). `word` draws a
    /// correct corpus word.
    func query(_ kind: TypedKind, _ rng: inout SplitMix64, word: (inout SplitMix64) -> String) -> (text: String, kind: TypedKind) {
        /// A correct word of at least `minimum` letters (a–z only); ten draws, then "information".
        func letterWord(minimum: Int) -> String {
            for _ in 0 ..< 10 {
                let w = word(&rng)
                if Self.isLetters(w) && w.utf8.count >= minimum { return w }
            }
            return "information"
        }
        /// `w` and a correct word, in random order.
        func withWord(_ w: String) -> String { rng.chance(0.5) ? word(&rng) + " " + w : w + " " + word(&rng) }
        switch kind {
        case .typo:
            for _ in 0 ..< 10 {
                let w = letterWord(minimum: TypoBudget.oneEditLength)
                let edits = w.utf8.count >= TypoBudget.twoEditLength && rng.chance(0.5) ? 2 : 1
                if let typo = misspelling(of: w, edits: edits, &rng) { return (rng.chance(0.4) ? withWord(typo) : typo, .typo) }
            }
            return (letterWord(minimum: 5) + "x", .typo)
        case .prefix:
            var cut = ""
            for attempt in 0 ..< 10 {
                let w = Array(letterWord(minimum: 4).utf8)
                let length = 3 + rng.below(min(6, w.count - 1) - 3 + 1)
                cut = String(decoding: w.prefix(length), as: UTF8.self)
                if !holds(cut) || attempt == 9 { break }
            }
            return (rng.chance(0.5) ? word(&rng) + " " + cut : cut, .prefix)
        case .abbreviation:
            guard !dictionaryKeys.isEmpty else { return query(.typo, &rng, word: word) }
            let key = rng.pick(dictionaryKeys)
            return (rng.chance(0.5) ? withWord(key) : key, .abbreviation)
        case .filler:
            var words = (0 ..< 1 + rng.below(2)).map { _ in word(&rng) }
            words.insert(rng.pick(Self.fillerWords), at: rng.below(words.count + 1))
            return (words.joined(separator: " "), .filler)
        case .unknown:
            guard let w = unknownWord(&rng) else { return query(.typo, &rng, word: word) }
            return (withWord(w), .unknown)
        }
    }
}

extension QueryMix {
    /// The seed of the `typed` class's own random stream (from the mix's seed), so the other
    /// classes draw exactly what they drew before the class existed.
    static func typedSeed(_ seed: UInt64) -> UInt64 { seed ^ 0x7479_7065_6400 }

    /// The `n`th typed query (kinds in turn), with a point half the time (no radius: blended).
    static func typedItem(_ n: Int, _ rng: inout SplitMix64, source: TypedQuerySource, word: (inout SplitMix64) -> String,
                          point: (inout SplitMix64) -> GeoPoint) -> Item {
        let (text, kind) = source.query(TypedKind.allCases[n % TypedKind.allCases.count], &rng, word: word)
        var q = SearchQuery(text: text)
        q.matching = .forgiving
        if rng.chance(0.5) { q.origin = point(&rng) }
        return Item(queryClass: .typed, query: q, typedKind: kind)
    }
}

/// A vocabulary of a word list, answered by brute force (every word held by one document): what
/// the `typed` class draws against when no index is given (tests, or a mix made before the index).
public struct WordListVocabulary: TermVocabulary, Sendable {
    let words: [String]
    let set: Set<String>

    public init(_ words: some Sequence<String>) {
        set = Set(words.flatMap { Analyzer.tokens($0) })
        self.words = set.sorted()
    }

    public func documentFrequency(of term: String) -> Int { set.contains(term) ? 1 : 0 }

    public func fuzzyMatches(of word: String, maxEdits: Int) -> [TermMatch] {
        let w = Array(word.utf8)
        return words.compactMap { t in
            // A different first letter counts one edit more (`TermVocabulary`).
            let d = EditDistance.optimalStringAlignment(w, Array(t.utf8)) + (w.first == t.utf8.first ? 0 : 1)
            return d <= maxEdits ? TermMatch(term: t, distance: d, documentFrequency: 1) : nil
        }.sorted { ($0.distance, $0.term) < ($1.distance, $1.term) }
    }

    public func completions(of prefix: String, limit: Int) -> [TermMatch] {
        Array(words.filter { $0.count > prefix.count && $0.hasPrefix(prefix) }.prefix(limit).map {
            TermMatch(term: $0, distance: $0.utf8.count - prefix.utf8.count, documentFrequency: 1)
        })
    }
}

/// An index's vocabulary as the searcher's forgiving matching reads it (it delegates to
/// `IndexVocabulary`), recording every dictionary walk: its edit budget, the entries it read
/// and its time.
public final class RecordingIndexVocabulary: TermVocabulary {
    public struct Walk: Sendable {
        public var word: String
        public var maxEdits: Int
        public var visited: Int
        public var microseconds: Double
    }

    let reader: IndexReader
    let vocabulary: IndexVocabulary
    public private(set) var walks: [Walk] = []
    /// Completions asked (each reads the run of its prefix).
    public private(set) var completionCalls = 0
    public private(set) var completionMicroseconds = 0.0

    public init(reader: IndexReader) {
        self.reader = reader
        vocabulary = IndexVocabulary(reader: reader)
    }

    public func reset() {
        walks.removeAll(keepingCapacity: true)
        completionCalls = 0
        completionMicroseconds = 0
    }

    public func documentFrequency(of term: String) -> Int { reader.terms.lookup(term)?.documentFrequency ?? 0 }

    public func fuzzyMatches(of word: String, maxEdits: Int) -> [TermMatch] {
        let t0 = benchClock()
        let (matches, visited) = vocabulary.fuzzyMatchesVisiting(of: word, maxEdits: maxEdits)
        walks.append(Walk(word: word, maxEdits: maxEdits, visited: visited, microseconds: (benchClock() - t0) * 1e6))
        return matches
    }

    public func completions(of prefix: String, limit: Int) -> [TermMatch] {
        let t0 = benchClock()
        let m = vocabulary.completions(of: prefix, limit: limit)
        completionCalls += 1
        completionMicroseconds += (benchClock() - t0) * 1e6
        return m
    }
}

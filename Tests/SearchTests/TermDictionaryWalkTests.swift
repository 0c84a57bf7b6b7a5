import Analysis
import Corpus
import IndexFormat
import Search
import Testing

/// `TermDictionaryWalk` against brute force over every TERMS entry, on an index whose vocabulary
/// is made for near misses: stems and their one- and two-edit variants, random syllable words,
/// words beside the keyword and field prefixes ("level", "leveled", "acc", "title",
/// "inst", …) so their blocks of `level:…`, `title:…` keys sit among text terms, and digits.
@Suite("TermDictionaryWalk")
struct TermDictionaryWalkTests {
    static let seed: UInt64 = 0x7E5_2026

    static let vocabulary: [String] = {
        var rng = SplitMix64(seed: seed)
        let stems = ["health", "informatics", "bioinformatics", "information", "nursing", "nurse", "management", "medical",
                     "technology", "therapy", "radiologic", "sonography", "pharmacy", "biology", "biostatistics",
                     "administration", "science", "sciences", "records", "coding", "clinical", "laboratory", "public",
                     "level", "leveled", "leveling", "state", "statement", "cip", "cipher", "acc", "accounting", "access",
                     "title", "titles", "titled", "inst", "institute", "instance", "delivery", "deliver", "r2d2", "51", "5107"]
        var words = Set(stems)
        let letters = Array("aeinorstlc".utf8)
        func mutated(_ word: [UInt8], _ edits: Int) -> [UInt8] {
            var w = word
            for _ in 0 ..< edits {
                switch rng.below(4) {
                case 0: w.insert(rng.pick(letters), at: rng.below(w.count + 1))
                case 1 where w.count > 1: w.remove(at: rng.below(w.count))
                case 2: w[rng.below(w.count)] = rng.pick(letters)
                case 3 where w.count >= 2: let i = rng.below(w.count - 1); w.swapAt(i, i + 1)
                default: break
                }
            }
            return w
        }
        for stem in stems { for _ in 0 ..< 40 { words.insert(String(decoding: mutated(Array(stem.utf8), 1 + rng.below(2)), as: UTF8.self)) } }
        // Pseudo-words of 2 to 5 consonant–vowel syllables: as sparse in prefixes as real words.
        let consonants = Array("bcdfghjklmnprstvwz".utf8), vowels = Array("aeiou".utf8)
        while words.count < 6000 {
            let syllables = (0 ..< 2 + rng.below(4)).flatMap { _ in [rng.pick(consonants), rng.pick(vowels)] }
            words.insert(String(decoding: syllables.dropLast(rng.below(2)), as: UTF8.self))
        }
        return words.sorted()
    }()

    static let reader: IndexReader = {
        var rng = SplitMix64(seed: seed ^ 0xD0C)
        let words = vocabulary
        // Skewed draws so document frequencies vary (and tie) widely.
        func word() -> String { words[rng.below(1 + rng.below(words.count))] }
        let levels = AwardLevel.allCases
        let records = (0 ..< 1200).map { n in
            ProgramRecord(id: "W\(n)", institutionID: "I\(n % 40)", institutionName: "\(word()) \(word()) College",
                          city: "City", state: ["IL", "TX", "CA"][n % 3], zip: "60601", latitude: 41.88, longitude: -87.63,
                          cipCode: "51.07\(10 + n % 20)", title: (0 ..< 2 + rng.below(3)).map { _ in word() }.joined(separator: " "),
                          description: (0 ..< 20 + rng.below(20)).map { _ in word() }.joined(separator: " "),
                          level: levels[n % levels.count], accreditors: n % 2 == 0 ? ["CAHIIM"] : ["ACEN"], delivery: .campus)
        }
        return try! TestCorpus.buildIndex(records)
    }()

    /// Every TERMS entry: key and document frequency.
    static let dictionary: [(key: String, documentFrequency: Int)] = (0 ..< reader.terms.count).map {
        (reader.terms.termString(at: $0)!, reader.terms.termInfo(at: $0)!.documentFrequency)
    }

    /// The text terms: analyzer tokens with documents.
    static let plainTerms = dictionary.filter { Analyzer.isToken($0.key) && $0.documentFrequency > 0 }

    static func bruteForceFuzzy(_ word: String, _ k: Int) -> Set<String> {
        Set(plainTerms.compactMap { t in
            let d = EditDistance.optimalStringAlignment(Array(word.utf8), Array(t.key.utf8))
            return d <= k ? "\(t.key)/\(d)" : nil
        })
    }

    static func isSorted(_ m: [TermMatch]) -> Bool {
        zip(m, m.dropFirst()).allSatisfy { a, b in
            (a.distance, -a.documentFrequency) < (b.distance, -b.documentFrequency)
                || ((a.distance, a.documentFrequency) == (b.distance, b.documentFrequency) && a.term < b.term)
        }
    }

    @Test("the dictionary holds text, field and keyword terms interleaved")
    func dictionaryShape() {
        let keys = Self.dictionary.map(\.key)
        #expect(keys.contains("level") && keys.contains("level:bachelor") && keys.contains("leveled"))
        #expect(keys.contains { $0.hasPrefix("title:") } && keys.contains { $0.hasPrefix("inst:") } && keys.contains("acc:cahiim"))
        #expect(Self.plainTerms.count > 5000, "\(Self.plainTerms.count) text terms of \(keys.count)")
    }

    @Test("fuzzy matches are exactly the text terms within k edits (property)", arguments: [0, 1, 2])
    func fuzzyEqualsBruteForce(maxEdits: Int) {
        var rng = SplitMix64(seed: Self.seed &+ UInt64(maxEdits))
        let letters = Array("aeinorstlc".utf8)
        for trial in 0 ..< 40 {
            var bytes = Array(rng.pick(Self.vocabulary).utf8)
            for _ in 0 ..< rng.below(4) {
                switch rng.below(4) {
                case 0: bytes.insert(rng.pick(letters), at: rng.below(bytes.count + 1))
                case 1 where bytes.count > 1: bytes.remove(at: rng.below(bytes.count))
                case 2: bytes[rng.below(bytes.count)] = rng.pick(letters)
                case 3 where bytes.count >= 2: let i = rng.below(bytes.count - 1); bytes.swapAt(i, i + 1)
                default: break
                }
            }
            let word = trial % 10 == 9 ? rng.pick(["level", "title", "inst", "acc", "cip", "leve", "titl"]) : String(decoding: bytes, as: UTF8.self)
            let (matches, visited) = TermDictionaryWalk(reader: Self.reader).fuzzyMatches(of: word, maxEdits: maxEdits)
            #expect(Set(matches.map { "\($0.term)/\($0.distance)" }) == Self.bruteForceFuzzy(word, maxEdits), "\(word) k=\(maxEdits)")
            #expect(matches.count == Set(matches.map(\.term)).count, "\(word): a term twice")
            #expect(Self.isSorted(matches), "\(word): not sorted by (distance, df desc, term)")
            #expect(matches.allSatisfy { Analyzer.isToken($0.term) && $0.documentFrequency == Self.reader.terms.lookup($0.term)?.documentFrequency })
            #expect(visited <= Self.reader.terms.count)
        }
    }

    @Test("a field or keyword key never matches, even when the word spells it")
    func fieldTermsNeverMatch() {
        let walk = TermDictionaryWalk(reader: Self.reader)
        for word in ["levelbachelor", "level:bachelor", "titlehealth", "title:health", "acc:CAHIIM", "instcollege"] {
            #expect(walk.fuzzyMatches(of: word, maxEdits: 2).matches.allSatisfy { Analyzer.isToken($0.term) }, "\(word)")
        }
        #expect(walk.completions(of: "title:").isEmpty && walk.completions(of: "level:").isEmpty)
        #expect(walk.completions(of: "level", limit: 1000).allSatisfy { Analyzer.isToken($0.term) })
    }

    /// Every two-byte prefix is within 2 edits of the empty prefix, so with k = 2 the walk
    /// must enter each; the pruning shows from the third byte on, and far more with k = 1.
    @Test("long words read a fraction of the dictionary", arguments: [(2, 2), (1, 6)])
    func walkPrunes(maxEdits: Int, fraction: Int) {
        let walk = TermDictionaryWalk(reader: Self.reader)
        var total = 0
        let words = ["bioinfromatics", "informatcs", "admnistration", "biostatistcs", "laboratroy", "sonogrpahy"]
        for word in words {
            let (matches, visited) = walk.fuzzyMatches(of: word, maxEdits: maxEdits)
            #expect(!matches.isEmpty && visited < Self.reader.terms.count / fraction, "\(word): \(visited) of \(Self.reader.terms.count)")
            total += visited
        }
        print("TermDictionaryWalk: \(words.count) words, k = \(maxEdits): \(total / words.count) entries read on average of \(Self.reader.terms.count)")
    }

    @Test("completions are the most frequent longer text terms with the prefix (property)")
    func completionsEqualBruteForce() {
        var rng = SplitMix64(seed: Self.seed ^ 0xC0)
        let walk = TermDictionaryWalk(reader: Self.reader)
        let fixed = ["", "a", "le", "level", "acc", "title", "ins", "5", "zzz", "informatics"]
        for trial in 0 ..< 120 {
            let prefix = trial < fixed.count ? fixed[trial] : String(rng.pick(Self.vocabulary).prefix(rng.below(5)))
            let limit = trial % 7 == 0 ? 5_000 : 1 + rng.below(60)
            let expected = Self.plainTerms.filter { $0.key.hasPrefix(prefix) && $0.key.count > prefix.count }
                .sorted { ($0.documentFrequency, $1.key) > ($1.documentFrequency, $0.key) }.prefix(limit)
            let got = walk.completions(of: prefix, limit: limit)
            #expect(got.map(\.term) == expected.map(\.key), "\"\(prefix)\" limit \(limit)")
            #expect(got.map(\.documentFrequency) == expected.map(\.documentFrequency))
            #expect(got.allSatisfy { $0.distance == $0.term.count - prefix.count })
        }
        #expect(walk.completions(of: "nurs", limit: 0).isEmpty)
    }
}

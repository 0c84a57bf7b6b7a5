import Analysis
import Corpus
import Foundation
import Geo
import IndexFormat
import Search
import Testing

/// Forgiving matching (`TextMatching.forgiving`) against the brute-force reference: the same
/// groups (the reference's vocabulary is a plain scan with the plain edit-distance programme, the
/// engine's a dictionary walk with the automaton), the same relaxation, the same answers.
@Suite("Forgiving matching vs. brute-force reference")
struct ForgivingMatchingTests {
    static let seed: UInt64 = 0xF0_261_1
    static let dictionaryText = """
    him, health information management => health information, medical records
    rhit => health information, medical records ; level=associate
    ehr, emr => medical records
    medical records, health information
    healthcare, health care
    bioinformatics, computational biology
    coding, coder
    nurse, nursing
    rn => registered nursing ; level=bachelor,associate
    """
    static let synonyms = SynonymDictionary.parse(dictionaryText).dictionary
    static let records = TestCorpus.records(count: 6_000, seed: seed)
    static let reader: IndexReader = {
        let path = TestCorpus.temporaryPath("forgiving")
        var writer = IndexWriter(corpusName: "test", isSampleData: true, note: "test corpus", zips: [])
        writer.synonyms = synonyms
        try! writer.write(records, to: path)
        return try! IndexReader(path: path)
    }()
    static let reference = ReferenceEngine(records: records, synonyms: synonyms)

    /// A student-style text: words of an anchor record, some misspelt (one or two edits), the
    /// last sometimes cut short, with dictionary keys, filler words and unknown words mixed in.
    static func text(_ rng: inout SplitMix64) -> String {
        let a = records[rng.below(records.count)]
        let anchor = Analyzer.tokens(a.title + " " + a.description).filter { $0.count >= 3 }
        var words: [String] = (0 ..< 1 + rng.below(3)).map { _ in rng.pick(anchor) }
        for i in words.indices where rng.chance(0.3) && words[i].count >= 5 {
            var w = Array(words[i].utf8)
            for _ in 0 ..< (w.count >= 9 && rng.chance(0.5) ? 2 : 1) {
                let p = rng.below(w.count - 1)
                switch rng.below(4) {
                case 0: w.swapAt(p, p + 1)
                case 1: w.remove(at: p)
                case 2: w.insert(UInt8(0x61 + rng.below(26)), at: p)
                default: w[p] = UInt8(0x61 + rng.below(26))
                }
            }
            words[i] = String(decoding: w, as: UTF8.self)
        }
        if rng.chance(0.3), let last = words.last, last.count > 3 { words[words.count - 1] = String(last.prefix(2 + rng.below(last.count - 2))) }
        if rng.chance(0.25) { words.insert(rng.pick(["him", "rhit", "ehr", "health care", "medical records", "rn", "computational biology", "coder"]), at: rng.below(words.count + 1)) }
        if rng.chance(0.2) { words.insert(rng.pick(["programs", "degree", "near", "in", "the", "masters", "phd", "certificate", "master", "associate"]), at: rng.below(words.count + 1)) }
        if rng.chance(0.1) { words.insert(rng.pick(["zzqx", "qqqqqqq", "xylophonist"]), at: rng.below(words.count + 1)) }
        return words.joined(separator: " ")
    }

    @Test("answers and understandings equal the reference's for 600 seeded student-style queries, every rule exercised")
    func engineMatchesReference() throws {
        let searcher = Searcher(reader: Self.reader)
        var rng = SplitMix64(seed: Self.seed)
        var seen: Set<String> = []
        for i in 0 ..< 600 {
            var q = SearchQuery(text: Self.text(&rng), limit: rng.pick([1, 10, 30]))
            q.matching = .forgiving
            if i % 3 == 1 { q.ranking = .classic }
            if i % 5 == 2 {
                let a = Self.records[rng.below(Self.records.count)]
                q.origin = GeoPoint(latitude: a.latitude, longitude: a.longitude)
                if rng.chance(0.5) { q.radiusMiles = rng.pick([25, 200]) }
            }
            if i % 7 == 3 { q.levels = [rng.pick(AwardLevel.allCases)] }
            let (expected, understanding) = Self.reference.forgivingAnswer(q, text: q.text!)
            let got = try searcher.search(q)
            let context = "query \(i): \"\(q.text!)\" plan \(got.plan)"
            #expect(got.understanding == understanding, "\(context)\n engine \(String(describing: got.understanding))\n reference \(understanding)")
            try DifferentialTests.expectSame(got, expected, context, reader: Self.reader)
            let u = understanding
            for w in u.words {
                for a in w.alternatives {
                    switch a.reason {
                    case .synonym: seen.insert("synonym")
                    case .completion: seen.insert("completion")
                    case let .typo(e): seen.insert("typo\(e)")
                    }
                }
                if w.typed != w.term { seen.insert("phrase") }
            }
            if !u.fillers.isEmpty { seen.insert("filler") }
            if !u.levelWords.isEmpty { seen.insert("levelword") }
            if u.levelWords.contains(where: { ["master", "associate"].contains($0) }) { seen.insert("levelread") }
            if !u.dropped.isEmpty { seen.insert("dropped") }
            if u.appliedImpliedLevels { seen.insert("levels") }
            if !u.suggestions.isEmpty { seen.insert("suggestion") }
            if got.total == 0 { seen.insert("zero") }
        }
        for rule in ["synonym", "completion", "typo1", "typo2", "phrase", "filler", "levelword", "levelread", "dropped", "levels", "suggestion"] {
            #expect(seen.contains(rule), "no query exercised \(rule): \(seen)")
        }
    }

    @Test("a phrase of the dictionary is one term in the index: health care matches healthcare and the words adjacent only")
    func phraseCompounds() throws {
        let searcher = Searcher(reader: Self.reader)
        var q = SearchQuery(text: "health care", limit: 5)
        q.matching = .forgiving
        let got = try searcher.search(q)
        #expect(got.terms == ["healthcare"])
        #expect(got.total == Self.reference.df("healthcare"))
        #expect(Self.reader.terms.lookup("healthcare") != nil)
    }

    @Test("exact matching is a strict AND: no groups, no dropped words, no understanding")
    func exactIsStrict() throws {
        let searcher = Searcher(reader: Self.reader)
        let q = SearchQuery(text: "health zzqx", limit: 5)
        let got = try searcher.search(q)
        #expect(got.total == 0)
        #expect(got.understanding == nil)
        var f = q
        f.matching = .forgiving
        let forgiving = try searcher.search(f)
        #expect(forgiving.total > 0)
        #expect(forgiving.understanding?.dropped == ["zzqx"])
    }
}

/// The rewriter's rules on a tiny vocabulary whose answers are known.
@Suite("QueryRewriter")
struct QueryRewriterTests {
    typealias Vocabulary = BruteForceVocabulary

    let rewriter = QueryRewriter(
        dictionary: SynonymDictionary.parse("rhit => health information ; level=associate\ncybersecurity, cyber security\nhealthcare, health care\n").dictionary,
        vocabulary: Vocabulary(words: ["bioinformatics": 40, "bioinformatic": 2, "informatics": 90, "health": 500, "information": 400,
                                       "healthinformation": 30, "cybersecurity": 12, "nursing": 300, "nurse": 200, "nursery": 5,
                                       "healthcare": 80, "care": 100]))

    @Test("a word the index holds is taken as typed; one it does not hold matches its closest spellings, sharing the most frequent one's count")
    func typos() {
        let u = rewriter.understand("bioinfromatics nursing")
        #expect(u.words.map(\.term) == ["bioinfromatics", "nursing"])
        #expect(u.words[0].alternatives == [.init(term: "bioinformatics", weight: 0.6, reason: .typo(edits: 1), scoringDocumentFrequency: 40)])
        #expect(u.words[1].alternatives.isEmpty)
        // Under 5 letters no typo is allowed.
        #expect(rewriter.understand("nurz health").words[0].isUnknown)
        // Measured from the typed form too: "informatcs" is 1 edit from informatics, though its
        // analyzed form (plural reduced) "informatc" is 2.
        let v = rewriter.understand("informatcs")
        #expect(v.words[0].typed == "informatcs")
        #expect(v.words[0].alternatives.map(\.term) == ["informatics"])
        #expect(v.words[0].alternatives.map(\.reason) == [.typo(edits: 1)])
    }

    @Test("the last word, when the index does not hold it, completes to its most frequent completions")
    func prefix() {
        let u = rewriter.understand("health nurs")
        #expect(u.words[1].alternatives.map(\.term) == ["nursing", "nurse", "nursery"])
        // A phrase's compound whose first word is also a completion adds nothing.
        let withPhrase = QueryRewriter(dictionary: SynonymDictionary.parse("nursing practice, dnp\n").dictionary,
                                       vocabulary: Vocabulary(words: ["nursing": 300, "nursingpractice": 20, "nursery": 5]))
        #expect(withPhrase.understand("nurs").words[0].alternatives.map(\.term) == ["nursing", "nursery"])
        // Every completion scores with the most frequent one's count: nursery is not boosted for being rare.
        #expect(u.words[1].alternatives.allSatisfy { $0.reason == .completion && $0.weight == 0.8 && $0.scoringDocumentFrequency == 300 })
        // Two letters complete to nothing (too many completions to mean anything).
        #expect(rewriter.understand("health nu").words[1].isUnknown)
        // Not the last word: no completion, and too short for a typo.
        #expect(rewriter.understand("nurs health").words[0].isUnknown)
    }

    @Test("phrases become their compound; synonyms and implied levels come from the dictionary")
    func phrasesAndSynonyms() {
        let u = rewriter.understand("cyber security RHIT")
        #expect(u.words.map(\.term) == ["cybersecurity", "rhit"])
        // A word the dictionary knows is not respelled or completed ("rhit" is no misspelling).
        #expect(u.words[0].typed == "cyber security")
        // Synonyms score with the largest count of the word's (0 here) and theirs.
        #expect(u.words[1].alternatives == [.init(term: "healthinformation", weight: 0.9, reason: .synonym, scoringDocumentFrequency: 30)])
        #expect(u.impliedLevels == ["associate"])
    }

    @Test("level words become implied levels, left out of the words")
    func levelWords() {
        let u = rewriter.understand("nursing masters")
        #expect(u.words.map(\.term) == ["nursing"])
        #expect(u.levelWords == ["masters"] && u.impliedLevels == ["master"])
        // "master" alone names programs (Master Gardener): it stays a word.
        #expect(rewriter.understand("nursing master").words.count == 2)
    }

    @Test("filler words are left out unless nothing else is left")
    func fillers() {
        let u = rewriter.understand("nursing programs near the")
        #expect(u.words.map(\.term) == ["nursing"])
        #expect(u.fillers == ["program", "near", "the"])
        #expect(rewriter.understand("programs").words.count == 1)
    }

    @Test("an unknown word gets did-you-mean suggestions within 1 edit (up to 3 letters) or 2")
    func suggestions() {
        let u = rewriter.understand("hlth nursing")
        #expect(u.words[0].isUnknown)
        #expect(u.suggestions.map(\.word) == ["hlth"])
        #expect(u.suggestions[0].terms == ["health"])
        #expect(rewriter.understand("zzz nursing").suggestions[0].terms == [])
        let v = rewriter.understand("nurze")
        // 5 letters: one typo is allowed, so "nurse" is an alternative, not a suggestion.
        #expect(v.words[0].alternatives.map(\.term) == ["nurse"])
        #expect(v.suggestions.isEmpty)
        let w = rewriter.understand("hea")
        // healthcare and healthinformation are phrases whose first word, health, is found too.
        #expect(w.words[0].alternatives.map(\.term) == ["health"])
    }
}

import Analysis
import Testing

/// A tiny seeded generator (SplitMix64's constants) so failures reproduce; Analysis has no Corpus.
private struct SeededBytes {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    mutating func word(length: Int, alphabet: Int) -> [UInt8] { (0 ..< length).map { _ in UInt8(0x61 + below(alphabet)) } }

    /// `word` after `edits` random insertions, deletions, substitutions or adjacent transpositions.
    mutating func mutate(_ word: [UInt8], edits: Int, alphabet: Int) -> [UInt8] {
        var w = word
        for _ in 0 ..< edits {
            switch below(4) {
            case 0: w.insert(UInt8(0x61 + below(alphabet)), at: below(w.count + 1))
            case 1 where !w.isEmpty: w.remove(at: below(w.count))
            case 2 where !w.isEmpty: w[below(w.count)] = UInt8(0x61 + below(alphabet))
            case 3 where w.count >= 2: let i = below(w.count - 1); w.swapAt(i, i + 1)
            default: break
            }
        }
        return w
    }
}

@Suite("LevenshteinAutomaton")
struct LevenshteinAutomatonTests {
    static func feed(_ automaton: LevenshteinAutomaton, _ bytes: [UInt8]) -> LevenshteinAutomaton.State {
        bytes.reduce(automaton.start) { automaton.step($0, $1) }
    }

    @Test("examples from the typo rule")
    func examples() {
        let informatics = LevenshteinAutomaton(word: Array("informatics".utf8), maxEdits: 2)
        #expect(informatics.distance(to: "informatcs".utf8) == 1)
        #expect(informatics.distance(to: "informatics".utf8) == 0)
        #expect(informatics.distance(to: "infromatcs".utf8) == 2)
        #expect(informatics.distance(to: "informatic".utf8) == 1)
        #expect(informatics.distance(to: "information".utf8) == 2) // c→o, s→n
        #expect(informatics.distance(to: "informant".utf8) == nil)   // 3 edits
        let bio = LevenshteinAutomaton(word: Array("bioinformatics".utf8), maxEdits: 1)
        #expect(bio.distance(to: "bioinfromatics".utf8) == 1)
        let exact = LevenshteinAutomaton(word: Array("nursing".utf8), maxEdits: 0)
        #expect(exact.distance(to: "nursing".utf8) == 0)
        #expect(exact.distance(to: "nursinf".utf8) == nil)
        #expect(!exact.canMatch(Self.feed(exact, Array("nurt".utf8))))
        #expect(exact.canMatch(Self.feed(exact, Array("nurs".utf8))))
        // OSA, not full Damerau–Levenshtein: "ca" → "abc" is 3.
        #expect(LevenshteinAutomaton(word: Array("abc".utf8), maxEdits: 2).distance(to: "ca".utf8) == nil)
        #expect(LevenshteinAutomaton(word: Array("abc".utf8), maxEdits: 3).distance(to: "ca".utf8) == 3)
    }

    @Test("the empty word matches short candidates only")
    func emptyWord() {
        let a = LevenshteinAutomaton(word: [], maxEdits: 2)
        #expect(a.distance(a.start) == 0)
        #expect(a.distance(to: "ab".utf8) == 2)
        #expect(a.distance(to: "abc".utf8) == nil)
        #expect(!a.canMatch(Self.feed(a, Array("abc".utf8))))
    }

    /// For every prefix p of every candidate: `distance` is OSA(p, word) when ≤ k else nil, and
    /// `canMatch` is true exactly when some prefix of the word is within k of p (then p + the rest
    /// of the word matches; else no continuation does) — in particular whenever the candidate
    /// itself matches. Small alphabets make near misses and repeated letters common.
    @Test("agrees with the OSA dynamic programme on random near misses (property)", arguments: [0, 1, 2, 3])
    func agreesWithReference(maxEdits: Int) {
        var rng = SeededBytes(state: 0xA11CE + UInt64(maxEdits))
        var matched = 0, pruned = 0
        for trial in 0 ..< 1500 {
            let alphabet = 2 + rng.below(3)
            let word = rng.word(length: rng.below(10), alphabet: alphabet)
            let automaton = LevenshteinAutomaton(word: word, maxEdits: maxEdits)
            let candidate = trial % 4 == 3 ? rng.word(length: rng.below(12), alphabet: alphabet)
                                           : rng.mutate(word, edits: rng.below(4), alphabet: alphabet)
            let whole = EditDistance.optimalStringAlignment(candidate, word)
            var state = automaton.start
            for i in 0 ... candidate.count {
                if i > 0 { state = automaton.step(state, candidate[i - 1]) }
                let prefix = candidate[..<i]
                let d = EditDistance.optimalStringAlignment(prefix, word)
                #expect(automaton.distance(state) == (d <= maxEdits ? d : nil),
                        "word \(String(decoding: word, as: UTF8.self)) prefix \(String(decoding: prefix, as: UTF8.self)) k \(maxEdits)")
                let reachable = (0 ... word.count).contains { EditDistance.optimalStringAlignment(prefix, word[..<$0]) <= maxEdits }
                #expect(automaton.canMatch(state) == reachable,
                        "word \(String(decoding: word, as: UTF8.self)) prefix \(String(decoding: prefix, as: UTF8.self)) k \(maxEdits)")
                if whole <= maxEdits { #expect(automaton.canMatch(state)) }
                if !reachable { pruned += 1 }
            }
            #expect(automaton.distance(to: candidate) == (whole <= maxEdits ? whole : nil))
            if whole <= maxEdits { matched += 1 }
        }
        // The mix exercises both outcomes.
        #expect(matched > 200 && pruned > 100, "matched \(matched), pruned prefixes \(pruned)")
    }

    @Test("a state that cannot match stays so")
    func deadStaysDead() {
        var rng = SeededBytes(state: 7)
        for _ in 0 ..< 500 {
            let word = rng.word(length: 1 + rng.below(8), alphabet: 3)
            let automaton = LevenshteinAutomaton(word: word, maxEdits: rng.below(3))
            var state = automaton.start, dead = false
            for byte in rng.word(length: 14, alphabet: 3) {
                state = automaton.step(state, byte)
                if dead { #expect(!automaton.canMatch(state) && automaton.distance(state) == nil) }
                dead = dead || !automaton.canMatch(state)
            }
        }
    }
}

@Suite("LevenshteinAutomaton: live bytes")
struct LevenshteinAutomatonLiveByteTests {
    @Test("smallestLiveByte is the least byte ≥ the bound whose step can match (property)", arguments: [0, 1, 2, 3])
    func smallestLiveByte(maxEdits: Int) {
        var rng = SeededBytes(state: 0xB17E + UInt64(maxEdits))
        for _ in 0 ..< 300 {
            let word = rng.word(length: rng.below(9), alphabet: 4)
            let automaton = LevenshteinAutomaton(word: word, maxEdits: maxEdits)
            var state = automaton.start
            for byte in rng.mutate(word, edits: rng.below(4), alphabet: 5) + [0x61] {
                for lowest in [0, 0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0xFF, 0x100] {
                    let expected = lowest > 255 ? nil : (lowest ... 255).first { automaton.canMatch(automaton.step(state, UInt8($0))) }.map(UInt8.init)
                    #expect(automaton.smallestLiveByte(after: state, atLeast: lowest) == expected,
                            "word \(String(decoding: word, as: UTF8.self)) k \(maxEdits) lowest \(lowest)")
                }
                state = automaton.step(state, byte)
            }
        }
    }
}

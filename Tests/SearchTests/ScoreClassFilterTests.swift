import Analysis
import Corpus
import IndexFormat
@testable import Search
import Testing

/// The class filter must never drop a document that reaches the threshold (else the dense scan
/// would miss a hit), and must drop most of those that cannot (else it does no work).
@Suite("Score class filter")
struct ScoreClassFilterTests {
    static let reader = DifferentialTests.reader

    /// The dense text words of the test index with their repeated data.
    static let denseWords: [String] = (0 ..< reader.terms.count).compactMap { i in
        guard let info = reader.terms.termInfo(at: i), info.hasBitmaps, info.hasFrequencies, let key = reader.terms.termString(at: i) else { return nil }
        return key
    }

    /// A query's scored words as `Searcher` builds them, with the cursors that must outlive them.
    static func scored(_ words: [String], scorer: BM25) throws -> (terms: [ScoredTerm], owners: [PostingsCursor]) {
        var terms: [ScoredTerm] = [], owners: [PostingsCursor] = []
        for w in words {
            let info = try #require(reader.terms.lookup(w))
            let cursor = try #require(reader.terms.cursor(info))
            owners.append(cursor)
            let bitmaps: TermBitmaps = try #require(reader.terms.bitmaps(info))
            terms.append(ScoredTerm(cursor: Unmanaged.passUnretained(cursor),
                                    weight: scorer.termWeight(documentFrequency: info.documentFrequency, documentCount: reader.documentCount),
                                    bitmaps: bitmaps, maxFrequency: info.maxFrequency))
        }
        return (terms, owners)
    }

    @Test("every document whose exact score reaches a rising threshold passes, at least or above it; most below it do not (property)")
    func neverDropsAReachingDocument() throws {
        let reader = Self.reader
        let scorer = BM25(averageDocumentLength: reader.averageDocumentLength)
        // Words that repeat (two classes) and words that never do.
        let rich = ["health", "information", "medical", "data", "management", "records", "technology", "and", "sample", "program"]
            .filter(Self.denseWords.contains)
        #expect(rich.count >= 8)
        var rng = SplitMix64(seed: 0xF11)
        var checked = 0, reaching = 0, passedBelow = 0, below = 0
        for trial in 0 ..< 70 {
            // 1 to 7 words: seven repeated words need more than six slices, so the last gets one class.
            var words: [String] = []
            while words.count < 1 + trial % 7 {
                let w = trial % 3 == 0 ? rng.pick(Self.denseWords) : rng.pick(rich)
                if !words.contains(w) { words.append(w) }
            }
            guard let r = try Self.verify(words, scorer: scorer, rng: &rng) else { continue }
            reaching += r.reaching
            below += r.below
            passedBelow += r.passedBelow
            checked += 1
        }
        #expect(checked >= 40 && reaching > 1000)
        // Not a filter that passes everything: most documents that cannot reach are dropped.
        #expect(passedBelow * 4 < below, "passed \(passedBelow) of \(below) documents below the threshold")
    }

    @Test("seven repeated words: six get two classes, the seventh one (64 combinations), and no reaching document is dropped")
    func moreRepeatedWordsThanSlices() throws {
        let scorer = BM25(averageDocumentLength: Self.reader.averageDocumentLength)
        // The repeated dense words, commonest first, so that seven of them share documents.
        let repeated = Self.denseWords.filter { w in Self.reader.terms.lookup(w).flatMap { Self.reader.terms.bitmaps($0) }?.repeated != nil }
            .sorted { Self.reader.terms.lookup($0)!.documentFrequency > Self.reader.terms.lookup($1)!.documentFrequency }
        #expect(repeated.count >= 7)
        var rng = SplitMix64(seed: 0x7777)
        let r = try #require(try Self.verify(Array(repeated.prefix(7)), scorer: scorer, rng: &rng, minimumMatches: 2),
                             "\(repeated.prefix(7)) share too few documents")
        #expect(r.combinations == 64 && r.reaching > 0)
    }

    /// Checks the filter for `words` (dense text terms) against exact scores over the documents
    /// holding them all, at rising thresholds (some drawn with `rng`), at least and above each;
    /// `nil` when fewer than `minimumMatches` documents hold them all.
    static func verify(_ words: [String], scorer: BM25, rng: inout SplitMix64, minimumMatches: Int = 10) throws
        -> (reaching: Int, below: Int, passedBelow: Int, combinations: Int)? {
        let reader = Self.reader
        var reaching = 0, passedBelow = 0, below = 0, combinations = 0
        let (terms, owners) = try Self.scored(words, scorer: scorer)
        // The documents holding every word, with their exact scores as `exactScore` sums them.
        let bitmaps = terms.map { $0.bitmaps! }
        var scores: [Int: Double] = [:]
        for w in 0 ..< bitmaps[0].words {
            var bits = bitmaps.reduce(~UInt64(0)) { $0 & $1.presentWord(w) }
            while bits != 0 {
                let d = w * 64 + bits.trailingZeroBitCount
                bits &= bits - 1
                let record = try reader.record(d)
                let tokens = Analyzer.tokens(record.title) + Analyzer.tokens(record.description) + Analyzer.tokens(record.institutionName)
                let norm = scorer.documentNorm(length: reader.rows.field(d, .length))
                var score = 0.0
                for (t, word) in words.enumerated() {
                    let f = UInt32(tokens.reduce(0) { $0 + ($1 == word ? 1 : 0) })
                    score += scorer.score(frequency: f, norm: norm, weight: terms[t].weight)
                }
                scores[d] = score
            }
        }
        guard scores.count >= minimumMatches else { return nil }
        // Rising thresholds: scores of real documents (ties included), the one just below
        // the top ten, and values between scores.
        let distinct = Set(scores.values).sorted()
        var thresholds = (0 ..< 6).map { _ in distinct[rng.below(distinct.count)] }
        thresholds.append(scores.values.sorted(by: >)[min(9, scores.count - 1)])
        thresholds.append(distinct[rng.below(distinct.count)].nextUp)
        thresholds.sort()
        let table = ScoreTable(scored: terms, scorer: scorer)
        for above in [false, true] {
            let filter = ScoreClassFilter(scored: terms, table: table, reader: reader)
            combinations = filter.combinations
            for threshold in thresholds {
                for w in 0 ..< bitmaps[0].words {
                    let bits = bitmaps.reduce(~UInt64(0)) { $0 & $1.presentWord(w) }
                    if bits == 0 { continue }
                    let passing = filter.candidates(bits, word: w, threshold: threshold, above: above)
                    #expect(passing & ~bits == 0, "\(words): a document outside the AND passed")
                    var rest = bits
                    while rest != 0 {
                        let bit = rest.trailingZeroBitCount
                        rest &= rest - 1
                        let score = scores[w * 64 + bit]!
                        let passed = (passing >> UInt64(bit)) & 1 != 0
                        if above ? score > threshold : score >= threshold {
                            reaching += 1
                            #expect(passed, "\(words) threshold \(threshold) above \(above): document \(w * 64 + bit) scores \(score)")
                        } else {
                            below += 1
                            if passed { passedBelow += 1 }
                        }
                    }
                }
            }
        }
        withExtendedLifetime(owners) {}
        return (reaching, below, passedBelow, combinations)
    }
}

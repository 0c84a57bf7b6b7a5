import IndexFormat

/// Relevance order when every clause is dense and every scored word is a dense text word: the
/// scan that answers the frequent-word queries (`Searcher`, step 4).
///
/// Every document of the clauses' AND is counted (by popcount; within a radius, by its exact
/// distance). Documents are then scored only when they can still enter the top k:
/// 1. 64 documents whose words' best documents (`Index/FORMAT.md`, "Best documents") add up to
///    less than the k-th score are skipped whole, while that bound keeps paying off.
/// 2. `ScoreClassFilter` keeps, 64 at a time, the documents whose score bound — from which
///    frequency class each word is in and the document's length — reaches the k-th score.
/// 3. Those are scored exactly from tables and offered to the collector.
/// Nothing is decoded: a word's frequency class is read from its Repeated bitmap, its
/// exact frequency from the repeated-frequency bytes, and the length from LENGTHS.
extension Execution {
    /// Falls back to `run` unless every scored word is dense.
    mutating func runDenseByRelevance(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        // Built once per query and shared by its ranges (a radius gives hundreds).
        if denseScan == nil {
            guard scored.allSatisfy({ $0.bitmaps != nil }) else { run(range); return } // not all dense text words
            if exactScoring == nil { exactScoring = ExactScoring(scored: scored, scorer: scorer) }
            let words = exactScoring.unsafelyUnwrapped
            denseScan = DenseScanState(words: words, scored: scored,
                                       filter: ScoreClassFilter(scored: scored, table: words.table, reader: reader))
        }
        let state = denseScan.unsafelyUnwrapped
        scanDenseByRelevance(range, state: state, lanes: state.words.lanes)
    }

    /// The lowest score that can still enter the full collector: its worst, less a relative
    /// 1e-12 so a score computed in another order is never dropped by a rounding difference.
    @inline(__always)
    private func scoreFloor() -> Double {
        guard collector.isFull, let worst = collector.worst else { return -.infinity }
        return worst.primary - abs(worst.primary) * 1e-12
    }

    private mutating func scanDenseByRelevance(_ range: Range<Int>, state: DenseScanState,
                                               lanes: UnsafeMutableBufferPointer<RepeatedFrequencyCursor>) {
        let m = lanes.count
        let table = state.words.table, filter = state.filter
        var floor = scoreFloor() // scores below it cannot enter the collector
        // For one word, its best document per 64 (`Index/FORMAT.md`, "Best documents") is the
        // exact largest score among them, when this scorer agrees with the index's choice: 64
        // documents whose best scores below the k-th are skipped whole. Several words rarely share
        // a best document; their frequency classes and lengths bound them more cheaply
        // (`ScoreClassFilter`). Once the bound has skipped fewer than 1 word in 8 of the first 256
        // tried, it is not computed again for this range.
        let best = state.best, present = state.present
        var byBest = m == 1 && best != nil && present != nil
            && scorer.agreesWithBestDocuments(averageDocumentLength: reader.averageDocumentLength)
        var bestTried = 0, bestSkipped = 0
        for i in [DenseClause].words(of: range) {
            var bits = dense.conjunctionWord(i, within: range)
            if bits == 0 { continue }
            if let radius, let origin, !rangeInside {
                // Count what lies within the radius (exact distance, cached per institution).
                var inside: UInt64 = 0, rest = bits
                while rest != 0 {
                    let bit = rest.trailingZeroBitCount
                    rest &= rest &- 1
                    guard let distance = self.distance((i << 6) | bit, from: origin) else { corrupt = true; return }
                    if distance <= radius { inside |= 1 << UInt64(bit) }
                }
                bits = inside
            }
            total += bits.nonzeroBitCount
            if collector.capacity == 0 || bits == 0 { continue }
            var entered = false
            if collector.isFull, let worst = collector.worst {
                // Without a point every secondary key is 0, so when every rank among these 64 is
                // above the k-th hit's, a document enters only with a score above the k-th.
                let strict = origin == nil && reader.rows.minimumRank(word: i) > worst.rank
                if byBest, let best, let present {
                    // No document here scores above the word's best document (`BM25Impact`).
                    lanes[0].enter(word: i)
                    entered = true
                    let bit = Int(best.load(fromByteOffset: i, as: UInt8.self))
                    // The word holds a document here (the AND has one), so its best one is present.
                    guard bit < 64, (present.load(fromByteOffset: i &* 8, as: UInt64.self) >> UInt64(bit)) & 1 != 0 else {
                        corrupt = true; return
                    }
                    var f = lanes[0].frequency(bit: bit)
                    if f == 0 { corrupt = true; return }
                    if f >= 255 {
                        guard let stored = Self.frequency(of: UInt32((i << 6) | bit), in: scored[0].cursor) else { corrupt = true; return }
                        f = stored
                    }
                    let bound = table.term(0, frequency: f, length: reader.rows.length((i << 6) | bit))
                    bestTried += 1
                    if bound < worst.primary || (strict && bound <= worst.primary) { bestSkipped += 1; continue }
                    if bestTried == 256, bestSkipped * 8 < bestTried { byBest = false }
                }
                bits = filter.candidates(bits, word: i, threshold: strict ? worst.primary : floor, above: strict)
                if bits == 0 { continue }
            }
            if !entered { for t in 0 ..< m { lanes[t].enter(word: i) } }
            let base = i << 6
            while bits != 0 {
                let bit = bits.trailingZeroBitCount
                bits &= bits &- 1
                let d = base | bit
                let length = reader.rows.length(d)
                var score = 0.0
                for t in 0 ..< m {
                    var f = lanes[t].frequency(bit: bit)
                    if f == 0 { corrupt = true; return }
                    if f >= 255 {
                        // Saturated: the exact frequency is in the overflow table (through the cursor).
                        guard let stored = Self.frequency(of: UInt32(d), in: scored[t].cursor) else { corrupt = true; return }
                        f = stored
                    }
                    score += table.term(t, frequency: f, length: length)
                }
                if score < floor { continue }
                offer(UInt32(d), score: score, distance: nil)
                floor = scoreFloor()
            }
        }
    }
}

/// Per-query scores for the dense relevance scan: `term` is one word's score at a frequency and
/// length, cached on first use. Every value is what `scorer` gives (same function, same
/// arguments), and callers sum them in the order of `Execution.exactScore`, so scores are
/// bit-identical to it.
struct ScoreTable {
    static let size = 256
    /// At most this many frequency rows (0 ..< 16) are cached per word.
    static let cachedFrequencies = 16
    private let weights: [Double]
    private let scorerNorm: (UInt32) -> Double
    private let scorerScore: (UInt32, Double, Double) -> Double
    /// Per word × frequency × length: word `t`'s score, filled on first use (NaN until then).
    private let termScores: DoubleCache
    /// Frequencies below this have a cached per-word score (at most `cachedFrequencies`).
    private let cachedRows: Int

    /// Queries of more words than this cache nothing (16 KB per cached word).
    static let cachedWords = 64

    init<Scorer: RelevanceScorer>(scored: [ScoredTerm], scorer: Scorer) {
        weights = scored.map(\.weight)
        scorerNorm = { scorer.documentNorm(length: $0) }
        scorerScore = { scorer.score(frequency: $0, norm: $1, weight: $2) }
        // Rows for frequencies 0 ..< cachedRows: no word of this query goes higher (most stop at 2–5).
        cachedRows = scored.count > Self.cachedWords ? 0
            : min(Self.cachedFrequencies, Int(min(scored.map(\.maxFrequency).max() ?? 0, 255)) + 1)
        termScores = DoubleCache(count: scored.count * cachedRows * Self.size)
    }

    /// Word `t`'s score at frequency `f` and `length`.
    @inline(__always) func term(_ t: Int, frequency f: UInt32, length: UInt32) -> Double {
        guard f < cachedRows, length < Self.size else { return scorerScore(f, scorerNorm(length), weights[t]) }
        let i = (t &* cachedRows &+ Int(f)) &* Self.size &+ Int(length)
        let cached = termScores.values[i]
        if !cached.isNaN { return cached }
        let v = scorerScore(f, scorerNorm(length), weights[t])
        termScores.values[i] = v
        return v
    }
}

/// What `Execution.exactScore` needs per query: per scored word its repeated-frequency reader
/// (a dense word's frequency from bits and one byte), its cursor (a sparse word's frequency, or
/// a dense word's saturated one), and the score table. Built on the first exact score.
final class ExactScoring {
    /// The per-word buffers, as a plain value the per-document scoring copies without a retain
    /// (valid while this object lives: it frees them).
    let view: View
    let table: ScoreTable
    var count: Int { view.count }
    var lanes: UnsafeMutableBufferPointer<RepeatedFrequencyCursor> { view.lanes }
    var dense: UnsafeMutablePointer<Bool> { view.dense }
    var cursors: UnsafeMutablePointer<Unmanaged<PostingsCursor>> { view.cursors }

    init<Scorer: RelevanceScorer>(scored: [ScoredTerm], scorer: Scorer) {
        view = View(scored: scored)
        table = ScoreTable(scored: scored, scorer: scorer)
    }

    deinit { view.deallocate() }

    /// Per scored word: its repeated-frequency reader, whether it is dense, its cursor, and for
    /// the fields ranking its idf and its title and institution lists (unretained: the
    /// searcher's owners keep them).
    struct View {
        let count: Int
        let lanes: UnsafeMutableBufferPointer<RepeatedFrequencyCursor>
        let dense: UnsafeMutablePointer<Bool>
        let cursors: UnsafeMutablePointer<Unmanaged<PostingsCursor>>
        let idfs: UnsafeMutablePointer<Double>
        let titleLists: UnsafeMutablePointer<Unmanaged<FieldFrequencyList>?>
        let institutionLists: UnsafeMutablePointer<Unmanaged<FieldFrequencyList>?>
        /// Per word, its title list's Present words when that list is dense (`nil`: no title
        /// list, or a sparse one, read through `titleLists`), and that list's repeated-frequency
        /// reader: the per-document title frequency read inline, without reaching the list object.
        let titlePresent: UnsafeMutablePointer<UnsafeRawPointer?>
        let titleLanes: UnsafeMutablePointer<RepeatedFrequencyCursor>

        init(scored: [ScoredTerm]) {
            count = scored.count
            func buffer<T>(_ values: [T]) -> UnsafeMutablePointer<T> {
                let b = UnsafeMutablePointer<T>.allocate(capacity: max(1, values.count))
                b.initialize(from: values, count: values.count)
                return b
            }
            lanes = UnsafeMutableBufferPointer(start: buffer(scored.map { $0.bitmaps.flatMap(RepeatedFrequencyCursor.init) ?? RepeatedFrequencyCursor() }),
                                               count: count)
            dense = buffer(scored.map { $0.bitmaps != nil })
            cursors = buffer(scored.map(\.cursor))
            idfs = buffer(scored.map(\.idf))
            titleLists = buffer(scored.map { $0.titleList.map(Unmanaged.passUnretained) })
            institutionLists = buffer(scored.map { $0.institutionList.map(Unmanaged.passUnretained) })
            titlePresent = buffer(scored.map { $0.titleList?.bitmaps.map { UnsafeRawPointer($0.present.base) } })
            titleLanes = buffer(scored.map { $0.titleList?.bitmaps.flatMap(RepeatedFrequencyCursor.init) ?? RepeatedFrequencyCursor() })
        }

        func deallocate() {
            lanes.deinitialize()
            lanes.deallocate()
            dense.deallocate()
            cursors.deallocate()
            idfs.deallocate()
            titleLists.deallocate()
            institutionLists.deallocate()
            titlePresent.deallocate()
            titleLanes.deinitialize(count: count)
            titleLanes.deallocate()
        }
    }
}

/// Storage for `ScoreTable`'s cache: a per-query buffer of NaN-initialised doubles.
final class DoubleCache {
    let values: UnsafeMutablePointer<Double>
    init(count: Int) {
        values = .allocate(capacity: max(1, count))
        values.initialize(repeating: .nan, count: max(1, count))
    }
    deinit { values.deallocate() }
}

/// Per-query state of the dense relevance scan, shared by the ranges of one query: the query's
/// frequency readers and score table (`ExactScoring`; the readers carry their rank from word to
/// word), for a one-word query its best-document bytes and present bitmap, and the class filter.
final class DenseScanState {
    let words: ExactScoring
    let best: UnsafeRawPointer?
    let present: UnsafeRawPointer?
    let filter: ScoreClassFilter

    init(words: ExactScoring, scored: [ScoredTerm], filter: ScoreClassFilter) {
        self.words = words
        best = scored.count == 1 ? scored[0].bitmaps?.best?.base : nil
        present = scored.count == 1 ? scored[0].bitmaps?.present.base : nil
        self.filter = filter
    }
}

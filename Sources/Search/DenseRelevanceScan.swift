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
/// Nothing is decoded: a word's frequency class is read from its Repeated and tier bitmaps, its
/// exact frequency from the repeated-frequency bytes, and the length from LENGTHS.
extension Execution {
    /// Falls back to `run` unless every scored word is dense.
    mutating func runDenseByRelevance(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        // Built once per query and shared by its ranges (a radius gives hundreds).
        if denseScan == nil {
            let lanes = scored.compactMap { $0.bitmaps.flatMap(RepeatedFrequencyCursor.init) }
            guard lanes.count == scored.count else { run(range); return } // not all dense text words
            if exactScoring == nil { exactScoring = ExactScoring(scored: scored, scorer: scorer) }
            let table = exactScoring.unsafelyUnwrapped.table
            denseScan = DenseScanState(lanes: lanes, scored: scored, table: table,
                                       filter: ScoreClassFilter(scored: scored, table: table, reader: reader))
        }
        let state = denseScan.unsafelyUnwrapped
        scanDenseByRelevance(range, state: state, lanes: state.lanes)
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
        let table = state.table, filter = state.filter
        var floor = scoreFloor() // scores below it cannot enter the collector
        // Best documents per 64 skip whole words when this scorer agrees with them. For one word
        // the bound is its best document's exact score; several words rarely share a best
        // document, and their frequency classes and pair lengths bound them more cheaply
        // (`ScoreClassFilter`). Once the bound has skipped fewer than 1 word in 8 of the first
        // 256 tried, it is not computed again for this range.
        let best = state.best, presents = state.presents
        var byBest = m == 1 && best.count == m && presents.count == m
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
                let strict = origin == nil && reader.minimumRank(word: i) > worst.rank
                if byBest {
                    // The best-document bound: no document here scores above the sum of each
                    // word's best document's score (`BM25Impact`), summed as `exactScore` sums.
                    for t in 0 ..< m { lanes[t].enter(word: i) }
                    entered = true
                    var bound = 0.0
                    for t in 0 ..< m {
                        let bit = Int(best[t].load(fromByteOffset: i, as: UInt8.self))
                        // The word holds a document here (the AND has one), so its best one is present.
                        guard bit < 64, (presents[t].load(fromByteOffset: i &* 8, as: UInt64.self) >> UInt64(bit)) & 1 != 0 else {
                            corrupt = true; return
                        }
                        var f = lanes[t].frequency(bit: bit)
                        if f == 0 { corrupt = true; return }
                        if f >= 255 {
                            guard let stored = Self.frequency(of: UInt32((i << 6) | bit), in: scored[t].cursor) else { corrupt = true; return }
                            f = stored
                        }
                        bound += table.term(t, frequency: f, length: reader.documentLength((i << 6) | bit))
                    }
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
                let length = reader.documentLength(d)
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
    let cachedRows: Int
    /// The cache (`cachedRows` rows of `size` lengths per word), for callers that read it
    /// directly and call `term` on a miss.
    var cache: UnsafeMutablePointer<Double> { termScores.values }

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
    let count: Int
    let lanes: UnsafeMutableBufferPointer<RepeatedFrequencyCursor>
    let dense: UnsafeMutablePointer<Bool>
    let cursors: UnsafeMutablePointer<Unmanaged<PostingsCursor>>
    let table: ScoreTable
    private let cache: UnsafeMutablePointer<Double>
    private let cachedRows: Int

    init<Scorer: RelevanceScorer>(scored: [ScoredTerm], scorer: Scorer) {
        count = scored.count
        lanes = .allocate(capacity: max(1, count))
        _ = lanes.initialize(from: scored.map { $0.bitmaps.flatMap(RepeatedFrequencyCursor.init) ?? RepeatedFrequencyCursor() })
        dense = .allocate(capacity: max(1, count))
        dense.initialize(from: scored.map { $0.bitmaps != nil }, count: count)
        cursors = .allocate(capacity: max(1, count))
        cursors.initialize(from: scored.map(\.cursor), count: count)
        table = ScoreTable(scored: scored, scorer: scorer)
        cache = table.cache
        cachedRows = table.cachedRows
    }

    /// `table.term(t, frequency: f, length: length)`, read from its cache without copying the table.
    @inline(__always)
    func term(_ t: Int, frequency f: UInt32, length: UInt32) -> Double {
        if f < cachedRows && length < ScoreTable.size {
            let cached = cache[(t &* cachedRows &+ Int(f)) &* ScoreTable.size &+ Int(length)]
            if !cached.isNaN { return cached }
        }
        return table.term(t, frequency: f, length: length)
    }

    deinit {
        lanes.deinitialize()
        lanes.deallocate()
        dense.deallocate()
        cursors.deallocate()
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

/// Per-query state of the dense relevance scan, shared by the ranges of one query: each scored
/// word's repeated-frequency reader (which carries its rank from word to word), its best-document
/// bytes and present bitmap, the score table and the class filter.
final class DenseScanState {
    let lanes: UnsafeMutableBufferPointer<RepeatedFrequencyCursor>
    let best: [UnsafeRawPointer]
    let presents: [UnsafeRawPointer]
    let table: ScoreTable
    let filter: ScoreClassFilter

    init(lanes: [RepeatedFrequencyCursor], scored: [ScoredTerm], table: ScoreTable, filter: ScoreClassFilter) {
        self.lanes = .allocate(capacity: lanes.count)
        _ = self.lanes.initialize(from: lanes)
        best = scored.compactMap { $0.bitmaps?.best?.base }
        presents = scored.compactMap { $0.bitmaps?.present.base }
        self.table = table
        self.filter = filter
    }

    deinit {
        lanes.deinitialize()
        lanes.deallocate()
    }
}

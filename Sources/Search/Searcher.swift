import Analysis
import Corpus
import Geo
import IndexFormat

/// Answers queries on one open index. Immutable and `Sendable`: any number of threads may call
/// `search` at once; all per-query state lives on the calling thread.
///
/// Execution:
/// 1. Text tokens and filter values become required clauses (postings, or unions for "any of").
///    A term missing from the dictionary ends the query with no matches. A clause whose lists
///    all have bitmaps (dense terms, see `Index/FORMAT.md`) is a `DenseClause`: a bit test.
/// 2. A radius turns into document ranges: the grid cells that can hold a point within the
///    radius (`GeoGrid.keyIntervals`, then each cell's distance lower bound), mapped through
///    the CELLS table to contiguous documents. A range of cells wholly inside the circle is
///    counted without distances. Without a radius the range is all documents.
/// 3. In each range the sparse clauses are intersected leapfrog-style, led by the cheapest,
///    every other one seeking (skip table, then in-block binary search) to the lead's document;
///    dense clauses are bit tests. With dense clauses only, the range is a word-wise AND.
/// 4. Each match gets its exact haversine distance (checked against the radius, inclusive) and
///    its BM25 score, and is offered to a bounded `TopKCollector` of size offset + limit. With
///    relevance order and dense clauses only, `runDenseByRelevance` scores from tables without
///    decoding postings, and skips what cannot reach the k-th score: 64 documents at a time by
///    their words' best documents (`Index/FORMAT.md`, "Best documents"), then one by one.
/// Distance order without a radius walks cells outward by a distance lower bound and stops once
/// no unvisited cell can beat the k-th hit; id order walks ranks and stops after k. Their totals
/// come from a popcount (dense clauses), a list's size, or a count-only intersection.
public struct Searcher: Sendable {
    public let reader: IndexReader
    /// Most distinct query words accepted.
    public static let maximumTerms = 1024

    public init(reader: IndexReader) { self.reader = reader }

    /// The default scorer for this index: BM25 with k1 = 1.2, b = 0.75 and the index's avgdl.
    public var bm25: BM25 { BM25(averageDocumentLength: reader.averageDocumentLength) }

    public func search(_ query: SearchQuery) throws(SearchError) -> SearchResult {
        try search(query, scorer: bm25)
    }

    public func search<Scorer: RelevanceScorer>(_ query: SearchQuery, scorer: Scorer) throws(SearchError) -> SearchResult {
        // Validate.
        if let o = query.origin, !o.isValid { throw .invalidOrigin(latitude: o.latitude, longitude: o.longitude) }
        if let r = query.radiusMiles {
            guard r.isFinite, r >= 0 else { throw .invalidRadius(r) }
            guard query.origin != nil else { throw .radiusWithoutOrigin }
        }
        guard query.limit >= 0 else { throw .invalidLimit(query.limit) }
        guard query.offset >= 0 else { throw .invalidOffset(query.offset) }
        let sort = query.effectiveSort
        if sort == .distance && query.origin == nil { throw .distanceSortWithoutOrigin }
        for s in query.states where !USState.isCode(s.uppercased()) { throw .invalidState(s) }
        if let p = query.cipPrefix, !CIPCode.isValidPrefix(p) { throw .invalidCIPPrefix(p) }

        var tokens: [String] = []
        if let text = query.text {
            var seen = Set<String>()
            Analyzer.forEachToken(in: text) { if seen.insert($0).inserted { tokens.append($0) } }
            if tokens.isEmpty { throw .noSearchableWords(text) }
            if tokens.count > Self.maximumTerms { throw .tooManyTerms(count: tokens.count, limit: Self.maximumTerms) }
        }
        let empty = SearchResult(total: 0, hits: [], terms: tokens, sort: sort)

        // Clauses. `owners` keeps every cursor alive; clauses and scored hold unmanaged views.
        // A level or delivery clause also carries its row-byte test: (byte offset, accepted codes).
        // A clause whose every list has bitmaps (a dense term) also carries them.
        var owners: [AnyObject] = []
        var clauses: [(cursor: ClauseCursor, column: (offset: Int, mask: UInt32)?, dense: DenseClause?)] = []
        var scored: [ScoredTerm] = []
        for t in tokens {
            guard let info = reader.lookup(t), info.documentFrequency > 0 else { return empty }
            guard let c = reader.cursor(info) else { throw .corruptIndex("postings of \"\(t)\" are damaged (bounds or checksum)") }
            let bitmaps = info.hasBitmaps ? reader.bitmaps(info) : nil
            if info.hasBitmaps && bitmaps == nil { throw .corruptIndex("bitmaps of \"\(t)\" are damaged") }
            owners.append(c)
            clauses.append((.postings(Unmanaged.passUnretained(c)), nil, bitmaps.map { DenseClause(parts: [$0], exactCount: info.documentFrequency) }))
            scored.append(ScoredTerm(cursor: Unmanaged.passUnretained(c),
                                     weight: scorer.termWeight(documentFrequency: info.documentFrequency, documentCount: reader.documentCount),
                                     bitmaps: bitmaps, maxFrequency: info.maxFrequency,
                                     pairPosition: bitmaps == nil ? nil : reader.pairPosition(info)))
        }
        func anyOf(_ field: IndexLayout.KeywordField, _ values: [String],
                   column: (offset: Int, mask: UInt32)? = nil) throws(SearchError) -> Bool {
            // Every record has exactly one level, delivery, state and CIP code; accreditors are a list.
            let singleValued = field != .accreditor
            var parts: [PostingsCursor] = []
            var bitmaps: [TermBitmaps]? = []
            for v in Set(values).sorted() {
                guard let info = reader.lookup(field.term(v)), info.documentFrequency > 0 else { continue }
                guard let c = reader.cursor(info) else { throw .corruptIndex("postings of \(field.term(v)) are damaged (bounds or checksum)") }
                if info.hasBitmaps {
                    guard let b = reader.bitmaps(info) else { throw .corruptIndex("bitmaps of \(field.term(v)) are damaged") }
                    bitmaps?.append(b)
                } else {
                    bitmaps = nil
                }
                parts.append(c)
            }
            if parts.isEmpty { return false }
            if parts.count == 1 {
                owners.append(parts[0])
                clauses.append((.postings(Unmanaged.passUnretained(parts[0])), column,
                                bitmaps.map { DenseClause(parts: $0, exactCount: parts[0].documentFrequency) }))
            } else {
                let u = UnionCursor(parts, disjoint: singleValued)
                owners.append(u)
                clauses.append((.union(Unmanaged.passUnretained(u)), column,
                                bitmaps.map { DenseClause(parts: $0, exactCount: singleValued ? u.cost : nil) }))
            }
            return true
        }
        if !query.levels.isEmpty, query.levels.count < AwardLevel.allCases.count {
            let column = (offset: 24, mask: query.levels.reduce(UInt32(0)) { $0 | 1 << UInt32($1.code) })
            guard try anyOf(.level, query.levels.map(\.rawValue), column: column) else { return empty }
        }
        if !query.deliveries.isEmpty, query.deliveries.count < Delivery.allCases.count {
            let column = (offset: 25, mask: query.deliveries.reduce(UInt32(0)) { $0 | 1 << UInt32($1.code) })
            guard try anyOf(.delivery, query.deliveries.map(\.rawValue), column: column) else { return empty }
        }
        if !query.states.isEmpty { guard try anyOf(.state, query.states.map { $0.lowercased() }) else { return empty } }
        if let p = query.cipPrefix { guard try anyOf(.cip, [p]) else { return empty } }
        if !query.accreditors.isEmpty { guard try anyOf(.accreditor, query.accreditors.map { $0.lowercased() }) else { return empty } }
        clauses.sort { $0.cursor.cost < $1.cursor.cost }

        let origin = query.origin.map(DistanceOrigin.init)
        let k = query.limit == 0 ? 0 : min(query.offset.addingReportingOverflow(query.limit).overflow ? Int.max : query.offset + query.limit,
                                           reader.documentCount)
        // Dense clauses are tested by bitmap; the others are intersected by their postings.
        let dense = clauses.compactMap(\.dense)
        let sparse = clauses.filter { $0.dense == nil }
        // A level or delivery filter much denser than the lead is checked on the document row
        // (one byte) instead of seeking its postings for every candidate.
        var cursors: [ClauseCursor] = []
        var columns: [(offset: Int, mask: UInt32)] = []
        for (i, c) in sparse.enumerated() {
            if i > 0, let column = c.column, c.cursor.cost > 4 * sparse[0].cursor.cost { columns.append(column) } else { cursors.append(c.cursor) }
        }
        // Exact total without iterating postings (no radius): a property of at most one clause,
        // or the popcount of a conjunction of dense clauses. Computed only by the paths that
        // need it, as the popcount reads every word of each bitmap.
        func knownCount() -> Int? {
            switch (sparse.count, dense.count) {
            case (0, 0): reader.documentCount
            case (1, 0): sparse[0].cursor.exactCount
            case (0, 1): dense[0].exactCount ?? dense.count(in: 0 ..< reader.documentCount)
            case (0, _): dense.count(in: 0 ..< reader.documentCount)
            default: nil
            }
        }
        var execution = Execution(reader: reader, clauses: cursors, scored: scored, scorer: scorer, origin: origin,
                                  radius: query.radiusMiles, sort: sort, collector: TopKCollector(capacity: k))
        execution.columns = columns
        execution.dense = dense

        let noText = scored.isEmpty
        let n = reader.documentCount
        // The rarest clause's size: when small, scanning it beats any walk in another order.
        let cheapestScan = min(cursors.first?.cost ?? n, dense.map { $0.exactCount ?? n }.min() ?? n)

        if query.radiusMiles == nil, sort == .id, let count = knownCount(), count > 0,
           k <= n / 2, k * (n / count) <= 4 * count {
            // Id order: walk documents by rank, stop after k matches.
            execution.walkByRank()
            execution.total = count
        } else if query.radiusMiles == nil, let o = query.origin, sort == .distance || (sort == .relevance && noText),
                  cheapestScan > 4096 {
            // Nearest first: rings of cells, stopping early; the total comes separately.
            execution.nearestByRings(from: o)
            if let count = knownCount() {
                execution.total = count
            } else {
                execution.countOnly = true
                execution.total = 0
                execution.run(0 ..< reader.documentCount)
            }
        } else if let r = query.radiusMiles, let o = query.origin, cursors.isEmpty, dense.isEmpty, sort != .id {
            // Radius only: whole cells inside the circle count without distances.
            execution.radiusByCells(from: o, radius: r)
        } else if cursors.isEmpty, !dense.isEmpty, sort == .relevance, !noText, scorer.growsWithFrequency {
            // Every clause dense: count by popcount (by distance within a radius), score only
            // what can enter the top k.
            if let r = query.radiusMiles, let o = query.origin {
                forEachRange(around: o, radiusMiles: r, &execution) { $0.runDenseByRelevance($1) }
            } else {
                execution.runDenseByRelevance(0 ..< reader.documentCount)
            }
        } else if sort == .relevance, cursors.count == 1, case let .postings(p) = cursors[0],
                  let lead = scored.firstIndex(where: { $0.cursor.toOpaque() == p.toOpaque() }),
                  scored[lead].cursor._withUnsafeGuaranteedRef({ $0.hasBlockImpacts }),
                  scored.indices.allSatisfy({ $0 == lead || scored[$0].bitmaps != nil }),
                  scorer.agreesWithBestDocuments(averageDocumentLength: reader.averageDocumentLength) {
            // One sparse word leads, any other word is dense: blocks of postings that cannot
            // reach the k-th score are counted, not scored.
            execution.blockLead = lead
            if let r = query.radiusMiles, let o = query.origin {
                forEachRange(around: o, radiusMiles: r, &execution) { $0.runByBlocks($1) }
            } else {
                execution.runByBlocks(0 ..< reader.documentCount)
            }
        } else if let r = query.radiusMiles, let o = query.origin {
            forEachRange(around: o, radiusMiles: r, &execution) { $0.run($1) }
        } else {
            execution.run(0 ..< reader.documentCount)
        }
        let damaged = execution.corrupt || cursors.contains(where: \.isCorrupt)
        // The clauses hold unmanaged references: keep their owners alive past the last use.
        withExtendedLifetime(owners) {}
        if damaged { throw .corruptIndex("a postings list or document row failed validation while reading") }
        let entries = execution.collector.sortedEntries()
        let page = entries.count > query.offset ? Array(entries[query.offset...]) : []
        let hits = page.map { SearchHit(document: Int($0.document), score: $0.score, distanceMiles: origin == nil ? nil : $0.distance) }
        return SearchResult(total: execution.total, hits: hits, terms: tokens, sort: sort)
    }

    /// Cells of at least this many documents are classified against the radius.
    static let classifiedCellSize = 32

    /// Contiguous document ranges covering every cell that can hold a point within the radius
    /// (its distance lower bound ≤ radius; cells of fewer than `classifiedCellSize` documents
    /// are kept unclassified), in increasing document order. `inside`: every cell of the range
    /// lies wholly within the radius (upper bound ≤ radius), so its documents need no distance
    /// to be counted.
    func documentRanges(around origin: GeoPoint, radiusMiles: Double) -> [(range: Range<Int>, inside: Bool)] {
        var ranges: [(range: Range<Int>, inside: Bool)] = []
        for interval in GeoGrid.keyIntervals(around: origin, radiusMiles: radiusMiles) {
            var i = reader.firstCell(atOrAfter: interval.lowerBound)
            while i < reader.cellCount, let c = reader.cell(i), c.key < interval.upperBound {
                i += 1
                // Classifying a cell costs two bounds (trigonometry, ~1,000 instructions): worth
                // it for a cell of many documents, not for a few (their distances are checked).
                var inside = false
                if c.documents.count >= Self.classifiedCellSize {
                    if GeoGrid.lowerBoundMiles(from: origin, toCell: c.key) > radiusMiles { continue }
                    inside = GeoGrid.upperBoundMiles(from: origin, toCell: c.key) <= radiusMiles
                }
                if let last = ranges.last, last.range.upperBound == c.documents.lowerBound, last.inside == inside {
                    ranges[ranges.count - 1].range = last.range.lowerBound ..< c.documents.upperBound
                } else {
                    ranges.append((c.documents, inside))
                }
            }
        }
        return ranges
    }

    /// Runs `body` on each range around `origin`, telling `execution` whether the range lies
    /// wholly inside the radius.
    func forEachRange<S: RelevanceScorer>(around origin: GeoPoint, radiusMiles: Double, _ execution: inout Execution<S>,
                                          _ body: (inout Execution<S>, Range<Int>) -> Void) {
        for r in documentRanges(around: origin, radiusMiles: radiusMiles) {
            execution.rangeInside = r.inside
            body(&execution, r.range)
        }
        execution.rangeInside = false
    }
}

/// A query word as the scorer sees it.
struct ScoredTerm {
    let cursor: Unmanaged<PostingsCursor>
    let weight: Double
    /// Present for a dense word: its frequency is 1 unless the repeated bit is set.
    let bitmaps: TermBitmaps?
    /// The word's largest frequency in any document (saturating at 255).
    let maxFrequency: UInt32
    /// A dense word's position in PAIRS (`IndexReader.pairLength`), when it has one.
    let pairPosition: Int?
    /// A frequency no document of this word exceeds (255 means "255 or more").
    var frequencyBound: UInt32 { maxFrequency >= 255 ? .max : max(maxFrequency, 1) }

    /// A frequency no document of this word with LENGTHS byte `length` exceeds: its length peak
    /// there (`TermBitmaps.lengthPeaks`), or `frequencyBound` for a peak of 255 or a word without
    /// peaks; `nil` when no document of the word has that byte.
    func frequencyBound(atLength length: Int) -> UInt32? {
        guard let peaks = bitmaps?.lengthPeaks, let peak = peaks.u8(length) else { return frequencyBound }
        if peak == 0 { return nil }
        return peak < 255 ? UInt32(peak) : frequencyBound
    }
}

/// Per-query execution state. Not shared between threads.
struct Execution<Scorer: RelevanceScorer> {
    let reader: IndexReader
    /// Clauses intersected by their postings, cheapest first.
    let clauses: [ClauseCursor]
    /// Clauses tested by bitmap (see `DenseClause`).
    var dense: [DenseClause] = []
    let scored: [ScoredTerm]
    /// What scoring a document exactly needs (frequency readers, score table), built on first use.
    var exactScoring: ExactScoring?
    let scorer: Scorer
    let origin: DistanceOrigin?
    let radius: Double?
    let sort: SortOrder
    var collector: TopKCollector
    var total = 0
    var countOnly = false
    /// The current range lies wholly within the radius: its documents are counted without
    /// distances (a hit's distance is still computed when it is offered).
    var rangeInside = false
    /// The dense relevance scan's per-query state, built on first use.
    var denseScan: DenseScanState?
    /// `runByBlocks`: the scored word whose postings lead; per scored word the largest score it
    /// can add (0 for the lead), and the same per length below 256 (`ScoreTable.size` per word),
    /// computed on first use.
    var blockLead: Int?
    var blockOthers: [Double]?
    var blockOthersByLength: [Double]?
    /// Documents must have their distance checked against the radius.
    @inline(__always) var checksRadius: Bool { radius != nil && !rangeInside }
    var corrupt = false
    /// Row-byte filters: a document passes when `mask` has the bit of its byte at `offset`.
    var columns: [(offset: Int, mask: UInt32)] = []

    @inline(__always)
    func passesColumns(_ doc: UInt32) -> Bool {
        for c in columns {
            let code = reader.documents.u8(Int(doc) * IndexLayout.documentRowSize + c.offset) ?? 255
            if code >= 32 || c.mask & (1 << UInt32(code)) == 0 { return false }
        }
        return true
    }
    /// The last institution whose distance was computed: records of one institution sit next
    /// to each other in a cell, so most distance computations repeat the previous one.
    var cachedInstitution = -1
    var cachedDistance = 0.0

    /// Exact distance from the origin to the document's institution, or `nil` if damaged.
    @inline(__always)
    mutating func distance(_ doc: Int, from origin: DistanceOrigin) -> Double? {
        let inst = Int(reader.documentField(doc, 0))
        if inst == cachedInstitution { return cachedDistance }
        guard let loc = reader.location(doc) else { return nil }
        cachedInstitution = inst
        cachedDistance = origin.distanceMiles(latitude: loc.latitude, longitude: loc.longitude)
        return cachedDistance
    }

    init(reader: IndexReader, clauses: [ClauseCursor], scored: [ScoredTerm], scorer: Scorer,
         origin: DistanceOrigin?, radius: Double?, sort: SortOrder, collector: TopKCollector) {
        self.reader = reader
        self.clauses = clauses
        self.scored = scored
        self.scorer = scorer
        self.origin = origin
        self.radius = radius
        self.sort = sort
        self.collector = collector
    }

    /// Intersects the clauses inside `range` and handles each match.
    mutating func run(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        let hi = UInt32(range.upperBound)
        if clauses.isEmpty {
            if dense.isEmpty {
                for d in range { handle(UInt32(d)) }
            } else {
                runDense(range)
            }
            return
        }
        let lead = clauses[0]
        var d = lead.seek(UInt32(range.lowerBound))
        let n = clauses.count
        let hasColumns = !columns.isEmpty
        let hasDense = !dense.isEmpty
        outer: while d < hi {
            if hasColumns && !passesColumns(d) { d = lead.next(); continue }
            var i = 1
            while i < n {
                let c = clauses[i].seek(d)
                if c != d {
                    // A new candidate: back to the top, where the range and the columns are checked.
                    d = lead.seek(c)
                    continue outer
                }
                i += 1
            }
            if hasDense && !passesDense(d) { d = lead.next(); continue }
            handle(d)
            d = lead.next()
        }
    }

    @inline(__always)
    func passesDense(_ doc: UInt32) -> Bool {
        for c in dense where !c.contains(doc) { return false }
        return true
    }

    /// Only dense clauses: walks the word-wise AND of their bitmaps. A count without a radius
    /// is a popcount per word; otherwise each set bit is a match.
    mutating func runDense(_ range: Range<Int>) {
        let popcountOnly = countOnly && !checksRadius
        for i in [DenseClause].words(of: range) {
            var bits = dense.conjunctionWord(i, within: range)
            if bits == 0 { continue }
            if popcountOnly { total += bits.nonzeroBitCount; continue }
            let base = UInt32(i << 6)
            while bits != 0 {
                handle(base | UInt32(bits.trailingZeroBitCount))
                bits &= bits &- 1
            }
        }
    }

    @inline(__always)
    mutating func handle(_ doc: UInt32) {
        if countOnly && !checksRadius { total += 1; return }
        var distance: Double? = nil
        if let origin, let radius, !rangeInside {
            guard let dist = self.distance(Int(doc), from: origin) else { corrupt = true; return }
            if !(dist <= radius) { return }
            distance = dist
        }
        total += 1
        if countOnly { return }
        offer(doc, distance: distance)
    }

    /// Scores a match and offers it to the collector (does not count it). `distance` is
    /// computed here when the caller has not. With relevance order, a score below a full
    /// collector's worst goes no further (no distance, no rank).
    @inline(__always)
    mutating func offer(_ doc: UInt32, distance knownDistance: Double?) {
        var score = 0.0
        if !scored.isEmpty {
            guard let s = exactScore(doc) else { corrupt = true; return }
            score = s
        }
        offer(doc, score: score, distance: knownDistance)
    }

    /// The exact score of `doc`: frequencies from the intersected cursors, and for dense words
    /// 1 unless the repeated bit is set, else the stored repeated frequency; only a frequency of
    /// 255 or more goes to the word's postings (positioned here, as they are not in the
    /// intersection). `nil` when the bitmaps or postings turn out damaged.
    /// `known`: a word whose frequency the caller has (its index in `scored`). Each word's score
    /// comes from `ScoreTable.term` (what `scorer` gives for that frequency and length), summed in
    /// word order: every path that scores a document gets the same bits.
    @inline(__always)
    mutating func exactScore(_ doc: UInt32, known: (index: Int, frequency: UInt32)? = nil) -> Double? {
        if exactScoring == nil { exactScoring = ExactScoring(scored: scored, scorer: scorer) }
        let words = exactScoring.unsafelyUnwrapped
        let d = Int(doc)
        let length = reader.documentLength(d)
        var score = 0.0
        for i in 0 ..< words.count {
            var f: UInt32
            if let known, known.index == i {
                f = known.frequency
            } else if words.dense[i] {
                f = words.lanes[i].frequency(d)
                if f == 0 { return nil }
                if f >= 255 {
                    guard let stored = Self.frequency(of: doc, in: words.cursors[i]) else { return nil }
                    f = stored
                }
            } else {
                guard let stored = Self.frequency(of: doc, in: words.cursors[i]) else { return nil }
                f = stored
            }
            score += words.table.term(i, frequency: f, length: length)
        }
        return score
    }

    /// `doc`'s frequency from a word's postings, positioning the cursor there (forward or
    /// back); `nil` when the list does not hold `doc` (its bitmaps said it does: damage).
    @inline(__always)
    static func frequency(of doc: UInt32, in cursor: Unmanaged<PostingsCursor>) -> UInt32? {
        cursor._withUnsafeGuaranteedRef { c in c.doc == doc || c.seek(doc) == doc ? c.frequency : nil }
    }

    /// Offers a scored match to the collector.
    @inline(__always)
    mutating func offer(_ doc: UInt32, score: Double, distance knownDistance: Double?) {
        let d = Int(doc)
        let primary = sort == .relevance ? score : 0
        let worst = collector.isFull ? collector.worst : nil
        // Below a full collector's worst primary key: out, before any distance is computed.
        if let worst, primary < worst.primary { return }
        var distance = knownDistance ?? 0
        if knownDistance == nil, let origin {
            guard let dist = self.distance(d, from: origin) else { corrupt = true; return }
            distance = dist
        }
        let secondary = sort == .id || origin == nil ? 0 : distance
        if let worst, primary == worst.primary, secondary == worst.secondary, reader.minimumRank(word: d >> 6) > worst.rank {
            // A tie on both keys enters only with a smaller rank: every rank among its 64
            // documents (MINRANKS, in cache) is larger, so its own (RANKS, a cache miss) is not read.
            return
        }
        let rank = reader.rank(d)
        collector.offer(.init(primary: primary, secondary: secondary, rank: rank, document: doc, score: score, distance: distance))
    }

    /// Relevance order where one scored word's list (sparse, with block impacts; `blockLead`) is
    /// the only intersected clause and every other scored word is dense; dense clauses, row
    /// columns and a radius filter its documents. Every document is counted; a block of 128
    /// postings whose bound is below the k-th score, or equal to it with every rank above the
    /// k-th hit's (no point), is not scored, and with no filter not even decoded (its size is
    /// known). The bound sums, in word order as `exactScore` sums, the block's best posting's
    /// score (`PostingsCursor.blockImpact`) and each other word's largest score (`largestScore`
    /// at any length of the index), so it is never below a real score; a document's, its own
    /// score and the others' largest at its length. Scores are computed as `exactScore` computes
    /// them.
    mutating func runByBlocks(_ range: Range<Int>) {
        guard !range.isEmpty, let lead = blockLead else { return }
        let c = scored[lead].cursor.takeUnretainedValue()
        let weight = scored[lead].weight
        if blockOthers == nil {
            // Per other word and length its largest score; per other word, the largest of those
            // over the lengths documents have (META's range, and 255 for "255 or more").
            let byLength = scored.indices.flatMap { t in
                (0 ..< ScoreTable.size).map { length in t == lead ? 0 : largestScore(scored[t], atLength: length) }
            }
            var lengths = Array(Int(reader.shortestLength) ... max(Int(reader.shortestLength), Int(reader.longestLength)))
            if reader.hasLongDocuments { lengths.append(255) }
            blockOthers = scored.indices.map { t in lengths.map { byLength[t * ScoreTable.size + $0] }.max() ?? 0 }
            blockOthersByLength = byLength
            if scored.count > 1, exactScoring == nil { exactScoring = ExactScoring(scored: scored, scorer: scorer) }
        }
        let others = blockOthers.unsafelyUnwrapped, byLength = blockOthersByLength ?? [], words = exactScoring
        let lo = UInt32(range.lowerBound), hi = UInt32(range.upperBound)
        // Counting a block needs no decoding when nothing filters its documents.
        let filtered = !dense.isEmpty || !columns.isEmpty || checksRadius || range != 0 ..< reader.documentCount
        let blockSize = IndexLayout.postingsBlockSize
        // First block whose last document is ≥ lo.
        var b = 0, end = c.blockCount
        while b < end { let mid = (b + end) >> 1; if c.lastDoc(mid) < lo { b = mid + 1 } else { end = mid } }
        while b < c.blockCount {
            var skip = false
            if collector.isFull, let worst = collector.worst {
                let impact = c.blockImpact(b)
                if impact.frequency < 255 {
                    let leadBound = scorer.score(frequency: impact.frequency, norm: scorer.documentNorm(length: impact.length), weight: weight)
                    var bound = 0.0
                    for t in others.indices { bound += t == lead ? leadBound : others[t] }
                    skip = bound < worst.primary || (origin == nil && bound == worst.primary && impact.minimumRank > worst.rank)
                }
            }
            if skip && !filtered {
                total += b == c.blockCount - 1 ? c.documentFrequency - b * blockSize : blockSize
                b += 1
                continue
            }
            var past = false
            let decoded: Void? = c.withBlock(b) { docs, freqs in
                for (j, doc) in docs.enumerated() {
                    if doc < lo { continue }
                    if doc >= hi { past = true; return }
                    if !columns.isEmpty && !passesColumns(doc) { continue }
                    if !dense.isEmpty && !passesDense(doc) { continue }
                    var distance: Double? = nil
                    if let origin, let radius, !rangeInside {
                        guard let dist = self.distance(Int(doc), from: origin) else { corrupt = true; past = true; return }
                        if !(dist <= radius) { continue }
                        distance = dist
                    }
                    total += 1
                    if skip { continue }
                    let length = reader.documentLength(Int(doc))
                    if others.count > 1, length < ScoreTable.size, collector.isFull, let worst = collector.worst {
                        // Per document: the lead's exact score and each other word's largest at this length.
                        let words = words.unsafelyUnwrapped
                        var bound = 0.0
                        for t in others.indices {
                            bound += t == lead ? words.table.term(lead, frequency: freqs[j], length: length) : byLength[t &* ScoreTable.size &+ Int(length)]
                        }
                        if bound < worst.primary { continue }
                    }
                    var score = 0.0
                    if others.count == 1 {
                        score += scorer.score(frequency: freqs[j], norm: scorer.documentNorm(length: length), weight: weight)
                    } else {
                        guard let s = exactScore(doc, known: (lead, freqs[j])) else { corrupt = true; past = true; return }
                        score = s
                    }
                    offer(doc, score: score, distance: distance)
                }
            }
            if decoded == nil { corrupt = true; return }
            if past || corrupt { return }
            b += 1
        }
    }

    /// The largest score a dense word can add to a document of LENGTHS byte `length`: its score
    /// at `ScoredTerm.frequencyBound(atLength:)` (0 when none of its documents has that byte;
    /// for 255, "255 tokens or more", at 255 tokens). Requires a scorer whose scores grow with
    /// frequency and fall with length (`agreesWithBestDocuments`).
    func largestScore(_ s: ScoredTerm, atLength length: Int) -> Double {
        guard let f = s.frequencyBound(atLength: length) else { return 0 }
        return scorer.score(frequency: f, norm: scorer.documentNorm(length: UInt32(length)), weight: s.weight)
    }

    /// Id order without a radius: documents in rank order, each tested against every clause by a
    /// seek, until the collector is full (later ranks cannot beat a full collector).
    mutating func walkByRank() {
        guard collector.capacity > 0 else { return }
        let n = reader.documentCount
        for rank in 0 ..< n {
            let doc = reader.document(rank: rank)
            guard Int(doc) < n else { corrupt = true; return }
            var member = passesColumns(doc) && passesDense(doc)
            if member { for c in clauses where c.seek(doc) != doc { member = false; break } }
            if !member { continue }
            var distance = 0.0
            if let origin {
                guard let dist = self.distance(Int(doc), from: origin) else { corrupt = true; return }
                distance = dist
            }
            offer(doc, distance: distance)
            if collector.isFull { return }
        }
    }

    /// Radius with no clauses, by distance: cells in order of their lower bound; a cell wholly
    /// inside the circle (upper bound ≤ radius) counts without distances, and once the collector
    /// is full, cells whose lower bound exceeds the k-th distance only count.
    mutating func radiusByCells(from point: GeoPoint, radius: Double) {
        var cells: [(lower: Double, index: Int)] = []
        for interval in GeoGrid.keyIntervals(around: point, radiusMiles: radius) {
            var i = reader.firstCell(atOrAfter: interval.lowerBound)
            while i < reader.cellCount, let c = reader.cell(i), c.key < interval.upperBound {
                let lower = GeoGrid.lowerBoundMiles(from: point, toCell: c.key)
                if lower <= radius { cells.append((lower, i)) }
                i += 1
            }
        }
        cells.sort { $0.lower < $1.lower }
        guard let origin else { return }
        for c in cells {
            guard let cell = reader.cell(c.index) else { corrupt = true; return }
            let inside = GeoGrid.upperBoundMiles(from: point, toCell: cell.key) <= radius
            let needed = !(collector.isFull && collector.worst.map { c.lower > $0.distance } == true) && collector.capacity > 0
            if inside && !needed { total += cell.documents.count; continue }
            for d in cell.documents {
                guard let distance = self.distance(d, from: origin) else { corrupt = true; return }
                if !(distance <= radius) { continue }
                total += 1
                if needed { offer(UInt32(d), distance: distance) }
            }
        }
    }

    /// Nearest-first top-k without a radius: visits cells in rings of growing radius, each ring's
    /// new cells in order of their distance lower bound, and stops when the k-th best distance is
    /// below every unvisited cell's bound. Fills `collector`; `total` is set by the caller.
    mutating func nearestByRings(from point: GeoPoint) {
        guard collector.capacity > 0 else { return }
        var visited = Set<UInt32>()
        let radii: [Double] = [10, 40, 160, 640, 2560, Double.infinity]
        for r in radii {
            var candidates: [(bound: Double, index: Int)] = []
            let intervals = r.isFinite ? GeoGrid.keyIntervals(around: point, radiusMiles: r) : [0 ..< UInt32(GeoGrid.cellCount)]
            for interval in intervals {
                var i = reader.firstCell(atOrAfter: interval.lowerBound)
                while i < reader.cellCount, let c = reader.cell(i), c.key < interval.upperBound {
                    if !visited.contains(c.key) {
                        candidates.append((GeoGrid.lowerBoundMiles(from: point, toCell: c.key), i))
                    }
                    i += 1
                }
            }
            candidates.sort { $0.bound < $1.bound }
            for c in candidates {
                if collector.isFull, let worst = collector.worst, c.bound > worst.distance { break }
                guard let cell = reader.cell(c.index) else { corrupt = true; return }
                visited.insert(cell.key)
                run(cell.documents)
            }
            if collector.isFull, let worst = collector.worst, worst.distance <= r { return }
        }
    }
}

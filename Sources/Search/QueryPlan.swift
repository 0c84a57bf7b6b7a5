/// How a query is executed: chosen by `QueryPlanner.plan` from the query's shape and the index's
/// statistics, shown by `--explain`, and asserted by the differential tests. Each plan's
/// execution lives in its own file (`Execution+<Plan>.swift`); all of them hand every match they
/// visit to `Execution.handle`, which counts it, scores it and offers it to the top-k collector.
public enum QueryPlan: String, Sendable, CaseIterable, Equatable {
    /// A word or filter value no document has: nothing is read.
    case noMatch = "no-match"
    /// Id order, no radius: documents in id order, each tested against the clauses, stopping
    /// after k; the total comes from a list size or a popcount.
    case idWalk = "id-walk"
    /// Nearest first without a radius (distance order, or a point and no words): cells in rings of
    /// growing radius, stopping when no unvisited cell can beat the k-th distance; then a count.
    case nearestCells = "nearest-cells"
    /// A radius and no words or filters: cells in order of distance; cells wholly inside count
    /// without distances.
    case radiusCells = "radius-cells"
    /// Classic ranking, every clause a dense bitmap: popcount totals, 64 documents skipped at a
    /// time by their best documents and frequency classes (`Index/FORMAT.md`, "Best documents").
    case denseImpacts = "dense-impacts"
    /// Classic ranking, one sparse word leads and every other word is dense: postings blocks
    /// whose block impact cannot reach the k-th score are counted, not scored.
    case blockImpacts = "block-impacts"
    /// Fields ranking with a point and no radius: cells in rings of growing radius, each match
    /// scored as text × decay, stopping when the largest text score × the decay at the nearest
    /// unvisited cell is below the k-th score; then a count.
    case decayRings = "decay-rings"
    /// Standard fields ranking, relevance order, no radius, every clause a dense bitmap:
    /// popcount totals, 64 documents skipped at a time when their words' field peaks
    /// (`Index/FORMAT.md`, "Field peaks") bound them below the k-th score; in the other 64s, a
    /// match of a group of alternatives bounded below it by the alternatives it holds
    /// (`FieldPeakBound`) is not scored. One word alone visits its best-peak 64s first.
    case fieldImpacts = "field-impacts"
    /// Standard fields ranking, relevance order, no radius, one sparse word leading and every
    /// other word dense with field peaks: postings blocks visited best field peak first, so the
    /// k-th score rises at once; a block its peak (plus the other words' peaks) bounds below it
    /// is counted, not scored — and with nothing filtering it, not even decoded.
    case fieldBlocks = "field-blocks"
    /// The general plan: the clauses intersected leapfrog-style (dense ones as bit tests) over
    /// all documents or the radius's cell ranges; every match scored and offered, except, under
    /// the standard fields ranking by relevance, a match its words' field peaks bound below the
    /// k-th score (`FieldPeakBound`): counted, not scored.
    case intersect
}

/// What the planner looks at (public so tests and tools can state a plan for a shape): the query's shape and a few statistics of its clauses.
public struct PlanInputs: Sendable, Equatable {
    public var hasText: Bool
    public var hasOrigin: Bool
    public var hasRadius: Bool
    public var sort: SortOrder
    public var classic: Bool
    /// Some clause has no documents.
    public var hasEmptyClause: Bool
    /// Clauses intersected by postings, and clauses that are bitmaps.
    public var sparseClauses: Int
    public var denseClauses: Int
    /// The total when it is known without intersecting (one clause's size, a popcount; no radius).
    /// Read by the id-walk rule only, so the searcher works it out for id order alone.
    public var knownCount: Int?
    /// Hits wanted (offset + limit, at most the document count) and documents in the index.
    public var k: Int
    public var documentCount: Int
    /// The smallest clause's size (the document count when there is none).
    public var cheapestScan: Int
    /// The matches, when the searcher counted them before planning: hits wanted (k > 0), a
    /// point, no radius, distance or blended order (or relevance with no words), the rarest
    /// clause above `walkThreshold` and no clause knowing the total (the ring plans' own count,
    /// moved before their walk).
    public var countedMatches: Int?
    /// Classic ranking: the scorer lets frequency bounds prune (`growsWithFrequency`).
    public var scorerPrunes: Bool
    /// Classic ranking: exactly one sparse clause, a scored word with block impacts, every other
    /// word dense, and the index's best documents agree with the scorer.
    public var blockLeadAvailable: Bool
    /// Fields ranking with the standard weights, and every word has field peaks.
    public var fieldPeaksAvailable: Bool
    /// Fields ranking with the standard weights, no group of alternatives: exactly one sparse
    /// clause, a scored word whose blocks carry field peaks, every other word dense with field
    /// peaks.
    public var fieldBlockLeadAvailable: Bool
    /// Some word is a group of alternatives (`SearchQuery.expansions`): no bound of one term per
    /// word holds, so only the plans that score every match they visit apply.
    public var hasAlternatives: Bool

    /// Defaults describe a plain text query over a large index: words, relevance, fields
    /// ranking, one sparse clause of 10,000 documents in 1,000,000, k = 10.
    public init(hasText: Bool = true, hasOrigin: Bool = false, hasRadius: Bool = false, sort: SortOrder = .relevance,
                classic: Bool = false, hasEmptyClause: Bool = false,
                sparseClauses: Int = 1, denseClauses: Int = 0, knownCount: Int? = nil, k: Int = 10,
                documentCount: Int = 1_000_000, cheapestScan: Int = 10_000, countedMatches: Int? = nil, scorerPrunes: Bool = false,
                blockLeadAvailable: Bool = false, fieldPeaksAvailable: Bool = false, fieldBlockLeadAvailable: Bool = false,
                hasAlternatives: Bool = false) {
        self.hasText = hasText
        self.hasOrigin = hasOrigin
        self.hasRadius = hasRadius
        self.sort = sort
        self.classic = classic
        self.hasEmptyClause = hasEmptyClause
        self.sparseClauses = sparseClauses
        self.denseClauses = denseClauses
        self.knownCount = knownCount
        self.k = k
        self.documentCount = documentCount
        self.cheapestScan = cheapestScan
        self.countedMatches = countedMatches
        self.scorerPrunes = scorerPrunes
        self.blockLeadAvailable = blockLeadAvailable
        self.fieldPeaksAvailable = fieldPeaksAvailable
        self.fieldBlockLeadAvailable = fieldBlockLeadAvailable
        self.hasAlternatives = hasAlternatives
    }
}

/// Chooses the plan for a query: a pure function of `PlanInputs`, so tests state which plan a
/// query shape takes. The rules, first match wins:
/// 1. an empty clause → `noMatch`;
/// 2. id order, no radius, known total, k small against it → `idWalk`;
/// 3. no radius, a point, at most `fewMatches` matches counted → `intersect` (scoring that few
///    beats a ring walk that seeks every list in every cell until it has found them);
/// 4. no radius, a point, distance order or no words, the cheapest clause large → `nearestCells`;
/// 5. a radius with no clauses, not id order → `radiusCells`;
/// 6. blended order (fields ranking, words and a point), no radius, the cheapest clause large → `decayRings`
///    (a word with alternatives is bounded by its best alternative's limit);
/// 7. standard fields ranking, words, relevance, no radius, only dense clauses with field peaks → `fieldImpacts`
///    (a group by its best alternative's peaks);
/// 8. standard fields ranking, relevance, no radius, a field block lead → `fieldBlocks`;
///    (a word with alternatives → `intersect` from here on: the bounds below assume one term per word)
/// 9. classic ranking, words, relevance, only dense clauses, a pruning scorer → `denseImpacts`;
/// 10. classic ranking, relevance, a block lead → `blockImpacts`;
/// 11. otherwise `intersect`.
public enum QueryPlanner {
    /// Below this many candidate documents, scanning the rarest clause beats any walk in another order.
    public static let walkThreshold = 4096
    /// Counted matches up to which a query with a point and no radius scores them all
    /// (`intersect`) rather than walking rings of cells.
    public static let fewMatches = 512

    public static func plan(_ q: PlanInputs) -> QueryPlan {
        if q.hasEmptyClause { return .noMatch }
        let n = q.documentCount
        if !q.hasRadius, q.sort == .id, let count = q.knownCount, count > 0, q.k <= n / 2, q.k * (n / count) <= 4 * count {
            return .idWalk
        }
        if !q.hasRadius, q.hasOrigin, let m = q.countedMatches, m <= fewMatches { return .intersect }
        if !q.hasRadius, q.hasOrigin, q.sort == .distance || (q.sort != .id && !q.hasText), q.cheapestScan > walkThreshold {
            return .nearestCells
        }
        if q.hasRadius, q.sparseClauses == 0, q.denseClauses == 0, q.sort != .id { return .radiusCells }
        // Rings bound a group by its best alternative; the impact bounds below assume one term per word.
        if q.sort == .blended, !q.hasRadius, q.cheapestScan > walkThreshold {
            return .decayRings
        }
        if !q.classic, q.hasText, q.sort == .relevance, !q.hasRadius, q.sparseClauses == 0, q.denseClauses > 0, q.fieldPeaksAvailable {
            return .fieldImpacts
        }
        if !q.classic, q.hasText, q.sort == .relevance, !q.hasRadius, !q.hasAlternatives, q.fieldBlockLeadAvailable {
            return .fieldBlocks
        }
        if q.hasAlternatives { return .intersect }
        if q.classic, q.hasText, q.sort == .relevance, q.sparseClauses == 0, q.denseClauses > 0, q.scorerPrunes {
            return .denseImpacts
        }
        if q.classic, q.sort == .relevance, q.blockLeadAvailable { return .blockImpacts }
        return .intersect
    }
}

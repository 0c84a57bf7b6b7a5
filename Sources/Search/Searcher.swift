import Analysis
import Corpus
import Geo
import IndexFormat

/// Answers queries on one open index. Immutable and `Sendable`: any number of threads may call
/// `search` at once; all per-query state lives on the calling thread.
///
/// A query runs in four steps (Lucene's Query → Weight → Scorer → Collector, in small):
/// 1. **Clauses.** Text words and filter values become required clauses (postings, or unions for
///    "any of"); a clause whose lists all have bitmaps (dense terms, `Index/FORMAT.md`) is a
///    `DenseClause`, a bit test. Each word is also a `ScoredTerm`: its combined list, and for the
///    fields ranking its title and institution lists (`Schema`). A word or value no document
///    has makes the query's plan `noMatch`.
/// 2. **Plan.** `QueryPlanner.plan` picks one `QueryPlan` from the query's shape and the
///    clauses' sizes — a pure function, so tests assert which plan a query takes.
/// 3. **Execution.** The plan's walk (`Execution+<Plan>.swift`) visits candidate documents and
///    hands each match to `Execution.handle`: counted, scored (BM25F or classic BM25, × the
///    distance decay in blended order) and offered to the `TopKCollector`, which keeps the k best
///    hits — or, grouped, the k best institutions by their best hit. Plans skip documents that
///    cannot enter the top k (block impacts, field peaks, rings) and count them in bulk.
/// 4. **Counting pass** (facets, group sizes): the clauses are intersected once more over every
///    match, nothing scored, setting its bit for the facets (`FacetCounter`) and counting it per
///    institution for group sizes (`InstitutionTally`).
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
        if case let .fields(w) = query.ranking, !w.isValid {
            throw .invalidWeights("title=\(w.title),description=\(w.description),institution=\(w.institution),k1=\(w.k1)")
        }
        if let d = query.decay, !(d.halfDistanceMiles.isFinite && d.halfDistanceMiles > 0) { throw .invalidDecay(d.halfDistanceMiles) }
        // CELLS decides which documents a point's radius, rings or nearest walk reach, and a
        // damaged cell answers a wrong count with nothing to show for it: its blocks are
        // verified (each once for the reader's life) before a query with a point reads them.
        if query.origin != nil {
            do { try reader.verifyBlocks(wholeSection: .cells) } catch {
                guard case let .corrupt(_, section, detail) = error else { throw .corruptIndex(path: reader.path, detail: "\(error)") }
                throw .corruptIndex(path: reader.path, detail: "\(section) \(detail)")
            }
        }

        // Text groups: words and alternatives analyzed like the text (plurals reduced).
        var query = query
        if !query.expansions.isEmpty { query.expansions = try query.analyzedExpansions() }
        guard let text = query.text else { return try execute(query, words: [], sort: sort, scorer: scorer) }
        var words: [String] = []
        var seen = Set<String>()
        Analyzer.forEachToken(in: text) { if seen.insert($0).inserted { words.append($0) } }
        if words.isEmpty { throw .noSearchableWords(text) }
        if words.count > Self.maximumTerms { throw .tooManyTerms(count: words.count, limit: Self.maximumTerms) }
        if query.matching == .forgiving { return try searchForgiving(query, text: text, sort: sort, scorer: scorer) }
        return try execute(query, words: words, sort: sort, scorer: scorer)
    }

    /// Runs `query` with `tokens` as its analyzed, distinct words (empty: no text condition):
    /// clauses, plan, execution, counting pass. `query.expansions` are already analyzed and valid
    /// (`analyzedExpansions`; forgiving matching's come from the index's own terms).
    /// - Parameter countLimit: with `limit` 0 and no facets or groups, stop counting once this
    ///   many matches are found: the total is then at least `countLimit`, not exact, unless it is
    ///   known without counting. Relaxation asks only whether anything matches.
    func execute<Scorer: RelevanceScorer>(_ query: SearchQuery, words tokens: [String], sort: SortOrder,
                                          scorer: Scorer, countLimit: Int? = nil) throws(SearchError) -> SearchResult {
        let fielded: FieldedBM25? = if case let .fields(w) = query.ranking { FieldedBM25(weights: w, averages: reader.averageFieldLengths) } else { nil }
        func finish(_ total: Int, _ hits: [SearchHit], _ plan: QueryPlan, facets: [FacetCounts] = [], groups: Int? = nil) -> SearchResult {
            let explanations = query.explain ? hits.compactMap { explanation(of: $0, tokens: tokens, query: query, sort: sort) } : []
            return SearchResult(total: total, hits: hits, terms: tokens, sort: sort, plan: plan, facets: facets,
                                groupTotal: groups, explanations: explanations)
        }
        var empty: SearchResult {
            finish(0, [], .noMatch, facets: query.facets.map { FacetCounts(field: $0, values: []) }, groups: query.groupByInstitution ? 0 : nil)
        }

        // Clauses. `owners` keeps every cursor alive; clauses and scored hold unmanaged views.
        // A level or delivery clause also carries its row-byte test: (byte offset, accepted codes).
        // A clause whose every list has bitmaps (a dense term) also carries them.
        var owners: [AnyObject] = []
        // Clauses, scored words and dense clauses hold unmanaged views of what `owners` holds
        // (cursors that decode into their own buffers, query-time bitmaps): it must live until
        // this function returns, on every path — the counting branch returns early, and an
        // owner released after its last mention would be written to after it is freed.
        defer { withExtendedLifetime(owners) {} }
        var clauses: [(cursor: ClauseCursor, column: (column: PackedColumn, mask: UInt32)?, dense: DenseClause?)] = []
        var scored: [ScoredTerm] = []
        /// Opens `info`'s list (the term `key`), kept alive by `owners`, with its bitmaps when dense.
        func listCursor(_ info: TermDictionary.TermInfo, _ key: String) throws(SearchError) -> (PostingsCursor, TermBitmaps?) {
            guard let c = reader.terms.cursor(info) else { throw .corruptIndex(path: reader.path, detail: "postings of \"\(key)\" are damaged (bounds or checksum)") }
            let bitmaps = info.hasBitmaps ? reader.terms.bitmaps(info) : nil
            if info.hasBitmaps && bitmaps == nil { throw .corruptIndex(path: reader.path, detail: "bitmaps of \"\(key)\" are damaged") }
            owners.append(c)
            return (c, bitmaps)
        }
        func fieldList(_ field: Schema.TextField, _ token: String) throws(SearchError) -> FieldFrequencyList? {
            guard fielded != nil, let key = field.term(token), let info = reader.terms.lookup(key), info.documentFrequency > 0 else { return nil }
            let (c, bitmaps) = try listCursor(info, key)
            let list = FieldFrequencyList(cursor: c, bitmaps: bitmaps)
            owners.append(list)
            return list
        }
        // Text groups: with expansions, every word is the OR of itself and its alternatives that
        // the index holds. When every word has exactly one such term (a typo with one spelling, a
        // synonym standing for an absent word), the query is plain: each word is that term, its
        // idf × its weight (BM25F is linear in idf) — under the fields ranking, whose pruning
        // reads the idf; classic scoring keeps the group path unless the term is the word itself.
        var present: [[(alternative: TermAlternative, info: TermDictionary.TermInfo)]] = []
        for t in tokens {
            // The word first (weight 1), then its alternatives; a term listed twice counts once.
            var seen = Set<String>()
            let candidates = ([TermAlternative(term: t, weight: 1)] + (query.expansions[t] ?? [])).filter { seen.insert($0.term).inserted }
            let held = candidates.compactMap { a in reader.terms.lookup(a.term).flatMap { $0.documentFrequency > 0 ? (a, $0) : nil } }
            if held.isEmpty { return empty }
            present.append(held)
        }
        let grouped = present.contains { held in
            held.count > 1 || (fielded == nil && (held[0].alternative.weight != 1 || held[0].alternative.scoringDocumentFrequency != nil))
        }
        // Unions with alternatives stored as postings, for `densify` below.
        var mixedGroups: [(clause: Int, alternatives: [GroupAlternative], infos: [TermDictionary.TermInfo], union: Int)] = []
        for held in present where grouped {
            // The clause: a union of the alternatives' lists (bitmaps when every one has them).
            var parts: [PostingsCursor] = [], partBitmaps: [TermBitmaps]? = []
            var group: [GroupAlternative] = []
            for (a, info) in held {
                let (c, bitmaps) = try listCursor(info, a.term)
                parts.append(c)
                if let bitmaps { partBitmaps?.append(bitmaps) } else { partBitmaps = nil }
                // Scoring reads its own cursor: the clause's moves with the intersection.
                let (own, ownBitmaps) = try listCursor(info, a.term)
                let combined = FieldFrequencyList(cursor: own, bitmaps: ownBitmaps)
                owners.append(combined)
                let df = a.scoringDocumentFrequency ?? info.documentFrequency
                group.append(GroupAlternative(
                    term: a.term, combined: combined, title: try fieldList(.title, a.term), institution: try fieldList(.institution, a.term),
                    idf: a.weight * FieldedBM25.idf(documentFrequency: df, documentCount: reader.documentCount),
                    classicWeight: a.weight * scorer.termWeight(documentFrequency: df, documentCount: reader.documentCount),
                    weight: a.weight))
                group[group.count - 1].fieldPeaks = bitmaps == nil ? nil : reader.terms.fieldPeaks(entry: info.entry)
                group[group.count - 1].clausePart = Unmanaged.passUnretained(c)
            }
            if parts.count == 1 {
                clauses.append((.postings(Unmanaged.passUnretained(parts[0])), nil,
                                partBitmaps.map { DenseClause(parts: $0, exactCount: held[0].info.documentFrequency) }))
            } else {
                let u = UnionCursor(parts, disjoint: false)
                owners.append(u)
                clauses.append((.union(Unmanaged.passUnretained(u)), nil, partBitmaps.map { DenseClause(parts: $0, exactCount: nil) }))
                if partBitmaps == nil {
                    mixedGroups.append((clause: clauses.count - 1, alternatives: group,
                                        infos: held.map(\.info), union: u.cost))
                }
            }
            var term = ScoredTerm(cursor: Unmanaged.passUnretained(parts[0]), weight: group[0].classicWeight, bitmaps: nil,
                                  maxFrequency: 255)
            term.alternatives = group
            scored.append(term)
        }
        for held in present where !grouped {
            let (a, info) = held[0]
            let t = a.term
            let (c, bitmaps) = try listCursor(info, t)
            clauses.append((.postings(Unmanaged.passUnretained(c)), nil, bitmaps.map { DenseClause(parts: [$0], exactCount: info.documentFrequency) }))
            var term = ScoredTerm(cursor: Unmanaged.passUnretained(c),
                                  weight: scorer.termWeight(documentFrequency: info.documentFrequency, documentCount: reader.documentCount),
                                  bitmaps: bitmaps, maxFrequency: info.maxFrequency)
            term.titleList = try fieldList(.title, t)
            term.institutionList = try fieldList(.institution, t)
            term.idf = a.weight * FieldedBM25.idf(documentFrequency: a.scoringDocumentFrequency ?? info.documentFrequency,
                                                  documentCount: reader.documentCount)
            term.fieldPeaks = bitmaps == nil ? nil : reader.terms.fieldPeaks(entry: info.entry)
            scored.append(term)
        }
        func anyOf(_ field: Schema.KeywordField, _ values: [String],
                   column: (column: PackedColumn, mask: UInt32)? = nil) throws(SearchError) -> Bool {
            // Every record has exactly one level, delivery, state and CIP code; accreditors are a list.
            let singleValued = field != .accreditor
            var parts: [PostingsCursor] = []
            var bitmaps: [TermBitmaps]? = []
            for v in Set(values).sorted() {
                guard let info = reader.terms.lookup(field.term(v)), info.documentFrequency > 0 else { continue }
                guard let c = reader.terms.cursor(info) else { throw .corruptIndex(path: reader.path, detail: "postings of \(field.term(v)) are damaged (bounds or checksum)") }
                if info.hasBitmaps {
                    guard let b = reader.terms.bitmaps(info) else { throw .corruptIndex(path: reader.path, detail: "bitmaps of \(field.term(v)) are damaged") }
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
            let column = (column: reader.rows.column(.level), mask: query.levels.reduce(UInt32(0)) { $0 | 1 << UInt32($1.code) })
            guard try anyOf(.level, query.levels.map(\.rawValue), column: column) else { return empty }
        }
        if !query.deliveries.isEmpty, query.deliveries.count < Delivery.allCases.count {
            let column = (column: reader.rows.column(.delivery), mask: query.deliveries.reduce(UInt32(0)) { $0 | 1 << UInt32($1.code) })
            guard try anyOf(.delivery, query.deliveries.map(\.rawValue), column: column) else { return empty }
        }
        if !query.states.isEmpty { guard try anyOf(.state, query.states.map { $0.lowercased() }) else { return empty } }
        if let p = query.cipPrefix { guard try anyOf(.cip, [p]) else { return empty } }
        if !query.accreditors.isEmpty { guard try anyOf(.accreditor, query.accreditors.map { $0.lowercased() }) else { return empty } }
        // A large union with sparse alternatives becomes a dense clause: each sparse
        // alternative read once into a query-time bitmap with field peaks (`QueryBitmap`), so
        // the group is a word-wise OR — counted by popcount, skipped 64 documents at a time by
        // field peaks — instead of a union walk scoring every match. Only when the union is large
        // (at least 1/128 of the documents) and reading the sparse lists costs at most 4× the
        // cheapest other clause, which any plan walks anyway.
        // Not within a radius: its plans test the radius per match and bound nothing by field
        // peaks, and its ranges hold a fraction of the documents a bitmap would be read for.
        // Relaxation's counting searches too (`countLimit`): one that finds something stops early
        // either way, but one that finds nothing — the query relaxation has to shorten — walks
        // every candidate of its cheapest clause through the unions, and a popcount of the
        // bitmaps proves it empty for far less (1M "bioinformatics rhia astroacoustation" by
        // institution: 46.9 M → 36.0 M instructions). Only with another clause to intersect: a
        // union alone is not empty and its count stops at its first document.
        for g in mixedGroups where query.radiusMiles == nil && (countLimit == nil || clauses.count > 1) {
            let n = reader.documentCount
            let others = clauses.indices.lazy.filter { $0 != g.clause }.map { clauses[$0].cursor.cost }.min() ?? n
            let sparseCost = zip(g.alternatives, g.infos).reduce(0) { $0 + ($1.0.fieldPeaks == nil ? $1.1.documentFrequency : 0) }
            guard g.union >= n / 128, sparseCost + n / 64 <= 4 * others else { continue }
            var parts: [TermBitmaps] = []
            for (a, info) in zip(g.alternatives, g.infos) {
                if let b = a.combined.bitmaps { parts.append(b); continue }
                let (c, _) = try listCursor(info, a.term)
                guard let q = QueryBitmap(cursor: c, documentCount: n) else {
                    throw .corruptIndex(path: reader.path, detail: "postings of \"\(a.term)\" are damaged (bounds or checksum)")
                }
                owners.append(q)
                parts.append(q.bitmaps)
                a.fieldPeaks = q.peaks
                a.queryBitmaps = q.bitmaps
                a.clausePart = nil
            }
            clauses[g.clause].dense = DenseClause(parts: parts, exactCount: nil)
        }
        clauses.sort { $0.cursor.cost < $1.cursor.cost }

        let origin = query.origin.map(DistanceOrigin.init)
        let k = query.limit == 0 ? 0 : min(query.offset.addingReportingOverflow(query.limit).overflow ? Int.max : query.offset + query.limit,
                                           reader.documentCount)
        // Dense clauses are tested by bitmap; the others are intersected by their postings.
        let dense = clauses.compactMap(\.dense)
        let sparse = clauses.filter { $0.dense == nil }
        // A level or delivery filter much denser than the lead is checked on DOCUMENTS' column
        // (a few bits a document) instead of seeking its postings for every candidate.
        var cursors: [ClauseCursor] = []
        var columns: [(column: PackedColumn, mask: UInt32)] = []
        for (i, c) in sparse.enumerated() {
            if i > 0, let column = c.column, c.cursor.cost > 4 * sparse[0].cursor.cost { columns.append(column) } else { cursors.append(c.cursor) }
        }
        // Exact total without iterating postings (no radius): a property of at most one clause,
        // or the popcount of a conjunction of dense clauses. Computed only by the plans that
        // need it, as the popcount reads every word of each bitmap.
        /// Whether `knownCount` has an answer without intersecting (it may still popcount).
        func totalKnown() -> Bool {
            switch (sparse.count, dense.count) {
            case (0, _): true
            case (1, 0): sparse[0].cursor.exactCount != nil
            default: false
            }
        }
        /// An execution that only counts the matches (within the query's radius, if any),
        /// scoring nothing: the planner's count, a `limit` 0 count, the facets' and groups' pass.
        func countingExecution() -> Execution<Scorer> {
            var counter = Execution(reader: reader, clauses: cursors, scored: [], scorer: scorer, origin: origin,
                                    radius: query.radiusMiles, sort: .id, collector: TopKCollector(capacity: 0))
            counter.columns = columns
            counter.dense = dense
            counter.countOnly = true
            return counter
        }
        func knownCount() -> Int? {
            switch (sparse.count, dense.count) {
            case (0, 0): reader.documentCount
            case (1, 0): sparse[0].cursor.exactCount
            case (0, 1): dense[0].exactCount ?? dense.count(in: 0 ..< reader.documentCount)
            case (0, _): dense.count(in: 0 ..< reader.documentCount)
            default: nil
            }
        }
        let classic = query.ranking == .classic
        let n = reader.documentCount
        var blockLead: Int?
        if classic, sort == .relevance, cursors.count == 1, case let .postings(p) = cursors[0],
           let lead = scored.firstIndex(where: { $0.cursor.toOpaque() == p.toOpaque() }),
           scored[lead].cursor._withUnsafeGuaranteedRef({ $0.hasBlockImpacts }),
           scored.indices.allSatisfy({ $0 == lead || scored[$0].bitmaps != nil }),
           scorer.agreesWithBestDocuments(averageDocumentLength: reader.averageDocumentLength) {
            blockLead = lead
        }
        // The fields ranking's block lead: the one sparse clause is a scored word whose blocks
        // carry field peaks, and every other word is dense with field peaks.
        var fieldBlockLead: Int?
        if query.ranking == .standard, !grouped, sort == .relevance, query.radiusMiles == nil, cursors.count == 1,
           case let .postings(p) = cursors[0],
           let lead = scored.firstIndex(where: { $0.cursor.toOpaque() == p.toOpaque() }),
           scored[lead].cursor._withUnsafeGuaranteedRef({ $0.hasBlockImpacts && $0.blockCount > 0 }),
           scored.indices.allSatisfy({ $0 == lead || scored[$0].fieldPeaks != nil }) {
            fieldBlockLead = lead
        }
        // The rarest clause's size: when small, scanning it beats any walk in another order.
        let rarest = min(cursors.first?.cost ?? n, dense.map { $0.exactCount ?? n }.min() ?? n)
        // The ring plans (a point, no radius) count the matches after their walk when no clause
        // knows the total. Counted first instead (for the rings the same intersection, moved;
        // for the few-matches `intersect` one more walk of it, which scores them) the planner
        // sees the total: scoring a few matches beats a ring walk that seeks every list in every
        // cell until it has found them (or finds nothing, when nothing matches).
        var counted: Int?
        if k > 0, query.radiusMiles == nil, query.origin != nil, sort != .id, sort != .relevance || scored.isEmpty,
           rarest > QueryPlanner.walkThreshold, !totalKnown() {
            var counter = countingExecution()
            counter.run(0 ..< n)
            if counter.corrupt { throw .corruptIndex(path: reader.path, detail: "a list or row failed validation while counting") }
            counted = counter.total
        }
        let inputs = PlanInputs(
            hasText: !scored.isEmpty, hasOrigin: query.origin != nil, hasRadius: query.radiusMiles != nil, sort: sort,
            classic: classic, hasEmptyClause: false,
            sparseClauses: cursors.count, denseClauses: dense.count,
            // Only the id-walk rule reads the known total: it is worked out for id order alone.
            knownCount: query.radiusMiles == nil && sort == .id ? knownCount() : nil, k: k, documentCount: n,
            cheapestScan: rarest, countedMatches: counted,
            scorerPrunes: scorer.growsWithFrequency, blockLeadAvailable: blockLead != nil,
            fieldPeaksAvailable: query.ranking == .standard
                && scored.allSatisfy { t in t.alternatives.map { $0.allSatisfy { $0.fieldPeaks != nil } } ?? (t.fieldPeaks != nil) },
            fieldBlockLeadAvailable: fieldBlockLead != nil,
            hasAlternatives: grouped)
        if k == 0 && query.facets.isEmpty && !query.groupByInstitution && !inputs.hasEmptyClause {
            // Nothing to rank (`limit` 0: a count, e.g. relaxation's): count the matches without
            // scoring — a known count, or the clauses intersected once.
            if query.radiusMiles == nil, let count = knownCount() { return finish(count, [], .intersect) }
            var counter = countingExecution()
            let limit = countLimit ?? .max
            if let r = query.radiusMiles, let o = query.origin {
                forEachRange(around: o, radiusMiles: r, &counter) { if $0.total < limit { $0.run($1) } }
            } else if countLimit == nil {
                counter.run(0 ..< n)
            } else {
                // In slices that start at 4,096 documents (whole bitmap words) and double, stopping
                // at the limit: a count that finds its first match early reads little, and one that
                // finds none (relaxation's usual case) runs O(log N) slices, each with its own
                // setup, not the 61–64 of equal slices it ran before.
                var slice = 4096
                var start = 0
                while start < n && counter.total < limit {
                    counter.run(start ..< min(n, start + slice))
                    start += slice
                    slice *= 2
                }
            }
            if counter.corrupt { throw .corruptIndex(path: reader.path, detail: "a list or row failed validation while counting") }
            return finish(counter.total, [], .intersect)
        }
        let plan = QueryPlanner.plan(inputs)

        var execution = Execution(reader: reader, clauses: cursors, scored: scored, scorer: scorer, origin: origin,
                                  radius: query.radiusMiles, sort: sort, collector: TopKCollector(capacity: k, grouping: query.groupByInstitution))
        execution.columns = columns
        execution.dense = dense
        execution.fielded = fielded
        // Once enough documents were scored: the institution marks, and on records that repeat
        // their texts (on average 4 or more per distinct description) scores by text identity.
        // The marks alone cost N / 64 words and pay back a seek per word per scored document,
        // so without the memo they wait for more documents; with it, after 32 (real mix's warm
        // pass: 1,977.5 M instructions at 256, 1,927.9 M at 32, 1,934.6 M at 0, 1,940.9 M at 96).
        if fielded != nil, !scored.isEmpty {
            execution.tablesAfter = reader.repeatsTexts ? 32 : 1024
            execution.makesTextMemo = reader.repeatsTexts
        }
        execution.usesFieldPeaks = inputs.fieldPeaksAvailable
        execution.grouped = grouped
        if sort == .blended { execution.decay = query.effectiveDecay }
        execution.grouping = query.groupByInstitution

        switch plan {
        case .noMatch:
            return empty
        case .idWalk:
            execution.walkByRank()
            execution.total = knownCount() ?? 0
        case .nearestCells, .decayRings:
            // Nearest (or best blended) first in rings of cells; the total comes separately.
            if plan == .decayRings {
                // A word's limit: its term's, or a group's best alternative's (idf × weight each).
                let limit = scored.reduce(0.0) { sum, t in
                    sum + (t.alternatives.map { $0.map { fielded!.termScoreLimit(idf: $0.idf) }.max() ?? 0 } ?? fielded!.termScoreLimit(idf: t.idf))
                }
                execution.ringsByDecay(from: query.origin!, textScoreLimit: limit)
            } else {
                execution.nearestByRings(from: query.origin!)
            }
            if let count = counted ?? knownCount() {
                execution.total = count
            } else {
                execution.countOnly = true
                execution.total = 0
                execution.run(0 ..< n)
            }
        case .radiusCells:
            execution.radiusByCells(from: query.origin!, radius: query.radiusMiles!)
        case .denseImpacts:
            // Every clause dense: count by popcount (by distance within a radius), score only
            // what can enter the top k.
            if let r = query.radiusMiles, let o = query.origin {
                forEachRange(around: o, radiusMiles: r, &execution) { $0.runDenseByRelevance($1) }
            } else {
                execution.runDenseByRelevance(0 ..< n)
            }
        case .fieldImpacts:
            // Within 64 records the bound allows, each match of a group of alternatives is
            // bounded again by the alternatives it holds (its best one present), before it is
            // scored. Without alternatives a match holds every word, so its bound would be its
            // 64's, already checked: no per-match bound then.
            if grouped { execution.peakBound = FieldPeakBound(scored: scored) }
            execution.runDenseByFieldImpacts(0 ..< n)
        case .fieldBlocks:
            execution.runByFieldBlocks(lead: fieldBlockLead!)
        case .blockImpacts:
            // One sparse word leads, any other word is dense: blocks of postings that cannot
            // reach the k-th score are counted, not scored.
            execution.blockLead = blockLead
            if let r = query.radiusMiles, let o = query.origin {
                forEachRange(around: o, radiusMiles: r, &execution) { $0.runByBlocks($1) }
            } else {
                execution.runByBlocks(0 ..< n)
            }
        case .intersect:
            // Standard fields ranking by relevance over all documents (in increasing order, so
            // each sparse word's skip table is walked once): matches bounded below the k-th
            // score by their words' field peaks are counted, not scored.
            if query.ranking == .standard, sort == .relevance, query.radiusMiles == nil, !scored.isEmpty {
                execution.peakBound = FieldPeakBound(scored: scored)
            }
            if let r = query.radiusMiles, let o = query.origin {
                forEachRange(around: o, radiusMiles: r, &execution) { $0.run($1) }
            } else {
                execution.run(0 ..< n)
            }
        }
        var facets: [FacetCounts] = []
        var tally: InstitutionTally?
        if !query.facets.isEmpty || query.groupByInstitution {
            // Facets and group sizes: a counting pass of its own over every match, nothing
            // scored, so the top k above kept its pruned plan.
            var counter = countingExecution()
            let words = IndexLayout.bitmapWords(documentCount: n)
            let matches = UnsafeMutablePointer<UInt64>.allocate(capacity: max(1, words))
            defer { matches.deallocate() }
            matches.initialize(repeating: 0, count: max(1, words))
            counter.matchBits = matches
            if let r = query.radiusMiles, let o = query.origin {
                forEachRange(around: o, radiusMiles: r, &counter) { $0.run($1) }
            } else {
                counter.run(0 ..< n)
            }
            if query.groupByInstitution {
                tally = InstitutionTally(groups: reader.institutionGroups)
                tally!.add(matches: matches, words: words, matchCount: counter.total, reader)
            }
            let facetCounter = FacetCounter(reader: reader, matches: matches, words: words)
            let counted = facetCounter.count(query.facets)
            guard !counter.corrupt, counter.total == execution.total, !counted.contains(where: { $0 == nil }),
                  tally?.damaged != true else {
                throw .corruptIndex(path: reader.path, detail: "a list, row or facet value failed validation while counting")
            }
            facets = counted.map { $0! }
        }
        let damaged = execution.corrupt || cursors.contains(where: \.isCorrupt)
        if damaged { throw .corruptIndex(path: reader.path, detail: "a postings list or document row failed validation while reading") }
        func hit(_ e: TopKCollector.Entry, group: Int? = nil) -> SearchHit {
            SearchHit(document: Int(e.document), score: e.score, distanceMiles: origin == nil ? nil : e.distance, groupMatches: group)
        }
        let entries = execution.collector.sortedEntries()
        if query.groupByInstitution {
            let page = entries.count > query.offset
                ? entries[query.offset...].map { hit($0, group: tally?.matches(ofGroupOf: Int($0.document), reader) ?? 0) } : []
            return finish(execution.total, page, plan, facets: facets, groups: tally?.matchedGroups ?? 0)
        }
        let page = entries.count > query.offset ? entries[query.offset...].map { hit($0) } : []
        return finish(execution.total, page, plan, facets: facets)
    }

}

import Analysis
import Corpus
import Geo
import IndexFormat

/// A query word as the scorer sees it.
struct ScoredTerm {
    let cursor: Unmanaged<PostingsCursor>
    let weight: Double
    /// Present for a dense word: its frequency is 1 unless the repeated bit is set.
    let bitmaps: TermBitmaps?
    /// The word's largest frequency in any document (saturating at 255).
    let maxFrequency: UInt32
    /// Fields ranking: the word's title and institution field lists (`nil` when no document has
    /// the word in that field), whose frequencies split the combined one.
    var titleList: FieldFrequencyList? = nil
    var institutionList: FieldFrequencyList? = nil
    /// Fields ranking: BM25's idf of the combined list.
    var idf: Double = 0
    /// A dense word's field peaks (`TermDictionary.fieldPeaks(entry:)`), one byte per 64 documents.
    var fieldPeaks: UnsafePointer<UInt8>? = nil
    /// A query with expansions: the word's group, itself first (`groupedScore`).
    var alternatives: [GroupAlternative]? = nil
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
    /// `exactScoring.view` once it exists: what the fields ranking's per-document scoring reads.
    var exactView: ExactScoring.View?
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
    /// Fields ranking: the BM25F model; `nil` for classic (then `scorer` scores).
    var fielded: FieldedBM25?
    /// Fields ranking: the per-length factor cache, built on the first fielded score.
    var factorTable: FieldFactorTable?
    /// `factorTable.view` once it exists.
    var factorView: FieldFactorTable.View?
    /// Fields ranking: the per-query tables, made once `tablesAfter` documents were scored
    /// without them (tables for a few are not worth their allocation; `nil`: none to make) —
    /// the institution marks, and with `makesTextMemo` the text-score memo.
    var tablesAfter: Int?
    /// The index repeats its texts (`IndexReader.repeatsTexts`): a text-score memo is made too.
    var makesTextMemo = false
    /// Which documents hold a query word in their institution name (`InstitutionMarks`), owned
    /// here and read unretained through `marksView`.
    var institutionMarks: InstitutionMarks? {
        didSet { marksView = institutionMarks.map { UnsafePointer($0.bits) } }
    }
    private(set) var marksView: UnsafePointer<UInt64>?
    /// Scores by text identity (`TextScoreMemo`), owned here and read unretained.
    var textMemo: TextScoreMemo? {
        didSet { textMemoView = textMemo?.view }
    }
    private(set) var textMemoView: TextScoreMemo.View?
    /// Blended order: the decay that multiplies the text score.
    var decay: DistanceDecay?
    /// The counting pass: the match bitmap facets and group sizes count from.
    var matchBits: UnsafeMutablePointer<UInt64>?
    /// Standard fields ranking and every word has field peaks: bounds from FIELDPEAKS hold.
    var usesFieldPeaks = false
    /// The general plan under the standard fields ranking in relevance order: a bound per
    /// document from its words' field peaks, dense or per postings block (`FieldPeakBound`).
    var peakBound: FieldPeakBound?
    /// Some word has alternatives: every word is scored as a group (`groupedScore`).
    var grouped = false
    /// Grouping by institution: the collector keeps one entry per institution id.
    var grouping = false
    /// Column filters: a document passes when `mask` has the bit of its code in `column`
    /// (DOCUMENTS' level or delivery).
    var columns: [(column: PackedColumn, mask: UInt32)] = []

    @inline(__always)
    func passesColumns(_ doc: UInt32) -> Bool {
        for c in columns {
            let code = c.column.value(Int(doc))
            if code >= 32 || c.mask & (1 << code) == 0 { return false }
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
        let inst = Int(reader.rows.field(doc, .institution))
        if inst == cachedInstitution { return cachedDistance }
        guard let loc = reader.rows.location(doc) else { return nil }
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

    @inline(__always)
    mutating func handle(_ doc: UInt32) {
        if countOnly && !checksRadius {
            total += 1
            if let matchBits { matchBits[Int(doc >> 6)] |= 1 << UInt64(doc & 63) }
            return
        }
        var distance: Double? = nil
        if let origin, let radius, !rangeInside {
            guard let dist = self.distance(Int(doc), from: origin) else { corrupt = true; return }
            if !(dist <= radius) { return }
            distance = dist
        }
        total += 1
        if let matchBits { matchBits[Int(doc >> 6)] |= 1 << UInt64(doc & 63) }
        if countOnly { return }
        offer(doc, distance: distance)
    }

    /// Scores a match and offers it to the collector (does not count it). `distance` is
    /// computed here when the caller has not. With relevance order, a score below a full
    /// collector's worst goes no further (no distance, no rank).
    @inline(__always)
    mutating func offer(_ doc: UInt32, distance knownDistance: Double?) {
        // A document whose score is its text's, already kept (`TextScoreMemo`): exact and
        // cheaper than any bound.
        if let kept = keptScore(doc) {
            offer(doc, score: kept, distance: knownDistance)
            return
        }
        // A match whose field-peak bound (inflated by 1e-9 relative, far above the rounding of
        // its sum) is below a full collector's k-th score cannot enter: not scored. Equal
        // scores are never skipped, so ties still break by id.
        if peakBound != nil, collector.isFull, let worst = collector.worst {
            let skip = peakBound.unsafelyUnwrapped.bound(doc) * (1 + 1e-9) < worst.primary
            if !peakBound!.pays(skipped: skip) { peakBound = nil }
            if skip { return }
        }
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
        if let kept = keptScore(doc) { return kept }
        if grouped { return groupedScore(doc) }
        if exactView == nil { makeExactScoring() }
        if fielded != nil { return fieldedScore(doc, known: known) }
        let words = exactScoring.unsafelyUnwrapped
        let d = Int(doc)
        let length = reader.rows.length(d)
        var score = 0.0
        for i in 0 ..< words.count {
            guard let f = Self.combinedFrequency(of: doc, word: i, in: words.view, known: known) else { return nil }
            score += words.table.term(i, frequency: f, length: length)
        }
        return score
    }

    /// Makes what exact scoring reads (`exactScoring`, and under the fields ranking the factor
    /// cache), once per query, out of the per-document path.
    @inline(never)
    mutating func makeExactScoring() {
        if exactScoring == nil { exactScoring = ExactScoring(scored: scored, scorer: scorer) }
        exactView = exactScoring!.view
        if let fielded, factorView == nil { makeFactorTable(fielded) }
    }

    /// Makes the per-query factor cache (`factorTable`, read through `factorView`).
    @inline(never)
    mutating func makeFactorTable(_ model: FieldedBM25) {
        factorTable = FieldFactorTable(model: model)
        factorView = factorTable!.view
    }

    /// Word `i`'s combined frequency in `doc` (which holds it): `known`'s when it names the word;
    /// for a dense word 1 unless the repeated bit is set, else the stored repeated frequency, and
    /// only a frequency of 255 or more from the word's postings; a sparse word's from its
    /// postings. `nil` when the bitmaps or postings turn out damaged.
    @inline(__always)
    static func combinedFrequency(of doc: UInt32, word i: Int, in words: ExactScoring.View,
                                  known: (index: Int, frequency: UInt32)?) -> UInt32? {
        if let known, known.index == i { return known.frequency }
        guard words.dense[i] else { return postingsFrequency(of: doc, in: words.cursors[i]) }
        let f = words.lanes[i].frequency(Int(doc))
        if f == 0 { return nil }
        return f < 255 ? f : postingsFrequency(of: doc, in: words.cursors[i])
    }

    /// The BM25F score of `doc` (`FieldedBM25`): per word, the combined frequency as
    /// `exactScore` reads it, the title and institution frequencies from the word's field lists,
    /// the description's the rest; summed in word order. `nil` on damage (a field frequency
    /// above the combined one included).
    @inline(__always)
    mutating func fieldedScore(_ doc: UInt32, known: (index: Int, frequency: UInt32)?) -> Double? {
        let model = fielded.unsafelyUnwrapped
        let words = exactView.unsafelyUnwrapped
        let d = Int(doc)
        readyTables()
        let inInstitution = holdsInstitutionWord(d)
        // Text identity (`TextScoreMemo`): with no query word in the institution name, the score
        // computed here is kept for the document's title and description (`exactScore` reads it).
        let memoSlot = textMemoView?.slot(d)
        let factors = factorView.unsafelyUnwrapped.factors(reader.rows.fieldLengths(d))
        var score = 0.0
        for i in 0 ..< words.count {
            guard let f = Self.combinedFrequency(of: doc, word: i, in: words, known: known) else { return nil }
            // `FieldFrequencyList.frequency` written out over the list's parts in the view, not
            // through the object (a shared static form of it measured 5% more instructions on
            // title-heavy queries); its postings reads out of line.
            var title: UInt32 = 0
            if let present = words.titlePresent[i] {
                let bits = UInt64(littleEndian: present.loadUnaligned(fromByteOffset: (d >> 6) &* 8, as: UInt64.self))
                if bits >> UInt64(d & 63) & 1 != 0 {
                    title = words.titleLanes[i].frequency(d)
                    if title >= 255 { title = Self.listFrequency(words.titleLists[i], doc) }
                }
            } else if words.titleLists[i] != nil {
                title = Self.listFrequency(words.titleLists[i], doc)
            }
            let institution = inInstitution ? Self.fieldFrequency(words.institutionLists[i], doc) : 0
            guard let s = model.termScore(idf: words.idfs[i], frequency: f, title: title, institution: institution, factors: factors) else { return nil }
            score += s
        }
        if let memoSlot { textMemoView.unsafelyUnwrapped.scores[memoSlot] = score }
        return score
    }

    /// Whether some query word may be in `doc`'s institution name: its `InstitutionMarks` bit
    /// once they are made, `true` before.
    @inline(__always)
    func holdsInstitutionWord(_ doc: Int) -> Bool {
        guard let marks = marksView else { return true }
        return InstitutionMarks.contains(marks, doc)
    }

    /// The fields ranking's score kept for `doc`'s text (`TextScoreMemo`): `nil` before the memo
    /// is made, for a document with a query word in its institution name, or a text not scored yet.
    @inline(__always)
    func keptScore(_ doc: UInt32) -> Double? {
        guard let memo = textMemoView, let slot = memo.slot(Int(doc)) else { return nil }
        return memo.score(slot)
    }

    /// Counts `tablesAfter` down per fielded score and makes the per-query tables when it
    /// reaches 0.
    @inline(__always)
    mutating func readyTables() {
        if let after = tablesAfter {
            if after > 0 { tablesAfter = after - 1 } else { makeTables() }
        }
    }

    /// Makes the institution marks and, when the index repeats its texts, the text-score memo
    /// (`corrupt` instead when an `inst:` list turns out damaged).
    @inline(never)
    mutating func makeTables() {
        tablesAfter = nil
        guard let marks = InstitutionMarks(scored: scored, documentCount: reader.documentCount) else { corrupt = true; return }
        institutionMarks = marks
        if makesTextMemo { textMemo = TextScoreMemo(column: reader.textIdentityColumn, marks: marks) }
    }

    /// `doc`'s field factors under `model` (`FieldFactorTable`, made on first use).
    @inline(__always)
    mutating func fieldFactors(_ doc: Int, model: FieldedBM25) -> (title: Double, description: Double, institution: Double) {
        if factorView == nil { makeFactorTable(model) }
        return factorView.unsafelyUnwrapped.factors(reader.rows.fieldLengths(doc))
    }

    /// `doc`'s frequency in a field list (0 without one), read without retaining the list.
    @inline(__always)
    static func fieldFrequency(_ list: Unmanaged<FieldFrequencyList>?, _ doc: UInt32) -> UInt32 {
        guard let list else { return 0 }
        return list._withUnsafeGuaranteedRef { $0.frequency(doc) }
    }

    /// `frequency(of:in:)` kept out of line, so `combinedFrequency`, which calls it on its rare
    /// paths, stays small enough to inline into the per-document scoring.
    @inline(never)
    static func postingsFrequency(of doc: UInt32, in cursor: Unmanaged<PostingsCursor>) -> UInt32? {
        frequency(of: doc, in: cursor)
    }

    /// `doc`'s frequency in a field list read through its postings (`FieldFrequencyList.listFrequency`:
    /// a sparse list, or a dense one's frequency of 255 or more); 0 without a list.
    @inline(never)
    static func listFrequency(_ list: Unmanaged<FieldFrequencyList>?, _ doc: UInt32) -> UInt32 {
        guard let list else { return 0 }
        return list._withUnsafeGuaranteedRef { $0.listFrequency(doc) }
    }

    /// `doc`'s frequency from a word's postings, positioning the cursor there (forward or
    /// back); `nil` when the list does not hold `doc` (its bitmaps said it does: damage).
    @inline(__always)
    static func frequency(of doc: UInt32, in cursor: Unmanaged<PostingsCursor>) -> UInt32? {
        cursor._withUnsafeGuaranteedRef { c in c.doc == doc || c.seek(doc) == doc ? c.frequency : nil }
    }

    /// Offers a scored match to the collector.
    @inline(__always)
    mutating func offer(_ doc: UInt32, score textScore: Double, distance knownDistance: Double?) {
        let d = Int(doc)
        var primary = sort == .relevance || sort == .blended ? textScore : 0
        let worst = collector.isFull ? collector.worst : nil
        // Below a full collector's worst primary key: out, before any distance is computed (a
        // decay factor is at most 1, so the text score bounds the blended one).
        if let worst, primary < worst.primary { return }
        var distance = knownDistance ?? 0
        if knownDistance == nil, let origin {
            guard let dist = self.distance(d, from: origin) else { corrupt = true; return }
            distance = dist
        }
        var score = textScore
        if let decay {
            score = textScore * decay.factor(miles: distance)
            primary = score
            if let worst, primary < worst.primary { return }
        }
        let secondary = sort == .id || origin == nil ? 0 : distance
        if let worst, primary == worst.primary, secondary == worst.secondary, reader.rows.minimumRank(word: d >> 6) > worst.rank {
            // A tie on both keys enters only with a smaller rank: every rank among its 64
            // documents (MINRANKS, in cache) is larger, so its own (RANKS, a cache miss) is not read.
            return
        }
        let rank = reader.rows.rank(d)
        // Grouping: the entry's group is its institution id's string id (one school, however its
        // rows differ in name or place). A damaged institution index is damage, not a read past
        // INSTITUTIONS.
        var group: UInt32 = 0
        if grouping {
            let institution = Int(reader.rows.field(d, .institution))
            guard institution < reader.rows.institutionCount else { corrupt = true; return }
            group = reader.rows.institutionField(institution, .id)
        }
        collector.offer(.init(primary: primary, secondary: secondary, rank: rank, document: doc, score: score, distance: distance, group: group))
    }

}

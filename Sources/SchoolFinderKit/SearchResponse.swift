/// The answer to a `SearchRequest`: the exact number of matches and one page of hits, with the
/// facet counts, institution count and score breakdowns the request asked for.
public struct SearchResponse: Sendable {
    /// One matching program: its record with every stored field, its score and its distance.
    public struct Hit: Sendable {
        /// The program, with every field the index stores.
        public let record: ProgramRecord
        /// The ranking score: BM25F over title, description and institution (`Ranking.fields`)
        /// or BM25 with k1 = 1.2, b = 0.75 (`Ranking.classic`), × the distance decay in blended
        /// order; 0 when the request had no text.
        public let score: Double
        /// Statute miles from the request's origin (haversine, R = 3958.7613 mi); `nil` without one.
        public let distanceMiles: Double?
        /// With `groupByInstitution`: how many of this program's institution's programs match
        /// (this one included, ≥ 1); `nil` otherwise.
        public let groupMatches: Int?
        /// With `explain`: every part of `score`; `nil` otherwise.
        public let explanation: ScoreExplanation?
    }

    /// Exactly how many records pass the text, the filters and the radius (not just this page).
    public let total: Int
    /// Hits `offset ..< offset + limit` of the ordered matches; with `groupByInstitution`, of the
    /// institutions' best matches (one hit per institution).
    public let hits: [Hit]
    /// The request's distinct analyzed words, in request order (lowercased, diacritics folded).
    public let terms: [String]
    /// The order the hits are in (the request's, or the default for it).
    public let sort: SortOrder
    /// How the search was executed (what `--explain` prints as "plan").
    public let plan: QueryPlan
    /// Exact counts over every match (not just this page), one per requested facet field, in
    /// request order; empty when the request asked for none.
    public let facets: [FacetCounts]
    /// With `groupByInstitution`: how many institutions have a match; `nil` otherwise.
    public let institutionTotal: Int?
    /// With `matching = .forgiving`: how the text was read; `nil` for exact matching.
    public var understanding: QueryUnderstanding? = nil
}

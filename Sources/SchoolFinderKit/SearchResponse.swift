/// The answer to a `SearchRequest`: the exact number of matches and one page of hits.
public struct SearchResponse: Sendable {
    /// One matching program: its record with every stored field, its score and its distance.
    public struct Hit: Sendable {
        /// The program, with every field the index stores.
        public let record: ProgramRecord
        /// BM25 score (k1 = 1.2, b = 0.75); 0 when the request had no text.
        public let score: Double
        /// Statute miles from the request's origin (haversine, R = 3958.7613 mi); `nil` without one.
        public let distanceMiles: Double?
    }

    /// Exactly how many records pass the text, the filters and the radius (not just this page).
    public let total: Int
    /// Hits `offset ..< offset + limit` of the ordered matches.
    public let hits: [Hit]
    /// The request's distinct analyzed words, in request order (lowercased, diacritics folded).
    public let terms: [String]
    /// The order the hits are in (the request's, or the default for it).
    public let sort: SortOrder

    // Facet counts and the explanation of how a search ran belong here; a later issue adds them.
}

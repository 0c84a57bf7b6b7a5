import Analysis
import Corpus
import IndexFormat
import Search

/// An open schoolfinder index: open one from a file, or build one from records, then search it.
///
/// The file is memory-mapped and immutable, so an index is cheap to open (one `mmap` and a read
/// of its first few hundred bytes, whatever its size) and any number of threads may search one
/// `ProgramIndex` at once.
///
/// ```swift
/// let index = try ProgramIndex(contentsOf: "Index/programs.sfidx")
/// let response = try index.search(SearchRequest(text: "health information", limit: 5))
/// for hit in response.hits { print(hit.record.title, hit.record.institutionName, hit.score) }
/// ```
public final class ProgramIndex: Sendable {
    let reader: IndexReader
    let searcher: Searcher

    /// Opens the index file at `path`.
    ///
    /// Opening checks the magic number, the format version, the file length, the header and META
    /// checksums and every section's bounds; each postings list's checksum is checked the first
    /// time a search uses it (a damaged list makes that search throw `.search(.corruptIndex)`).
    /// - Throws: `ProgramIndexError.index` when the file is missing, not an index, of another
    ///   format version, truncated or damaged.
    /// - Complexity: O(1) in the size of the index.
    public init(contentsOf path: String) throws(ProgramIndexError) {
        do { reader = try IndexReader(path: path) } catch { throw .index(error) }
        searcher = Searcher(reader: reader)
    }

    /// Builds an index of `records` into a file at `path` (written to a temporary file, fsynced
    /// and renamed, so `path` is always either the old file or the whole new one) and opens it.
    ///
    /// - Parameters:
    ///   - records: the programs; invalid ones (see `ProgramRecord.validationProblem`) and
    ///     repeated ids are skipped. At least one must be valid.
    ///   - zips: ZIP centroids to store for `zipCentroid(_:)` and ZIP searches; may be empty.
    ///   - name: the corpus's name, stored in the file.
    ///   - isSampleData: marks the corpus as fictional (the CLI says so on every output).
    ///   - note: a line about the corpus's origin, stored in the file.
    ///   - synonyms: the synonym dictionary forgiving searches expand with; each of its phrases is
    ///     indexed as one token (README, "Search contract"). Empty: none.
    ///   - path: where to write the index (`.sfidx`).
    /// - Throws: `ProgramIndexError.index` when no record is valid or the file cannot be written.
    /// - Complexity: O(n log n) in the number of records' tokens.
    public static func build(_ records: [ProgramRecord], zips: [ZipCentroid] = [], name: String = "embedded",
                             isSampleData: Bool = false, note: String = "", synonyms: SynonymDictionary = .empty,
                             writingTo path: String) throws(ProgramIndexError) -> ProgramIndex {
        var writer = IndexWriter(corpusName: name, isSampleData: isSampleData, note: note, zips: zips)
        writer.synonyms = synonyms
        do { _ = try writer.write(records, to: path) } catch { throw .index(error) }
        return try ProgramIndex(contentsOf: path)
    }

    /// The file this index was opened from.
    public var path: String { reader.path }
    /// The number of program records in the index.
    public var count: Int { reader.documentCount }
    /// The number of ZIP centroids the index holds (0: searches by ZIP are not possible).
    public var zipCount: Int { reader.zips.count }
    /// Whether the corpus is marked as sample data (fictional institutions).
    public var isSampleData: Bool { reader.isSampleData }
    /// The corpus's note (its origin or licence), as given when it was built.
    public var note: String { reader.note }

    /// The centroid of a five-digit ZIP code, or `nil` when the index's ZIP table lacks it.
    /// - Complexity: O(log z) for z ZIP codes.
    public func zipCentroid(_ zip: String) -> ZipCentroid? { reader.zips.zipCentroid(zip) }

    /// Runs `request` and returns its exact total and the hits of the requested page, each with
    /// its full record; with the request's `facets`, exact counts over every match; with
    /// `groupByInstitution`, one hit per institution and the institution count; with `explain`,
    /// each hit's score in parts and the plan.
    ///
    /// Ranking, filters and ties follow the README's "Search contract" and "Ranking": BM25F with
    /// `FieldWeights.standard` unless `request.ranking` says otherwise, and with a point and
    /// words, blended order (text score × `DistanceDecay`). To search around a ZIP code, set
    /// `request.origin` to `zipCentroid(zip)?.location`.
    /// - Throws: `ProgramIndexError.search` when the request is invalid (a radius without a
    ///   point, a negative limit, text with no searchable word …) or the index is found damaged;
    ///   `ProgramIndexError.index` when a hit's record cannot be read.
    /// - Complexity: about O(limit + offset) records decoded; the matching itself is sublinear in
    ///   most queries (see the README's architecture notes).
    public func search(_ request: SearchRequest) throws(ProgramIndexError) -> SearchResponse {
        let result: SearchResult
        do { result = try searcher.search(request) } catch { throw .search(error) }
        var hits: [SearchResponse.Hit] = []
        hits.reserveCapacity(result.hits.count)
        for h in result.hits {
            let explanation = result.explanations.first { $0.document == h.document }
            do {
                hits.append(.init(record: try reader.record(h.document), score: h.score, distanceMiles: h.distanceMiles,
                                  groupMatches: h.groupMatches, explanation: explanation))
            } catch {
                throw .index(error)
            }
        }
        return SearchResponse(total: result.total, hits: hits, terms: result.terms, sort: result.sort, plan: result.plan,
                              facets: result.facets, institutionTotal: result.groupTotal, understanding: result.understanding)
    }
}

import Corpus
import IndexFormat
import Requests
import SchoolFinderCLI

/// Runs the relevance test set against an index and judges each answer: how many of the first
/// `depth` hits are programs a right answer has (precision at 10), whether the query found
/// nothing, and how many programs matched.
///
/// Each query goes through `schoolfinder search`'s own path: its arguments (the set's options,
/// split shell-style, then the query's words) are read by `SearchAnswer.request(arguments:)` and
/// answered by `SearchAnswer(_:reader:)`, so anything added to how the command reads words or
/// answers a request (synonyms, typo tolerance, place words, relaxation) is measured here with no
/// change. Only the page is fixed: the first `depth` hits (`--limit` and `--offset` of the set's
/// options are overridden).
public struct RelevanceEvaluation {
    /// How many hits are judged: precision at 10.
    public static let depth = 10

    /// What one query returned, and how it is judged.
    public struct Outcome: Sendable {
        public let query: RelevanceQuery
        /// Relevant hits among the first `depth`.
        public let relevantHits: Int
        /// Hits returned on the page (0 … `depth`).
        public let returned: Int
        /// Programs that matched the query in all.
        public let total: Int
        /// The first hit's CIP code and title.
        public let firstHit: (cip: String, title: String)?
        /// The first hits' CIP codes, in rank order.
        public let hitCIPs: [String]
        /// The line `schoolfinder search` prints when it refuses the query; the query then counts as
        /// returning nothing.
        public let error: String?

        /// Relevant hits in the first `depth` / `depth`: 0 with no result, and a short page counts
        /// its missing hits as wrong.
        public var precisionAtDepth: Double { Double(relevantHits) / Double(RelevanceEvaluation.depth) }
        /// Relevant hits / hits returned; `nil` when nothing was returned.
        public var precisionOfReturned: Double? { returned == 0 ? nil : Double(relevantHits) / Double(returned) }
        /// The query returned no hit (or was refused).
        public var isEmpty: Bool { returned == 0 }
    }

    let reader: IndexReader

    /// An evaluation against the index `reader` has open.
    public init(reader: IndexReader) { self.reader = reader }

    /// An evaluation against the index file at `indexPath`.
    /// - Throws: `IndexFormatError` when the file is not a readable index.
    public init(indexPath: String) throws(IndexFormatError) { self.init(reader: try IndexReader(path: indexPath)) }

    /// The index's name and size, as the report names it.
    public var indexDescription: String { "\(reader.corpusName) (\(reader.documentCount) programs)" }

    /// Answers and judges `query`.
    public func evaluate(_ query: RelevanceQuery) -> Outcome {
        do {
            var request = try SearchAnswer.request(arguments: query.arguments)
            request.limit = Self.depth
            request.offset = 0
            let answer = try SearchAnswer(request, reader: reader)
            let cips = answer.hits.map(\.record.cipCode)
            return Outcome(query: query, relevantHits: cips.filter(query.isRelevant(cip:)).count, returned: cips.count,
                           total: answer.result.total, firstHit: answer.hits.first.map { ($0.record.cipCode, $0.record.title) },
                           hitCIPs: cips, error: nil)
        } catch let e as UsageError {
            return Outcome(query: query, relevantHits: 0, returned: 0, total: 0, firstHit: nil, hitCIPs: [], error: e.message)
        } catch {
            return Outcome(query: query, relevantHits: 0, returned: 0, total: 0, firstHit: nil, hitCIPs: [], error: "\(error)")
        }
    }

    /// Answers and judges every query of `set`, in order; the set's problems are carried into
    /// the report.
    public func run(_ set: RelevanceQuerySet) -> RelevanceReport {
        RelevanceReport(outcomes: set.queries.map(evaluate), problems: set.problems, setPath: set.path, index: indexDescription)
    }
}

import Corpus
import Requests
import Search

/// One answered search as the formatters print it: the request as given, the engine's query,
/// its result, the page's records, and how the place was understood.
struct ResultPage {
    let request: SearchRequest
    let query: SearchQuery
    let result: SearchResult
    /// The page's hits with their records, in rank order.
    let hits: [(record: ProgramRecord, hit: SearchHit)]
    /// "60601 (Chicago, IL)"; `nil` for a point or no place.
    let place: String?

    /// The place as typed when it was read from the words ("nursing near 02139").
    var typedPlace: String? { request.placeFromText }
    /// How a place from the words was chosen, when there was a choice ("the largest of 24
    /// Springfields; add the state for another").
    var placeNote: String? = nil

    /// The hit's score breakdown, when `--explain` asked for one.
    func explanation(of hit: SearchHit) -> ScoreExplanation? {
        result.explanations.first { $0.document == hit.document }
    }
}

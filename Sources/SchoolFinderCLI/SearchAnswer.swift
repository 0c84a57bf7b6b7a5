import Corpus
import Geo
import IndexFormat
import Requests
import Search

/// One search answered the way `schoolfinder search` answers it, before anything is printed:
/// the request's place resolved with the index's ZIP table, its accreditor and delivery values
/// checked against the index, the engine's query run, and the page's records read.
///
/// This is the one path from a request to an answer: `search` prints it, `search --batch`
/// writes it as a line, and the relevance benchmark (`RelevanceEvaluation` in BenchmarkKit)
/// judges it; so whatever is added here, or to `request(arguments:)` (query rewriting, place
/// words, relaxing a query that finds nothing), reaches all three.
public struct SearchAnswer {
    /// The request as read from the words and options.
    public let request: SearchRequest
    /// The engine's query the request became.
    public let query: SearchQuery
    public let result: SearchResult
    /// The page's hits with their records, in rank order; empty when the records were not read.
    public let hits: [(record: ProgramRecord, hit: SearchHit)]
    /// How the place was understood ("60601 (Chicago, IL)"); `nil` for a point or no place.
    public let place: String?
    /// How a place read from the words was chosen among several of its name; `nil` otherwise.
    public let placeNote: String?
    /// Seconds the engine spent searching (place resolution and record reads excluded).
    public let seconds: Double

    /// The request of `schoolfinder search ARGUMENTS` (options and words, without the command
    /// name), read with the command's own options and messages. The command's output options
    /// (`--index`, `--format`, `--batch`, `--timing`) are accepted and have no effect here.
    /// - Throws: `UsageError`, the line `schoolfinder search` prints for the same words.
    public static func request(arguments: [String]) throws(UsageError) -> SearchRequest {
        try SearchRequest(ParsedArguments.parse(arguments, options: SearchCommand.options, command: "search"))
    }

    /// Answers `request` from `reader`.
    /// - Parameter readingRecords: read each hit's record (`hits`); `false` leaves `hits` empty.
    /// - Throws: `UsageError` for a place the ZIP table does not know or a value the index lacks;
    ///   the index's error for damage met on the way.
    public init(_ request: SearchRequest, reader: IndexReader, readingRecords: Bool = true) throws {
        var request = request
        var place: (location: GeoPoint, label: String?)?
        var note: String?
        if let typed = request.placeFromText {
            // "nursing near 02139": the place was read from the words.
            guard reader.zips.count > 0 else { throw UsageError(noZipTable("a place in the words (\"\(typed)\")", reader: reader)) }
            // "near me": an offline tool cannot know where the student is.
            if ["me", "here", "my location", "my area", "you"].contains(typed.lowercased()) {
                throw UsageError("place \"\(typed)\" (read from your words): schoolfinder works offline and cannot tell where you are; say where, e.g. \"near 02139\" or \"near Boston, MA\", or give --near PLACE")
            }
            switch try SearchCommand.resolveTypedPlace(typed, reader: reader) {
            case let .success(found):
                place = (found.location, found.label)
                note = found.note
            case let .failure(problem):
                throw UsageError("place " + problem.message + " (read from your words; or give --near PLACE, or search the words as typed with --exact)")
            }
        } else {
            place = try SearchCommand.resolvePlace(request.place, reader: reader)
        }
        // "nursing in Texas": an "in" tail that names a state is the state filter, when none was
        // given; "bioinformatics in Boston": else it is the place when the ZIP table knows it.
        if place == nil, request.matching == .forgiving, let text = request.text,
           let typed = TypedPlace.candidates(in: text).first(where: { !$0.isCertain }) {
            // A state code counts only in capitals ("in OR", not "in or").
            if request.states.isEmpty, let state = USState.code(named: typed.place) ?? (USState.isCode(typed.place) ? typed.place : nil) {
                request.text = typed.words.isEmpty ? nil : typed.words
                request.states = [state]
                request.stateFromText = typed.place
            } else if reader.zips.count > 0, case let .success(found) = try SearchCommand.resolveTypedPlace(typed.place, reader: reader) {
                request.text = typed.words.isEmpty ? nil : typed.words
                request.place = .near(typed.place)
                request.placeFromText = typed.place
                place = (found.location, found.label)
                note = found.note
            }
        }
        let query = try SearchCommand.engineQuery(request, origin: place?.location, reader: reader)
        let start = monotonicSeconds()
        let result = try Searcher(reader: reader).search(query)
        seconds = monotonicSeconds() - start
        self.request = request
        self.query = query
        self.result = result
        self.place = place?.label
        placeNote = note
        hits = readingRecords ? try result.hits.map { h in (try reader.record(h.document), h) } : []
    }
}

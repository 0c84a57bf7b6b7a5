import Corpus
import Geo
import Search

/// One search as a person or a batch line asks it: the words, a place by name or a point,
/// filters, ranking, grouping, facets, explain and the page — typed, and valid once
/// `validate()` has passed. The command line (`schoolfinder search`), batch lines
/// (`search --batch`) and the benchmark's query mix all build this one model:
/// `SearchRequest(values:)` reads options from either source with one set of messages,
/// `validate()` checks the whole request, `description(place:)` names it in result headers, and
/// `query(origin:)` hands it to the engine once its place is resolved.
///
/// (SchoolFinderKit's `SearchRequest` is the engine's `SearchQuery`, which takes a point only;
/// this one also holds a place by name, which the CLI resolves with the index's ZIP table.)
///
/// The request is the engine's query (every field but the point, read through this request:
/// `request.text`, `request.levels`, `request.facets` …) plus the place as given.
@dynamicMemberLookup
public struct SearchRequest: Sendable, Equatable {
    /// Where distance is measured from; `nil` = nowhere.
    public var place: RequestPlace?
    /// The place as typed when it was read from the words ("nursing near 02139" → "02139",
    /// `TypedPlace`), so headers can say so; `nil` when it came from an option or there is none.
    public var placeFromText: String?
    /// The state as typed when it was read from the words ("nursing in Texas" → "Texas").
    public var stateFromText: String?
    /// Everything else the request asks; its `origin` stays `nil` until `query(origin:)`.
    public var query = SearchQuery()

    /// An empty request: every program, in id order, 10 at a time, its words matched forgivingly
    /// (`TextMatching.forgiving`; `--exact` turns that off).
    public init() { query.matching = .forgiving }

    /// The request that asks what `query` asks, its origin as a point.
    public init(_ query: SearchQuery) {
        place = query.origin.map(RequestPlace.point)
        self.query = query
        self.query.origin = nil
    }

    /// The query's fields, read and written as the request's own.
    public subscript<Value>(dynamicMember field: WritableKeyPath<SearchQuery, Value>) -> Value {
        get { query[keyPath: field] }
        set { query[keyPath: field] = newValue }
    }

    /// Blended order's half distance in miles, > 0; `nil` = the radius, or 25 without one.
    public var decayMiles: Double? {
        get { query.decay?.halfDistanceMiles }
        set { query.decay = newValue.map { DistanceDecay(halfDistanceMiles: $0) } }
    }

    /// The engine's query for this request, measuring from `origin` (the resolved `place`).
    public func query(origin: GeoPoint?) -> SearchQuery {
        var q = query
        q.origin = origin
        return q
    }
}

/// Where a request measures distance from.
public enum RequestPlace: Sendable, Equatable {
    /// A ZIP code or a city ("Chicago, IL"), resolved with the index's ZIP table (`--near`).
    case near(String)
    /// A ZIP code, resolved with the index's ZIP table (`--zip`).
    case zip(String)
    /// A point in degrees (`--lat`/`--lon`).
    case point(GeoPoint)

    /// The point, when the place is one.
    public var point: GeoPoint? {
        if case let .point(p) = self { return p }
        return nil
    }
}

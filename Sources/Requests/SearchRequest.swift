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
public struct SearchRequest: Sendable, Equatable {
    /// Free text; every word must match. `nil` = no text condition.
    public var text: String?
    /// Where distance is measured from; `nil` = nowhere.
    public var place: RequestPlace?
    /// Statute miles, inclusive, ≥ 0; needs `place`.
    public var radiusMiles: Double?
    public var levels: Set<AwardLevel> = []
    /// USPS codes, uppercase.
    public var states: Set<String> = []
    /// "51", "51.07" or "51.0707".
    public var cipPrefix: String?
    /// Programmatic accreditor acronyms, uppercase.
    public var accreditors: Set<String> = []
    public var deliveries: Set<Delivery> = []
    /// `nil` = the default for the query's shape (`SearchQuery.effectiveSort`).
    public var sort: SortOrder?
    /// `Ranking.standard` (fields, with its weights) unless set.
    public var ranking: Ranking = .standard
    /// Blended order's half distance in miles, > 0; `nil` = half the radius, or 25 without one.
    public var decayMiles: Double?
    /// One hit per institution (`--group institution`).
    public var groupByInstitution = false
    /// Fields to count all matches by, in the order asked, each once.
    public var facets: [FacetField] = []
    /// Attach the plan and a score breakdown per hit.
    public var explain = false
    /// Hits to return, ≥ 0.
    public var limit = 10
    /// Hits to skip, ≥ 0.
    public var offset = 0

    /// An empty request: every program, in id order, 10 at a time.
    public init() {}

    /// The engine's query for this request, measuring from `origin` (the resolved `place`).
    public func query(origin: GeoPoint?) -> SearchQuery {
        var q = SearchQuery(text: text, origin: origin, radiusMiles: radiusMiles, levels: levels, states: states,
                            cipPrefix: cipPrefix, accreditors: accreditors, deliveries: deliveries, sort: sort,
                            limit: limit, offset: offset)
        q.ranking = ranking
        q.decay = decayMiles.map { DistanceDecay(halfDistanceMiles: $0) }
        q.groupByInstitution = groupByInstitution
        q.facets = facets
        q.explain = explain
        return q
    }

    /// The request that asks what `query` asks, its origin as a point.
    public init(_ query: SearchQuery) {
        text = query.text
        place = query.origin.map(RequestPlace.point)
        radiusMiles = query.radiusMiles
        levels = query.levels
        states = query.states
        cipPrefix = query.cipPrefix
        accreditors = query.accreditors
        deliveries = query.deliveries
        sort = query.sort
        ranking = query.ranking
        decayMiles = query.decay?.halfDistanceMiles
        groupByInstitution = query.groupByInstitution
        facets = query.facets
        explain = query.explain
        limit = query.limit
        offset = query.offset
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

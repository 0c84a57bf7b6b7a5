import Corpus
import Geo

/// How hits are ordered.
public enum SortOrder: String, Sendable, CaseIterable {
    /// Score descending, then distance ascending when a point was given, then id ascending.
    case relevance
    /// Distance ascending, then id ascending. Needs a point.
    case distance
    /// Id ascending (byte order).
    case id
}

/// One search: optional text, optional point and radius, filters, order and page.
/// Filters combine with AND; the values inside one filter combine with OR ("any of").
public struct SearchQuery: Sendable, Equatable {
    /// Free text; every token must occur in the record (AND). `nil` = no text condition.
    public var text: String?
    /// Point to measure distance from.
    public var origin: GeoPoint?
    /// Miles, inclusive; needs `origin`. `nil` = no distance limit.
    public var radiusMiles: Double?
    public var levels: Set<AwardLevel> = []
    /// USPS codes, uppercase.
    public var states: Set<String> = []
    /// "51", "51.07" or "51.0707".
    public var cipPrefix: String?
    /// Accreditor acronyms, any case ("CAHIIM").
    public var accreditors: Set<String> = []
    public var deliveries: Set<Delivery> = []
    /// `nil` = the default: relevance with text, distance with a point, else id.
    public var sort: SortOrder?
    /// Hits to return, ≥ 0.
    public var limit: Int = 10
    /// Hits to skip, ≥ 0.
    public var offset: Int = 0

    public init(text: String? = nil, origin: GeoPoint? = nil, radiusMiles: Double? = nil,
                levels: Set<AwardLevel> = [], states: Set<String> = [], cipPrefix: String? = nil,
                accreditors: Set<String> = [], deliveries: Set<Delivery> = [], sort: SortOrder? = nil,
                limit: Int = 10, offset: Int = 0) {
        self.text = text
        self.origin = origin
        self.radiusMiles = radiusMiles
        self.levels = levels
        self.states = states
        self.cipPrefix = cipPrefix
        self.accreditors = accreditors
        self.deliveries = deliveries
        self.sort = sort
        self.limit = limit
        self.offset = offset
    }

    /// The order used: `sort`, or the default for the query's shape.
    public var effectiveSort: SortOrder {
        if let sort { return sort }
        if text != nil { return .relevance }
        if origin != nil { return .distance }
        return .id
    }
}

/// Why a query was refused. Messages name the value and the fix.
public enum SearchError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidRadius(Double)
    case radiusWithoutOrigin
    case invalidOrigin(latitude: Double, longitude: Double)
    case distanceSortWithoutOrigin
    case noSearchableWords(String)
    case tooManyTerms(count: Int, limit: Int)
    case invalidState(String)
    case invalidCIPPrefix(String)
    case invalidLimit(Int)
    case invalidOffset(Int)
    case corruptIndex(String)

    public var description: String {
        switch self {
        case let .invalidRadius(r):
            "radius \(r) is not valid: give a distance in miles that is 0 or more (e.g. --radius 50)"
        case .radiusWithoutOrigin:
            "a radius needs a point to measure from: add --zip ZIP or --lat LAT --lon LON"
        case let .invalidOrigin(lat, lon):
            "point (\(lat), \(lon)) is not valid: latitude must be in [-90, 90] and longitude in [-180, 180]"
        case .distanceSortWithoutOrigin:
            "--sort distance needs a point: add --zip ZIP or --lat LAT --lon LON"
        case let .noSearchableWords(t):
            "query text \"\(t)\" has no searchable words (letters or digits); drop it or add words"
        case let .tooManyTerms(count, limit):
            "query has \(count) distinct words; the most a query may have is \(limit)"
        case let .invalidState(s):
            "state \"\(s)\" is not a USPS state code; use two letters such as IL, TX, CA"
        case let .invalidCIPPrefix(p):
            "CIP prefix \"\(p)\" is not valid; use a family \"51\", a series \"51.07\" or a code \"51.0707\""
        case let .invalidLimit(n):
            "limit \(n) is not valid: give 0 or more"
        case let .invalidOffset(n):
            "offset \(n) is not valid: give 0 or more"
        case let .corruptIndex(detail):
            "the index is damaged: \(detail); rebuild it with `schoolfinder index` (and run `schoolfinder check`)"
        }
    }
}

/// One ranked hit: a document number in the index plus its score and distance.
public struct SearchHit: Sendable, Equatable {
    public let document: Int
    /// BM25 score; 0 when the query had no text.
    public let score: Double
    /// Miles from the query point; `nil` when no point was given.
    public let distanceMiles: Double?
}

/// The answer to a query.
public struct SearchResult: Sendable {
    /// Exact number of records that pass text and filters (and radius).
    public let total: Int
    /// Hits `offset ..< offset + limit` of the ordered matches.
    public let hits: [SearchHit]
    /// The distinct analyzed query tokens, in query order.
    public let terms: [String]
    public let sort: SortOrder
}

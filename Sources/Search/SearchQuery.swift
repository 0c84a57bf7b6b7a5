import Corpus
import Geo

/// How hits are ordered.
public enum SortOrder: String, Sendable, CaseIterable {
    /// Text score × distance decay descending (`DistanceDecay`), then distance, then id: the
    /// default of the fields ranking for a query with words and a point.
    case blended
    /// Text score descending, then distance ascending when a point was given, then id ascending.
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
    /// How text relevance is scored; `Ranking.standard` (BM25F) unless set.
    public var ranking: Ranking = .standard
    /// Blended order's decay; `nil` = `DistanceDecay.standard(radiusMiles:)`.
    public var decay: DistanceDecay?
    /// One hit per institution: its best program, with the count of its matching programs.
    public var groupByInstitution = false
    /// Fields to count matches by (exact counts over every match, not just the page).
    public var facets: [FacetField] = []
    /// Attach a score breakdown to every hit (`SearchResult.explanations`).
    public var explain = false
    /// Text groups: per query word, other index terms that also satisfy it (synonyms, spelling
    /// variants), each with a weight in (0, 1]. A word's group is the word itself (weight 1) OR
    /// its alternatives: a record matches the group when it holds any of them, and the group
    /// scores the best of them, each term's score × its weight. Words and alternatives are
    /// analyzed like the text, so "Nurses" is the query word "nurse" and the alternative
    /// "records" the term "record" (`analyzedExpansions()`). Empty: every group is its word alone.
    public var expansions: [String: [TermAlternative]] = [:]
    /// How the text is matched: `.exact` (every analyzed word, as typed; the default of the
    /// library) or `.forgiving` (synonyms, typos, prefixes, filler words and relaxation,
    /// `QueryRewriter`; the default of the command line).
    public var matching: TextMatching = .exact

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

    /// The order used: `sort`, or the default for the query's shape — blended with words and a
    /// point (fields ranking; classic ranks by text, then distance), relevance with words,
    /// distance with a point, else id. Blended without words or without a point is relevance.
    public var effectiveSort: SortOrder {
        let classic = ranking == .classic
        switch sort {
        case .blended?: return text != nil && origin != nil && !classic ? .blended : (text != nil ? .relevance : (origin != nil ? .distance : .id))
        case let s?: return s
        case nil:
            if text != nil { return origin != nil && !classic ? .blended : .relevance }
            if origin != nil { return .distance }
            return .id
        }
    }

    /// The decay a blended query uses.
    public var effectiveDecay: DistanceDecay { decay ?? .standard(radiusMiles: radiusMiles) }
}

/// How query text is matched against the index.
public enum TextMatching: String, Sendable, CaseIterable {
    /// Every analyzed word must occur, as typed: a strict AND, nothing expanded or dropped.
    case exact
    /// Words also match their synonyms, close spellings and (the last word) completions; filler
    /// words and, when nothing matches, words that block every match are dropped (`QueryRewriter`).
    case forgiving
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
    case corruptIndex(path: String, detail: String)
    case invalidWeights(String)
    case invalidDecay(Double)
    case invalidAlternative(word: String, term: String, weight: Double)

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
        case let .invalidWeights(detail):
            "field weights \(detail) are not valid: weights and k1 must be 0 or more with some field weight above 0, and each b between 0 and 1 (e.g. --weights title=4,description=1,institution=0.5)"
        case let .invalidAlternative(word, term, weight):
            "alternative \"\(term)\" (weight \(weight)) for \"\(word)\" is not valid: give one word of letters or digits with a weight above 0 and at most 1"
        case let .invalidDecay(miles):
            "decay half distance \(miles) is not valid: give miles above 0 (e.g. --decay-miles 25)"
        case let .corruptIndex(path, detail):
            "\(path) is damaged: \(detail); rebuild it with `schoolfinder index --out \(path)` (and run `schoolfinder check \(path)`)"
        }
    }
}

/// One ranked hit: a document number in the index plus its score and distance.
public struct SearchHit: Sendable, Equatable {
    public let document: Int
    /// The ranking score: the text score (BM25F, or BM25 with classic ranking), × the distance
    /// decay in blended order; 0 when the query had no text.
    public let score: Double
    /// Miles from the query point; `nil` when no point was given.
    public let distanceMiles: Double?
    /// Grouped by institution: how many of the institution's programs match (this one included).
    public let groupMatches: Int?

    public init(document: Int, score: Double, distanceMiles: Double?, groupMatches: Int? = nil) {
        self.document = document
        self.score = score
        self.distanceMiles = distanceMiles
        self.groupMatches = groupMatches
    }
}

/// The answer to a query.
public struct SearchResult: Sendable {
    /// Exact number of records that pass text and filters (and radius).
    public let total: Int
    /// Hits `offset ..< offset + limit` of the ordered matches (of the institutions' best
    /// matches when grouped).
    public let hits: [SearchHit]
    /// The distinct analyzed query tokens (plurals reduced, as the index's terms are), in query order.
    public let terms: [String]
    public let sort: SortOrder
    /// The execution the query took.
    public let plan: QueryPlan
    /// Exact counts over every match, per requested field, in request order.
    public let facets: [FacetCounts]
    /// Grouped by institution: the number of institutions with a match.
    public let groupTotal: Int?
    /// With `explain`: one breakdown per hit, in hit order.
    public let explanations: [ScoreExplanation]
    /// With forgiving matching: how the text was understood (groups, filler words, levels the
    /// dictionary implied, words dropped to find matches, suggestions). `nil` for exact matching.
    public internal(set) var understanding: QueryUnderstanding?

    public init(total: Int, hits: [SearchHit], terms: [String], sort: SortOrder, plan: QueryPlan,
                facets: [FacetCounts] = [], groupTotal: Int? = nil, explanations: [ScoreExplanation] = []) {
        self.total = total
        self.hits = hits
        self.terms = terms
        self.sort = sort
        self.plan = plan
        self.facets = facets
        self.groupTotal = groupTotal
        self.explanations = explanations
    }
}

/// An index term that also satisfies a query word (`SearchQuery.expansions`), and how much a
/// match on it counts against the word itself: weight in (0, 1].
public struct TermAlternative: Sendable, Equatable {
    /// One word; the searcher analyzes it like query text (`[a-z0-9]+`, plural reduced), so
    /// "Records" means the index term "record".
    public var term: String
    public var weight: Double
    /// Score the term as if this many documents held it (its idf), instead of its own count;
    /// `nil` = its own. Forgiving matching gives every spelling and completion of a word the
    /// count of the most frequent of them (Lucene's blended frequency for fuzzy terms), so a
    /// rare misspelling or completion ("informant", "nursery") does not outrank the common
    /// word the student meant. At least 1.
    public var scoringDocumentFrequency: Int?

    public init(term: String, weight: Double, scoringDocumentFrequency: Int? = nil) {
        self.term = term
        self.weight = weight
        self.scoringDocumentFrequency = scoringDocumentFrequency
    }
}

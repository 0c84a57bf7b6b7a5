import Corpus
import Geo
import Requests
import Search

/// The benchmark's seeded query mix: eleven classes in equal shares, interleaved. The same seed
/// and inputs give the same queries in the same order.
///
/// The `typed` class (issue 11) draws from a random stream of its own (`typedSeed`), so the
/// other ten classes hold exactly the queries they held before it, in the same order (with
/// N queries, each now has the first N/11 of them instead of N/10). The runner sets every
/// query's ranking (`ranked`) and matching (`matched`); as made here, the ten classes match
/// exactly (`SearchQuery`'s default) and `typed` forgivingly.
public struct QueryMix: Sendable {
    public enum QueryClass: String, CaseIterable, Sendable {
        case text = "text"
        case radius = "point+radius"
        case textRadius = "text+point+radius"
        case textLevel = "text+level"
        case textRadiusLevelState = "text+point+radius+level+state"
        case cipPrefix = "cip-prefix"
        case accreditor = "accreditor"
        /// Words and a point, no radius: blended order (text × distance decay) under the fields ranking.
        case textPoint = "text+point"
        /// Words with facet counts over every match (`QueryMix.facetFields`).
        case facets = "text+facets"
        /// Words grouped by institution, half the time with a point (no radius).
        case grouped = "text+group"
        /// Words as students type them, always matched forgivingly: typos, prefixes,
        /// abbreviations, filler words and unknown words (`TypedKind`), half with a point.
        case typed = "typed"
    }

    /// The facets a `.facets` query asks for: what a student narrows by.
    public static let facetFields: [FacetField] = [.level, .state, .accreditor, .cip2]

    public struct Item: Sendable, Equatable {
        public let queryClass: QueryClass
        public let query: SearchQuery
        /// For the `typed` class: which kind of typing the query is.
        public let typedKind: TypedKind?

        public init(queryClass: QueryClass, query: SearchQuery, typedKind: TypedKind? = nil) {
            self.queryClass = queryClass
            self.query = query
            self.typedKind = typedKind
        }
    }

    /// Domain words a health-IT student types; 70% of text terms come from here.
    public static let domainTerms = ["health", "information", "management", "informatics", "bioinformatics", "medical",
                                     "records", "coding", "data", "nursing", "technology", "administration", "analytics",
                                     "ehr", "rhit", "rhia", "clinical", "computer", "science", "public"]

    public let items: [Item]

    init(items: [Item]) { self.items = items }

    /// The same queries under `ranking` (the benchmark's `--ranking`).
    public func ranked(_ ranking: Ranking) -> QueryMix {
        QueryMix(items: items.map { item in
            var q = item.query
            q.ranking = ranking
            return Item(queryClass: item.queryClass, query: q, typedKind: item.typedKind)
        })
    }

    /// The same queries with `matching` (the benchmark's `--matching`), except the `typed`
    /// class, which is always forgiving.
    public func matched(_ matching: TextMatching) -> QueryMix {
        QueryMix(items: items.map { item in
            var q = item.query
            q.matching = item.queryClass == .typed ? .forgiving : matching
            return Item(queryClass: item.queryClass, query: q, typedKind: item.typedKind)
        })
    }

    /// - Parameters:
    ///   - count: number of queries.
    ///   - vocabulary: other corpus words (30% of text terms are drawn from here).
    ///   - zips: query points are ZIP centroids drawn uniformly.
    ///   - typed: the dictionary and index vocabulary of the `typed` class; `nil`: no dictionary,
    ///     and the domain terms and `vocabulary` as the only words.
    public init(count: Int, seed: UInt64, vocabulary: [String], zips: [ZipCentroid], typed: TypedQuerySource? = nil) {
        var rng = SplitMix64(seed: seed)
        let vocab = vocabulary.isEmpty ? Self.domainTerms : vocabulary
        func word(_ rng: inout SplitMix64) -> String { rng.chance(0.7) ? rng.pick(Self.domainTerms) : rng.pick(vocab) }
        func text() -> String {
            (0 ..< 1 + rng.below(3)).map { _ in word(&rng) }.joined(separator: " ")
        }
        let source = typed ?? TypedQuerySource(dictionary: .empty, vocabulary: WordListVocabulary(Self.domainTerms + vocab))
        var typedRng = SplitMix64(seed: Self.typedSeed(seed))
        var typedCount = 0
        func levels() -> Set<AwardLevel> { Set((0 ..< 1 + rng.below(2)).map { _ in rng.pick(AwardLevel.allCases) }) }
        var items: [Item] = []
        items.reserveCapacity(count)
        let cips = ["51", "51.07", "51.0707", "51.0706", "51.2706", "26.1103", "11", "11.0701", "26", "52.0201"]
        let accreditors = ["CAHIIM", "ABET", "CCNE", "ACEN", "CEPH", "ABHES"]
        for i in 0 ..< count {
            let c = QueryClass.allCases[i % QueryClass.allCases.count]
            if c == .typed {
                items.append(Self.typedItem(typedCount, &typedRng, source: source, word: word, point: { rng in rng.pick(zips).location }))
                typedCount += 1
                continue
            }
            let z = rng.pick(zips)
            let radius = 10 + rng.unit() * 190
            var q = SearchQuery()
            switch c {
            case .text: q.text = text()
            case .radius: q.origin = z.location; q.radiusMiles = radius
            case .textRadius: q.text = text(); q.origin = z.location; q.radiusMiles = radius
            case .textLevel: q.text = text(); q.levels = levels()
            case .textRadiusLevelState:
                q.text = text(); q.origin = z.location; q.radiusMiles = radius; q.levels = levels(); q.states = [z.state]
            case .cipPrefix: q.cipPrefix = rng.pick(cips); if rng.chance(0.5) { q.origin = z.location }
            case .accreditor: q.accreditors = [rng.pick(accreditors)]; if rng.chance(0.5) { q.text = text() }
            case .textPoint: q.text = text(); q.origin = z.location
            case .facets: q.text = text(); q.facets = Self.facetFields
            case .grouped: q.text = text(); q.groupByInstitution = true; if rng.chance(0.5) { q.origin = z.location }
            case .typed: break
            }
            if !USState.isCode(z.state) { q.states = [] }
            items.append(Item(queryClass: c, query: q))
        }
        self.items = items
    }
}

extension QueryMix {
    /// One line naming what a query asks, for the list of slowest queries: the CLI's header
    /// description (`SearchRequest.description(place:)`), then the order when the query sets one:
    /// `"health data", near 41.8800° N, 87.6200° W, within 50 mi, level bachelor|master, state IL`.
    public static func describe(_ q: SearchQuery) -> String {
        let request = SearchRequest(q)
        let what = request.description(place: nil)
        return q.sort.map { "\(what); sorted by \(request.orderDescription($0))" } ?? what
    }

    /// The item as one line of `schoolfinder search --batch` input: `id`, `class`, and the
    /// query's fields as `SearchRequest.writeBatchFields` writes them, so the same mix runs
    /// through the CLI or another engine.
    public static func batchLine(_ item: Item, id: Int) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.field("id", id)
        w.field("class", item.queryClass.rawValue)
        SearchRequest(item.query).writeBatchFields(into: &w)
        w.endObject()
        return w.text
    }
}

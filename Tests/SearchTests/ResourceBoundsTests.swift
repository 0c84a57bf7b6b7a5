import Corpus
import Geo
import IndexFormat
import Search
import Testing

/// Extreme but well-formed requests: each gets a clear error or a correct, bounded answer.
@Suite("Resource bounds")
struct ResourceBoundsTests {
    static let records = TestCorpus.records(count: 3000, seed: 31)
    static let reader = try! TestCorpus.buildIndex(records)
    static let reference = ReferenceEngine(records: records)
    var searcher: Searcher { Searcher(reader: Self.reader) }

    @Test("10,000 distinct words are refused clearly; 10,000 copies of one word are one word")
    func manyTerms() throws {
        let distinct = (0 ..< 10_000).map { "w\($0)" }.joined(separator: " ")
        #expect(throws: SearchError.tooManyTerms(count: 10_000, limit: Searcher.maximumTerms)) { try searcher.search(SearchQuery(text: distinct)) }
        let same = Array(repeating: "health", count: 10_000).joined(separator: " ")
        #expect(try searcher.search(SearchQuery(text: same)).total == Self.reference.search(SearchQuery(text: "health")).total)
        let atLimit = (0 ..< Searcher.maximumTerms).map { "w\($0)" }.joined(separator: " ")
        #expect(try searcher.search(SearchQuery(text: atLimit)).total == 0)
    }

    @Test("a radius of 1e9 miles covers the whole sphere")
    func hugeRadius() throws {
        let q = SearchQuery(origin: GeoPoint(latitude: 41.88, longitude: -87.63), radiusMiles: 1e9, limit: 25)
        let got = try searcher.search(q), expected = Self.reference.search(q)
        #expect(got.total == Self.reference.records.count && got.total == expected.total)
        #expect(try got.hits.map { try Self.reader.record($0.document).id } == expected.hits.map(\.id))
    }

    @Test("a limit of 10^9 returns every match once; an offset past the end returns none")
    func hugeLimitAndOffset() throws {
        let all = try searcher.search(SearchQuery(text: "health", limit: 1_000_000_000))
        #expect(all.hits.count == all.total && all.total > 0)
        #expect(Set(all.hits.map(\.document)).count == all.total)
        let past = try searcher.search(SearchQuery(text: "health", limit: 10, offset: 1_000_000_000))
        #expect(past.total == all.total && past.hits.isEmpty)
        let overflow = try searcher.search(SearchQuery(text: "health", limit: Int.max, offset: Int.max))
        #expect(overflow.total == all.total && overflow.hits.isEmpty)
        let none = try searcher.search(SearchQuery(text: "health", limit: 0))
        #expect(none.total == all.total && none.hits.isEmpty)
    }

    @Test("NaN and infinite coordinates or radii, and negative pages, are refused", arguments: [
        SearchQuery(origin: GeoPoint(latitude: .nan, longitude: 0)),
        SearchQuery(origin: GeoPoint(latitude: 0, longitude: .infinity)),
        SearchQuery(origin: GeoPoint(latitude: 91, longitude: 0)),
        SearchQuery(origin: GeoPoint(latitude: 0, longitude: -180.5)),
        SearchQuery(origin: GeoPoint(latitude: 0, longitude: 0), radiusMiles: .nan),
        SearchQuery(origin: GeoPoint(latitude: 0, longitude: 0), radiusMiles: .infinity),
        SearchQuery(origin: GeoPoint(latitude: 0, longitude: 0), radiusMiles: -5),
        SearchQuery(radiusMiles: 10),
        SearchQuery(sort: .distance),
        SearchQuery(limit: -1),
        SearchQuery(offset: -1),
        SearchQuery(text: "¿¡ — …"),
        SearchQuery(states: ["Illinois"]),
        SearchQuery(cipPrefix: "51.7"),
    ])
    func refused(query: SearchQuery) {
        #expect(throws: SearchError.self) { try searcher.search(query) }
    }

    @Test("the poles and the antimeridian answer like the reference")
    func edges() throws {
        for (lat, lon) in [(90.0, 0.0), (-90.0, 0.0), (0.0, 180.0), (0.0, -180.0), (64.8, 179.999), (89.99, -45.0)] {
            for radius in [1.0, 100, 3000] {
                let q = SearchQuery(origin: GeoPoint(latitude: lat, longitude: lon), radiusMiles: radius, limit: 50)
                let got = try searcher.search(q), expected = Self.reference.search(q)
                #expect(got.total == expected.total, "\(lat),\(lon) r=\(radius)")
                #expect(try got.hits.map { try Self.reader.record($0.document).id } == expected.hits.map(\.id))
            }
        }
    }
}

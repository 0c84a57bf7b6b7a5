import Foundation
import Corpus
import Geo
import TestSupport
import Testing

@Suite("PlaceLookup: --near ZIP or city")
struct PlaceLookupTests {
    static let zips: [ZipCentroid] = [
        ZipCentroid(zip: "60601", city: "Chicago", state: "IL", latitude: 41.886456, longitude: -87.62325),
        ZipCentroid(zip: "60602", city: "CHICAGO", state: "IL", latitude: 41.882937, longitude: -87.62874),
        ZipCentroid(zip: "63101", city: "St. Louis", state: "MO", latitude: 38.63, longitude: -90.19),
        ZipCentroid(zip: "63102", city: "Saint Louis", state: "MO", latitude: 38.62, longitude: -90.18),
        ZipCentroid(zip: "62701", city: "Springfield", state: "IL", latitude: 39.80009, longitude: -89.64999),
        ZipCentroid(zip: "65801", city: "Springfield", state: "MO", latitude: 37.21, longitude: -93.29),
        ZipCentroid(zip: "01101", city: "Springfield", state: "MA", latitude: 42.1, longitude: -72.59),
        ZipCentroid(zip: "46802", city: "Fort Wayne", state: "IN", latitude: 41.07, longitude: -85.15),
        ZipCentroid(zip: "02903", city: "", state: "RI", latitude: 41.82, longitude: -71.41),
        ZipCentroid(zip: "11050", city: "Port Washington", state: "NY", latitude: 40.83, longitude: -73.68),
    ]

    static func resolve(_ text: String) -> Result<PlaceLookup.Place, PlaceLookup.Problem> { PlaceLookup.resolve(text, zips: zips) }

    static func place(_ text: String) throws -> PlaceLookup.Place {
        switch resolve(text) {
        case let .success(p): return p
        case let .failure(problem): Issue.record("\(text): \(problem.message)"); throw problem
        }
    }

    static func problem(_ text: String) -> PlaceLookup.Problem? {
        if case let .failure(p) = resolve(text) { return p }
        return nil
    }

    @Test("a ZIP and a ZIP+4 give that ZIP's centroid, labelled with its city")
    func zip() throws {
        let p = try Self.place("60601")
        #expect(p == PlaceLookup.Place(location: GeoPoint(latitude: 41.886456, longitude: -87.62325), label: "60601 (Chicago, IL)", zipCount: 1))
        #expect(try Self.place("60601-1234") == p)
        #expect(try Self.place("  60602 ").label == "60602 (Chicago, IL)")   // CHICAGO shown in display case
        #expect(try Self.place("02903").label == "02903")                     // no city in the table
        // A caller's own ZIP lookup is used, and a ZIP never asks for the whole table.
        let viaLookup = PlaceLookup.resolve("63101", zipLookup: { z in Self.zips.first { $0.zip == z } },
                                            allZips: { Issue.record("a ZIP materialised the whole table"); return [] })
        #expect((try? viaLookup.get())?.label == "63101 (St. Louis, MO)")
    }

    @Test("a city is the mean of its ZIP centroids in its state; case, comma and St./Saint do not matter")
    func city() throws {
        let chicago = try Self.place("Chicago, IL")
        #expect(chicago.label == "Chicago, IL" && chicago.zipCount == 2)
        #expect(abs(chicago.location.latitude - (41.886456 + 41.882937) / 2) < 1e-12)
        #expect(abs(chicago.location.longitude - (-87.62325 + -87.62874) / 2) < 1e-12)
        #expect(try Self.place("chicago il") == chicago)
        #expect(try Self.place("CHICAGO,IL") == chicago)
        #expect(try Self.place("Chicago") == chicago)          // one state has it: no state needed
        let stLouis = try Self.place("St. Louis, MO")
        #expect(stLouis.zipCount == 2 && stLouis.label == "St. Louis, MO")
        #expect(try Self.place("Saint Louis, MO") == stLouis)
        #expect(try Self.place("st louis mo") == stLouis)
        #expect(try Self.place("Ft. Wayne, IN").label == "Fort Wayne, IN")
        let springfieldMO = try Self.place("Springfield, MO")
        #expect(springfieldMO.zipCount == 1 && springfieldMO.location == GeoPoint(latitude: 37.21, longitude: -93.29))
    }

    @Test("suggestions for a misspelt city: nearest spelling first, then the largest city (most ZIP codes), then by name")
    func suggestionsLargestFirst() {
        // Four small Bostons before Boston, MA alphabetically; MA's has three ZIP codes.
        let zips = ["GA", "IN", "KY", "MA", "MA", "MA", "TX"].enumerated().map { k, st in
            ZipCentroid(zip: String(format: "%05d", 10_000 + k), city: "Boston", state: st, latitude: 40, longitude: -80)
        } + [ZipCentroid(zip: "20000", city: "Bostwick", state: "GA", latitude: 33, longitude: -83)]
        guard case let .failure(problem) = PlaceLookup.resolve("Bostn", zips: zips) else { Issue.record("Bostn resolved"); return }
        #expect(problem == .unknownCity("Bostn", suggestions: ["Boston, MA", "Boston, GA", "Boston, IN"]))
    }

    @Test("one-line messages, golden: unknown city with suggestions, ambiguous city, unknown ZIP, not a place")
    func messages() {
        #expect(Self.problem("Chicgo, IL") == .unknownCity("Chicgo, IL", suggestions: ["Chicago, IL"]))
        #expect(Self.problem("Chicgo, IL")?.message == "\"Chicgo, IL\" is not a city in the ZIP table; did you mean \"Chicago, IL\"?")
        #expect(Self.problem("Springfeld")?.message
            == "\"Springfeld\" is not a city in the ZIP table; did you mean \"Springfield, IL\" or \"Springfield, MA\" or \"Springfield, MO\"?")
        #expect(Self.problem("Xyzzy, IL")?.message == "\"Xyzzy, IL\" is not a city in the ZIP table; check the spelling or give a ZIP")
        // A suggestion stays in the state asked for.
        #expect(Self.problem("Chicago, MO") == .unknownCity("Chicago, MO", suggestions: []))
        #expect(Self.problem("Springfield") == .ambiguousCity("Springfield", candidates: ["Springfield, IL", "Springfield, MA", "Springfield, MO"]))
        #expect(Self.problem("Springfield")?.message
            == "\"Springfield\" names cities in 3 states: Springfield, IL; Springfield, MA; Springfield, MO; add the state, e.g. \"Springfield, IL\"")
        #expect(Self.problem("99999")?.message
            == "ZIP 99999 is not in the ZIP table; check it, give a nearby ZIP or a city (\"Chicago, IL\"), or use --lat/--lon")
        for garbage in ["6060", "60601-12", "60601 Chicago", "!!!", "", " , ", "123456"] {
            #expect(Self.problem(garbage) == .notAZip(garbage), "\"\(garbage)\"")
        }
        #expect(Self.problem("!!!")?.message == "\"!!!\" is not a place: give a 5-digit ZIP (60601) or a city and state (\"Chicago, IL\")")
        for p in [Self.problem("Springfield"), Self.problem("Chicgo, IL"), Self.problem("99999"), Self.problem("!!!")] {
            #expect(p?.message.contains("\n") == false)
        }
    }

    @Test("more than eight candidate states are listed as eight and an ellipsis")
    func manyCandidates() {
        let states = ["AL", "GA", "IN", "KY", "MA", "NH", "OH", "PA", "TN", "VA"]
        let zips = states.enumerated().map { i, s in
            ZipCentroid(zip: String(10000 + i), city: "Franklin", state: s, latitude: 35 + Double(i) / 10, longitude: -85)
        }
        guard case let .failure(p) = PlaceLookup.resolve("Franklin", zips: zips) else { Issue.record("Franklin resolved"); return }
        #expect(p.message == "\"Franklin\" names cities in 10 states: Franklin, AL; Franklin, GA; Franklin, IN; Franklin, KY; Franklin, MA; Franklin, NH; Franklin, OH; Franklin, PA; …; add the state, e.g. \"Franklin, AL\"")
    }

    @Test("on the real 2004 ZIP list, Chicago, IL is the mean of its 85 ZIPs", .enabled(if: ProjectPaths.sharedData("zipcodes.tsv") != nil))
    func realTable() throws {
        let path = try #require(ProjectPaths.sharedData("zipcodes.tsv"))
        let zips = try ZipTable.read(FileBytes.read(path), path: path).0
        // awk over zipcodes.tsv: 85 rows with city "Chicago", state IL; mean lat 41.851690, lon -87.679819.
        let p = try PlaceLookup.resolve("chicago il", zips: zips).get()
        #expect(p.zipCount == 85 && p.label == "Chicago, IL")
        #expect(abs(p.location.latitude - 41.851690) < 5e-7 && abs(p.location.longitude - -87.679819) < 5e-7)
        #expect(try PlaceLookup.resolve("Saint Louis, MO", zips: zips).get().zipCount == 71)
        #expect(try PlaceLookup.resolve("St. Louis, MO", zips: zips).get().zipCount == 71)
    }

    @Test("states written out; a city whose name ends in a state's name is still that city")
    func writtenStates() throws {
        #expect(try Self.resolve("Chicago, Illinois").get().label == "Chicago, IL")
        #expect(try Self.resolve("springfield missouri").get().label == "Springfield, MO")
        #expect(try Self.resolve("Port Washington").get().label == "Port Washington, NY")
        #expect(try Self.resolve("Port Washington, NY").get().label == "Port Washington, NY")
    }

}

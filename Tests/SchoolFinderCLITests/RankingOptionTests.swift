import Corpus
import Foundation
import Geo
import Requests
import SchoolFinderCLI
import Search
import TestSupport
import Testing

/// `--ranking`, `--sort blended`, `--weights`, `--decay-miles`, `--group`, `--facets` and
/// `--explain` on the CLI fixture corpus, on the command line and in batch lines.
@Suite("CLI: ranking, grouping, facets and explain options")
struct RankingOptionTests {
    @Test("each bad value of a new option gets one line naming it and the fix, exit 2", arguments: [
        (["--ranking", "bm25", "nursing"], "--ranking \"bm25\" is not one of fields, classic"),
        (["--sort", "blend", "nursing"], "--sort \"blend\" is not one of blended, relevance, distance, id"),
        (["--sort", "blended", "nursing"], "--sort blended ranks by text score and distance, so it needs a point: add --near PLACE, --zip ZIP or --lat LAT --lon LON"),
        (["--sort", "blended", "--zip", "60601"], "--sort blended ranks by text score and distance, so it needs query words; or use --sort distance"),
        (["--sort", "blended", "--ranking", "classic", "--zip", "60601", "nursing"],
         "--sort blended is the fields ranking's order; with --ranking classic use --sort relevance, or drop --ranking classic"),
        (["--weights", "title=x", "nursing"], "--weights title=x is not valid: title takes a plain decimal, 0 or more (e.g. --weights title=4,description=1,institution=0.5,title-b=0.5)"),
        (["--weights", "title-b=1.5", "nursing"], "--weights title-b=1.5 is not valid: title-b takes a plain decimal from 0 to 1 (e.g. --weights title=4,description=1,institution=0.5,title-b=0.5)"),
        (["--weights", "colour=2", "nursing"], "--weights: \"colour\" is not a parameter; use title, description, institution, k1, title-b, description-b, institution-b"),
        (["--weights", "title", "nursing"], "--weights \"title\" is not name=value; give e.g. --weights title=4,description=1,institution=0.5"),
        (["--weights", "title=1,title=2", "nursing"], "--weights names title twice; give it once"),
        (["--weights", "title=1", "--ranking", "classic", "nursing"], "--weights tunes the fields ranking; drop --weights, or drop --ranking classic"),
        (["--decay-miles", "0", "--zip", "60601", "nursing"], "--decay-miles \"0\" is not valid: give the miles at which a score is halved, above 0, as a plain decimal (e.g. --decay-miles 25)"),
        (["--decay-miles", "1e3", "--zip", "60601", "nursing"], "--decay-miles \"1e3\" is not valid: give the miles at which a score is halved, above 0, as a plain decimal (e.g. --decay-miles 25)"),
        (["--decay-miles", "10", "nursing"], "--decay-miles needs a point: add --near PLACE, --zip ZIP or --lat LAT --lon LON"),
        (["--decay-miles", "10", "--zip", "60601"], "--decay-miles shapes blended order (text score × distance decay), so it needs query words; drop it"),
        (["--decay-miles", "10", "--zip", "60601", "--sort", "distance", "nursing"], "--decay-miles shapes blended order, not --sort distance; drop one of them"),
        (["--decay-miles", "10", "--zip", "60601", "--ranking", "classic", "nursing"], "--decay-miles shapes blended order, which --ranking classic does not use; drop one of them"),
        (["--group", "school", "nursing"], "--group \"school\" is not a grouping; the one there is: --group institution"),
        (["--facets", "colour", "nursing"], "--facets \"colour\" is not a facet; use any of level, state, accreditor, cip2, cip4, cip6, delivery"),
        (["--explain", "--format", "csv", "nursing"], "--format csv writes one row per hit and has no room for --explain; use --format json (or table), or drop --explain"),
        (["--facets", "level", "--format", "csv", "nursing"], "--format csv writes one row per hit and has no room for --facets; use --format json (or table), or drop --facets"),
        (["--explain=yes", "nursing"], "option '--explain' takes no value"),
    ] as [([String], String)])
    func refused(args: [String], message: String) {
        let r = CLIFixture.search(args)
        #expect(r.code == 2 && r.out == "")
        #expect(r.err == "error: \(message)\n")
    }

    @Test("facet counts of a single-valued field add up to the total; accreditor counts each program's accreditors")
    func facetsAddUp() throws {
        let r = CLIFixture.search(["health", "--zip", "60601", "--radius", "300", "--facets", "level,state,cip2,cip4,cip6,delivery,accreditor",
                                   "--format", "json", "--limit", "0"])
        #expect(r.code == 0, "\(r.err)")
        let v = try JSONValue.parse(r.out)
        let total = try #require(v["total"]?.numberValue)
        #expect(total > 100)
        guard case let .object(facets)? = v["facets"] else { Issue.record("no facets object"); return }
        #expect(facets.map(\.0) == ["level", "state", "cip2", "cip4", "cip6", "delivery", "accreditor"])
        for (field, counts) in facets {
            guard case let .array(values) = counts else { Issue.record("\(field) is not an array"); continue }
            let numbers = values.compactMap { $0["count"]?.numberValue }
            #expect(numbers == numbers.sorted(by: >), "\(field) is not most frequent first")
            if field != "accreditor" { #expect(numbers.reduce(0, +) == total, "\(field) counts add up to \(numbers.reduce(0, +)), not \(total)") }
        }
        // The level counts agree with a --level filter's total.
        guard case let .array(levels)? = v["facets"]?["level"], let top = levels.first,
              let level = top["value"]?.stringValue, let count = top["count"]?.numberValue else { Issue.record("no level counts"); return }
        let filtered = try JSONValue.parse(CLIFixture.search(["health", "--zip", "60601", "--radius", "300", "--level", level, "--format", "json", "--limit", "0"]).out)
        #expect(filtered["total"]?.numberValue == count)
    }

    @Test("the table prints facets after the cards: every value, wrapped within the width")
    func facetTable() throws {
        let r = CLIFixture.search(["nursing", "--facets", "state,level", "--limit", "1"])
        #expect(r.code == 0, "\(r.err)")
        let lines = r.out.split(separator: "\n").map(String.init)
        let heading = lines.firstIndex { $0.hasPrefix("Counts over all ") } ?? lines.count
        #expect(heading < lines.count - 2)
        #expect(lines[heading + 1].hasPrefix("  state: ") && lines[heading + 1].hasSuffix(" ·"), "\(lines[heading + 1])")
        // Continuation lines are indented under the first value, then the next field starts.
        let level = try #require(lines.firstIndex { $0.hasPrefix("  level: ") })
        #expect(level > heading + 2 && lines[(heading + 2) ..< level].allSatisfy { $0.hasPrefix("         ") && !$0.hasPrefix("          ") })
        // Every state with a match is listed: the values add up to the total.
        let header = lines.first { $0.contains(" matches for ") } ?? ""
        let total = Int(header.split(separator: " ").first.map { $0.replacingOccurrences(of: ",", with: "") } ?? "") ?? -1
        let counts = lines[(heading + 1) ..< level].joined(separator: " ").split(separator: "·").compactMap { part in
            part.split(separator: " ").last.flatMap { Int($0.replacingOccurrences(of: ",", with: "")) }
        }
        #expect(counts.reduce(0, +) == total, "\(counts) vs \(total)")
        #expect(lines.allSatisfy { $0.count <= 100 })
    }

    @Test("grouped: one row per school, each with its count of matching programs; the header counts schools")
    func grouped() throws {
        let args = ["health", "--zip", "60601", "--radius", "100", "--group", "institution"]
        let json = try JSONValue.parse(CLIFixture.search(args + ["--limit", "50", "--format", "json"]).out)
        guard case let .array(hits)? = json["hits"], let schools = json["group_total"]?.numberValue,
              let total = json["total"]?.numberValue else { Issue.record("no hits or group_total"); return }
        let institutions = hits.compactMap { $0["institution_id"]?.stringValue }
        #expect(hits.count == min(50, Int(schools)) && Set(institutions).count == hits.count)
        #expect(schools < total && hits.contains { ($0["group_matches"]?.numberValue ?? 0) > 1 })
        #expect(json["query"]?["group"] == .string("institution"))
        // Every match of the page's first school is counted: its group count is that school's total.
        let matches = hits.map { $0["group_matches"]?.numberValue ?? 0 }
        #expect(matches.allSatisfy { $0 >= 1 } && matches.reduce(0, +) <= total)

        let table = CLIFixture.search(args + ["--limit", "5"])
        let header = table.out.replacingOccurrences(of: "\n", with: " ") // the header wraps at 100 columns
        #expect(header.contains(" matches at \(SourceSummary.grouped(Int(schools))) schools for \"health\""), "\(header)")
        #expect(header.contains("one row per school"))
        let more = table.out.split(separator: "\n").filter { $0.contains(" more matching program") }
        #expect(more.count == matches.prefix(5).filter { $0 > 1 }.count)

        let csv = CLIFixture.search(args + ["--limit", "50", "--format", "csv"]).out.split(separator: "\n")
        #expect(csv[0].hasSuffix(",sample_data,group_matches") && csv.count == hits.count + 1)
    }

    @Test("json: the plan, the ranking echoed, and per hit an explanation whose score is the hit's")
    func jsonShape() throws {
        let r = CLIFixture.search(["health", "information", "--zip", "60601", "--explain", "--weights", "title=3,k1=1", "--decay-miles", "40",
                                   "--format", "json", "--limit", "3"])
        #expect(r.code == 0, "\(r.err)")
        let v = try JSONValue.parse(r.out)
        #expect(v["plan"]?.stringValue.flatMap(QueryPlan.init(rawValue:)) != nil)
        #expect(v["query"]?["sort"] == .string("blended") && v["query"]?["ranking"] == .string("fields"))
        #expect(v["query"]?["weights"]?["title"] == .number(3) && v["query"]?["weights"]?["k1"] == .number(1))
        #expect(v["query"]?["weights"]?["description"] == .number(1) && v["query"]?["decay_miles"] == .number(40))
        guard case let .array(hits)? = v["hits"], !hits.isEmpty else { Issue.record("no hits"); return }
        for h in hits {
            let e = try #require(h["explain"])
            #expect(e["score"] == h["score"] && e["half_distance_mi"] == .number(40) && e["distance_mi"] == h["distance_mi"])
            guard case let .array(terms)? = e["terms"] else { Issue.record("no terms"); continue }
            #expect(terms.compactMap { $0["term"]?.stringValue } == ["health", "information"])
            guard case let .array(fields)? = terms[0]["fields"] else { Issue.record("no fields"); continue }
            #expect(fields.compactMap { $0["field"]?.stringValue } == ["title", "description", "institution"])
            #expect(fields[0]["weight"] == .number(3))
        }
    }

    @Test("the header says the order in words: blended names its half distance, classic is named")
    func orderInHeader() throws {
        let classic = CLIFixture.search(["nursing", "--zip", "02139", "--ranking", "classic", "--limit", "3"]).out.replacingOccurrences(of: "\n", with: " ")
        #expect(classic.contains("sorted by relevance (classic BM25); showing 1–3"), "\(classic)")
        let fields = CLIFixture.search(["nursing", "--zip", "02139", "--limit", "3"]).out.replacingOccurrences(of: "\n", with: " ")
        #expect(fields.contains("sorted by relevance × nearness (halves every 25 mi); showing 1–3") && !fields.contains("blended"), "\(fields)")
        let custom = CLIFixture.search(["nursing", "--zip", "02139", "--radius", "40", "--weights", "title=2", "--limit", "3"]).out
            .replacingOccurrences(of: "\n", with: " ")
        #expect(custom.contains("sorted by relevance × nearness (halves every 40 mi) (custom weights)"), "\(custom)")
    }

    @Test("batch lines take the same keys, with per-line errors, and answer as the command line does")
    func batchKeys() throws {
        let input = [
            #"{"id":"g","text":"health","zip":"60601","radius_mi":100,"group":"institution","facets":"level,state","limit":5,"explain":true}"#,
            #"{"id":"w","text":"health","weights":{"title":2,"k1":1},"ranking":"fields","decay_miles":30,"zip":"60601","facets":["cip2"]}"#,
            #"{"id":"c","text":"health","ranking":"classic","weights":{"title":2}}"#,
            #"{"id":"e","text":"health","explain":"yes"}"#,
            #"{"id":"f","text":"health","facets":[3]}"#,
            #"{"id":"k","text":"health","weights":{"title":"2"}}"#,
            #"{"id":"d","text":"health","zip":"60601","decay_miles":-1}"#,
        ].joined(separator: "\n")
        let io = CommandIO(standardInput: Array(input.utf8))
        #expect(SchoolFinderCommand.run(["search", "--index", CLIFixture.indexPath, "--batch", "-"], io: io) == 0)
        let lines = try io.standardOutput.split(separator: "\n").map { try JSONValue.parse(String($0)) }
        #expect(lines.count == 7)
        let single = try JSONValue.parse(CLIFixture.search(["health", "--zip", "60601", "--radius", "100", "--group", "institution",
                                                            "--facets", "level,state", "--limit", "5", "--explain", "--format", "json"]).out)
        #expect(lines[0]["total"] == single["total"] && lines[0]["group_total"] == single["group_total"] && lines[0]["plan"] == single["plan"])
        #expect(lines[0]["facets"] == single["facets"])
        if case let .array(a)? = lines[0]["hits"], case let .array(b)? = single["hits"] {
            #expect(a.map { $0["id"] } == b.map { $0["id"] } && a.map { $0["group_matches"] } == b.map { $0["group_matches"] })
            #expect(a.map { $0["explain"] } == b.map { $0["explain"] })
        } else { Issue.record("no hits") }
        #expect(lines[1]["error"] == nil && lines[1]["facets"]?["cip2"] != nil, "\(lines[1])")
        #expect(lines[2]["error"] == .string("stdin:3: --weights tunes the fields ranking; drop --weights, or drop --ranking classic"))
        #expect(lines[3]["error"] == .string("stdin:4: explain \"yes\" is not valid: give true or false (e.g. \"explain\": true)"))
        #expect(lines[4]["error"] == .string("stdin:5: facets must hold strings"))
        #expect(lines[5]["error"] == .string("stdin:6: weights.title must be a number"))
        #expect(lines[6]["error"]?.stringValue?.hasPrefix("stdin:7: --decay-miles \"-1\" is not valid") == true)
    }

    @Test("a request written as a batch line reads back as the same request")
    func batchLineRoundTrip() throws {
        var request = SearchRequest()
        request.text = "health informatics"
        request.place = .near("Chicago, IL")
        request.radiusMiles = 42.5
        request.levels = [.bachelor, .master]
        request.states = ["IL", "WI"]
        request.cipPrefix = "51.07"
        request.accreditors = ["CAHIIM"]
        request.deliveries = [.online]
        request.sort = .blended
        request.ranking = .fields(FieldWeights(title: 3, description: 1, institution: 0, titleB: 0.25, descriptionB: 0.75, institutionB: 0.5, k1: 0.9))
        request.decayMiles = 12.5
        request.groupByInstitution = true
        request.facets = [.cip4, .level]
        request.explain = true
        request.limit = 7
        request.offset = 3
        var w = JSONWriter()
        w.beginObject()
        request.writeBatchFields(into: &w)
        w.endObject()
        #expect(try SearchRequest(batchLine: JSONValue.parse(w.text)) == request, "\(w.text)")
        var classic = SearchRequest()
        classic.place = .point(GeoPoint(latitude: 41.88, longitude: -87.63))
        classic.text = "nursing"
        classic.ranking = .classic
        w = JSONWriter()
        w.beginObject()
        classic.writeBatchFields(into: &w)
        w.endObject()
        #expect(w.text == #"{"text":"nursing","lat":41.88,"lon":-87.63,"ranking":"classic","limit":10}"#)
        #expect(try SearchRequest(batchLine: JSONValue.parse(w.text)) == classic)
    }
}

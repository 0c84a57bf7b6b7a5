import Corpus
import Foundation
import IndexFormat
import SchoolFinderCLI
import TestSupport
import Testing

/// `corpus build`, `show`, `search --near` and `--accredited` on small fixtures: the derived
/// corpus built from `RealDataFixture` (careers included) and a JSONL corpus with outcomes.
/// Every path is absolute (commands resolve relative paths against the working directory).
enum CLIFixtures {
    static func run(_ args: [String]) -> (code: Int32, out: String, err: String) {
        let io = CommandIO()
        let code = SchoolFinderCommand.run(args, io: io)
        return (code, io.standardOutput, io.standardError)
    }

    static let dirs = RealDataFixture.write("cli-real")
    static let root = ProjectPaths.temporaryDirectory("cli-show")
    static let corpusDir: String = {
        let d = root + "/corpus"
        try! FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }()

    /// `corpus build` of the fixture, run once.
    static let corpusBuild = run(["corpus", "build", "--data", dirs.data, "--out", corpusDir, "--mapping", dirs.mapping])

    /// The index of the derived fixture corpus (careers in TABLES).
    static let derivedIndex: String = {
        precondition(corpusBuild.code == 0, corpusBuild.err)
        let path = root + "/derived.sfidx"
        let r = run(["index", "--corpus", corpusDir, "--out", path])
        precondition(r.code == 0, r.err)
        return path
    }()

    static let zipTable = """
    zip\tcity\tstate\tlat\tlon
    60601\tChicago\tIL\t41.886456\t-87.62325
    60602\tChicago\tIL\t41.882937\t-87.62874
    62701\tSpringfield\tIL\t39.80009\t-89.64999
    65801\tSpringfield\tMO\t37.21\t-93.29
    02903\tProvidence\tRI\t41.820002\t-71.41123

    """

    static func record(_ id: String, unit: String, name: String, city: String, state: String, zip: String,
                       lat: Double, lon: Double, cip: String, title: String, level: AwardLevel) -> ProgramRecord {
        ProgramRecord(id: id, institutionID: unit, institutionName: name, city: city, state: state, zip: zip, latitude: lat,
                      longitude: lon, cipCode: cip, title: title, description: "Prepares people to manage health information.",
                      level: level, accreditors: [], delivery: .campus)
    }

    /// JSONL records with outcomes and the v5 fields.
    static let jsonlRecords: [ProgramRecord] = {
        var a = record("900001-51.0707-associate", unit: "900001", name: "Lakeside College", city: "Chicago", state: "IL", zip: "60601",
                       lat: 41.8864, lon: -87.6232, cip: "51.0707", title: "Health Information Technology", level: .associate)
        a.accreditors = ["CAHIIM"]
        a.preaccreditors = ["ACEN"]
        a.institutionAccreditors = ["HLC"]
        a.website = "www.lakeside.edu/"
        a.control = .public
        a.completers = 14
        a.medianEarnings = 43_210
        a.medianDebt = 0
        var b = record("900002-51.0706-bachelor", unit: "900002", name: "Prairie University", city: "Springfield", state: "IL", zip: "62701",
                       lat: 39.8, lon: -89.65, cip: "51.0706", title: "Health Information Management", level: .bachelor)
        b.completers = nil
        var c = record("900003-51.0707-certificate", unit: "900003", name: "Ozark Tech", city: "Springfield", state: "MO", zip: "65801",
                       lat: 37.21, lon: -93.29, cip: "51.0707", title: "Health Information Technology", level: .certificate)
        c.control = .privateForProfit
        return [a, b, c]
    }()

    static let jsonlIndex: String = {
        let corpus = root + "/jsonl.jsonl", zips = root + "/zips.tsv", path = root + "/jsonl.sfidx"
        let header = JSONLRecordFormat.line(for: JSONLRecordFormat.Header(name: "jsonl-fixture", isSampleData: false, note: "fixture note"))
        let text = ([header] + jsonlRecords.map { JSONLRecordFormat.line(for: $0) }).joined(separator: "\n") + "\n"
        try! text.write(toFile: corpus, atomically: true, encoding: .utf8)
        try! zipTable.write(toFile: zips, atomically: true, encoding: .utf8)
        let r = run(["index", "--corpus", corpus, "--zips", zips, "--out", path])
        precondition(r.code == 0, r.err)
        return path
    }()

    static func lines(_ s: String) -> [String] { s.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
    static func words(_ s: String) -> [String] { s.split(separator: " ").map(String.init) }
}

@Suite("CLI: corpus build")
struct CorpusBuildCLITests {
    @Test("corpus build prints one summary line per source on stderr and writes the 8 tables, byte for byte the builder's")
    func build() throws {
        let r = CLIFixtures.corpusBuild
        #expect(r.code == 0, "\(r.err)")
        let err = CLIFixtures.lines(r.err)
        for source in [RealCorpusBuilder.Source.cip, RealCorpusBuilder.Source.directory, RealCorpusBuilder.Source.completions,
                       RealCorpusBuilder.Source.scorecard, RealCorpusBuilder.Source.dapipLocations, RealCorpusBuilder.Source.dapipAccreditations,
                       RealCorpusBuilder.Source.crosswalk, RealCorpusBuilder.Source.oews, RealCorpusBuilder.Source.projections,
                       RealCorpusBuilder.Source.zips2004, RealCorpusBuilder.Source.zcta2023] {
            #expect(err.filter { $0.hasPrefix(source + ": ") && $0.contains(" read, ") }.count == 1, "no summary line for \(source)")
        }
        #expect(err.contains("ipeds/hd2022.csv: 7 read, 4 joined, 1 malformed; left out: 1 closed institution (CLOSEDAT), 1 no completions rows (no programs)"))
        #expect(err.contains("skipped \(CLIFixtures.dirs.data)/ipeds/hd2022.csv:8: STABBR \"ZZ\" is not a USPS state code"))
        #expect(err.contains("skipped \(CLIFixtures.dirs.data)/labor/oews_state_M2025_all_occupations.csv:12: AREA_TYPE \"M\" is not N (national) or S (state)"))
        #expect(err.contains { $0.hasPrefix("skipped ") && $0.hasSuffix("program-accreditation.tsv:7: level \"sophomore\" is not one of certificate, associate, bachelor, postbacc-certificate, master, postmaster-certificate, doctorate (or \"*\" for any)") })
        #expect(r.out.hasPrefix("corpus: 9 programs at 4 institutions (5 with median earnings, 2 with programmatic accreditation), 4 occupations, 4 ZIP codes → \(CLIFixtures.corpusDir)/ "))
        #expect(CLIFixtures.lines(r.out).count == 2 && r.out.hasSuffix("\n"))

        let expected = DerivedCorpusFiles.encode(try RealCorpusBuilder(dataDirectory: CLIFixtures.dirs.data, mappingDirectory: CLIFixtures.dirs.mapping).build().0)
        #expect(expected.map(\.name) == DerivedCorpusFiles.tableNames && expected.count == 8)
        for (name, bytes) in expected {
            let written = try FileBytes.read(CLIFixtures.corpusDir + "/" + name)
            #expect(written == bytes, "\(name) differs from the builder's bytes")
        }
    }

    @Test("corpus build with a missing --data directory: exit 2, one line naming it and the fix")
    func missingData() {
        let out = CLIFixtures.root + "/unused"
        try? FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let r = CLIFixtures.run(["corpus", "build", "--data", "/nonexistent/shared-data", "--out", out])
        #expect(r.code == 2 && r.out == "")
        #expect(r.err == "error: --data \"/nonexistent/shared-data\" is not a directory; give the folder of official files (e.g. ../shared/data)\n")
        #expect((try? FileManager.default.contentsOfDirectory(atPath: out)) == [])
    }

    @Test("corpus build with a data directory lacking a file: exit 2, one line naming the file")
    func missingFile() throws {
        let dirs = RealDataFixture.write("cli-missing-file")
        try FileManager.default.removeItem(atPath: dirs.data + "/" + RealCorpusBuilder.Source.oews)
        let out = ProjectPaths.temporaryDirectory("cli-missing-out")
        let r = CLIFixtures.run(["corpus", "build", "--data", dirs.data, "--out", out, "--mapping", dirs.mapping])
        #expect(r.code == 2)
        #expect(r.err.hasPrefix("error: ") && r.err.contains("oews_state_M2025_all_occupations.csv") && CLIFixtures.lines(r.err).count == 2)
    }
}

@Suite("CLI: show")
struct ShowCLITests {
    @Test("text card: program, school, accreditation, outcomes, definition, careers with state and US wages and growth")
    func textCard() throws {
        let r = CLIFixtures.run(["show", "100001-51.0707-associate", "--index", CLIFixtures.derivedIndex])
        #expect(r.code == 0 && r.err == "", "\(r.err)")
        let lines = CLIFixtures.lines(r.out)
        #expect(lines[0] == "Health Information/Medical Records Technology/Technician (CIP 51.0707) — Associate")
        #expect(lines[1] == "Alpha Community College, Chicago, IL 60601 · Public")
        for expected in [
            "Website:                 www.alpha.edu/",
            "Program id:              100001-51.0707-associate",
            "Field:                   Health Professions and Related Programs › Health and Medical Administrative",
            "                         Services",
            "School accreditation:    HLC",
            "Program accreditation:   none listed",
            "Completers (2021-22):    12",
            "Median debt:             $9,500",
            "Careers it leads to (BLS; wages May 2025, growth 2024-34):",
        ] { #expect(lines.contains(expected), "missing line: \(expected)") }
        #expect(lines.contains { $0.hasPrefix("Median earnings:         $41,000 a year") })
        #expect(r.out.contains("maintain medical records, including \"coding\""))
        let header = try #require(lines.first { $0.contains("Occupation") })
        #expect(CLIFixtures.words(header) == ["Occupation", "IL", "median", "US", "median", "Growth", "Entry", "education"])
        let mrs = try #require(lines.first { $0.hasPrefix("  Medical records specialists") })
        #expect(CLIFixtures.words(mrs) == ["Medical", "records", "specialists", "$52,000", "$51,140", "+7.1%", "Postsecondary", "nondegree", "award"])
        let hit = try #require(lines.first { $0.hasPrefix("  Health information technologists") })
        #expect(CLIFixtures.words(hit).suffix(6) == ["n/a", "$67,310", "+14.5%", "Postsecondary", "nondegree", "award"])
        #expect(lines.allSatisfy { $0.count <= 100 }, "a line is wider than 100 columns")
        // Columns line up: the state median ends where the header's does.
        #expect(mrs.range(of: "$52,000")!.upperBound.utf16Offset(in: mrs) == header.range(of: "IL median")!.upperBound.utf16Offset(in: header))
    }

    @Test("text card of a preaccredited program with no outcomes: '(pre)', n/a, careers in its state")
    func preaccredited() throws {
        let r = CLIFixtures.run(["show", "100004-51.3801-bachelor", "--index", CLIFixtures.derivedIndex])
        #expect(r.code == 0)
        let lines = CLIFixtures.lines(r.out)
        #expect(lines.contains("Program accreditation:   ACEN (pre)"))
        #expect(lines.contains("School accreditation:    NECHE"))
        #expect(lines.contains { $0.hasPrefix("Median earnings:         n/a") })
        #expect(lines.contains("Median debt:             n/a"))
        #expect(!r.out.contains("$0"))
        let rn = try #require(lines.first { $0.hasPrefix("  Registered nurses") })
        #expect(CLIFixtures.words(rn) == ["Registered", "nurses", "n/a", "$93,600", "+5.6%", "Bachelor's", "degree"])
        #expect(lines.contains { CLIFixtures.words($0).prefix(2) == ["Occupation", "RI"] })
    }

    @Test("json: every record field, the CIP field path, and careers with state and US figures")
    func json() throws {
        let r = CLIFixtures.run(["show", "100002-51.3801-bachelor", "--index", CLIFixtures.derivedIndex, "--format", "json"])
        #expect(r.code == 0)
        let v = try JSONValue.parse(r.out)
        #expect(v["sample_data"] == .bool(false))
        #expect(v["note"] == .string(RealCorpusBuilder.note))
        let p = try #require(v["program"])
        for key in ["id", "institution_id", "institution", "city", "state", "zip", "lat", "lon", "cip", "title", "description", "level",
                    "accreditors", "delivery", "preaccreditors", "institution_accreditors", "other_school_accreditors", "website", "control", "completers",
                    "median_earnings", "median_debt", "field"] {
            #expect(p[key] != nil, "program lacks \(key)")
        }
        #expect(p["institution"] == .string("Université Beta"))
        #expect(p["accreditors"] == .array([.string("CCNE")]))
        #expect(p["institution_accreditors"] == .array([.string("HLC")]))
        #expect(p["other_school_accreditors"] == .array([.string("ACEN"), .string("APA")]))
        #expect(p["control"] == .string("private-nonprofit") && p["website"] == .string("https://www.beta.edu/"))
        #expect(p["completers"] == .number(30) && p["median_earnings"] == .number(65000) && p["median_debt"] == .number(25000))
        #expect(p["field"] == .string("Health Professions and Related Programs › Registered Nursing, Nursing Administration, Nursing Research and Clinical Nursing"))
        guard case let .array(careers)? = v["careers"] else { Issue.record("no careers array"); return }
        #expect(careers.count == 1)
        let c = careers[0]
        #expect(c["soc"] == .string("29-1141") && c["title"] == .string("Registered nurses") && c["state"] == .string("IL"))
        #expect(c["state_median_wage"] == .number(90000) && c["state_employment"] == .number(130000))
        #expect(c["us_median_wage"] == .number(93600) && c["us_employment"] == .number(3300000))
        #expect(c["us_growth_pct_2024_34"] == .number(5.6) && c["typical_education"] == .string("Bachelor's degree"))

        // Unknown figures are null, never 0.
        let none = try JSONValue.parse(CLIFixtures.run(["show", "100004-51.0707-bachelor", "--index", CLIFixtures.derivedIndex, "--format", "json"]).out)
        #expect(none["program"]?["median_earnings"] == .null && none["program"]?["median_debt"] == .null)
        #expect(none["program"]?["control"] == .null)
    }

    @Test("a JSONL-built index: outcomes and v5 fields shown; no careers section without career tables")
    func jsonlIndex() throws {
        let r = CLIFixtures.run(["show", "900001-51.0707-associate", "--index", CLIFixtures.jsonlIndex, "--format", "json"])
        #expect(r.code == 0)
        let v = try JSONValue.parse(r.out)
        let p = try #require(v["program"])
        #expect(p["completers"] == .number(14) && p["median_earnings"] == .number(43210) && p["median_debt"] == .number(0))
        #expect(p["accreditors"] == .array([.string("CAHIIM")]) && p["preaccreditors"] == .array([.string("ACEN")]))
        #expect(p["institution_accreditors"] == .array([.string("HLC")]) && p["website"] == .string("www.lakeside.edu/"))
        #expect(v["careers"] == .array([]))
        let text = CLIFixtures.run(["show", "900001-51.0707-associate", "--index", CLIFixtures.jsonlIndex])
        #expect(text.code == 0)
        #expect(text.out.contains("Program accreditation:   CAHIIM, ACEN (pre)\n"))
        #expect(text.out.contains("Median debt:             $0\n"))
        #expect(!text.out.contains("Careers"))
        let b = CLIFixtures.run(["show", "900002-51.0706-bachelor", "--index", CLIFixtures.jsonlIndex])
        #expect(b.out.contains("Completers (2021-22):    n/a\n"))
    }

    @Test("an unknown id: exit 2, one line naming the id and how to find one")
    func unknownID() {
        let r = CLIFixtures.run(["show", "999999-11.1111-bachelor", "--index", CLIFixtures.derivedIndex])
        #expect(r.code == 2 && r.out == "")
        #expect(r.err == "error: no program has id \"999999-11.1111-bachelor\"; ids look like UNITID-CIP-level (e.g. 145600-51.0706-bachelor): copy one from `schoolfinder search` output\n")
        let two = CLIFixtures.run(["show", "a", "b", "--index", CLIFixtures.derivedIndex])
        #expect(two.code == 2 && CLIFixtures.lines(two.err).count == 2)
    }
}

@Suite("CLI: search --near and --accredited")
struct NearAccreditedCLITests {
    @Test("--near a city: distances from the mean of its ZIPs; the place is echoed")
    func nearCity() throws {
        let r = CLIFixtures.run(["search", "--index", CLIFixtures.jsonlIndex, "--near", "springfield mo", "--radius", "10", "--format", "json"])
        #expect(r.code == 0, "\(r.err)")
        let v = try JSONValue.parse(r.out)
        #expect(v["query"]?["place"] == .string("Springfield, MO"))
        guard case let .array(hits)? = v["hits"] else { Issue.record("no hits"); return }
        #expect(hits.map { $0["id"] } == [.string("900003-51.0707-certificate")])
        #expect((hits.first?["distance_mi"]?.numberValue ?? 99) < 0.01)
        let zip = CLIFixtures.run(["search", "--index", CLIFixtures.jsonlIndex, "--near", "60601-1234", "--radius", "1", "--format", "json"])
        #expect(zip.code == 0)
        #expect(try JSONValue.parse(zip.out)["query"]?["place"] == .string("60601 (Chicago, IL)"))
        let table = CLIFixtures.run(["search", "--index", CLIFixtures.jsonlIndex, "--near", "Chicago, IL", "--radius", "5"])
        #expect(table.code == 0 && table.out.contains("near Chicago, IL, within 5 mi"))
    }

    @Test("--near ambiguous or unknown: exit 2, one line")
    func nearProblems() {
        let a = CLIFixtures.run(["search", "--index", CLIFixtures.jsonlIndex, "--near", "Springfield"])
        #expect(a.code == 2 && a.out == "")
        #expect(a.err == "error: --near \"Springfield\" names cities in 2 states: Springfield, IL; Springfield, MO; add the state, e.g. \"Springfield, IL\"\n")
        let u = CLIFixtures.run(["search", "--index", CLIFixtures.jsonlIndex, "--near", "Chicgo, IL"])
        #expect(u.code == 2 && u.err == "error: --near \"Chicgo, IL\" is not a city in the ZIP table; did you mean \"Chicago, IL\"?\n")
        let z = CLIFixtures.run(["search", "--index", CLIFixtures.jsonlIndex, "--near", "99999"])
        #expect(z.code == 2 && z.err == "error: --near ZIP 99999 is not in the ZIP table; check it, give a nearby ZIP or a city (\"Chicago, IL\"), or use --lat/--lon\n")
        let g = CLIFixtures.run(["search", "--index", CLIFixtures.jsonlIndex, "--near", "123"])
        #expect(g.code == 2 && CLIFixtures.lines(g.err).count == 2 && g.err.contains("\"123\" is not a place"))
    }

    @Test("--accredited CAHIIM on a corpus without it: exit 2, one line with the import hint")
    func cahiimHint() {
        let r = CLIFixtures.run(["search", "--index", CLIFixtures.derivedIndex, "--accredited", "CAHIIM", "health"])
        #expect(r.code == 2 && r.out == "")
        #expect(CLIFixtures.lines(r.err).count == 2)
        #expect(r.err.hasPrefix("error: --accredited CAHIIM: this corpus has no CAHIIM data."))
        #expect(r.err.contains("`schoolfinder corpus build --accreditations FILE`") && r.err.contains("docs/ACCREDITATION_IMPORT.md"))
        // Where CAHIIM is present (the JSONL fixture), the filter works.
        let ok = CLIFixtures.run(["search", "--index", CLIFixtures.jsonlIndex, "--accredited", "cahiim", "--format", "csv"])
        #expect(ok.code == 0 && CLIFixtures.lines(ok.out).filter { !$0.isEmpty }.count == 2)
    }

    @Test("an unknown accreditor is refused with the known ones listed (program accreditors, not preaccreditors)")
    func unknownAccreditor() {
        let r = CLIFixtures.run(["search", "--index", CLIFixtures.derivedIndex, "--accredited", "XYZ"])
        #expect(r.code == 2)
        #expect(r.err == "error: --accredited \"XYZ\" is not an accreditor of any program in this index; known: ACEN, CCNE\n")
        let known = CLIFixtures.run(["search", "--index", CLIFixtures.derivedIndex, "--accredited", "acen", "--format", "csv"])
        #expect(known.code == 0)
        #expect(CLIFixtures.lines(known.out).filter { $0.contains("100001-51.3801-associate") }.count == 1)
        #expect(!known.out.contains("100004-51.3801-bachelor"))   // ACEN there is preaccreditation only
    }
}

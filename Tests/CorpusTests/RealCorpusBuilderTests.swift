import Corpus
import Foundation
import TestSupport
import Testing

/// The fixture of `RealDataFixture` (Tests/TestSupport) built once; every expectation below is
/// worked out by hand from its rows (the comments there give each row's line).
enum BuiltFixture {
    static let dirs = RealDataFixture.write("builder")
    static let builder = RealCorpusBuilder(dataDirectory: dirs.data, mappingDirectory: dirs.mapping)
    static let built: (DerivedCorpus, [SourceSummary]) = try! builder.build()
    static var corpus: DerivedCorpus { built.0 }
    static var summaries: [SourceSummary] { built.1 }
    static func summary(_ file: String) -> SourceSummary { summaries.first { $0.file == file }! }
    static func program(_ id: String) -> DerivedCorpus.Program? { corpus.programs.first { $0.id == id } }
}

@Suite("Real corpus builder: join rules on a fixture in the published layouts")
struct RealCorpusBuilderTests {
    typealias P = DerivedCorpus.Program

    @Test("programs: one per UNITID × CIP × level, AWLEVEL codes of one level merged, closed/unknown/non-CIP-2020/99 rows absent")
    func programs() {
        let c = BuiltFixture.corpus
        #expect(c.programs.map(\.id) == [
            "100001-51.0707-certificate", "100001-51.0707-associate", "100001-51.3801-associate",
            "100002-51.3801-bachelor", "100002-52.0201-postbacc-certificate", "100002-52.0201-master",
            "100004-51.0707-bachelor", "100004-51.3801-bachelor",
            "100005-51.0707-associate",
        ])
        // AWLEVEL 2 (4 completers) and 20 (1) are one certificate.
        #expect(BuiltFixture.program("100001-51.0707-certificate")?.completers == 5)
        #expect(c.programs.map(\.completers) == [5, 12, 40, 30, 3, 10, 6, 8, 2])
        #expect(!c.programs.contains { $0.unitID == "100003" || $0.unitID == "999999" || $0.cipCode == "51.9998" })
    }

    @Test("outcomes: Scorecard joined on UNITID + CIP series + level; suppressed figures nil (never 0); post-bacc falls back to level 8")
    func outcomes() {
        func figures(_ id: String) -> [Int?] {
            guard let p = BuiltFixture.program(id) else { return [-1] }
            return [p.medianEarnings, p.medianDebt]
        }
        #expect(figures("100001-51.0707-certificate") == [nil, nil])          // both suppressed
        #expect(figures("100001-51.0707-associate") == [41000, 9500])         // not the repeated row's 1, 1
        #expect(figures("100001-51.3801-associate") == [70000, nil])          // debt suppressed
        #expect(figures("100002-51.3801-bachelor") == [65000, 25000])
        #expect(figures("100002-52.0201-postbacc-certificate") == [80000, 30000]) // credential level 8
        #expect(figures("100002-52.0201-master") == [75000, nil])
        #expect(figures("100004-51.0707-bachelor") == [nil, nil])             // no Scorecard row
        #expect(figures("100005-51.0707-associate") == [nil, nil])
        #expect(!BuiltFixture.corpus.programs.contains { $0.medianEarnings == 0 || $0.medianDebt == 0 })
        #expect(RealCorpusBuilder.scorecardLevels(.postbaccCertificate) == [4, 8])
        #expect(RealCorpusBuilder.scorecardLevels(.doctorate) == [6, 7])
    }

    @Test("accreditation: programmatic through the mapping (an additional location inherits its parent's UNITIDs), preaccredited apart, ended ignored")
    func programAccreditation() {
        func acc(_ id: String) -> [[String]] {
            guard let p = BuiltFixture.program(id) else { return [["missing"]] }
            return [p.accreditors, p.preaccreditors]
        }
        #expect(acc("100001-51.3801-associate") == [["ACEN"], []])     // via 200001001, no UNITIDs of its own
        #expect(acc("100001-51.0707-associate") == [[], []])
        #expect(acc("100002-51.3801-bachelor") == [["CCNE"], []])      // ACEN NUR ended in 2017
        #expect(acc("100004-51.3801-bachelor") == [[], ["ACEN"]])      // Preaccredited
        #expect(acc("100004-51.0707-bachelor") == [[], []])
        #expect(acc("100005-51.0707-associate") == [[], []])
    }

    @Test("institutions: only those with programs; HD fields (Latin-1 name, ZIP+4, website, control); institutional accreditors apart from unmapped programmatic ones")
    func institutions() {
        let i = BuiltFixture.corpus.institutions
        #expect(i.map(\.unitID) == ["100001", "100002", "100004", "100005"])
        #expect(i[0] == DerivedCorpus.Institution(unitID: "100001", name: "Alpha Community College", city: "Chicago", state: "IL", zip: "60601",
                                                  latitude: 41.8861, longitude: -87.6231, website: "www.alpha.edu/", control: .public,
                                                  accreditors: ["HLC"]))
        #expect(i[1].name == "Université Beta")
        #expect(i[1].control == .privateNonprofit && i[1].website == "https://www.beta.edu/")
        // HLC is institutional; ACEN (a rule, but no associate program here) and APA (an internship: no CIP) are not.
        #expect(i[1].accreditors == ["HLC"] && i[1].otherAccreditors == ["ACEN", "APA"])
        // One DAPIP row names both UNITIDs.
        #expect(i[2].accreditors == ["NECHE"] && i[3].accreditors == ["NECHE"])
        #expect(i[2].zip == "02903" && i[2].control == nil)
        #expect(i[3].name == "Delta University, Online" && i[3].website == "" && i[3].control == .privateForProfit)
    }

    @Test("CIP texts: every prefix of a program's code, family titles in title case; unused codes left out")
    func cipTexts() {
        let t = BuiltFixture.corpus.cipTexts
        #expect(t.map(\.code) == ["51", "51.07", "51.0707", "51.38", "51.3801", "52", "52.02", "52.0201"])
        #expect(t[0].title == "Health Professions and Related Programs")
        #expect(t[5].title == "Business, Management, Marketing, and Related Support Services")
        #expect(t[2] == DerivedCorpus.CIPText(code: "51.0707", title: "Health Information/Medical Records Technology/Technician",
                                              definition: "A program that prepares individuals to maintain medical records, including \"coding\"."))
        #expect(t[4].title == "Registered Nursing/Registered Nurse") // written ="51.3801"
    }

    @Test("careers: crosswalk links for corpus CIPs with BLS figures; national from OEWS + projections; state wages")
    func careers() {
        let c = BuiltFixture.corpus.careers
        #expect(c.occupationsByCIP == ["51.0707": ["29-2072", "29-9021"], "51.3801": ["29-1141"], "52.0201": ["11-1021"]])
        #expect(c.occupations.keys.sorted() == ["11-1021", "29-1141", "29-2072", "29-9021"])
        #expect(c.occupations["29-2072"] == .init(socCode: "29-2072", title: "Medical records specialists", employment: 194720, medianWage: 51140,
                                                  growthPercent: 7.1, annualOpeningsThousands: 14.2, typicalEducation: "Postsecondary nondegree award"))
        // Top-coded wage ("#") and openings "—" are unknown, not 0.
        #expect(c.occupations["11-1021"] == .init(socCode: "11-1021", title: "General and operations managers", employment: 3500000, medianWage: nil,
                                                  growthPercent: 5.6, annualOpeningsThousands: nil, typicalEducation: "Bachelor's degree"))
        #expect(c.stateFigures == ["IL|29-2072": .init(employment: 8000, medianWage: 52000),
                                   "RI|29-2072": .init(employment: 450, medianWage: nil),
                                   "IL|29-1141": .init(employment: 130000, medianWage: 90000)])
        let rows = c.careers(cipCode: "51.0707", state: "RI")
        #expect(rows.map(\.occupation.socCode) == ["29-2072", "29-9021"])
        #expect(rows[0].state?.employment == 450 && rows[1].state == nil)
    }

    @Test("ZIPs: the 2004 list with ZCTA 2023 coordinates where both have the ZIP")
    func zips() {
        #expect(BuiltFixture.corpus.zips == [
            ZipCentroid(zip: "02903", city: "Providence", state: "RI", latitude: 41.817398, longitude: -71.409432),
            ZipCentroid(zip: "60601", city: "Chicago", state: "IL", latitude: 41.885337, longitude: -87.622327),
            ZipCentroid(zip: "60602", city: "Chicago", state: "IL", latitude: 41.882937, longitude: -87.62874),
            ZipCentroid(zip: "62701", city: "Springfield", state: "IL", latitude: 39.80009, longitude: -89.64999),
        ])
    }

    @Test("summaries: one per source, in order, with exact counts and left-out reasons")
    func summaryLines() {
        #expect(BuiltFixture.summaries.map(\.line) == [
            "cip/CIPCode2020.csv: 12 read, 8 joined, 1 malformed; left out: 3 code with no program in the corpus",
            "ipeds/hd2022.csv: 7 read, 4 joined, 1 malformed; left out: 1 closed institution (CLOSEDAT), 1 no completions rows (no programs)",
            "ipeds/c2022_a_majornum1.csv: 15 read, 10 joined, 1 malformed; left out: 1 CIPCODE 99 total rows, 1 CIP not in CIP 2020, 1 closed institution, 1 UNITID not in HD",
            "scorecard/fos-value-check.csv: 11 read, 6 joined, 1 malformed; left out: 1 repeated institution × CIP × level, 2 UNITID not an open HD institution, 1 no IPEDS program at that CIP series and level",
            "dapip/InstitutionCampus.csv: 7 read, 4 joined, 1 malformed; left out: 2 no accreditation joined to an open institution",
            "\(BuiltFixture.dirs.mapping): 11 read, 10 joined, 1 malformed",
            "dapip/AccreditationRecords.csv: 17 read, 8 joined, 1 malformed; left out: 1 ended (has an end date), 2 no open IPEDS institution for the location, 1 agency not in Corpus/mapping/accreditors.tsv, 1 DapipId not in InstitutionCampus, 1 status Denied Accreditation, 1 institution preaccredited (not shown), 1 preaccredited, no mapped program",
            "cip/CIP2020_SOC2018_crosswalk.csv: 8 read, 4 joined, 1 malformed; left out: 1 no occupation (99-9999), 1 CIP with no program in the corpus, 1 occupation without BLS figures",
            "labor/oews_state_M2025_all_occupations.csv: 11 read, 7 joined, 1 malformed; left out: 3 occupation linked to no program",
            "labor/ep_occupation_2024-2034.csv: 6 read, 4 joined, 0 malformed; left out: 1 BLS summary rows (occupation groups), 1 occupation linked to no program",
            "zipcodes.tsv: 5 read, 4 joined, 1 malformed",
            "geo/zcta2023_centroids.csv: 4 read, 2 joined, 1 malformed; left out: 1 ZCTA not in the 2004 ZIP list (no city or state)",
        ])
    }

    @Test("every data row of a source is accounted for once: joined, left out, or malformed")
    func summariesAddUp() {
        for s in BuiltFixture.summaries {
            #expect(s.rowsRead == s.joined + s.leftOutCount + s.report.skippedCount, "\(s.line)")
        }
    }

    @Test("malformed rows are reported file:line with the reason, each file by the path it opens at")
    func malformedRows() {
        let m = BuiltFixture.dirs.mapping, d = BuiltFixture.dirs.data
        #expect(BuiltFixture.summaries.flatMap { $0.report.skipped.map(\.description) } == [
            "\(d)/cip/CIPCode2020.csv:13: CIPCode \"51.0x07\" is not a 2-, 4- or 6-digit CIP code",
            "\(d)/ipeds/hd2022.csv:8: STABBR \"ZZ\" is not a USPS state code",
            "\(d)/ipeds/c2022_a_majornum1.csv:16: AWLEVEL \"42\" is not an IPEDS award level code",
            "\(d)/scorecard/fos-value-check.csv:12: credential_level \"42\" is not 1…8 or 99",
            "\(d)/dapip/InstitutionCampus.csv:8: DapipId \"ABC\" is not a number",
            "\(m)/program-accreditation.tsv:7: level \"sophomore\" is not one of certificate, associate, bachelor, postbacc-certificate, master, postmaster-certificate, doctorate (or \"*\" for any)",
            "\(d)/dapip/AccreditationRecords.csv:18: AgencyId \"x4\" is not a number",
            "\(d)/cip/CIP2020_SOC2018_crosswalk.csv:9: CIP2020Code \"51.07x\" is not a six-digit CIP code",
            "\(d)/labor/oews_state_M2025_all_occupations.csv:12: AREA_TYPE \"M\" is not N (national) or S (state)",
            "\(d)/zipcodes.tsv:6: zip \"6060\" is not five digits",
            "\(d)/geo/zcta2023_centroids.csv:5: GEOID \"1234\" is not a 5-digit ZCTA",
        ])
    }

    @Test("records(): programs joined with institution and CIP text into searchable records")
    func records() {
        let (records, report) = BuiltFixture.corpus.records()
        #expect(report.skippedCount == 0 && report.accepted == 9)
        #expect(records.map(\.id) == BuiltFixture.corpus.programs.map(\.id))
        let r = records[3]
        #expect(r.id == "100002-51.3801-bachelor")
        #expect(r.institutionName == "Université Beta" && r.city == "Springfield" && r.state == "IL" && r.zip == "62701")
        #expect(r.title == "Registered Nursing/Registered Nurse" && r.level == .bachelor && r.delivery == .unknown)
        #expect(r.accreditors == ["CCNE"] && r.preaccreditors == [] && r.institutionAccreditors == ["HLC"] && r.otherSchoolAccreditors == ["ACEN", "APA"])
        #expect(r.completers == 30 && r.medianEarnings == 65000 && r.medianDebt == 25000)
        #expect(r.website == "https://www.beta.edu/" && r.control == .privateNonprofit)
        #expect(records.allSatisfy { $0.validationProblem == nil })
    }

    @Test("a missing source file is refused with its path")
    func missingFile() throws {
        let dirs = RealDataFixture.write("builder-missing")
        try FileManager.default.removeItem(atPath: dirs.data + "/" + RealCorpusBuilder.Source.scorecard)
        #expect(throws: CorpusError.self) { _ = try RealCorpusBuilder(dataDirectory: dirs.data, mappingDirectory: dirs.mapping).build() }
        do {
            _ = try RealCorpusBuilder(dataDirectory: dirs.data, mappingDirectory: dirs.mapping).build()
        } catch {
            #expect("\(error)".contains("fos-value-check.csv"))
        }
    }
}

@Suite("Derived corpus: deterministic bytes and a lossless round trip")
struct DerivedCorpusDeterminismTests {
    static func write(_ corpus: DerivedCorpus, to dir: String) throws {
        for (name, bytes) in DerivedCorpusFiles.encode(corpus) {
            #expect(FileManager.default.createFile(atPath: dir + "/" + name, contents: Data(bytes)))
        }
    }

    @Test("building the fixture twice gives identical bytes for every table")
    func twice() throws {
        let again = try BuiltFixture.builder.build().0
        let a = DerivedCorpusFiles.encode(BuiltFixture.corpus), b = DerivedCorpusFiles.encode(again)
        #expect(a.map(\.name) == DerivedCorpusFiles.tableNames)
        #expect(a.map(\.name) == b.map(\.name))
        for (x, y) in zip(a, b) { #expect(x.bytes == y.bytes, "\(x.name) differs between two builds") }
    }

    @Test("write → read → encode gives the same bytes, the same corpus and the same records")
    func roundTrip() throws {
        let dir = ProjectPaths.temporaryDirectory("derived-roundtrip")
        try Self.write(BuiltFixture.corpus, to: dir)
        let (read, report) = try DerivedCorpusFiles.read(dir)
        #expect(report.skippedCount == 0)
        #expect(read == BuiltFixture.corpus)
        let a = DerivedCorpusFiles.encode(BuiltFixture.corpus), b = DerivedCorpusFiles.encode(read)
        for (x, y) in zip(a, b) { #expect(x.bytes == y.bytes, "\(x.name) changes in a round trip") }
        #expect(read.records().0 == BuiltFixture.corpus.records().0)
        #expect(DerivedCorpusFiles.isDerivedCorpus(dir))
    }

    @Test("programs.tsv spells unknown figures as empty fields and lists with ';'")
    func programsTable() throws {
        let tables = DerivedCorpusFiles.encode(BuiltFixture.corpus)
        let programs = String(decoding: tables.first { $0.name == "programs.tsv" }!.bytes, as: UTF8.self)
        let lines = programs.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "unitid\tcip\tlevel\tcompleters\tearnings\tdebt\taccreditors\tpreaccreditors")
        #expect(lines[1] == "100001\t51.0707\tcertificate\t5\t\t\t\t")
        #expect(lines[3] == "100001\t51.3801\tassociate\t40\t70000\t\tACEN\t")
        #expect(lines[8] == "100004\t51.3801\tbachelor\t8\t\t\t\tACEN")
        #expect(lines.last == "")
        let institutions = String(decoding: tables.first { $0.name == "institutions.tsv" }!.bytes, as: UTF8.self)
        #expect(institutions.contains("100002\tUniversité Beta\tSpringfield\tIL\t62701\t39.8\t-89.65\thttps://www.beta.edu/\tprivate-nonprofit\tHLC\tACEN;APA\n"))
    }

    @Test("a malformed row in a derived table is reported file:line and skipped")
    func malformedDerived() throws {
        let dir = ProjectPaths.temporaryDirectory("derived-bad")
        try Self.write(BuiltFixture.corpus, to: dir)
        var text = try String(contentsOfFile: dir + "/programs.tsv", encoding: .utf8)
        text += "100001\t51.0707\tsophomore\t1\t\t\t\t\n100001\t51.07\tbachelor\t1\t\t\t\t\n100001\t51.0707\tmaster\tmany\t\t\t\t\n"
        try text.write(toFile: dir + "/programs.tsv", atomically: true, encoding: .utf8)
        let (read, report) = try DerivedCorpusFiles.read(dir)
        #expect(read.programs == BuiltFixture.corpus.programs)
        #expect(report.skipped.map(\.description) == [
            "\(dir)/programs.tsv:11: level \"sophomore\" is not an award level",
            "\(dir)/programs.tsv:12: cip \"51.07\" is not NN.NNNN",
            "\(dir)/programs.tsv:13: completers \"many\" is not a whole number",
        ])
    }
}

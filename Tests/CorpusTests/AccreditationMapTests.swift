import Corpus
import TestSupport
import Testing

/// The accreditation mapping tables in `Corpus/mapping/`, checked against the official DAPIP and
/// CIP 2020 files when `../shared/data` is present.
@Suite("Accreditation map")
struct AccreditationMapTests {
    static let mappingDir = ProjectPaths.root + "/Corpus/mapping"

    static func repoMap() throws -> (AccreditationMap, IngestReport) {
        try AccreditationMap.read(directory: mappingDir)
    }

    @Test("both tables read from the repo without a skipped row")
    func repoTablesClean() throws {
        let (map, report) = try Self.repoMap()
        #expect(report.skippedCount == 0, "\(report.skipped)")
        #expect(map.agencies.count >= 69)
        #expect(map.rules.count >= 129)
        #expect(map.agency(id: "36")?.shortName == "ACEN")
        #expect(map.agency(id: "36")?.name == "Accreditation Commission for Education in Nursing, Inc.")
        #expect(map.agency(shortName: "ccne")?.id == "61")
        #expect(map.agency(id: "4")?.kind == .institutional)
        #expect(map.agency(id: "61")?.kind == .programmatic)
        #expect(map.agency(id: "23")?.kind == .both)
    }

    @Test("short names are unique and keyword-shaped; ids ascend numerically")
    func shortNamesUnique() throws {
        let (map, _) = try Self.repoMap()
        let names = map.agencies.map(\.shortName)
        #expect(Set(names).count == names.count)
        #expect(names.allSatisfy(AccreditingAgency.isValidShortName))
        let ids = map.agencies.map { Int($0.id)! }
        #expect(ids == ids.sorted())
        #expect(map.agency(shortName: "ACPE")?.id == "44")      // pharmacy
        #expect(map.agency(shortName: "ACPE-CPE")?.id == "53")  // clinical pastoral education
    }

    @Test("every agency and program pair in DAPIP AccreditationRecords.csv has a row")
    func coversDAPIP() throws {
        guard let path = ProjectPaths.sharedData("dapip/AccreditationRecords.csv") else { return }
        let (map, _) = try Self.repoMap()
        let bytes = try FileBytes.read(path)
        var report = IngestReport()
        var missingAgencies = Set<String>(), missingPairs = Set<String>()
        var cols: [Int] = []
        _ = try CSVReader.readTable(bytes, path: path, report: &report) { header, row, _ in
            if cols.isEmpty { cols = (try? header.require(["AgencyId", "ProgramName"], path: path)) ?? [] }
            let agency = row.fields[cols[0]].trimmingASCIIWhitespace()
            let program = row.fields[cols[1]].trimmingASCIIWhitespace()
            if map.agency(id: agency) == nil { missingAgencies.insert(agency) }
            if program != "Institutional Accreditation", map.programRule(agencyID: agency, programName: program) == nil {
                missingPairs.insert(agency + " " + program)
            }
        }
        #expect(report.skippedCount == 0)
        #expect(missingAgencies.isEmpty, "\(missingAgencies.sorted())")
        #expect(missingPairs.isEmpty, "\(missingPairs.sorted())")
    }

    @Test("every CIP prefix in the map is a CIP 2020 code or prefix (not deleted or moved away)")
    func prefixesAreCIP2020() throws {
        let (map, _) = try Self.repoMap()
        let all = map.rules.flatMap(\.cipPrefixes)
        #expect(all.allSatisfy(CIPCode.isValidPrefix))
        guard let path = ProjectPaths.sharedData("cip/CIPCode2020.csv") else { return }
        var report = IngestReport()
        var valid = Set<String>()
        var cols: [Int] = []
        _ = try CSVReader.readTable(try FileBytes.read(path), path: path, report: &report) { header, row, _ in
            if cols.isEmpty { cols = (try? header.require(["CIPCode", "Action"], path: path)) ?? [] }
            let action = row.fields[cols[1]].trimmingASCIIWhitespace()
            guard action != "Deleted", action != "Moved from" else { return }
            valid.insert(String(row.fields[cols[0]].trimmingASCIIWhitespace().filter { $0 != "=" && $0 != "\"" }))
        }
        #expect(valid.count > 2000)
        let invalid = Set(all).subtracting(valid)
        #expect(invalid.isEmpty, "\(invalid.sorted())")
    }

    @Test("domain spot checks: ADN, CCNE graduate, radiography, pharmacy, internships unmapped")
    func spotChecks() throws {
        let (map, _) = try Self.repoMap()
        let adn = try #require(map.programRule(agencyID: "36", programName: "  Nursing (ADNUR) - Associate degree programs "))
        #expect(adn.applies(cipCode: "51.3801", level: .associate))
        #expect(!adn.applies(cipCode: "51.3801", level: .bachelor))
        #expect(!adn.applies(cipCode: "51.3901", level: .associate))
        let grad = try #require(map.programRule(agencyID: "61", programName: "Nursing (CNURED) - Nursing education programs at the graduate degree levels"))
        #expect(grad.applies(cipCode: "51.3805", level: .master))
        #expect(grad.applies(cipCode: "51.3203", level: .postmasterCertificate))
        #expect(!grad.applies(cipCode: "51.3805", level: .bachelor))
        let rad = try #require(map.programRule(agencyID: "39", programName: "Radiologic Technology (RAD) - Programs for radiographers"))
        #expect(rad.applies(cipCode: "51.0911", level: .associate))
        #expect(!rad.applies(cipCode: "51.0907", level: .associate))
        #expect(map.programRule(agencyID: "44", programName: "Pharmacy (PHAR) - Professional degree programs")?.applies(cipCode: "51.2001", level: .doctorate) == true)
        let internship = try #require(map.programRule(agencyID: "50", programName: "Professional Psychology (IPSY) - Predoctoral internship programs"))
        #expect(internship.cipPrefixes.isEmpty)
        #expect(!internship.applies(cipCode: "42.2801", level: .doctorate))
    }

    @Test("rule.applies: family, series and code prefixes; empty levels = any; no prefixes = never")
    func appliesBehaviour() {
        let family = ProgramAccreditationRule(agencyID: "57", programName: "x", cipPrefixes: ["13"], levels: [.bachelor, .master])
        #expect(family.applies(cipCode: "13.1202", level: .bachelor))
        #expect(!family.applies(cipCode: "13.1202", level: .associate))
        #expect(!family.applies(cipCode: "31.0101", level: .bachelor))
        let series = ProgramAccreditationRule(agencyID: "1", programName: "x", cipPrefixes: ["51.22", "26.1102"], levels: [])
        #expect(series.applies(cipCode: "51.2201", level: .certificate))
        #expect(series.applies(cipCode: "26.1102", level: .doctorate))
        #expect(!series.applies(cipCode: "51.2308", level: .doctorate))
        #expect(!series.applies(cipCode: "26.1103", level: .doctorate))
        #expect(!series.applies(cipCode: "51.22", level: .master))     // not a full code
        let none = ProgramAccreditationRule(agencyID: "1", programName: "x", cipPrefixes: [], levels: [])
        #expect(!none.applies(cipCode: "51.2201", level: .master))
    }

    @Test("malformed TSV rows are reported with file:line and skipped")
    func malformedRows() throws {
        let agencies = Array("""
        agency_id\tshort_name\tkind\tagency_name
        1\tMSCHE\tinstitutional\tMiddle States Commission on Higher Education
        2\tneche\tinstitutional\tNew England Commission of Higher Education
        3\tX\tsometimes\tBad Kind
        4\tHLC\tinstitutional
        x5\tABC\tboth\tBad Id

        6\tMSCHE\tboth\tDuplicate Short Name
        36\tACEN\tboth\tAccreditation Commission for Education in Nursing, Inc.\r

        """.utf8)
        let programs = Array("""
        agency_id\tprogram_name\tcip_prefixes\tlevels\tnote
        36\tNursing (ADNUR) - Associate degree programs\t51.3801\tassociate\t
        36\tNursing (NUR) - Baccalaureate program\t51.38\tbachelors
        36\tBad prefix\t51.3;51.38\t*
        36\tMissing levels\t51.38\t
        36\tWho knows\t\t
        36\tLevels without prefixes\t\tmaster
        99\tUnknown agency\t51\t*
        36\tToo few
        36\tNursing (ADNUR) - Associate degree programs\t51\t*
        36\tAny level\t50.09;13.1312\t*\ta note\textra column
        1\tAll\t50\t*\tnote

        """.utf8)
        let (map, report) = try AccreditationMap.read(agencies: agencies, agenciesPath: "accreditors.tsv",
                                                      programs: programs, programsPath: "program-accreditation.tsv")
        #expect(map.agencies.map(\.shortName) == ["MSCHE", "ACEN"])
        #expect(map.rules.map(\.programName) == ["Nursing (ADNUR) - Associate degree programs", "Who knows", "All"])
        #expect(map.programRule(agencyID: "1", programName: "All")?.levels.isEmpty == true)
        let lines = report.skipped.map { "\($0.file):\($0.line)" }
        #expect(lines == ["accreditors.tsv:3", "accreditors.tsv:4", "accreditors.tsv:5", "accreditors.tsv:6", "accreditors.tsv:8",
                          "program-accreditation.tsv:3", "program-accreditation.tsv:4", "program-accreditation.tsv:5",
                          "program-accreditation.tsv:7", "program-accreditation.tsv:8", "program-accreditation.tsv:9",
                          "program-accreditation.tsv:10", "program-accreditation.tsv:11"])
        #expect(report.skipped[0].reason.contains("short_name \"neche\""))
        #expect(report.skipped[1].reason.contains("kind \"sometimes\""))
        #expect(report.skipped[2].reason.contains("row has 3 tab-separated fields, expected 4"))
        #expect(report.skipped[4].reason.contains("already used"))
        #expect(report.skipped[5].reason.contains("level \"bachelors\""))
        #expect(report.skipped[6].reason.contains("cip prefix \"51.3\""))
        #expect(report.skipped[8].reason.contains("without cip_prefixes"))
        #expect(report.skipped[9].reason.contains("agency_id 99"))
        #expect(report.skipped[11].reason.contains("appears twice"))
        #expect(report.accepted == 5)
    }

    @Test("a header without the required columns stops the read")
    func badHeader() {
        #expect(throws: CorpusError.self) {
            _ = try AccreditationMap.read(agencies: Array("id\tname\n1\tX\n".utf8), agenciesPath: "a.tsv",
                                          programs: Array("agency_id\tprogram_name\tcip_prefixes\tlevels\n".utf8), programsPath: "p.tsv")
        }
        #expect(throws: CorpusError.emptyFile(path: "a.tsv")) {
            _ = try AccreditationMap.read(agencies: [], agenciesPath: "a.tsv", programs: [], programsPath: "p.tsv")
        }
    }
}

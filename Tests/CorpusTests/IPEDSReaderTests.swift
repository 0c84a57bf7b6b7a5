import Corpus
import TestSupport
import Testing

/// Fixtures in the official NCES layouts: UTF-8 BOM, quoted fields, commas and quotes inside
/// quotes, ZIP+4, Latin-1 bytes, `="01.0000"` CIP codes, and malformed rows.
enum Fixtures {
    static func bytes(_ s: String, bom: Bool = false) -> [UInt8] { (bom ? [0xEF, 0xBB, 0xBF] : []) + Array(s.utf8) }

    static let hd: [UInt8] = bytes(#"""
    UNITID,INSTNM,IALIAS,ADDR,CITY,STABBR,ZIP,FIPS,LONGITUD,LATITUDE
    100654,"Alabama A & M University","AAMU","4900 Meridian Street","Normal","AL","35762-1357", 1,-86.568502,34.783368
    100663,"University of Alabama at Birmingham","UAB","Administration Bldg, Suite 1070","Birmingham","AL","35294-0110", 1,-86.799345,33.505697
    100690,"Amridge ""Online"" University","","1200 Taylor Rd","Montgomery","AL","36117", 1,-86.17401,32.362609
    999999,"Bad State College","","x","Nowhere","ZZ","12345", 1,-80,40
    999998,"Bad Coordinates College","","x","Nowhere","OH","44101", 1,,
    999997,"Too Few Fields","x"
    144050,"University of Chicago","","5801 S Ellis Ave","Chicago","IL","60637", 17,-87.599861,41.788608

    """#, bom: true) + [0x0A] + Array("145600,\"Universit".utf8) + [0xE9] + Array(" de Test\",\"\",\"x\",\"Chicago\",\"IL\",\"60601\", 17,-87.6,41.9\n".utf8)

    static let completions: [UInt8] = bytes(#"""
    UNITID,CIPCODE,MAJORNUM,AWLEVEL,XCTOTALT,CTOTALT
    100654,51.0707,1,3,R,12
    100654,"51.0707",2,3,R,1
    100654,51.0706,1,5,R,7
    100654,99,1,3,R,400
    100663,51.2706,1,7,R,30
    100663,26.1103,1,17,R,2
    100663,26.1103,1,18,R,1
    100690,51.0707,1,21,R,5
    100690,51.0707,1,2,R,3
    123456,51.0707,1,3,R,9
    100654,51.0707,1,42,R,1
    144050,"=""26.1103""",1,5,R,4
    144050,51.9999,1,5,R,4
    100654,51.0713,1,3,R,"unterminated

    """#, bom: true)

    static let cipTitles: [UInt8] = bytes(#"""
    CIPFamily,CIPCode,Action,TextChange,CIPTitle,CIPDefinition,CrossReferences,Examples
    "51","=""51""","No substantive changes","No","HEALTH PROFESSIONS AND RELATED PROGRAMS.","Instructional programs that prepare individuals to practice as licensed professionals.","",""
    "51","=""51.07""","No substantive changes","No","Health and Medical Administrative Services.","A summary of groups of instructional programs.","",""
    "51","=""51.0706""","No substantive changes","No","Health Information/Medical Records Administration/Administrator.","A program that prepares individuals to plan, design, and manage systems, processes, and facilities for collecting, storing, processing, retrieving, analyzing, disseminating, and communicating information related to the research, planning, provision, financing, and evaluation of health care services.","",""
    "51","=""51.0707""","No substantive changes","No","Health Information/Medical Records Technology/Technician.","A program that prepares individuals to maintain medical records, including ""coding"" and classification.","",""
    "51","=""51.2706""","No substantive changes","No","Medical Informatics.","A program that focuses on the application of computer science and software engineering to medical research and clinical information technology.","",""
    "26","=""26.1103""","No substantive changes","No","Bioinformatics.","A program that focuses on the application of computer-based technologies and services to biological, biomedical, and biotechnology research.","",""
    "26","=""ab.cdef""","x","x","Broken.","","",""

    """#, bom: true)
}

@Suite("IPEDS and CIP readers")
struct IPEDSReaderTests {
    @Test("HD directory: quoted fields, commas in quotes, ZIP+4, Latin-1, malformed rows reported with lines")
    func institutions() throws {
        let (rows, report) = try IPEDSFiles.readInstitutions(Fixtures.hd, path: "hd.csv")
        #expect(rows.map(\.unitID) == ["100654", "100663", "100690", "144050", "145600"])
        #expect(rows[0].name == "Alabama A & M University")
        #expect(rows[0].zip == "35762")
        #expect(rows[1].zip == "35294")
        #expect(rows[2].name == "Amridge \"Online\" University")
        #expect(rows[0].latitude == 34.783368 && rows[0].longitude == -86.568502)
        #expect(rows[4].name == "Université de Test")
        #expect(report.skippedCount == 3)
        #expect(report.skipped.map(\.description) == [
            "hd.csv:5: STABBR \"ZZ\" is not a USPS state code",
            "hd.csv:6: LATITUDE/LONGITUD \"\", \"\" is not a valid coordinate",
            "hd.csv:7: row has 3 fields, the header has 10",
        ])
    }

    @Test("completions: CIP 99 totals ignored, AWLEVEL mapped, bad rows reported, unterminated quote caught")
    func completions() throws {
        let (rows, report) = try IPEDSFiles.readCompletions(Fixtures.completions, path: "c.csv")
        #expect(report.ignoredTotals == 1)
        #expect(rows.count == 11)
        #expect(rows.first { $0.unitID == "100663" && $0.awardLevelCode == 7 }?.level == .master)
        #expect(rows.filter { $0.cipCode == "26.1103" && $0.unitID == "100663" }.allSatisfy { $0.level == .doctorate })
        #expect(rows.first { $0.unitID == "100690" && $0.awardLevelCode == 21 }?.level == .certificate)
        #expect(rows.first { $0.unitID == "144050" }?.cipCode == "26.1103")
        #expect(report.skipped.map(\.description) == [
            "c.csv:12: AWLEVEL \"42\" is not an IPEDS award level code",
            "c.csv:15: unbalanced quote: the quoted field opened here never closes",
        ])
    }

    @Test("CIP titles: =\"NN.NNNN\" codes normalised, headings skipped, trailing period dropped")
    func cipTitles() throws {
        let (rows, report) = try IPEDSFiles.readCIPTitles(Fixtures.cipTitles, path: "cip.csv")
        #expect(rows.map(\.code) == ["51.0706", "51.0707", "51.2706", "26.1103"])
        #expect(rows[1].title == "Health Information/Medical Records Technology/Technician")
        #expect(rows[1].definition.contains("\"coding\""))
        #expect(report.skipped.map(\.description) == ["cip.csv:8: CIPCode \"=\"ab.cdef\"\" is not a CIP code"])
    }

    @Test("assembly: one record per institution × CIP × level; unknown UNITID reported; missing title warned")
    func assemble() throws {
        let (inst, _) = try IPEDSFiles.readInstitutions(Fixtures.hd, path: "hd.csv")
        let (comp, _) = try IPEDSFiles.readCompletions(Fixtures.completions, path: "c.csv")
        let (titles, _) = try IPEDSFiles.readCIPTitles(Fixtures.cipTitles, path: "cip.csv")
        let (records, report) = IPEDSFiles.assemble(institutions: inst, completions: comp, titles: titles, completionsPath: "c.csv")
        let ids = records.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(ids.contains("100654-51.0707-associate"))
        #expect(ids.contains("100663-26.1103-doctorate"))
        #expect(ids.filter { $0.hasPrefix("100690-51.0707") } == ["100690-51.0707-certificate"])
        #expect(report.skipped.map(\.description) == ["c.csv:11: UNITID 123456 is not in the institution directory (HD file)"])
        #expect(report.warnings.count == 1 && report.warnings[0].reason.contains("51.9999"))
        let him = records.first { $0.id == "100654-51.0706-bachelor" }!
        #expect(him.title == "Health Information/Medical Records Administration/Administrator")
        #expect(him.state == "AL" && him.zip == "35762" && him.latitude == 34.783368)
        #expect(records.allSatisfy { $0.validationProblem == nil })
    }

    @Test("a file without the required columns is refused with the missing names")
    func missingColumns() {
        #expect(throws: CorpusError.missingColumns(path: "x.csv", columns: ["CIPCODE", "AWLEVEL"], found: ["UNITID", "MAJORNUM"])) {
            _ = try IPEDSFiles.readCompletions(Fixtures.bytes("UNITID,MAJORNUM\n1,1\n"), path: "x.csv")
        }
        #expect(throws: CorpusError.emptyFile(path: "e.csv")) { _ = try IPEDSFiles.readInstitutions([], path: "e.csv") }
    }

    @Test("the real HD2022 file from ../shared/data parses with every institution kept")
    func realHD2022() throws {
        let path = try #require(ProjectPaths.sharedData("ipeds/hd2022.csv"), "../shared/data/ipeds/hd2022.csv is missing beside the project")
        let (rows, report) = try IPEDSFiles.readInstitutions(FileBytes.read(path), path: path)
        #expect(rows.count + report.skippedCount == 6256)
        #expect(rows.count > 6200)
        #expect(rows.contains { $0.unitID == "100654" && $0.zip == "35762" })
    }
}

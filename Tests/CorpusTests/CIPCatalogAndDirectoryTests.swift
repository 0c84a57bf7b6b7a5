import Corpus
import TestSupport
import Testing

/// HD directory extras (WEBADDR, CONTROL, CLOSEDAT) and the full CIP 2020 catalog, in the
/// published layouts: Latin-1 bytes, CRLF rows, blank " " cells, -2/-3 codes, `="NN.NNNN"` codes.
enum CatalogFixtures {
    static func bytes(_ s: String, bom: Bool = false) -> [UInt8] { (bom ? [0xEF, 0xBB, 0xBF] : []) + Array(s.utf8) }
    static func crlf(_ s: String) -> String { s.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n") }

    /// HD2022 order of the columns read, CRLF as published, a Latin-1 "é" on line 5.
    static let hd: [UInt8] = bytes(crlf(#"""
    UNITID,INSTNM,CITY,STABBR,ZIP,WEBADDR,SECTOR,CONTROL,HLOFFER,CLOSEDAT,LONGITUD,LATITUDE
    100654,"Alabama A & M University","Normal","AL","35762","www.aamu.edu/",1,1,9,"-2",-86.568502,34.783368
    100690,"Amridge University","Montgomery","AL","36117-3553","https://www.amridgeuniversity.edu/",2,2,9,"-2",-86.17401,32.362609
    101116,"South University-Montgomery","Montgomery","AL","36116"," ",3,3,7,"06/30/2022",-86.21,32.34
    """#)) + [0x0D, 0x0A] + Array("102234,\"Spring Hill Coll".utf8) + [0xE8] + Array(crlf(#"""
    ge","Mobile","AL","36608"," https://www.shc.edu/ ",-3,-3,-3,"",-88.13,30.69
    102235,"Odd Control College","Mobile","AL","36608","",2,7,9,"2022",-88.13,30.69
    999999,"No State","Nowhere","","12345","",1,1,9,"-2",-80,40

    """#).utf8)

    /// CIPCode2020.csv as published (plain codes, quoted titles with commas, Examples) plus
    /// the `="NN.NNNN"` spelling of older exports and bad codes.
    static let catalog: [UInt8] = bytes(#"""
    CIPFamily,CIPCode,Action,TextChange,CIPTitle,CIPDefinition,CrossReferences,Examples
    01,01,No substantive changes,yes,AGRICULTURAL/ANIMAL/PLANT/VETERINARY SCIENCE AND RELATED FIELDS.,"Instructional programs that focus on agriculture, animal, plant, veterinary, and related sciences.",,
    01,01.00,No substantive changes,no,"Agriculture, General.",Instructional content is defined in code 01.0000.,,
    01,01.0000,No substantive changes,no,"Agriculture, General.","A program that focuses on the general principles and practice of agricultural research.",14.0301 - Agricultural Engineering.,
    01,01.0102,New,yes,Agricultural Business Technology.,A program that prepares individuals to apply technical skills.,,Examples: - Agroeconomics
    51,"=""51.0707""",No substantive changes,no,Health Information/Medical Records Technology/Technician.,"A program that prepares individuals to maintain medical records, including ""coding"".",,
    51,510706,No substantive changes,no,Health Information/Medical Records Administration/Administrator.,,,
    51,51.07.1,x,x,Broken.,,,
    51,51.123,x,x,Three Decimals.,,,
    51,51.2706,x,x,  ,,,
    60,60.0521,New,yes,Drug Information Pharmacy Residency/Fellowship Program,A residency program.,,

    """#, bom: true)
}

@Suite("HD directory extras and the CIP catalog")
struct CIPCatalogAndDirectoryTests {
    @Test("HD: WEBADDR trimmed without a scheme, CONTROL -3 → nil, CLOSEDAT date or nil, lines kept")
    func directoryExtras() throws {
        let (rows, report) = try IPEDSFiles.readInstitutions(CatalogFixtures.hd, path: "hd.csv")
        #expect(rows.map(\.unitID) == ["100654", "100690", "101116", "102234", "102235"])
        #expect(rows.map(\.website) == ["www.aamu.edu/", "https://www.amridgeuniversity.edu/", "", "https://www.shc.edu/", ""])
        #expect(rows.map(\.control) == [1, 2, 3, nil, nil])
        #expect(rows.map(\.closedDate) == [nil, nil, "06/30/2022", nil, nil])
        #expect(rows.map(\.line) == [2, 3, 4, 5, 6])
        #expect(rows[3].name == "Spring Hill Collège")
        #expect(rows[1].zip == "36117")
        #expect(report.skipped.map(\.description) == ["hd.csv:7: STABBR \"\" is not a USPS state code"])
        #expect(report.warnings.map(\.description) == [
            "hd.csv:6: CONTROL \"7\" is not 1, 2, 3 or -3; read as unknown",
            "hd.csv:6: CLOSEDAT \"2022\" is not a date (MM/DD/YYYY) or -2; read as open",
        ])
    }

    @Test("HD without WEBADDR/CONTROL/CLOSEDAT (older layouts) reads with the defaults")
    func directoryWithoutExtras() throws {
        let (rows, _) = try IPEDSFiles.readInstitutions(Fixtures.hd, path: "hd.csv")
        #expect(rows.allSatisfy { $0.website == "" && $0.control == nil && $0.closedDate == nil })
        #expect(rows.map(\.line) == [2, 3, 4, 8, 10])
    }

    @Test("catalog: every family, series and code kept; codes normalised; periods dropped; bad codes reported")
    func catalog() throws {
        let (rows, report) = try IPEDSFiles.readCIPCatalog(CatalogFixtures.catalog, path: "cip.csv")
        #expect(rows.map(\.code) == ["01", "01.00", "01.0000", "01.0102", "51.0707", "51.0706", "60.0521"])
        #expect(rows.map(\.digitCount) == [2, 4, 6, 6, 6, 6, 6])
        #expect(rows[0].title == "AGRICULTURAL/ANIMAL/PLANT/VETERINARY SCIENCE AND RELATED FIELDS")
        #expect(rows[1].title == "Agriculture, General")
        #expect(rows[3].examples == "Examples: - Agroeconomics")
        #expect(rows[2].examples == "")
        #expect(rows[4].definition.contains("\"coding\""))
        #expect(rows[6].title == "Drug Information Pharmacy Residency/Fellowship Program")
        #expect(rows.map(\.line) == [2, 3, 4, 5, 6, 7, 11])
        #expect(report.skipped.map(\.description) == [
            "cip.csv:8: CIPCode \"51.07.1\" is not a 2-, 4- or 6-digit CIP code",
            "cip.csv:9: CIPCode \"51.123\" is not a 2-, 4- or 6-digit CIP code",
            "cip.csv:10: CIPTitle of 51.2706 is empty",
        ])
    }

    @Test("catalog: the `=\"NN\"` headings of the older fixture are kept too")
    func catalogQuotedHeadings() throws {
        let (rows, report) = try IPEDSFiles.readCIPCatalog(Fixtures.cipTitles, path: "cip.csv")
        #expect(rows.map(\.code) == ["51", "51.07", "51.0706", "51.0707", "51.2706", "26.1103"])
        #expect(rows[0].title == "HEALTH PROFESSIONS AND RELATED PROGRAMS")
        #expect(report.skippedCount == 1)
    }

    @Test("catalog: a file without CIPTitle is refused")
    func catalogMissingColumns() {
        #expect(throws: CorpusError.missingColumns(path: "x.csv", columns: ["CIPTitle"], found: ["CIPCode"])) {
            _ = try IPEDSFiles.readCIPCatalog(CatalogFixtures.bytes("CIPCode\n01\n"), path: "x.csv")
        }
    }

    @Test("the real HD2022 extras: CONTROL, WEBADDR, CLOSEDAT", .enabled(if: ProjectPaths.sharedData("ipeds/hd2022.csv") != nil))
    func realHDExtras() throws {
        let path = try #require(ProjectPaths.sharedData("ipeds/hd2022.csv"))
        let (rows, report) = try RealFile.timed("hd2022.csv") { () throws(CorpusError) in try IPEDSFiles.readInstitutions(FileBytes.read(path), path: path) }
        RealFile.log("hd2022.csv", rows.count, report)
        // NCES's line 1410 (Prince George's Community College) has unescaped quotes inside a
        // quoted URL ("…&hl="veteran"&…"): kept as text, with a warning naming the line.
        #expect(report.warnings.map(\.line) == [1410] && report.skippedCount == 0)
        let pgcc = try #require(rows.first { $0.unitID == "163657" })
        #expect(pgcc.name == "Prince George's Community College" && pgcc.state == "MD")
        let aamu = try #require(rows.first { $0.unitID == "100654" })
        #expect(aamu.website == "www.aamu.edu/" && aamu.control == 1 && aamu.closedDate == nil && aamu.line == 2)
        #expect(rows.count == 6256)
        #expect([1, 2, 3].map { c in rows.filter { $0.control == c }.count } == [2019, 1855, 2352])
        #expect(rows.filter { $0.control == nil }.count == 30)
        #expect(rows.filter { $0.closedDate != nil }.count == 46)
        #expect(rows.filter { $0.website.isEmpty }.count == 54)
        #expect(rows.allSatisfy { $0.closedDate.map { $0.count == 10 } ?? true })
    }

    @Test("the real CIP 2020 catalog: 50 families, 473 series, 2,325 codes", .enabled(if: ProjectPaths.sharedData("cip/CIPCode2020.csv") != nil))
    func realCatalog() throws {
        let path = try #require(ProjectPaths.sharedData("cip/CIPCode2020.csv"))
        let (rows, report) = try RealFile.timed("CIPCode2020.csv") { () throws(CorpusError) in try IPEDSFiles.readCIPCatalog(FileBytes.read(path), path: path) }
        RealFile.log("CIPCode2020.csv", rows.count, report)
        #expect(rows.count == 2848 && report.skippedCount == 0)
        #expect(rows.filter { $0.digitCount == 2 }.count == 50)
        #expect(rows.filter { $0.digitCount == 4 }.count == 473)
        #expect(rows.filter { $0.digitCount == 6 }.count == 2325)
        #expect(rows.first { $0.code == "51" }?.title == "HEALTH PROFESSIONS AND RELATED PROGRAMS")
        #expect(rows.first { $0.code == "51.07" }?.title == "Health and Medical Administrative Services")
        #expect(rows.first { $0.code == "51.0707" }?.title == "Health Information/Medical Records Technology/Technician")
        #expect(rows.first { $0.code == "01.0103" }?.examples == "Examples: - Agroeconomics")
    }
}

import Corpus
import TestSupport
import Testing

/// DAPIP files as published: CRLF rows, UTF-8 en dashes, quoted addresses and agency names
/// with commas, "-" for no parent, several IPEDS ids in one cell.
enum DAPIPFixtures {
    static func bytes(_ s: String) -> [UInt8] {
        Array(s.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n").utf8)
    }

    static let locations: [UInt8] = bytes(#"""
    DapipId,OpeId,IpedsUnitIds,LocationName,ParentName,ParentDapipId,LocationType,Address,UpdateDate
    100016,01230800,100636,Community College of the Air Force,-,-,Institution,"130 W Maxwell Blvd, Montgomery, AL 36112-6613",
    100016002,,,Community College of the Air Force,Community College of the Air Force,100016,Additional Location,"2250 Stanley Road, Unit 161, Fort Sam Houston, TX 78234-6400",
    141893,00340400,"217235, 460349",Johnson & Wales University,-,-,Institution,"8 Abbott Park Place, Providence, RI 02903-3703",5/22/2019 12:00:00 AM
    101037018,-2,,"UA – Flowing Wells",University of Arizona,101037,Site,"Tucson, AZ",
    ABC,,,Nameless,-,-,Institution,,
    100017,,12x45,Bad Unit College,-,-,Institution,,
    100018,,,  ,-,-,Institution,,
    100019,,,Orphan Campus,Somebody,none,Site,,

    """#)

    static let accreditations: [UInt8] = bytes(#"""
    DapipId,AgencyId,AgencyName,ProgramId,ProgramName,SequentialId,InitialDateFlag,AccreditationDate,AccreditationStatus,ReviewDate,DepartmentDescription,AccreditationEndDate,EndingActionId
    100034,27,"Academy of Nutrition and Dietetics, Accreditation Council for Education in Nutrition and Dietetics",1,Institutional Accreditation,1,Actual,1/26/2018 12:00:00 AM,Preaccredited,01/26/2022,,,
    100025,7,"Southern Association of Colleges and Schools, Commission on Colleges",1,Institutional Accreditation,1,Estimated,7/1/1963 12:00:00 AM,Accredited,12/10/2024,,,
    100026,4,"Accreditation Commission for Education in Nursing, Inc. – May 6, 2013  Formerly: National League for Nursing Accrediting Commission ",30,Nursing (ADNUR) - Associate degree programs,1,Actual,1/1/1980 12:00:00 AM,Accredited,,,11/9/2012 12:00:00 AM,4
    100027,x4,Agency,1,Institutional Accreditation,1,Actual,,Accredited,,,,
    100028,4,Agency,1,Institutional Accreditation,1,Actual,,,,,,
    100029,4,"Agency, unterminated,1,Institutional Accreditation,1,Actual,,Denied Accreditation,,,,
    """#)
}

@Suite("DAPIP readers")
struct DAPIPFilesTests {
    @Test("locations: several UNITIDs split, '-' parent nil, -2 OPE id blank, bad rows reported")
    func locations() throws {
        let (rows, report) = try DAPIPFiles.readLocations(DAPIPFixtures.locations, path: "loc.csv")
        #expect(rows.map(\.dapipID) == ["100016", "100016002", "141893", "101037018"])
        #expect(rows[0] == DAPIPLocation(dapipID: "100016", opeID: "01230800", unitIDs: ["100636"], name: "Community College of the Air Force",
                                         parentDapipID: nil, locationType: "Institution", line: 2))
        #expect(rows[1].unitIDs == [] && rows[1].parentDapipID == "100016" && rows[1].locationType == "Additional Location")
        #expect(rows[2].unitIDs == ["217235", "460349"])
        #expect(rows[3].name == "UA – Flowing Wells" && rows[3].opeID == "" && rows[3].locationType == "Site")
        #expect(report.skipped.map(\.description) == [
            "loc.csv:6: DapipId \"ABC\" is not a number",
            "loc.csv:7: IpedsUnitIds \"12x45\" is not a list of UNITIDs",
            "loc.csv:8: LocationName of 100018 is empty",
            "loc.csv:9: ParentDapipId \"none\" is not a number or \"-\"",
        ])
    }

    @Test("accreditations: agency names kept raw but trimmed, dates as published, bad rows reported")
    func accreditations() throws {
        let (rows, report) = try DAPIPFiles.readAccreditations(DAPIPFixtures.accreditations, path: "acc.csv")
        #expect(rows.map(\.dapipID) == ["100034", "100025", "100026"])
        #expect(rows[0] == DAPIPAccreditation(dapipID: "100034", agencyID: "27",
                                              agencyName: "Academy of Nutrition and Dietetics, Accreditation Council for Education in Nutrition and Dietetics",
                                              programName: "Institutional Accreditation", status: "Preaccredited",
                                              accreditationDate: "1/26/2018 12:00:00 AM", endDate: "", line: 2))
        #expect(rows[2].agencyName == "Accreditation Commission for Education in Nursing, Inc. – May 6, 2013  Formerly: National League for Nursing Accrediting Commission")
        #expect(rows[2].programName == "Nursing (ADNUR) - Associate degree programs" && rows[2].endDate == "11/9/2012 12:00:00 AM")
        #expect(report.skipped.map(\.description) == [
            "acc.csv:5: AgencyId \"x4\" is not a number",
            "acc.csv:6: AccreditationStatus is empty",
            "acc.csv:7: unbalanced quote: the quoted field opened here never closes",
        ])
    }

    @Test("a DAPIP file without its id columns is refused")
    func missingColumns() {
        #expect(throws: CorpusError.self) { _ = try DAPIPFiles.readLocations(DAPIPFixtures.accreditations, path: "acc.csv") }
        #expect(throws: CorpusError.self) { _ = try DAPIPFiles.readAccreditations(DAPIPFixtures.locations, path: "loc.csv") }
    }

    @Test("the real DAPIP locations: 32,738 rows, Johnson & Wales has two UNITIDs", .enabled(if: ProjectPaths.sharedData("dapip/InstitutionCampus.csv") != nil))
    func realLocations() throws {
        let path = try #require(ProjectPaths.sharedData("dapip/InstitutionCampus.csv"))
        let (rows, report) = try RealFile.timed("InstitutionCampus.csv") { () throws(CorpusError) in try DAPIPFiles.readLocations(FileBytes.read(path), path: path) }
        RealFile.log("InstitutionCampus.csv", rows.count, report)
        #expect(rows.count == 32_738 && report.skippedCount == 0)
        #expect(rows.filter { $0.locationType == "Institution" }.count == 9682)
        #expect(rows.filter { $0.parentDapipID == nil }.count == 10_991)
        #expect(rows.first { $0.dapipID == "141893" }?.unitIDs == ["217235", "460349"])
        #expect(rows.first { $0.dapipID == "100025" } == DAPIPLocation(dapipID: "100025", opeID: "00100200", unitIDs: ["100654"],
                                                                          name: "Alabama A & M University", parentDapipID: nil,
                                                                          locationType: "Institution", line: 4))
    }

    @Test("the real DAPIP accreditations: 49,204 rows, statuses as documented", .enabled(if: ProjectPaths.sharedData("dapip/AccreditationRecords.csv") != nil))
    func realAccreditations() throws {
        let path = try #require(ProjectPaths.sharedData("dapip/AccreditationRecords.csv"))
        let (rows, report) = try RealFile.timed("AccreditationRecords.csv") { () throws(CorpusError) in try DAPIPFiles.readAccreditations(FileBytes.read(path), path: path) }
        RealFile.log("AccreditationRecords.csv", rows.count, report)
        #expect(rows.count == 49_204 && report.skippedCount == 0)
        #expect(Set(rows.map(\.status)) == ["Accredited", "Preaccredited", "Denied Accreditation"])
        #expect(rows.filter { $0.programName == "Institutional Accreditation" }.count == 32_544)
        #expect(rows.contains { $0.dapipID == "100025" && $0.agencyID == "7" && $0.accreditationDate == "7/1/1963 12:00:00 AM" && $0.line == 46595 })
    }
}

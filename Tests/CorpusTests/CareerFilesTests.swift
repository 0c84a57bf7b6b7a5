import Corpus
import Foundation
import TestSupport
import Testing

/// The career files in their published layouts: the CIP→SOC crosswalk with "99-9999 NO MATCH"
/// rows, OEWS with "-"/"*"/"#" marks and thousands commas, and the BLS projections table with
/// en dashes and "[1]" in its header, indented titles, "—" for no data and footnotes at the end.
enum CareerFixtures {
    static func bytes(_ s: String, bom: Bool = false) -> [UInt8] { (bom ? [0xEF, 0xBB, 0xBF] : []) + Array(s.utf8) }

    static let crosswalk: [UInt8] = bytes(#"""
    CIP2020Code,CIP2020Title,SOC2018Code,SOC2018Title
    01.0508,Taxidermy/Taxidermist.,99-9999,NO MATCH
    51.0707,Health Information/Medical Records Technology/Technician.,29-2072,Medical Records Specialists
    "51.0707","Health Information/Medical Records Technology/Technician.",29-9021,"Health Information Technologists and Medical Registrars"
    51.07,Health and Medical Administrative Services.,29-2072,Medical Records Specialists
    51.0713,Medical Insurance Coding Specialist/Coder.,292072,Medical Records Specialists

    """#, bom: true)

    static let oews: [UInt8] = bytes(#"""
    AREA,AREA_TITLE,AREA_TYPE,PRIM_STATE_FIPS,OCC_CODE,OCC_TITLE,TOT_EMP,EMP_PRSE,H_MEAN,A_MEAN,MEAN_PRSE,H_PCT10,H_PCT25,H_MEDIAN,H_PCT75,H_PCT90,A_PCT10,A_PCT25,A_MEDIAN,A_PCT75,A_PCT90,JOBS_1000,LOC_QUOTIENT,FOOTNOTE_CODES
    0000000,National,N,00,29-2072,Medical Records Specialists,194720,1.1,27.30,56790,0.4,17.79,20.91,24.59,31.17,39.01,37000,43490,51140,64820,81150,,,
    1700000,Illinois,S,17,29-2072,Medical Records Specialists,"5,740",5.1,27.48,57160,1.1,18.70,22.25,27.14,30.94,37.27,38890,46290,56440,64360,77520,0.941,0.75,
    7200000,Puerto Rico,S,72,29-2072,Medical Records Specialists,1850,10.2,16.38,34060,6.0,10.53,11.07,13.46,19.08,27.78,21900,23020,27990,39680,57780,1.970,1.57,
    1100000,District of Columbia,S,11,29-1224,Radiologists,-,-,#,#,-,#,#,#,#,#,#,#,#,#,#,,,
    6600000,Guam,S,66,29-2072,Medical Records Specialists,**,-,*,*,-,*,*,*,*,*,*,*,*,*,*,,,
    7800000,Virgin Islands,S,78,29-2072,Medical Records Specialists,40,1,1,1,1,1,1,1,1,1,1,1,-,1,1,,,
    9900000,Nowhere,S,99,29-2072,Medical Records Specialists,40,1,1,1,1,1,1,1,1,1,1,1,1,1,1,,,
    0100000,Alabama,M,01,29-2072,Medical Records Specialists,40,1,1,1,1,1,1,1,1,1,1,1,1,1,1,,,
    0100000,Alabama,S,1,29-2072,Medical Records Specialists,40,1,1,1,1,1,1,1,1,1,1,1,about 40k,1,1,,,
    0100000,Alabama,S,1,292072,Medical Records Specialists,40,1,1,1,1,1,1,1,1,1,1,1,1,1,1,,,

    """#)

    /// The published header, verbatim (en dashes, "[1]").
    static let projectionsHeader = "2024 National Employment Matrix title,2024 National Employment Matrix code,Occupation type,\"Employment, 2024\",\"Employment, 2034\",\"Employment distribution, percent, 2024\",\"Employment distribution, percent, 2034\",\"Employment change, numeric, 2024–34\",\"Employment change, percent, 2024–34\",\"Percent self employed, 2024\",\"Occupational openings, 2024–34 annual average\",\"Median annual wage, dollars, 2024[1]\",Typical education needed for entry,Work experience in a related occupation,Typical on-the-job training needed to attain competency in the occupation,Related Occupational Outlook Handbook (OOH) content xlsx\n"

    static let projections: [UInt8] = bytes(projectionsHeader + #"""
    "Total, all occupations",00-0000,Summary,169956.1,175167.9,100,100,5211.8,3.1,5.8,18863.3,49500,—,—,—,—
      Healthcare practitioners and technical occupations,29-0000,Summary,10144.8,10979.2,6,6.3,834.4,8.2,5.5,588.1,83090,—,—,—,—
            Radiologists,29-1224,Line item,28.2,29,0,0,0.8,2.7,4.7,0.8,">=$239,200",Doctoral or professional degree,None,Internship/residency,OOH Content
          Medical records specialists,29-2072,Line item,194.8,208.6,0.1,0.1,13.8,7.1,0.8,14.2,50250,Postsecondary nondegree award,None,None,OOH Content
    "        Physicians, all other",29-1229,Line item,"1,340.7",349.3,0.2,0.2,8.6,—,3.9,—,—,—,None,Internship/residency,—
        Broken row,29-9999,Line item,12,13
        Odd type,29-9998,Group,12,13,0,0,1,1,1,1,1,—,—,—,—
        No employment,29-9997,Line item,—,13,0,0,1,1,1,1,1,—,—,—,—
    Footnotes:,,,,,,,,,,,,,,,
    "[1] Data are from the Occupational Employment and Wage Statistics program, U.S. Bureau of Labor Statistics."
    "Note: Data is unavailable for values denoted with a ""—"".",,,,,,,,,,,,,,,
    Source: Employment Projections program,,,,,,,,,,,,,,,

    """#)
}

@Suite("Career readers: crosswalk, OEWS, projections")
struct CareerFilesTests {
    @Test("crosswalk: NO MATCH rows ignored silently, codes checked, lines kept")
    func crosswalk() throws {
        let (rows, report) = try CareerFiles.readCrosswalk(CareerFixtures.crosswalk, path: "xw.csv")
        #expect(rows == [
            CIPOccupationLink(cipCode: "51.0707", socCode: "29-2072", socTitle: "Medical Records Specialists", line: 3),
            CIPOccupationLink(cipCode: "51.0707", socCode: "29-9021", socTitle: "Health Information Technologists and Medical Registrars", line: 4),
        ])
        #expect(report.ignoredTotals == 1)
        #expect(report.skipped.map(\.description) == [
            "xw.csv:5: CIP2020Code \"51.07\" is not a six-digit CIP code",
            "xw.csv:6: SOC2018Code \"292072\" is not a SOC code (NN-NNNN)",
        ])
    }

    @Test("OEWS: national → US, FIPS → USPS (DC, PR, GU, VI), not-released marks nil, '#' top-coded, commas")
    func oews() throws {
        let (rows, report) = try CareerFiles.readOEWS(CareerFixtures.oews, path: "oews.csv")
        #expect(rows.map(\.area) == ["US", "IL", "PR", "DC", "GU", "VI"])
        #expect(rows[0] == OccupationWage(area: "US", socCode: "29-2072", title: "Medical Records Specialists", employment: 194_720,
                                          medianAnnualWage: 51140, medianTopCoded: false, line: 2))
        #expect(rows[1].employment == 5740 && rows[1].medianAnnualWage == 56440)
        #expect(rows[3].employment == nil && rows[3].medianAnnualWage == nil && rows[3].medianTopCoded)
        #expect(rows[4].employment == nil && rows[4].medianAnnualWage == nil && !rows[4].medianTopCoded)
        #expect(rows[5].medianAnnualWage == nil && rows[5].employment == 40)
        #expect(rows.filter(\.medianTopCoded).count == 1)
        #expect(report.skipped.map(\.description) == [
            "oews.csv:8: PRIM_STATE_FIPS \"99\" is not a state FIPS code",
            "oews.csv:9: AREA_TYPE \"M\" is not N (national) or S (state)",
            "oews.csv:10: A_MEDIAN \"about 40k\" is not a number or a not-released mark",
            "oews.csv:11: OCC_CODE \"292072\" is not a SOC code (NN-NNNN)",
        ])
        #expect(CareerFiles.uspsCodeByFIPS.count == 56)
    }

    @Test("projections: header matched despite en dashes and [1]; line items only; '—' nil; top-coded wage; footnotes ignored")
    func projections() throws {
        let (rows, report) = try CareerFiles.readProjections(CareerFixtures.projections, path: "ep.csv")
        #expect(rows.map(\.socCode) == ["29-1224", "29-2072", "29-1229"])
        #expect(rows[1] == OccupationProjection(socCode: "29-2072", title: "Medical records specialists", employment2024: 194.8, employment2034: 208.6,
                                                changePercent: 7.1, annualOpenings: 14.2, medianWage2024: 50250,
                                                typicalEducation: "Postsecondary nondegree award", line: 5))
        #expect(rows[0].title == "Radiologists" && rows[0].medianWage2024 == nil && rows[0].medianWageTopCoded)
        #expect(rows[2].title == "Physicians, all other" && rows[2].employment2024 == 1340.7)
        #expect(rows[2].changePercent == nil && rows[2].annualOpenings == nil && rows[2].medianWage2024 == nil)
        #expect(!rows[2].medianWageTopCoded && rows[2].typicalEducation == "")
        #expect(report.ignoredTotals == 2)
        #expect(report.skipped.map(\.description) == [
            "ep.csv:7: row has 5 fields, the header has 16",
            "ep.csv:8: occupation type \"Group\" of 29-9998 is not \"Line item\" or \"Summary\"",
            "ep.csv:9: employment \"—\", \"13\" of 29-9997 is not a number of thousands",
        ])
    }

    @Test("projections: an unrecognised header is refused with the columns it lacks")
    func projectionsHeader() {
        let header = CareerFixtures.projectionsHeader.replacingOccurrences(of: "Typical education needed for entry", with: "Education")
            .replacingOccurrences(of: "Occupational openings", with: "Openings")
        do {
            _ = try CareerFiles.readProjections(CareerFixtures.bytes(header + "x,11-1011,Line item,1,1,1,1,1,1,1,1,1,a,b,c,d\n"), path: "ep.csv")
            Issue.record("expected missingColumns")
        } catch {
            guard case let .missingColumns(_, columns, _) = error else { Issue.record("\(error)"); return }
            #expect(columns == ["Occupational openings", "Typical education needed for entry"])
        }
        #expect(throws: CorpusError.emptyFile(path: "e.csv")) { _ = try CareerFiles.readProjections([], path: "e.csv") }
    }

    @Test("the real crosswalk: 6,097 rows, 194 NO MATCH", .enabled(if: ProjectPaths.sharedData("cip/CIP2020_SOC2018_crosswalk.csv") != nil))
    func realCrosswalk() throws {
        let path = try #require(ProjectPaths.sharedData("cip/CIP2020_SOC2018_crosswalk.csv"))
        let (rows, report) = try RealFile.timed("CIP2020_SOC2018_crosswalk.csv") { () throws(CorpusError) in try CareerFiles.readCrosswalk(FileBytes.read(path), path: path) }
        RealFile.log("CIP2020_SOC2018_crosswalk.csv", rows.count, report)
        #expect(rows.count == 6097 - 194 && report.ignoredTotals == 194 && report.skippedCount == 0)
        #expect(rows.filter { $0.cipCode == "51.0707" }.map(\.socCode) == ["29-2072", "29-9021"])
        #expect(rows.first { $0.socCode == "29-2072" }?.socTitle == "Medical Records Specialists")
    }

    @Test("the real OEWS file: 38,512 rows in 55 areas", .enabled(if: ProjectPaths.sharedData("labor/oews_state_M2025_all_occupations.csv") != nil))
    func realOEWS() throws {
        let path = try #require(ProjectPaths.sharedData("labor/oews_state_M2025_all_occupations.csv"))
        let (rows, report) = try RealFile.timed("oews_state_M2025_all_occupations.csv") { () throws(CorpusError) in try CareerFiles.readOEWS(FileBytes.read(path), path: path) }
        RealFile.log("oews_state_M2025_all_occupations.csv", rows.count, report)
        #expect(rows.count == 38_512 && report.skippedCount == 0)
        #expect(Set(rows.map(\.area)).count == 55)
        #expect(rows.filter { $0.area == "US" }.count == 1104)
        #expect(rows.filter { $0.employment == nil }.count == 1318)
        #expect(rows.filter { $0.medianAnnualWage == nil }.count == 724)
        #expect(rows.first { $0.area == "US" && $0.socCode == "29-2072" }.map { ($0.employment, $0.medianAnnualWage) } ?? (nil, nil) == (194_720, 51140))
        #expect(rows.first { $0.area == "PR" && $0.socCode == "29-2072" }?.medianAnnualWage == 27990)
    }

    @Test("the real projections: 832 line items, 281 summaries, footnotes ignored", .enabled(if: ProjectPaths.sharedData("labor/ep_occupation_2024-2034.csv") != nil))
    func realProjections() throws {
        let path = try #require(ProjectPaths.sharedData("labor/ep_occupation_2024-2034.csv"))
        let (rows, report) = try RealFile.timed("ep_occupation_2024-2034.csv") { () throws(CorpusError) in try CareerFiles.readProjections(FileBytes.read(path), path: path) }
        RealFile.log("ep_occupation_2024-2034.csv", rows.count, report)
        #expect(rows.count == 832 && report.ignoredTotals == 281 && report.skippedCount == 0)
        // 19 wages are ">=$239,200"; two of them are on Summary rows.
        #expect(rows.filter(\.medianWageTopCoded).count == 17)
        let mrs = try #require(rows.first { $0.socCode == "29-2072" })
        #expect(mrs == OccupationProjection(socCode: "29-2072", title: "Medical records specialists", employment2024: 194.8, employment2034: 208.6,
                                            changePercent: 7.1, annualOpenings: 14.2, medianWage2024: 50250,
                                            typicalEducation: "Postsecondary nondegree award", line: mrs.line))
        #expect(rows.allSatisfy { !$0.title.hasPrefix(" ") })
    }
}

import Corpus
import TestSupport
import Testing

/// Scorecard field-of-study outcomes and Census ZCTA centroids, in their published layouts.
enum OutcomeFixtures {
    static func bytes(_ s: String, bom: Bool = false) -> [UInt8] { (bom ? [0xEF, 0xBB, 0xBF] : []) + Array(s.utf8) }

    /// fos-value-check.csv: "51.0" counts, "50894.0" dollars, empty = suppressed, 0.0 a real zero.
    static let scorecard: [UInt8] = bytes(#"""
    unitid,opeid6,inst_name,state,control,cip_code,cip_desc,credential_level,credential_desc,completers_count,earnings,earnings_horizon,earnings_threshold_state,earnings_threshold_national,earnings_premium_state,earnings_premium_national,fails_ep_state,value_flag,debt_median,debt_to_earnings_ratio,debt_payback_years
    194240,002876,Orange County Community College,NY,Public,5108,Allied Health and Medical Assisting Services.,2,Associate's Degree,51.0,50894.0,4yr_after_completion,35746.0,36082.0,15148.0,14812.0,False,passes_earnings_premium,9500.0,0.187,0.6
    194240,002876,Orange County Community College,NY,Public,5109,"Allied Health Diagnostic, Intervention, and Treatment Professions.",2,Associate's Degree,11.0,77945.0,4yr_after_completion,35746.0,36082.0,42199.0,41863.0,False,passes_earnings_premium,,,
    194240,002876,Orange County Community College,NY,Public,5110,Clinical/Medical Laboratory Science/Research and Allied Professions.,2,Associate's Degree,8.0,,,35746.0,36082.0,,,,insufficient_data,,,
    100654,001002,Alabama A & M University,AL,Public,5107,Health and Medical Administrative Services.,3,Bachelor's Degree,0.0,,,1,1,,,,,,,
    100654,001002,Alabama A & M University,AL,Public,51.07,Health and Medical Administrative Services.,3,Bachelor's Degree,4.0,,,1,1,,,,insufficient_data,,,
    100654,001002,Alabama A & M University,AL,Public,5107,Health and Medical Administrative Services.,10,Bachelor's Degree,4.0,,,1,1,,,,insufficient_data,,,
    100654,001002,Alabama A & M University,AL,Public,5107,Health and Medical Administrative Services.,99,Non-credential,4.6,,,1,1,,,,insufficient_data,,,
    100654,001002,Alabama A & M University,AL,Public,5107,Health and Medical Administrative Services.,5,Master's Degree,3.0,n/a,,1,1,,,,insufficient_data,,,
    100654,001002,Alabama A & M University,AL,Public,5107,short row

    """#, bom: true)

    /// zcta2023_centroids.csv: leading zeros kept; a spreadsheet-mangled GEOID and a bad coordinate.
    static let zcta: [UInt8] = bytes("GEOID,LAT,LONG,COUNTRY\r\n00601,18.180555,-66.749961,US\r\n\"02138\",42.379637,-71.135152,US\r\n601,18.1,-66.7,US\r\n60637,141.78,-87.60,US\r\n99950,55.54,-131.43,US\r\n")
}

@Suite("Scorecard outcomes and ZCTA centroids")
struct ScorecardAndZCTATests {
    @Test("scorecard: decimals rounded, empty cells nil (never 0), cip_code → NN.NN, bad rows reported with lines")
    func scorecard() throws {
        let (rows, report) = try ScorecardFile.read(OutcomeFixtures.scorecard, path: "fos.csv")
        #expect(rows.map(\.line) == [2, 3, 4, 5, 8])
        #expect(rows[0] == ScorecardOutcome(unitID: "194240", cipSeries: "51.08", credentialLevel: 2, completers: 51, medianEarnings: 50894,
                                            medianDebt: 9500, valueFlag: "passes_earnings_premium", line: 2))
        #expect(rows[1].medianDebt == nil && rows[1].medianEarnings == 77945)
        #expect(rows[2].medianEarnings == nil && rows[2].completers == 8 && rows[2].valueFlag == "insufficient_data")
        #expect(rows[3].completers == 0 && rows[3].valueFlag == nil && rows[3].cipSeries == "51.07")
        #expect(rows[4].credentialLevel == 99 && rows[4].completers == 5)
        #expect(report.skipped.map(\.description) == [
            "fos.csv:6: cip_code \"51.07\" is not a 4-digit CIP series",
            "fos.csv:7: credential_level \"10\" is not 1…8 or 99",
            "fos.csv:9: earnings \"n/a\" is not a non-negative number",
            "fos.csv:10: row has 7 fields, the header has 21",
        ])
    }

    @Test("scorecard: earnings measured 1 year after completion are left out (counted), the row's debt kept")
    func oneYearHorizon() throws {
        let text = "unitid,cip_code,credential_level,completers_count,earnings,earnings_horizon,debt_median\n"
            + "100,5107,2,40.0,31000.0,1yr_after_completion,9000.0\n"
            + "101,5107,2,40.0,41000.0,4yr_after_completion,9500.0\n"
            + "102,5107,2,40.0,,,9900.0\n"
        let (rows, report) = try ScorecardFile.read(OutcomeFixtures.bytes(text), path: "h.csv")
        #expect(rows.map(\.medianEarnings) == [nil, 41000, nil])
        #expect(rows.map(\.medianDebt) == [9000, 9500, 9900])
        #expect(report.ignoredTotals == 1 && report.skippedCount == 0)
    }

    @Test("scorecard: a file without earnings is refused")
    func scorecardMissingColumns() {
        #expect(throws: CorpusError.self) { _ = try ScorecardFile.read(OutcomeFixtures.bytes("unitid,cip_code,credential_level\n1,5107,3\n"), path: "x.csv") }
    }

    @Test("ZCTA: five-digit GEOIDs with leading zeros, quoted or not; bad GEOID and latitude reported")
    func zcta() throws {
        let (rows, report) = try ZCTAFile.read(OutcomeFixtures.zcta, path: "z.csv")
        #expect(rows == [
            ZCTACentroid(zip: "00601", latitude: 18.180555, longitude: -66.749961, line: 2),
            ZCTACentroid(zip: "02138", latitude: 42.379637, longitude: -71.135152, line: 3),
            ZCTACentroid(zip: "99950", latitude: 55.54, longitude: -131.43, line: 6),
        ])
        #expect(report.skipped.map(\.description) == [
            "z.csv:4: GEOID \"601\" is not a 5-digit ZCTA",
            "z.csv:5: LAT/LONG \"141.78\", \"-87.60\" is not a valid coordinate",
        ])
        #expect(throws: CorpusError.missingColumns(path: "x.csv", columns: ["LONG"], found: ["GEOID", "LAT", "LON"])) {
            _ = try ZCTAFile.read(OutcomeFixtures.bytes("GEOID,LAT,LON\n00601,1,2\n"), path: "x.csv")
        }
    }

    @Test("the real Scorecard file: 220,960 outcomes, suppressed figures nil", .enabled(if: ProjectPaths.sharedData("scorecard/fos-value-check.csv") != nil))
    func realScorecard() throws {
        let path = try #require(ProjectPaths.sharedData("scorecard/fos-value-check.csv"))
        let (rows, report) = try RealFile.timed("fos-value-check.csv") { () throws(CorpusError) in try ScorecardFile.read(FileBytes.read(path), path: path) }
        RealFile.log("fos-value-check.csv", rows.count, report)
        #expect(rows.count == 220_960 && report.skippedCount == 0)
        #expect(rows[0] == ScorecardOutcome(unitID: "194240", cipSeries: "51.08", credentialLevel: 2, completers: 51, medianEarnings: 50894,
                                            medianDebt: 9500, valueFlag: "passes_earnings_premium", line: 2))
        // 159,034 suppressed, plus 4,754 measured 1 year after completion (left out, counted).
        #expect(rows.filter { $0.medianEarnings == nil }.count == 159_034 + 4_754)
        #expect(report.ignoredTotals == 4_754)
        #expect(rows.filter { $0.completers == nil }.count == 23_598)
        #expect(rows.filter { $0.medianDebt == nil }.count == 174_829)
        #expect(rows.filter { $0.cipSeries == "52.02" }.count == 6334)
    }

    @Test("the real ZCTA 2023 file: 33,791 centroids", .enabled(if: ProjectPaths.sharedData("geo/zcta2023_centroids.csv") != nil))
    func realZCTA() throws {
        let path = try #require(ProjectPaths.sharedData("geo/zcta2023_centroids.csv"))
        let (rows, report) = try RealFile.timed("zcta2023_centroids.csv") { () throws(CorpusError) in try ZCTAFile.read(FileBytes.read(path), path: path) }
        RealFile.log("zcta2023_centroids.csv", rows.count, report)
        #expect(rows.count == 33_791 && report.skippedCount == 0)
        #expect(rows.first == ZCTACentroid(zip: "00601", latitude: 18.180555, longitude: -66.749961, line: 2))
        #expect(rows.first { $0.zip == "60637" }.map { ($0.latitude, $0.longitude) } ?? (0, 0) == (41.782504, -87.602734))
    }
}

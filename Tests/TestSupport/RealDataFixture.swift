import Foundation

/// A miniature of ../shared/data for the corpus builder: every official file in its published
/// layout (header lines copied verbatim from the real files; CRLF where the real file has it;
/// HD in Latin-1), a few rows each chosen to exercise one join rule, plus a tiny
/// Corpus/mapping. `RealCorpusBuilderTests` and the CLI tests build from it; the expected
/// corpus is spelled out in `RealCorpusBuilderTests`.
///
/// What is in it:
/// - HD: 100001 Alpha CC (Chicago, ZIP+4, public, HLC), 100002 "Université Beta" (a Latin-1
///   é; Springfield IL, private nonprofit), 100003 Gamma (closed: CLOSEDAT a date),
///   100004 / 100005 Delta (one DAPIP row "100004, 100005"), 100006 (no completions),
///   a malformed row (STABBR "ZZ", line 8).
/// - completions: AWLEVEL 2 and 20 of one certificate merging, a CIPCODE 99 total, a CIP not in
///   CIP 2020 (51.9998), a closed institution, a UNITID not in HD (999999), AWLEVEL 42 (line 16).
/// - Scorecard: suppressed (empty) figures, post-bacc certificate only at level 8, a repeated
///   row, rows for closed/unknown institutions and for a series with no program, a bad level.
/// - DAPIP: an additional location with no UNITIDs inheriting its parent's, an ended
///   accreditation, a Preaccredited programmatic one, a programmatic one with no mapped CIP.
public enum RealDataFixture {
    /// Writes the fixture into a fresh temporary directory; returns (data dir, mapping dir).
    public static func write(_ name: String = "real-fixture") -> (data: String, mapping: String) {
        let root = ProjectPaths.temporaryDirectory(name)
        let data = root + "/data", mapping = root + "/mapping"
        for (path, bytes) in files { put(bytes, data + "/" + path) }
        put(utf8(accreditorsTSV), mapping + "/accreditors.tsv")
        put(utf8(programAccreditationTSV), mapping + "/program-accreditation.tsv")
        return (data, mapping)
    }

    static func put(_ bytes: [UInt8], _ path: String) {
        let dir = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        precondition(FileManager.default.createFile(atPath: path, contents: Data(bytes)), "cannot write \(path)")
    }

    static func utf8(_ s: String) -> [UInt8] { Array(s.utf8) }
    static func crlf(_ lines: [String]) -> [UInt8] { utf8(lines.map { $0 + "\r\n" }.joined()) }
    static func lf(_ lines: [String]) -> [UInt8] { utf8(lines.map { $0 + "\n" }.joined()) }
    /// Latin-1 bytes (every scalar below 256), CRLF rows: how NCES publishes HD.
    static func latin1CRLF(_ lines: [String]) -> [UInt8] {
        lines.map { $0 + "\r\n" }.joined().unicodeScalars.map { s in
            precondition(s.value < 256, "not Latin-1: \(s)")
            return UInt8(s.value)
        }
    }

    /// The files, relative to the data directory.
    public static let files: [(String, [UInt8])] = [
        ("ipeds/hd2022.csv", latin1CRLF([hdHeader] + hdRows)),
        ("ipeds/c2022_a_majornum1.csv", lf(completions)),
        ("cip/CIPCode2020.csv", [0xEF, 0xBB, 0xBF] + lf(cip)),
        ("scorecard/fos-value-check.csv", lf(scorecard)),
        ("dapip/InstitutionCampus.csv", crlf(locations)),
        ("dapip/AccreditationRecords.csv", crlf(accreditations)),
        ("cip/CIP2020_SOC2018_crosswalk.csv", crlf(crosswalk)),
        ("labor/oews_state_M2025_all_occupations.csv", crlf(oews)),
        ("labor/ep_occupation_2024-2034.csv", crlf(projections)),
        ("zipcodes.tsv", lf(zips)),
        ("geo/zcta2023_centroids.csv", crlf(zcta)),
    ]

    // MARK: IPEDS HD2022 (73 columns)

    static let hdHeader = "UNITID,INSTNM,IALIAS,ADDR,CITY,STABBR,ZIP,FIPS,OBEREG,CHFNM,CHFTITLE,GENTELE,EIN,UEIS,OPEID,OPEFLAG,WEBADDR,ADMINURL,FAIDURL,APPLURL,NPRICURL,VETURL,ATHURL,DISAURL,SECTOR,ICLEVEL,CONTROL,HLOFFER,UGOFFER,GROFFER,HDEGOFR1,DEGGRANT,HBCU,HOSPITAL,MEDICAL,TRIBAL,LOCALE,OPENPUBL,ACT,NEWID,DEATHYR,CLOSEDAT,CYACTIVE,POSTSEC,PSEFLAG,PSET4FLG,RPTMTH,INSTCAT,C21BASIC,C21IPUG,C21IPGRD,C21UGPRF,C21ENPRF,C21SZSET,C18BASIC,C15BASIC,CCBASIC,CARNEGIE,LANDGRNT,INSTSIZE,F1SYSTYP,F1SYSNAM,F1SYSCOD,CBSA,CBSATYPE,CSA,COUNTYCD,COUNTYNM,CNGDSTCD,LONGITUD,LATITUDE,DFRCGID,DFRCUSCG"

    /// One HD row: the named columns as given (already quoted as NCES quotes them), the others
    /// filled the way the file fills them (quoted blanks or -2).
    static func hd(_ values: [String: String]) -> String {
        let names = hdHeader.split(separator: ",").map(String.init)
        return names.map { values[$0] ?? "\" \"" }.joined(separator: ",")
    }

    static let hdRows: [String] = [
        hd(["UNITID": "100001", "INSTNM": "\"Alpha Community College\"", "CITY": "\"Chicago\"", "STABBR": "\"IL\"", "ZIP": "\"60601-1234\"",
            "WEBADDR": "\"www.alpha.edu/\"", "CONTROL": "1", "CLOSEDAT": "\"-2\"", "LONGITUD": "-87.6231", "LATITUDE": "41.8861"]),
        hd(["UNITID": "100002", "INSTNM": "\"Université Beta\"", "CITY": "\"Springfield\"", "STABBR": "\"IL\"", "ZIP": "\"62701\"",
            "WEBADDR": "\"https://www.beta.edu/\"", "CONTROL": "2", "CLOSEDAT": "\"-2\"", "LONGITUD": "-89.65", "LATITUDE": "39.8"]),
        hd(["UNITID": "100003", "INSTNM": "\"Gamma \"\"Closed\"\" College\"", "CITY": "\"Chicago\"", "STABBR": "\"IL\"", "ZIP": "\"60602\"",
            "WEBADDR": "\"www.gamma.edu\"", "CONTROL": "3", "CLOSEDAT": "\"05/27/2022\"", "LONGITUD": "-87.62", "LATITUDE": "41.88"]),
        hd(["UNITID": "100004", "INSTNM": "\"Delta University\"", "CITY": "\"Providence\"", "STABBR": "\"RI\"", "ZIP": "\"02903-3703\"",
            "WEBADDR": "\"www.delta.edu/\"", "CONTROL": "-3", "CLOSEDAT": "\"-2\"", "LONGITUD": "-71.4128", "LATITUDE": "41.8240"]),
        hd(["UNITID": "100005", "INSTNM": "\"Delta University, Online\"", "CITY": "\"Providence\"", "STABBR": "\"RI\"", "ZIP": "\"02903\"",
            "WEBADDR": "\" \"", "CONTROL": "3", "CLOSEDAT": "\"-2\"", "LONGITUD": "-71.41", "LATITUDE": "41.82"]),
        hd(["UNITID": "100006", "INSTNM": "\"Epsilon Institute\"", "CITY": "\"Springfield\"", "STABBR": "\"IL\"", "ZIP": "\"62702\"",
            "WEBADDR": "\"www.epsilon.edu/\"", "CONTROL": "1", "CLOSEDAT": "\"-2\"", "LONGITUD": "-89.6", "LATITUDE": "39.81"]),
        hd(["UNITID": "100007", "INSTNM": "\"Bad State College\"", "CITY": "\"Nowhere\"", "STABBR": "\"ZZ\"", "ZIP": "\"12345\"",
            "CONTROL": "1", "CLOSEDAT": "\"-2\"", "LONGITUD": "-80", "LATITUDE": "40"]),
    ]

    // MARK: IPEDS C2022_A, first majors

    static let completions: [String] = [
        "\"UNITID\",\"CIPCODE\",\"MAJORNUM\",\"AWLEVEL\",\"CTOTALT\",\"CTOTALM\",\"CTOTALW\",\"IS_CIP_6DIGIT\"",
        "100001,\"51.0707\",1,3,12,2,10,true",   // 2: associate
        "100001,\"51.0707\",1,2,4,1,3,true",     // 3: certificate (AWLEVEL 2) …
        "100001,\"51.0707\",1,20,1,0,1,true",    // 4: … and AWLEVEL 20: one certificate, 5 completers
        "100001,\"51.3801\",1,3,40,5,35,true",   // 5
        "100001,\"99\",1,3,57,8,49,false",       // 6: total
        "100002,\"51.3801\",1,5,30,4,26,true",   // 7
        "100002,\"52.0201\",1,6,3,1,2,true",     // 8: post-bacc certificate
        "100002,\"52.0201\",1,7,10,5,5,true",    // 9: master
        "100002,\"51.9998\",1,5,1,0,1,true",     // 10: CIP not in CIP 2020
        "100003,\"51.0707\",1,3,9,1,8,true",     // 11: closed institution
        "999999,\"51.0707\",1,3,2,1,1,true",     // 12: UNITID not in HD
        "100004,\"51.0707\",1,5,6,1,5,true",     // 13: no outcomes
        "100004,\"51.3801\",1,5,8,1,7,true",     // 14: preaccredited
        "100005,\"51.0707\",1,3,2,0,2,true",     // 15
        "100001,\"51.0707\",1,42,1,0,1,true",    // 16: malformed AWLEVEL
    ]

    // MARK: CIP 2020 (UTF-8 BOM)

    static let cip: [String] = [
        "CIPFamily,CIPCode,Action,TextChange,CIPTitle,CIPDefinition,CrossReferences,Examples",
        "11,11,No substantive changes,no,COMPUTER AND INFORMATION SCIENCES AND SUPPORT SERVICES.,Instructional programs that focus on computers.,,",
        "11,11.01,No substantive changes,no,\"Computer and Information Sciences, General.\",Instructional content is defined in code 11.0101.,,",
        "11,11.0101,No substantive changes,no,\"Computer and Information Sciences, General.\",A general program that focuses on computing.,,",
        "51,51,No substantive changes,no,HEALTH PROFESSIONS AND RELATED PROGRAMS.,Instructional programs that prepare individuals to practice as licensed professionals.,,",
        "51,51.07,No substantive changes,no,Health and Medical Administrative Services.,Instructional content for this group of programs is defined in codes 51.0701 - 51.0799.,,",
        "51,51.0707,No substantive changes,no,Health Information/Medical Records Technology/Technician.,\"A program that prepares individuals to maintain medical records, including \"\"coding\"\".\",,\"Examples: - Medical Records Technology\"",
        "51,51.38,No substantive changes,no,\"Registered Nursing, Nursing Administration, Nursing Research and Clinical Nursing.\",Instructional content is defined in codes 51.3801 - 51.3899.,,",
        "51,\"=\"\"51.3801\"\"\",No substantive changes,no,Registered Nursing/Registered Nurse.,A program that prepares individuals in the knowledge of registered nursing.,,",
        "52,52,No substantive changes,no,\"BUSINESS, MANAGEMENT, MARKETING, AND RELATED SUPPORT SERVICES.\",Instructional programs that prepare individuals for business.,,",
        "52,52.02,No substantive changes,no,\"Business Administration, Management and Operations.\",Instructional content is defined in codes 52.0201 - 52.0299.,,",
        "52,52.0201,No substantive changes,no,\"Business Administration and Management, General.\",A program that prepares individuals to plan and manage business operations.,,",
        "51,51.0x07,No substantive changes,no,Broken.,,,",                                                     // 13: malformed
    ]

    // MARK: College Scorecard field of study (via Truewise)

    static let scorecardHeader = "unitid,opeid6,inst_name,state,control,cip_code,cip_desc,credential_level,credential_desc,completers_count,earnings,earnings_horizon,earnings_threshold_state,earnings_threshold_national,earnings_premium_state,earnings_premium_national,fails_ep_state,value_flag,debt_median,debt_to_earnings_ratio,debt_payback_years"

    static func sc(_ unit: String, _ cip: String, _ level: String, _ completers: String, _ earnings: String, _ debt: String) -> String {
        "\(unit),001111,Some College,IL,Public,\(cip),\"Series, described.\",\(level),Credential,\(completers),\(earnings),4yr_after_completion,35746.0,36082.0,,,False,\(earnings.isEmpty ? "insufficient_data" : "passes_earnings_premium"),\(debt),,"
    }

    static let scorecard: [String] = [
        scorecardHeader,
        sc("100001", "5107", "1", "5.0", "", ""),                 // 2: certificate, suppressed
        sc("100001", "5107", "2", "12.0", "41000.0", "9500.0"),   // 3: associate
        sc("100001", "5138", "2", "40.0", "70000.0", ""),         // 4: debt suppressed
        sc("100002", "5138", "3", "30.0", "65000.0", "25000.0"),  // 5
        sc("100002", "5202", "8", "3.0", "80000.0", "30000.0"),   // 6: graduate certificate → post-bacc
        sc("100002", "5202", "5", "10.0", "75000.0", ""),         // 7: master
        sc("100003", "5107", "2", "9.0", "39000.0", "8000.0"),    // 8: closed institution
        sc("999999", "5107", "2", "2.0", "39000.0", "8000.0"),    // 9: not in HD
        sc("100001", "5109", "2", "3.0", "39000.0", "8000.0"),    // 10: no program in the series
        sc("100001", "5107", "2", "12.0", "1.0", "1.0"),          // 11: repeated
        sc("100001", "5107", "42", "1.0", "1.0", "1.0"),          // 12: malformed level
    ]

    // MARK: DAPIP

    static let locations: [String] = [
        "DapipId,OpeId,IpedsUnitIds,LocationName,ParentName,ParentDapipId,LocationType,Address,UpdateDate",
        "200001,00111100,100001,Alpha Community College,-,-,Institution,\"1 Main St, Chicago, IL 60601-1234\",",
        "200001001,,,Alpha Community College North,Alpha Community College,200001,Additional Location,\"9 North Ave, Chicago, IL 60602\",",
        "200002,00222200,100002,Université Beta,-,-,Institution,\"2 Elm St, Springfield, IL 62701\",5/22/2019 12:00:00 AM",
        "200003,00333300,100003,Gamma Closed College,-,-,Institution,,",
        "200004,00444400,\"100004, 100005\",Delta University,-,-,Institution,\"8 Abbott Park Place, Providence, RI 02903-3703\",",
        "200009,-2,,Nowhere Institute,-,-,Institution,,",
        "ABC,,,Bad Row College,-,-,Institution,,",                                              // 8: malformed
    ]

    static let acen = "\"Accreditation Commission for Education in Nursing, Inc. – May 6, 2013  Formerly: National League for Nursing Accrediting Commission\""

    static let accreditations: [String] = [
        "DapipId,AgencyId,AgencyName,ProgramId,ProgramName,SequentialId,InitialDateFlag,AccreditationDate,AccreditationStatus,ReviewDate,DepartmentDescription,AccreditationEndDate,EndingActionId",
        "200001,4,Higher Learning Commission,1,Institutional Accreditation,1,Estimated,7/1/1963 12:00:00 AM,Accredited,12/10/2024,,,",               // 2
        "200001001,36,\(acen),90,Nursing (ADNUR) - Associate degree programs,1,Actual,6/1/1975 12:00:00 AM,Accredited,06/30/2025,Nursing Department,,", // 3
        "200002,4,Higher Learning Commission,1,Institutional Accreditation,1,Estimated,7/1/1963 12:00:00 AM,Accredited,12/10/2024,,,",               // 4
        "200002,61,Commission on Collegiate Nursing Education,128,Nursing (CNURED) - Nursing education programs at the baccalaureate degree levels,1,Actual,10/3/2003 12:00:00 AM,Accredited,12/31/2022,,,", // 5
        "200002,36,\(acen),91,Nursing (NUR) - Baccalaureate program,1,Actual,12/1/1968 12:00:00 AM,Accredited,,Division of Nursing,5/11/2017 12:00:00 AM,1", // 6: ended
        "200002,50,\"American Psychological Association, Commission on Accreditation\",7,Professional Psychology (IPSY) - Predoctoral internship programs,1,Actual,1/1/2000 12:00:00 AM,Accredited,,,,", // 7: no CIP
        "200002,36,\(acen),90,Nursing (ADNUR) - Associate degree programs,1,Actual,6/1/1975 12:00:00 AM,Accredited,,,,",                                 // 8: no such program here
        "200004,2,New England Commission of Higher Education,1,Institutional Accreditation,1,Actual,1/1/1929 12:00:00 AM,Accredited,,,,",           // 9
        "200004,36,\(acen),91,Nursing (NUR) - Baccalaureate program,1,Actual,1/26/2018 12:00:00 AM,Preaccredited,01/26/2022,,,",                     // 10
        "200003,4,Higher Learning Commission,1,Institutional Accreditation,1,Actual,1/1/1970 12:00:00 AM,Accredited,,,,",                             // 11: closed
        "200009,4,Higher Learning Commission,1,Institutional Accreditation,1,Actual,1/1/1970 12:00:00 AM,Accredited,,,,",                             // 12: no UNITID
        "200001,777,Unknown Accreditor,1,Institutional Accreditation,1,Actual,1/1/1970 12:00:00 AM,Accredited,,,,",                                   // 13
        "299999,4,Higher Learning Commission,1,Institutional Accreditation,1,Actual,1/1/1970 12:00:00 AM,Accredited,,,,",                             // 14
        "200001,4,Higher Learning Commission,1,Institutional Accreditation,1,Actual,1/1/1970 12:00:00 AM,Denied Accreditation,,,,",                  // 15
        "200002,4,Higher Learning Commission,1,Institutional Accreditation,1,Actual,1/1/2019 12:00:00 AM,Preaccredited,,,,",                         // 16
        "200001,36,\(acen),92,Nursing (PNUR) - Practical nursing programs,1,Actual,1/1/2019 12:00:00 AM,Preaccredited,,,,",                           // 17
        "200001,x4,Higher Learning Commission,1,Institutional Accreditation,1,Actual,,Accredited,,,,",                                                // 18: malformed
    ]

    // MARK: careers

    static let crosswalk: [String] = [
        "CIP2020Code,CIP2020Title,SOC2018Code,SOC2018Title",
        "11.0101,\"Computer and Information Sciences, General.\",15-1211,Computer Systems Analysts",           // 2: no program
        "11.0102,Artificial Intelligence.,99-9999,NO MATCH",                                                  // 3
        "51.0707,Health Information/Medical Records Technology/Technician.,29-2072,Medical Records Specialists",
        "51.0707,Health Information/Medical Records Technology/Technician.,29-9021,Health Information Technologists and Medical Registrars",
        "51.3801,Registered Nursing/Registered Nurse.,29-1141,Registered Nurses",
        "51.3801,Registered Nursing/Registered Nurse.,29-9999,\"Healthcare Practitioners and Technical Workers, All Other\"", // 7: no figures
        "52.0201,\"Business Administration and Management, General.\",11-1021,General and Operations Managers",
        "51.07x,Broken.,29-2072,Medical Records Specialists",                                                 // 9: malformed
    ]

    static let oewsHeader = "AREA,AREA_TITLE,AREA_TYPE,PRIM_STATE_FIPS,OCC_CODE,OCC_TITLE,TOT_EMP,EMP_PRSE,H_MEAN,A_MEAN,MEAN_PRSE,H_PCT10,H_PCT25,H_MEDIAN,H_PCT75,H_PCT90,A_PCT10,A_PCT25,A_MEDIAN,A_PCT75,A_PCT90,JOBS_1000,LOC_QUOTIENT,FOOTNOTE_CODES"

    static func oewsRow(_ area: String, _ areaTitle: String, _ type: String, _ fips: String, _ occ: String, _ title: String,
                        _ emp: String, _ median: String) -> String {
        "\(area),\(areaTitle),\(type),\(fips),\(occ),\(title),\(emp),1.0,27.30,56790,0.4,17.79,20.91,24.59,31.17,39.01,37000,43490,\(median),64820,81150,,,"
    }

    static let oews: [String] = [
        oewsHeader,
        oewsRow("0000000", "National", "N", "00", "00-0000", "All Occupations", "155495730", "50980"),
        oewsRow("0000000", "National", "N", "00", "29-2072", "Medical Records Specialists", "194720", "51140"),
        oewsRow("1700000", "Illinois", "S", "17", "29-2072", "Medical Records Specialists", "8000", "52000"),
        oewsRow("4400000", "Rhode Island", "S", "44", "29-2072", "Medical Records Specialists", "450", "-"),
        oewsRow("0000000", "National", "N", "00", "29-9021", "Health Information Technologists and Medical Registrars", "41000", "67310"),
        oewsRow("0000000", "National", "N", "00", "29-1141", "Registered Nurses", "3300000", "93600"),
        oewsRow("1700000", "Illinois", "S", "17", "29-1141", "Registered Nurses", "130000", "90000"),
        oewsRow("0000000", "National", "N", "00", "11-1021", "General and Operations Managers", "3500000", "#"),
        oewsRow("0000000", "National", "N", "00", "15-1211", "Computer Systems Analysts", "500000", "103790"),
        oewsRow("1700000", "Illinois", "S", "17", "15-1211", "Computer Systems Analysts", "20000", "100000"),
        oewsRow("1698000", "\"Chicago-Naperville-Elgin, IL-IN\"", "M", "17", "29-2072", "Medical Records Specialists", "5000", "53000"), // 12: malformed
    ]

    static let projections: [String] = [
        "2024 National Employment Matrix title,2024 National Employment Matrix code,Occupation type,\"Employment, 2024\",\"Employment, 2034\",\"Employment distribution, percent, 2024\",\"Employment distribution, percent, 2034\",\"Employment change, numeric, 2024–34\",\"Employment change, percent, 2024–34\",\"Percent self employed, 2024\",\"Occupational openings, 2024–34 annual average\",\"Median annual wage, dollars, 2024[1]\",Typical education needed for entry,Work experience in a related occupation,Typical on-the-job training needed to attain competency in the occupation,Related Occupational Outlook Handbook (OOH) content xlsx",
        "\"Total, all occupations\",00-0000,Summary,169956.1,175167.9,100,100,5211.8,3.1,5.8,18863.3,49500,—,—,—,—",
        "      General and operations managers,11-1021,Line item,3597.6,3799.4,2.1,2.2,201.8,5.6,2.4,—,102950,Bachelor's degree,5 years or more,None,OOH Content",
        "      Computer systems analysts,15-1211,Line item,527.2,571.8,0.3,0.3,44.6,8.5,3.3,34.5,103790,Bachelor's degree,None,None,OOH Content",
        "      Registered nurses,29-1141,Line item,3391.8,3581.6,2,2,189.8,5.6,2.5,189.1,93600,Bachelor's degree,None,None,OOH Content",
        "      Medical records specialists,29-2072,Line item,194.8,208.6,0.1,0.1,13.8,7.1,0.8,14.2,50250,Postsecondary nondegree award,None,None,OOH Content",
        "      Health information technologists and medical registrars,29-9021,Line item,41.5,47.5,0,0,6,14.5,1.1,3.8,67310,Postsecondary nondegree award,None,None,—",
        "Footnotes:,,,,,,,,,,,,,,,",
        "\"[1] Data are from the Occupational Employment and Wage Statistics program, U.S. Bureau of Labor Statistics.\",,,,,,,,,,,,,,,",
        "\"Note: Data is unavailable for values denoted with a \"\"—\"\".\",,,,,,,,,,,,,,,",
        "\"Source: Employment Projections program, U.S. Bureau of Labor Statistics\",,,,,,,,,,,,,,,",
    ]

    // MARK: ZIPs

    static let zips: [String] = [
        "zip\tcity\tstate\tlat\tlon",
        "02903\tProvidence\tRI\t41.820002\t-71.41123",
        "60601\tChicago\tIL\t41.886456\t-87.62325",
        "60602\tChicago\tIL\t41.882937\t-87.62874",
        "62701\tSpringfield\tIL\t39.80009\t-89.64999",
        "6060\tBad\tIL\t1\t1",                                     // 6: malformed
    ]

    static let zcta: [String] = [
        "GEOID,LAT,LONG,COUNTRY",
        "02903,41.817398,-71.409432,US",
        "60601,41.885337,-87.622327,US",
        "99950,55.5,-131.6,US",
        "1234,40.0,-80.0,US",                                     // 5: malformed
    ]

    // MARK: Corpus/mapping

    static let accreditorsTSV = """
    agency_id\tshort_name\tkind\tagency_name
    2\tNECHE\tinstitutional\tNew England Commission of Higher Education
    4\tHLC\tinstitutional\tHigher Learning Commission
    36\tACEN\tboth\tAccreditation Commission for Education in Nursing, Inc.
    50\tAPA\tprogrammatic\tAmerican Psychological Association, Commission on Accreditation
    61\tCCNE\tprogrammatic\tCommission on Collegiate Nursing Education

    """

    static let programAccreditationTSV = """
    agency_id\tprogram_name\tcip_prefixes\tlevels\tnote
    36\tNursing (ADNUR) - Associate degree programs\t51.3801\tassociate\t
    36\tNursing (NUR) - Baccalaureate program\t51.38\tbachelor\t
    36\tNursing (PNUR) - Practical nursing programs\t51.3901\tcertificate;associate\t
    50\tProfessional Psychology (IPSY) - Predoctoral internship programs\t\t\tinternship, not an IPEDS award
    61\tNursing (CNURED) - Nursing education programs at the baccalaureate degree levels\t51.38\tbachelor\t
    61\tNursing (BAD) - A malformed rule\t51.38\tsophomore\t

    """
}

/// One occupation's employment and wage in one area, from BLS OEWS (May 2025, cross-industry).
public struct OccupationWage: Sendable, Equatable {
    /// "US" for the national row (AREA_TYPE N), else the area's USPS code from PRIM_STATE_FIPS
    /// (the 50 states, DC, and the territories OEWS covers: PR, GU, VI).
    public var area: String
    /// OCC_CODE, "NN-NNNN" ("29-2072"; "00-0000" is all occupations, "NN-0000" a major group).
    public var socCode: String
    /// OCC_TITLE, trimmed.
    public var title: String
    /// TOT_EMP, jobs; `nil` when not released ("-", "*", "**", "#" or blank).
    public var employment: Int?
    /// A_MEDIAN, dollars a year; `nil` when not released, and when top-coded (see `medianTopCoded`).
    public var medianAnnualWage: Int?
    /// True when A_MEDIAN is "#": the median is above the top wage OEWS publishes
    /// ($239,200 a year in May 2024–25 files); `medianAnnualWage` is then `nil`.
    public var medianTopCoded: Bool
    /// 1-based line of the row in its file, for reports.
    public var line: Int

    public init(area: String, socCode: String, title: String, employment: Int?, medianAnnualWage: Int?,
                medianTopCoded: Bool = false, line: Int) {
        self.area = area
        self.socCode = socCode
        self.title = title
        self.employment = employment
        self.medianAnnualWage = medianAnnualWage
        self.medianTopCoded = medianTopCoded
        self.line = line
    }
}

extension CareerFiles {
    static let oewsColumns = ["AREA_TYPE", "PRIM_STATE_FIPS", "OCC_CODE", "OCC_TITLE", "TOT_EMP", "A_MEDIAN"]

    /// State FIPS code → USPS code, for the states, DC and the territories.
    public static let uspsCodeByFIPS: [String: String] = [
        "01": "AL", "02": "AK", "04": "AZ", "05": "AR", "06": "CA", "08": "CO", "09": "CT", "10": "DE",
        "11": "DC", "12": "FL", "13": "GA", "15": "HI", "16": "ID", "17": "IL", "18": "IN", "19": "IA",
        "20": "KS", "21": "KY", "22": "LA", "23": "ME", "24": "MD", "25": "MA", "26": "MI", "27": "MN",
        "28": "MS", "29": "MO", "30": "MT", "31": "NE", "32": "NV", "33": "NH", "34": "NJ", "35": "NM",
        "36": "NY", "37": "NC", "38": "ND", "39": "OH", "40": "OK", "41": "OR", "42": "PA", "44": "RI",
        "45": "SC", "46": "SD", "47": "TN", "48": "TX", "49": "UT", "50": "VT", "51": "VA", "53": "WA",
        "54": "WV", "55": "WI", "56": "WY", "60": "AS", "66": "GU", "69": "MP", "72": "PR", "78": "VI",
    ]

    /// Reads the OEWS national + state file (columns AREA_TYPE, PRIM_STATE_FIPS, OCC_CODE,
    /// OCC_TITLE, TOT_EMP, A_MEDIAN). Numbers may carry thousands commas ("1,234"). "-" (not
    /// released), "*" and "**" (no estimate), "#" (above the top-coded wage) and blank are `nil`;
    /// "#" in A_MEDIAN also sets `medianTopCoded`. A row is reported and skipped when its area is
    /// neither national (N) nor a state (S) with a known FIPS code, its OCC_CODE is not
    /// "NN-NNNN", or TOT_EMP / A_MEDIAN holds anything else that is not a non-negative number.
    public static func readOEWS(_ bytes: [UInt8], path: String) throws(CorpusError) -> ([OccupationWage], IngestReport) {
        var report = IngestReport()
        var out: [OccupationWage] = []
        out.reserveCapacity(bytes.count / 160)
        try CSVReader.readTable(bytes, path: path, requiring: oewsColumns, report: &report) { cols, _, row, rep in
            let f = row.fields
            func bad(_ reason: String) { rep.skip(IngestIssue(file: path, line: row.line, reason: reason)) }
            let type = f[cols[0]].trimmingASCIIWhitespace()
            var fips = f[cols[1]].trimmingASCIIWhitespace()
            if fips.utf8.count == 1 { fips = "0" + fips }
            let area: String
            switch type {
            case "N": area = "US"
            case "S":
                guard let code = uspsCodeByFIPS[fips] else { return bad("PRIM_STATE_FIPS \"\(fips)\" is not a state FIPS code") }
                area = code
            default: return bad("AREA_TYPE \"\(type)\" is not N (national) or S (state)")
            }
            let occ = f[cols[2]].trimmingASCIIWhitespace()
            guard SOCCode.isValid(occ) else { return bad("OCC_CODE \"\(occ)\" is not a SOC code (NN-NNNN)") }
            let emp: Int?, median: Int?
            switch OEWSValue(f[cols[4]]) {
            case let .number(n): emp = n
            case .notReleased, .topCoded: emp = nil
            case let .invalid(text): return bad("TOT_EMP \"\(text)\" is not a number or a not-released mark")
            }
            var topCoded = false
            switch OEWSValue(f[cols[5]]) {
            case let .number(n): median = n
            case .notReleased: median = nil
            case .topCoded: median = nil; topCoded = true
            case let .invalid(text): return bad("A_MEDIAN \"\(text)\" is not a number or a not-released mark")
            }
            out.append(OccupationWage(area: area, socCode: occ, title: f[cols[3]].trimmingASCIIWhitespace(),
                                      employment: emp, medianAnnualWage: median, medianTopCoded: topCoded, line: row.line))
            rep.accept()
        }
        return (out, report)
    }
}

/// An OEWS estimate cell.
enum OEWSValue: Equatable {
    case number(Int)
    /// "-", "*", "**" or blank.
    case notReleased
    /// "#": above the top-coded wage.
    case topCoded
    case invalid(String)

    init(_ raw: String) {
        let text = raw.trimmingASCIIWhitespace()
        switch text {
        case "", "-", "*", "**": self = .notReleased
        case "#": self = .topCoded
        default:
            if let n = FieldParsing.roundedInt(text), n >= 0 { self = .number(n) } else { self = .invalid(text) }
        }
    }
}

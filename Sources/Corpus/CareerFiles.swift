/// One link of the NCES/BLS CIP 2020 → SOC 2018 crosswalk: a program prepares for an occupation.
public struct CIPOccupationLink: Sendable, Equatable {
    /// Six-digit CIP code, "NN.NNNN" ("51.0707").
    public var cipCode: String
    /// SOC 2018 detailed occupation code, "NN-NNNN" ("29-2072").
    public var socCode: String
    /// SOC2018Title, trimmed ("Medical Records Specialists").
    public var socTitle: String
    /// 1-based line of the row in its file, for reports.
    public var line: Int

    public init(cipCode: String, socCode: String, socTitle: String, line: Int) {
        self.cipCode = cipCode
        self.socCode = socCode
        self.socTitle = socTitle
        self.line = line
    }
}

/// Readers for the career files: the CIP→SOC crosswalk, BLS OEWS wages (`readOEWS`) and BLS
/// Employment Projections (`readProjections`).
public enum CareerFiles {
    static let crosswalkColumns = ["CIP2020Code", "SOC2018Code", "SOC2018Title"]

    /// Reads CIP2020_SOC2018_crosswalk.csv (columns CIP2020Code, SOC2018Code, SOC2018Title).
    /// Rows whose SOC code is "99-9999" ("NO MATCH": the program maps to no occupation) are not
    /// links: they are counted in `ignoredTotals`, not reported. A CIP code that is not a
    /// six-digit code, or a SOC code that is not "NN-NNNN", is reported and skipped.
    public static func readCrosswalk(_ bytes: [UInt8], path: String) throws(CorpusError) -> ([CIPOccupationLink], IngestReport) {
        var report = IngestReport()
        var out: [CIPOccupationLink] = []
        try CSVReader.readTable(bytes, path: path, requiring: crosswalkColumns, report: &report) { cols, _, row, rep in
            let f = row.fields
            let soc = f[cols[1]].trimmingASCIIWhitespace()
            if soc == "99-9999" { rep.ignoredTotals += 1; return }
            let rawCIP = f[cols[0]]
            guard let cip = CIPCatalogCode.normalize(rawCIP), cip.utf8.count == 7 else {
                rep.skip(IngestIssue(file: path, line: row.line, reason: "CIP2020Code \"\(rawCIP)\" is not a six-digit CIP code")); return
            }
            guard SOCCode.isValid(soc) else {
                rep.skip(IngestIssue(file: path, line: row.line, reason: "SOC2018Code \"\(soc)\" is not a SOC code (NN-NNNN)")); return
            }
            out.append(CIPOccupationLink(cipCode: cip, socCode: soc, socTitle: f[cols[2]].trimmingASCIIWhitespace(), line: row.line))
            rep.accept()
        }
        return (out, report)
    }
}

/// SOC 2018 code syntax.
enum SOCCode {
    /// True for "NN-NNNN" with ASCII digits.
    static func isValid(_ code: String) -> Bool {
        let b = Array(code.utf8)
        guard b.count == 7, b[2] == UInt8(ascii: "-") else { return false }
        for (i, c) in b.enumerated() where i != 2 && !(48 ... 57).contains(c) { return false }
        return true
    }
}

/// One detailed occupation ("Line item") of the BLS Employment Projections 2024–34 national matrix.
public struct OccupationProjection: Sendable, Equatable {
    /// 2024 National Employment Matrix code, "NN-NNNN".
    public var socCode: String
    /// Matrix title without the leading spaces that show its depth ("Medical records specialists").
    public var title: String
    /// Employment in 2024, thousands of jobs.
    public var employment2024: Double
    /// Projected employment in 2034, thousands of jobs.
    public var employment2034: Double
    /// Employment change 2024–34, percent (−100…); `nil` when "—".
    public var changePercent: Double?
    /// Occupational openings a year, 2024–34 average, thousands; `nil` when "—".
    public var annualOpenings: Double?
    /// Median annual wage 2024, dollars; `nil` when "—" and when top-coded (">=$239,200",
    /// see `medianWageTopCoded`).
    public var medianWage2024: Int?
    /// True when the wage is written ">=$239,200": above the top wage OEWS publishes.
    public var medianWageTopCoded: Bool
    /// Typical education needed for entry ("Bachelor's degree", "Postsecondary nondegree award");
    /// "" when "—".
    public var typicalEducation: String
    /// 1-based line of the row in its file, for reports.
    public var line: Int

    public init(socCode: String, title: String, employment2024: Double, employment2034: Double, changePercent: Double?,
                annualOpenings: Double?, medianWage2024: Int?, medianWageTopCoded: Bool = false, typicalEducation: String, line: Int) {
        self.socCode = socCode
        self.title = title
        self.employment2024 = employment2024
        self.employment2034 = employment2034
        self.changePercent = changePercent
        self.annualOpenings = annualOpenings
        self.medianWage2024 = medianWage2024
        self.medianWageTopCoded = medianWageTopCoded
        self.typicalEducation = typicalEducation
        self.line = line
    }
}

extension CareerFiles {
    /// The columns read from the projections file, each found by the words its header starts
    /// with (lowercased, "[1]"-style footnote marks removed, spaces collapsed), so en dashes and
    /// footnote marks in the published header do not matter.
    static let projectionColumns: [(name: String, prefix: String)] = [
        ("National Employment Matrix title", "2024 national employment matrix title"),
        ("National Employment Matrix code", "2024 national employment matrix code"),
        ("Occupation type", "occupation type"),
        ("Employment, 2024", "employment, 2024"),
        ("Employment, 2034", "employment, 2034"),
        ("Employment change, percent", "employment change, percent"),
        ("Occupational openings", "occupational openings"),
        ("Median annual wage", "median annual wage"),
        ("Typical education needed for entry", "typical education needed for entry"),
    ]

    /// Reads the BLS Employment Projections occupation file (ep_occupation_2024-2034.csv).
    /// Only "Line item" rows (detailed occupations) are records; "Summary" rows (groups and the
    /// total) are counted in `ignoredTotals`. The notes at the end — from a row starting
    /// "Footnotes" on, and rows that start "Note", "Source" or "[n]" with every other field
    /// empty — are ignored without a report. "—" (no data) reads as `nil` or "". A data row with
    /// the wrong number of fields, a code that is not "NN-NNNN", another occupation type, a
    /// missing or non-numeric employment, or an unreadable figure is reported and skipped.
    /// Throws `missingColumns` when a column above cannot be found in the header.
    public static func readProjections(_ bytes: [UInt8], path: String) throws(CorpusError) -> ([OccupationProjection], IngestReport) {
        var report = IngestReport()
        var out: [OccupationProjection] = []
        var header: [String]?
        var cols: [Int] = []
        var inFootnotes = false
        var missing: [String] = []
        CSVReader.forEachRow(bytes) { result in
            let row: CSVReader.Row
            switch result {
            case let .failure(e):
                if !inFootnotes && missing.isEmpty { report.skip(IngestIssue(file: path, line: e.line, reason: e.reason)) }
                return
            case let .success(r): row = r
            }
            guard let names = header else {
                let h = row.fields.map(ProjectionsHeader.normalize)
                header = h
                for (name, prefix) in projectionColumns {
                    if let i = h.firstIndex(where: { $0.hasPrefix(prefix) }) { cols.append(i) } else { missing.append(name) }
                }
                return
            }
            guard missing.isEmpty, !inFootnotes else { return }
            let f = row.fields
            let first = f[0].trimmingASCIIWhitespace()
            let restEmpty = f.dropFirst().allSatisfy { $0.trimmingASCIIWhitespace().isEmpty }
            if first.hasPrefix("Footnote") { inFootnotes = true; return }
            if restEmpty && (first.hasPrefix("Note") || first.hasPrefix("Source") || first.hasPrefix("[")) { return }
            func bad(_ reason: String) { report.skip(IngestIssue(file: path, line: row.line, reason: reason)) }
            guard f.count == names.count else { return bad("row has \(f.count) fields, the header has \(names.count)") }
            let code = f[cols[1]].trimmingASCIIWhitespace()
            guard SOCCode.isValid(code) else { return bad("occupation code \"\(code)\" is not a SOC code (NN-NNNN)") }
            let type = f[cols[2]].trimmingASCIIWhitespace()
            if type == "Summary" { report.ignoredTotals += 1; return }
            guard type == "Line item" else { return bad("occupation type \"\(type)\" of \(code) is not \"Line item\" or \"Summary\"") }
            let e24Text = f[cols[3]].trimmingASCIIWhitespace(), e34Text = f[cols[4]].trimmingASCIIWhitespace()
            guard let e24 = FieldParsing.double(e24Text), e24 >= 0, let e34 = FieldParsing.double(e34Text), e34 >= 0 else {
                return bad("employment \"\(e24Text)\", \"\(e34Text)\" of \(code) is not a number of thousands")
            }
            var optionals: [Double?] = []
            for (k, name) in [(5, "employment change percent"), (6, "annual openings")] {
                let text = f[cols[k]].trimmingASCIIWhitespace()
                if ProjectionsHeader.isNone(text) { optionals.append(nil); continue }
                guard let v = FieldParsing.double(text) else { return bad("\(name) \"\(text)\" of \(code) is not a number or \"—\"") }
                optionals.append(v)
            }
            let wageText = f[cols[7]].trimmingASCIIWhitespace()
            var wage: Int?, topCoded = false
            if wageText.hasPrefix(">=") {
                topCoded = true
            } else if !ProjectionsHeader.isNone(wageText) {
                guard let w = FieldParsing.roundedInt(wageText.replacingDollarSign()), w >= 0 else {
                    return bad("median annual wage \"\(wageText)\" of \(code) is not dollars or \"—\"")
                }
                wage = w
            }
            let education = f[cols[8]].trimmingASCIIWhitespace()
            out.append(OccupationProjection(socCode: code, title: f[cols[0]].trimmingASCIIWhitespace(), employment2024: e24, employment2034: e34,
                                            changePercent: optionals[0], annualOpenings: optionals[1], medianWage2024: wage,
                                            medianWageTopCoded: topCoded, typicalEducation: ProjectionsHeader.isNone(education) ? "" : education,
                                            line: row.line))
            report.accept()
        }
        guard let names = header else { throw .emptyFile(path: path) }
        if !missing.isEmpty { throw .missingColumns(path: path, columns: missing, found: names) }
        return (out, report)
    }
}

/// Header matching and "no data" marks of the BLS projections tables.
enum ProjectionsHeader {
    /// Lowercased, "[n]" footnote marks removed, runs of whitespace made one space, trimmed.
    static func normalize(_ name: String) -> String {
        var out = ""
        var inMark = false, pendingSpace = false
        for ch in name.lowercased() {
            if inMark { if ch == "]" { inMark = false }; continue }
            if ch == "[" { inMark = true; continue }
            if ch.isWhitespace { pendingSpace = !out.isEmpty; continue }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.append(ch)
        }
        return out
    }

    /// "—" (em dash), "–", "-" or blank: no data.
    static func isNone(_ text: String) -> Bool { text.isEmpty || text == "—" || text == "–" || text == "-" }
}

extension String {
    /// Without "$" signs: "$239,200" → "239,200".
    fileprivate func replacingDollarSign() -> String { utf8.contains(UInt8(ascii: "$")) ? filter { $0 != "$" } : self }
}

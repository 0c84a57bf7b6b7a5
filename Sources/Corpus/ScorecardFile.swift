/// One College Scorecard field-of-study outcome: an institution × four-digit CIP series ×
/// credential level, from fos-value-check.csv. Empty cells are suppressed figures: `nil`, never 0.
public struct ScorecardOutcome: Sendable, Equatable {
    /// IPEDS UNITID (digits).
    public var unitID: String
    /// "NN.NN", from cip_code "5107" → "51.07".
    public var cipSeries: String
    /// 1 undergraduate certificate, 2 associate, 3 bachelor, 4 post-baccalaureate certificate,
    /// 5 master, 6 doctorate, 7 first professional, 8 graduate certificate, 99 non-credential.
    public var credentialLevel: Int
    /// completers_count, rounded ("51.0" → 51); `nil` when suppressed. 0 is a real count.
    public var completers: Int?
    /// earnings: median earnings 4 years after completion, whole dollars; `nil` when suppressed.
    public var medianEarnings: Int?
    /// debt_median: median federal debt at completion, whole dollars; `nil` when suppressed.
    public var medianDebt: Int?
    /// value_flag as published: "passes_earnings_premium", "fails_earnings_premium",
    /// "insufficient_data"; `nil` when blank.
    public var valueFlag: String?
    /// 1-based line of the row in its file, for reports.
    public var line: Int

    public init(unitID: String, cipSeries: String, credentialLevel: Int, completers: Int?, medianEarnings: Int?,
                medianDebt: Int?, valueFlag: String?, line: Int) {
        self.unitID = unitID
        self.cipSeries = cipSeries
        self.credentialLevel = credentialLevel
        self.completers = completers
        self.medianEarnings = medianEarnings
        self.medianDebt = medianDebt
        self.valueFlag = valueFlag
        self.line = line
    }
}

/// Reader for the Scorecard field-of-study file (Truewise's fos-value-check.csv, CC-BY-4.0).
public enum ScorecardFile {
    static let required = ["unitid", "cip_code", "credential_level", "completers_count", "earnings", "debt_median"]

    /// Reads fos-value-check.csv (columns unitid, cip_code, credential_level, completers_count,
    /// earnings, debt_median; value_flag and earnings_horizon when present). Earnings whose
    /// horizon is not `4yr_after_completion` are dropped (`nil`) and counted in the report's
    /// `ignoredTotals`: every figure this corpus shows is the median 4 years after completion. Numbers written "51.0" or "50894.0" are
    /// rounded to whole numbers; an empty cell is `nil`. A row is reported and skipped when its
    /// unitid is not digits, its cip_code is not exactly 4 digits, its credential_level is not
    /// 1…8 or 99, or a count or dollar figure is present but not a non-negative number.
    public static func read(_ bytes: [UInt8], path: String) throws(CorpusError) -> ([ScorecardOutcome], IngestReport) {
        var report = IngestReport()
        var out: [ScorecardOutcome] = []
        out.reserveCapacity(bytes.count / 190)
        try CSVReader.readTable(bytes, path: path, requiring: required, optional: ["value_flag", "earnings_horizon"], report: &report) { cols, extra, row, rep in
            let flagCol = extra[0], horizonCol = extra[1]
            let f = row.fields
            func bad(_ reason: String) { rep.skip(IngestIssue(file: path, line: row.line, reason: reason)) }
            let unit = f[cols[0]].trimmingASCIIWhitespace()
            guard FieldParsing.isDigits(unit) else { return bad("unitid \"\(unit)\" is not a number") }
            let cip = f[cols[1]].trimmingASCIIWhitespace()
            guard cip.utf8.count == 4, FieldParsing.isDigits(cip) else { return bad("cip_code \"\(cip)\" is not a 4-digit CIP series") }
            let levelText = f[cols[2]].trimmingASCIIWhitespace()
            guard let level = FieldParsing.roundedInt(levelText), (1 ... 8).contains(level) || level == 99 else {
                return bad("credential_level \"\(levelText)\" is not 1…8 or 99")
            }
            var figures: [Int?] = []
            for (k, name) in [(3, "completers_count"), (4, "earnings"), (5, "debt_median")] {
                let text = f[cols[k]].trimmingASCIIWhitespace()
                if text.isEmpty { figures.append(nil); continue }
                guard let v = FieldParsing.roundedInt(text), v >= 0 else { return bad("\(name) \"\(text)\" is not a non-negative number") }
                figures.append(v)
            }
            let flag = flagCol.map { f[$0].trimmingASCIIWhitespace() }
            // Earnings measured 1 year after completion are not the 4-year figure this corpus
            // shows: they are left out (the row's debt stays), counted in `earningsOtherHorizon`.
            if let h = horizonCol.map({ f[$0].trimmingASCIIWhitespace() }), !h.isEmpty, h != "4yr_after_completion", figures[1] != nil {
                figures[1] = nil
                rep.ignoredTotals += 1
            }
            out.append(ScorecardOutcome(unitID: unit, cipSeries: String(cip.prefix(2)) + "." + String(cip.suffix(2)),
                                        credentialLevel: level, completers: figures[0], medianEarnings: figures[1],
                                        medianDebt: figures[2], valueFlag: flag?.isEmpty == false ? flag : nil, line: row.line))
            rep.accept()
        }
        return (out, report)
    }
}

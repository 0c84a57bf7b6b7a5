/// One institution from the IPEDS directory file HD20xx.
public struct IPEDSInstitution: Sendable, Equatable {
    public var unitID: String
    public var name: String
    public var city: String
    public var state: String
    /// Five digits; ZIP+4 suffixes ("35762-1357") are dropped.
    public var zip: String
    public var latitude: Double
    public var longitude: Double
    /// WEBADDR trimmed, as published ("www.aamu.edu/", "https://www.uab.edu/"): no scheme is
    /// added; "" when blank or when the file has no WEBADDR column.
    public var website: String
    /// CONTROL: 1 public, 2 private nonprofit, 3 private for-profit; `nil` for -3 (not
    /// available), blank, or when the file has no CONTROL column.
    public var control: Int?
    /// CLOSEDAT when it is a date ("06/30/2022", MM/DD/YYYY as published); `nil` for -2 (not
    /// applicable: open), blank, or when the file has no CLOSEDAT column.
    public var closedDate: String?
    /// 1-based line of the row in its file, for reports; 0 when not read from a file.
    public var line: Int

    public init(unitID: String, name: String, city: String, state: String, zip: String, latitude: Double, longitude: Double,
                website: String = "", control: Int? = nil, closedDate: String? = nil, line: Int = 0) {
        self.unitID = unitID
        self.name = name
        self.city = city
        self.state = state
        self.zip = zip
        self.latitude = latitude
        self.longitude = longitude
        self.website = website
        self.control = control
        self.closedDate = closedDate
        self.line = line
    }
}

/// One row of the IPEDS completions file C20xx_A: awards at one institution in one CIP at one level.
public struct IPEDSCompletion: Sendable, Equatable {
    public var unitID: String
    public var cipCode: String
    /// 1 = first major, 2 = second major.
    public var majorNumber: Int
    /// The raw IPEDS AWLEVEL code.
    public var awardLevelCode: Int
    public var level: AwardLevel
    /// CTOTALT: total awards; 0 when blank.
    public var totalAwards: Int
    /// 1-based line of the row in its file, for reports.
    public var line: Int
}

/// One row of the NCES CIP titles file (CIPCode, CIPTitle, CIPDefinition).
public struct CIPTitle: Sendable, Equatable {
    public var code: String
    public var title: String
    public var definition: String
}

/// Readers for the official NCES files. Each reports malformed rows as `file:line: reason`
/// into the returned report and skips them; a missing required column stops the read.
public enum IPEDSFiles {
    /// Reads HD20xx (columns UNITID, INSTNM, CITY, STABBR, ZIP, LATITUDE, LONGITUD; WEBADDR,
    /// CONTROL and CLOSEDAT are read when present). A CONTROL that is neither 1, 2, 3, -3 nor
    /// blank, or a CLOSEDAT that is neither -2, blank nor MM/DD/YYYY, is reported as a warning
    /// and read as `nil` (the institution is kept).
    public static func readInstitutions(_ bytes: [UInt8], path: String) throws(CorpusError) -> ([IPEDSInstitution], IngestReport) {
        var report = IngestReport()
        var out: [IPEDSInstitution] = []
        try CSVReader.readTable(bytes, path: path, requiring: ["UNITID", "INSTNM", "CITY", "STABBR", "ZIP", "LATITUDE", "LONGITUD"], optional: ["WEBADDR", "CONTROL", "CLOSEDAT"], report: &report) { cols, extra, row, rep in
            let webCol = extra[0], controlCol = extra[1], closedCol = extra[2]
            let f = row.fields
            let unit = f[cols[0]].trimmingASCIIWhitespace()
            guard !unit.isEmpty, unit.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                rep.skip(IngestIssue(file: path, line: row.line, reason: "UNITID \"\(unit)\" is not a number")); return
            }
            let state = f[cols[3]].trimmingASCIIWhitespace().uppercased()
            guard USState.isCode(state) else {
                rep.skip(IngestIssue(file: path, line: row.line, reason: "STABBR \"\(state)\" is not a USPS state code")); return
            }
            guard let lat = Double(f[cols[5]].trimmingASCIIWhitespace()), let lon = Double(f[cols[6]].trimmingASCIIWhitespace()),
                  abs(lat) <= 90, abs(lon) <= 180 else {
                rep.skip(IngestIssue(file: path, line: row.line, reason: "LATITUDE/LONGITUD \"\(f[cols[5]])\", \"\(f[cols[6]])\" is not a valid coordinate")); return
            }
            let zipRaw = f[cols[4]].trimmingASCIIWhitespace()
            let zip5 = String(zipRaw.prefix { $0 != "-" })
            guard zip5.count == 5, zip5.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                rep.skip(IngestIssue(file: path, line: row.line, reason: "ZIP \"\(zipRaw)\" is not a 5- or 9-digit ZIP code")); return
            }
            let website = webCol.map { f[$0].trimmingASCIIWhitespace() } ?? ""
            var control: Int?
            if let c = controlCol {
                let text = f[c].trimmingASCIIWhitespace()
                switch text {
                case "1", "2", "3": control = Int(text)
                case "", "-3": control = nil
                default: rep.warn(IngestIssue(file: path, line: row.line, reason: "CONTROL \"\(text)\" is not 1, 2, 3 or -3; read as unknown"))
                }
            }
            var closed: String?
            if let c = closedCol {
                let text = f[c].trimmingASCIIWhitespace()
                if IPEDSDate.isMonthDayYear(text) {
                    closed = text
                } else if !(text.isEmpty || text == "-2") {
                    rep.warn(IngestIssue(file: path, line: row.line, reason: "CLOSEDAT \"\(text)\" is not a date (MM/DD/YYYY) or -2; read as open"))
                }
            }
            out.append(IPEDSInstitution(unitID: unit, name: f[cols[1]].trimmingASCIIWhitespace(), city: f[cols[2]].trimmingASCIIWhitespace(),
                                        state: state, zip: zip5, latitude: lat, longitude: lon,
                                        website: website, control: control, closedDate: closed, line: row.line))
            rep.accept()
        }
        return (out, report)
    }

    /// Reads C20xx_A (columns UNITID, CIPCODE, MAJORNUM, AWLEVEL, CTOTALT). CIPCODE 99 rows are
    /// grand totals: counted in `ignoredTotals`, not records.
    public static func readCompletions(_ bytes: [UInt8], path: String) throws(CorpusError) -> ([IPEDSCompletion], IngestReport) {
        var report = IngestReport()
        var out: [IPEDSCompletion] = []
        try CSVReader.readTable(bytes, path: path, requiring: ["UNITID", "CIPCODE", "MAJORNUM", "AWLEVEL"], optional: ["CTOTALT"], report: &report) { cols, extra, row, rep in
            let totalCol = extra[0]
            let f = row.fields
            let unit = f[cols[0]].trimmingASCIIWhitespace()
            guard !unit.isEmpty, unit.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                rep.skip(IngestIssue(file: path, line: row.line, reason: "UNITID \"\(unit)\" is not a number")); return
            }
            let rawCIP = f[cols[1]]
            let cipDigits = rawCIP.filter { $0.isNumber }
            if cipDigits == "99" || cipDigits == "990000" { rep.ignoredTotals += 1; return }
            guard let cip = CIPCode.normalize(rawCIP) else {
                rep.skip(IngestIssue(file: path, line: row.line, reason: "CIPCODE \"\(rawCIP)\" is not a CIP code")); return
            }
            let awText = f[cols[3]].trimmingASCIIWhitespace()
            guard let aw = Int(awText), let level = AwardLevel(ipedsAWLEVEL: aw) else {
                rep.skip(IngestIssue(file: path, line: row.line, reason: "AWLEVEL \"\(awText)\" is not an IPEDS award level code")); return
            }
            let major = Int(f[cols[2]].trimmingASCIIWhitespace()) ?? 1
            let total = totalCol.flatMap { Int(f[$0].trimmingASCIIWhitespace()) } ?? 0
            out.append(IPEDSCompletion(unitID: unit, cipCode: cip, majorNumber: major, awardLevelCode: aw, level: level, totalAwards: total, line: row.line))
            rep.accept()
        }
        return (out, report)
    }

    /// Reads the CIP titles file (CIPCode, CIPTitle, CIPDefinition); codes like `="01.0000"` are
    /// normalised; a trailing period on the title is dropped.
    public static func readCIPTitles(_ bytes: [UInt8], path: String) throws(CorpusError) -> ([CIPTitle], IngestReport) {
        var report = IngestReport()
        var out: [CIPTitle] = []
        try CSVReader.readTable(bytes, path: path, requiring: ["CIPCode", "CIPTitle"], optional: ["CIPDefinition"], report: &report) { cols, extra, row, rep in
            let f = row.fields
            let raw = f[cols[0]]
            guard let code = CIPCode.normalize(raw) else {
                // Two- and four-digit family/series rows ("01", "01.01") are headings, not programs.
                let digits = raw.filter(\.isNumber)
                if digits.count == 2 || digits.count == 4 { return }
                rep.skip(IngestIssue(file: path, line: row.line, reason: "CIPCode \"\(raw)\" is not a CIP code")); return
            }
            if raw.filter(\.isNumber).count < 6 { return }
            var title = f[cols[1]].trimmingASCIIWhitespace()
            if title.hasSuffix(".") { title.removeLast() }
            guard !title.isEmpty else { rep.skip(IngestIssue(file: path, line: row.line, reason: "CIPTitle is empty")); return }
            let def = extra[0].map { f[$0].trimmingASCIIWhitespace() } ?? ""
            out.append(CIPTitle(code: code, title: title, definition: def))
            rep.accept()
        }
        return (out, report)
    }

    /// Joins completions with institutions and CIP titles into program records: one record per
    /// (institution, CIP, award level), merging first and second majors and the AWLEVEL codes
    /// that share a level. Record id: "UNITID-CIP-level", e.g. "100654-51.0707-associate".
    /// Completions whose UNITID is not in the directory are skipped and reported; a CIP with no
    /// title keeps the record, titled "CIP NN.NNNN", with a warning.
    public static func assemble(institutions: [IPEDSInstitution], completions: [IPEDSCompletion], titles: [CIPTitle],
                                completionsPath: String) -> ([ProgramRecord], IngestReport) {
        var report = IngestReport()
        var byUnit: [String: IPEDSInstitution] = [:]
        for i in institutions { byUnit[i.unitID] = i }
        var titleByCode: [String: CIPTitle] = [:]
        for t in titles { titleByCode[t.code] = t }
        var seen = Set<String>()
        var missingTitleWarned = Set<String>()
        var records: [ProgramRecord] = []
        for c in completions {
            guard let inst = byUnit[c.unitID] else {
                report.skip(IngestIssue(file: completionsPath, line: c.line, reason: "UNITID \(c.unitID) is not in the institution directory (HD file)"))
                continue
            }
            let id = "\(c.unitID)-\(c.cipCode)-\(c.level.rawValue)"
            if !seen.insert(id).inserted { continue }
            let t = titleByCode[c.cipCode]
            if t == nil && missingTitleWarned.insert(c.cipCode).inserted {
                report.warn(IngestIssue(file: completionsPath, line: c.line, reason: "CIP \(c.cipCode) has no title in the CIP titles file; titled \"CIP \(c.cipCode)\""))
            }
            records.append(ProgramRecord(
                id: id, institutionID: inst.unitID, institutionName: inst.name, city: inst.city, state: inst.state,
                zip: inst.zip, latitude: inst.latitude, longitude: inst.longitude, cipCode: c.cipCode,
                title: t?.title ?? "CIP \(c.cipCode)", description: t?.definition ?? "", level: c.level,
                accreditors: [], delivery: .unknown))
            report.accept()
        }
        return (records, report)
    }
}

/// IPEDS date fields (CLOSEDAT): "MM/DD/YYYY" with a real month (01–12) and day (01–31).
enum IPEDSDate {
    static func isMonthDayYear(_ text: String) -> Bool {
        let b = Array(text.utf8)
        guard b.count == 10, b[2] == UInt8(ascii: "/"), b[5] == UInt8(ascii: "/") else { return false }
        for i in [0, 1, 3, 4, 6, 7, 8, 9] where !(48 ... 57).contains(b[i]) { return false }
        let month = Int(b[0] - 48) * 10 + Int(b[1] - 48), day = Int(b[3] - 48) * 10 + Int(b[4] - 48)
        return (1 ... 12).contains(month) && (1 ... 31).contains(day)
    }
}

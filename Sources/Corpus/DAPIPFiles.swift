/// One institution, campus or site from the ED DAPIP file InstitutionCampus.csv.
public struct DAPIPLocation: Sendable, Equatable {
    /// DapipId (digits); a campus's id extends its parent's ("100016" → "100016002").
    public var dapipID: String
    /// OpeId as published (eight digits, "00100200"); "" when blank or -2.
    public var opeID: String
    /// IpedsUnitIds split at commas: "217235, 460349" → ["217235", "460349"]; [] when blank.
    public var unitIDs: [String]
    /// LocationName, trimmed.
    public var name: String
    /// ParentDapipId; `nil` for "-" or blank (an institution has no parent).
    public var parentDapipID: String?
    /// LocationType: "Institution", "Additional Location" or "Site".
    public var locationType: String
    /// 1-based line of the row in its file, for reports.
    public var line: Int

    public init(dapipID: String, opeID: String, unitIDs: [String], name: String, parentDapipID: String?,
                locationType: String, line: Int) {
        self.dapipID = dapipID
        self.opeID = opeID
        self.unitIDs = unitIDs
        self.name = name
        self.parentDapipID = parentDapipID
        self.locationType = locationType
        self.line = line
    }
}

/// One accreditation action from the ED DAPIP file AccreditationRecords.csv.
public struct DAPIPAccreditation: Sendable, Equatable {
    /// DapipId of the institution or campus accredited.
    public var dapipID: String
    /// AgencyId (digits).
    public var agencyID: String
    /// AgencyName, trimmed; kept raw: a few names carry notes ("…, Inc. – May 6, 2013  Formerly: …").
    public var agencyName: String
    /// ProgramName: "Institutional Accreditation" or a program,
    /// e.g. "Nursing (ADNUR) - Associate degree programs".
    public var programName: String
    /// AccreditationStatus: "Accredited", "Preaccredited" or "Denied Accreditation".
    public var status: String
    /// AccreditationDate as published ("1/26/2018 12:00:00 AM"), trimmed; "" when blank.
    public var accreditationDate: String
    /// AccreditationEndDate as published, trimmed; "" while the accreditation is current.
    public var endDate: String
    /// 1-based line of the row in its file, for reports.
    public var line: Int

    public init(dapipID: String, agencyID: String, agencyName: String, programName: String, status: String,
                accreditationDate: String, endDate: String, line: Int) {
        self.dapipID = dapipID
        self.agencyID = agencyID
        self.agencyName = agencyName
        self.programName = programName
        self.status = status
        self.accreditationDate = accreditationDate
        self.endDate = endDate
        self.line = line
    }
}

/// Readers for the Department of Education's DAPIP files (2020 snapshot).
public enum DAPIPFiles {
    static let locationColumns = ["DapipId", "OpeId", "IpedsUnitIds", "LocationName", "ParentDapipId", "LocationType"]
    static let accreditationColumns = ["DapipId", "AgencyId", "AgencyName", "ProgramName", "AccreditationDate",
                                       "AccreditationStatus", "AccreditationEndDate"]

    /// Reads InstitutionCampus.csv (columns DapipId, OpeId, IpedsUnitIds, LocationName,
    /// ParentDapipId, LocationType). A row is reported and skipped when its DapipId is not digits,
    /// an IPEDS unit id or the parent id is not digits, or its name is empty.
    public static func readLocations(_ bytes: [UInt8], path: String) throws(CorpusError) -> ([DAPIPLocation], IngestReport) {
        var report = IngestReport()
        var out: [DAPIPLocation] = []
        try CSVReader.readTable(bytes, path: path, requiring: locationColumns, report: &report) { cols, _, row, rep in
            let f = row.fields
            func bad(_ reason: String) { rep.skip(IngestIssue(file: path, line: row.line, reason: reason)) }
            let id = f[cols[0]].trimmingASCIIWhitespace()
            guard FieldParsing.isDigits(id) else { return bad("DapipId \"\(id)\" is not a number") }
            var ope = f[cols[1]].trimmingASCIIWhitespace()
            if ope == "-2" || ope == "-" { ope = "" }
            let unitsText = f[cols[2]].trimmingASCIIWhitespace()
            let units = unitsText.split(separator: ",").map { String($0).trimmingASCIIWhitespace() }.filter { !$0.isEmpty }
            guard units.allSatisfy(FieldParsing.isDigits) else { return bad("IpedsUnitIds \"\(unitsText)\" is not a list of UNITIDs") }
            let name = f[cols[3]].trimmingASCIIWhitespace()
            guard !name.isEmpty else { return bad("LocationName of \(id) is empty") }
            let parentText = f[cols[4]].trimmingASCIIWhitespace()
            let parent: String? = parentText.isEmpty || parentText == "-" ? nil : parentText
            if let p = parent, !FieldParsing.isDigits(p) { return bad("ParentDapipId \"\(p)\" is not a number or \"-\"") }
            out.append(DAPIPLocation(dapipID: id, opeID: ope, unitIDs: units, name: name, parentDapipID: parent,
                                     locationType: f[cols[5]].trimmingASCIIWhitespace(), line: row.line))
            rep.accept()
        }
        return (out, report)
    }

    /// Reads AccreditationRecords.csv (columns DapipId, AgencyId, AgencyName, ProgramName,
    /// AccreditationDate, AccreditationStatus, AccreditationEndDate). A row is reported and
    /// skipped when its DapipId or AgencyId is not digits, or its status or program is empty.
    public static func readAccreditations(_ bytes: [UInt8], path: String) throws(CorpusError) -> ([DAPIPAccreditation], IngestReport) {
        var report = IngestReport()
        var out: [DAPIPAccreditation] = []
        try CSVReader.readTable(bytes, path: path, requiring: accreditationColumns, report: &report) { cols, _, row, rep in
            let f = row.fields
            func bad(_ reason: String) { rep.skip(IngestIssue(file: path, line: row.line, reason: reason)) }
            let id = f[cols[0]].trimmingASCIIWhitespace()
            guard FieldParsing.isDigits(id) else { return bad("DapipId \"\(id)\" is not a number") }
            let agency = f[cols[1]].trimmingASCIIWhitespace()
            guard FieldParsing.isDigits(agency) else { return bad("AgencyId \"\(agency)\" is not a number") }
            let program = f[cols[3]].trimmingASCIIWhitespace()
            guard !program.isEmpty else { return bad("ProgramName is empty") }
            let status = f[cols[5]].trimmingASCIIWhitespace()
            guard !status.isEmpty else { return bad("AccreditationStatus is empty") }
            out.append(DAPIPAccreditation(dapipID: id, agencyID: agency, agencyName: f[cols[2]].trimmingASCIIWhitespace(),
                                          programName: program, status: status,
                                          accreditationDate: f[cols[4]].trimmingASCIIWhitespace(),
                                          endDate: f[cols[6]].trimmingASCIIWhitespace(), line: row.line))
            rep.accept()
        }
        return (out, report)
    }
}

/// User-supplied accreditation lists, for agencies that publish no bulk file (CAHIIM): a CSV
/// with columns `unitid,institution,city,state,cip,program,level,agency,status`, documented in
/// `docs/ACCREDITATION_IMPORT.md`. `read` validates rows; `apply` adds each row's agency to the
/// `accreditors` of the matching program records.
public enum AccreditationImport {
    /// The required header columns, in any order (matched case-insensitively).
    public static let columns = ["unitid", "institution", "city", "state", "cip", "program", "level", "agency", "status"]

    /// Parses an import file (RFC 4180 CSV, header row, UTF-8 or Latin-1, optional BOM). Rows
    /// that name no institution, no program, or carry a bad CIP prefix, level, agency or status
    /// are skipped and reported as `path:line: reason`. Throws on an empty file or a header
    /// missing columns.
    public static func read(_ bytes: [UInt8], path: String) throws(CorpusError) -> ([ImportedAccreditation], IngestReport) {
        var report = IngestReport()
        var out: [ImportedAccreditation] = []
        try CSVReader.readTable(bytes, path: path, requiring: columns, report: &report) { cols, _, row, rep in
            let f = cols.map { row.fields[$0].trimmingASCIIWhitespace() }
            switch parse(f, line: row.line) {
            case let .success(entry):
                out.append(entry)
                rep.accept()
            case let .failure(problem):
                rep.skip(IngestIssue(file: path, line: row.line, reason: problem.reason))
            }
        }
        return (out, report)
    }

    private struct RowProblem: Error { let reason: String }

    private static func parse(_ f: [String], line: Int) -> Result<ImportedAccreditation, RowProblem> {
        let (unit, institution, city, stateText, cipText, program, levelText, agencyText, statusText) =
            (f[0], f[1], f[2], f[3].uppercased(), f[4], f[5], f[6], f[7].uppercased(), f[8])
        if !unit.isEmpty, !unit.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            return .failure(RowProblem(reason: "unitid \"\(unit)\" is not an IPEDS UNITID (digits only, e.g. 100654); leave it empty to match by institution and state"))
        }
        if !stateText.isEmpty, !USState.isCode(stateText) {
            return .failure(RowProblem(reason: "state \"\(f[3])\" is not a two-letter USPS code (e.g. \"IL\")"))
        }
        if unit.isEmpty, institution.isEmpty || stateText.isEmpty {
            return .failure(RowProblem(reason: "no institution: give the unitid, or the institution name and its state"))
        }
        var cip: String?
        if !cipText.isEmpty {
            var t = cipText
            if t.hasPrefix("=") { t.removeFirst() }
            t = String(t.filter { $0 != "\"" })
            guard CIPCode.isValidPrefix(t) else {
                return .failure(RowProblem(reason: "cip \"\(cipText)\" is not a CIP code or prefix (\"51\", \"51.07\" or \"51.0707\")"))
            }
            cip = t
        }
        if cip == nil, normalizedWords(program).isEmpty {
            return .failure(RowProblem(reason: "no program: give a cip code or prefix (e.g. 51.07), or a phrase from the program title"))
        }
        var level: AwardLevel?
        if !levelText.isEmpty {
            guard let l = AwardLevel(rawValue: levelText.lowercased()) ?? AwardLevel(parsing: levelText) else {
                return .failure(RowProblem(reason: "level \"\(levelText)\" is not an award level; use \(AwardLevel.acceptedSpellingsDescription), or leave it empty for every level"))
            }
            level = l
        }
        guard AccreditingAgency.isValidShortName(agencyText) else {
            return .failure(RowProblem(reason: "agency \"\(f[7])\" must be the agency's short name: letters, digits and \"-\" (e.g. \"CAHIIM\")"))
        }
        let status: ImportedAccreditation.Status
        switch normalizedWords(statusText).joined() {
        case "", "accredited", "accreditation", "continuingaccreditation": status = .accredited
        case "candidate", "candidacy", "preaccredited", "preaccreditation": status = .preaccredited
        default:
            return .failure(RowProblem(reason: "status \"\(statusText)\" is not Accredited or Candidate/Preaccredited (rows for denied or withdrawn accreditation should be left out)"))
        }
        return .success(ImportedAccreditation(unitID: unit.isEmpty ? nil : unit, institution: institution, city: city,
                                              state: stateText, cipPrefix: cip, program: program, level: level,
                                              agency: agencyText, status: status, line: line))
    }

    /// Adds each entry's agency to the `accreditors` of every record it matches (kept sorted and
    /// without duplicates); a Candidate/Preaccredited entry goes to `preaccreditors` instead
    /// (unless the program is already accredited by that agency). The institution is the `unitID` if given, else the institutions in
    /// `state` whose name equals `institution` ignoring case and punctuation (and whose city
    /// equals `city`, when given); several such institutions make the entry ambiguous. Programs
    /// match when their CIP code starts with `cipPrefix`, their title contains the words of
    /// `program`, and their level is `level` (each when given). Entries matching nothing, or
    /// ambiguous, are reported as `path:line: …` saying what was looked for and how to fix it.
    public static func apply(_ entries: [ImportedAccreditation], to records: inout [ProgramRecord], path: String) -> IngestReport {
        var report = IngestReport()
        var byInstitution: [String: [Int]] = [:]
        var institutionsByState: [String: [String]] = [:]
        for (i, r) in records.enumerated() {
            if byInstitution[r.institutionID] == nil { institutionsByState[r.state, default: []].append(r.institutionID) }
            byInstitution[r.institutionID, default: []].append(i)
        }

        for e in entries {
            let institutionIDs: [String]
            if let unit = e.unitID {
                guard byInstitution[unit] != nil else {
                    report.skip(IngestIssue(file: path, line: e.line, reason: "no institution with unitid \(unit) in the corpus; check the UNITID in IPEDS, or leave it empty and give the institution name and state"))
                    continue
                }
                institutionIDs = [unit]
            } else {
                let name = normalizedWords(e.institution), city = normalizedWords(e.city)
                let named = (institutionsByState[e.state] ?? []).filter { normalizedWords(records[byInstitution[$0]![0]].institutionName) == name }
                let inCity = city.isEmpty ? named : named.filter { normalizedWords(records[byInstitution[$0]![0]].city) == city }
                if inCity.isEmpty {
                    let hint = named.isEmpty
                        ? "check the name against IPEDS (matched whole, ignoring case and punctuation) or give the unitid"
                        : "it is in \(named.map { records[byInstitution[$0]![0]].city }.joined(separator: ", ")); fix the city or leave it empty"
                    report.skip(IngestIssue(file: path, line: e.line, reason: "no institution named \"\(e.institution)\" in \(e.state)\(e.city.isEmpty ? "" : " (\(e.city))"); \(hint)"))
                    continue
                }
                if inCity.count > 1 {
                    let list = inCity.map { "\($0) (\(records[byInstitution[$0]![0]].city))" }.joined(separator: ", ")
                    report.skip(IngestIssue(file: path, line: e.line, reason: "institution \"\(e.institution)\" in \(e.state) is ambiguous: \(list); add the city or give the unitid"))
                    continue
                }
                institutionIDs = inCity
            }

            let phrase = normalizedWords(e.program)
            var matched = 0
            for id in institutionIDs {
                for i in byInstitution[id]! {
                    let r = records[i]
                    if let p = e.cipPrefix, !CIPCode.prefixes(of: r.cipCode).contains(p) { continue }
                    if let l = e.level, r.level != l { continue }
                    if !phrase.isEmpty, !containsWords(normalizedWords(r.title), phrase) { continue }
                    if e.status == .accredited {
                        if !records[i].accreditors.contains(e.agency) {
                            records[i].accreditors.append(e.agency)
                            records[i].accreditors.sort()
                        }
                        records[i].preaccreditors.removeAll { $0 == e.agency }
                    } else if !records[i].accreditors.contains(e.agency) && !records[i].preaccreditors.contains(e.agency) {
                        records[i].preaccreditors.append(e.agency)
                        records[i].preaccreditors.sort()
                    }
                    matched += 1
                }
            }
            if matched == 0 {
                let inst = institutionIDs[0]
                let r0 = records[byInstitution[inst]![0]]
                var wanted: [String] = []
                if let p = e.cipPrefix { wanted.append("CIP \(p)") }
                if !phrase.isEmpty { wanted.append("title containing \"\(e.program)\"") }
                if let l = e.level { wanted.append("level \(l.rawValue)") }
                let offered = byInstitution[inst]!.prefix(8).map { "\(records[$0].cipCode) \(records[$0].level.rawValue)" }
                let more = byInstitution[inst]!.count > 8 ? ", …" : ""
                report.skip(IngestIssue(file: path, line: e.line, reason: "no program at \(r0.institutionName) (\(inst)) with \(wanted.joined(separator: ", ")); it has \(offered.joined(separator: ", "))\(more); fix the cip, program or level column"))
                continue
            }
            report.accept()
        }
        return report
    }

    /// Lowercased words of letters and digits; apostrophes are dropped ("Mary's" → "marys"),
    /// other punctuation separates words ("A&M" → "a", "m").
    static func normalizedWords(_ s: String) -> [String] {
        var words: [String] = []
        var current = ""
        for ch in s.lowercased() {
            if ch == "'" || ch == "\u{2019}" { continue }
            if ch.isLetter || ch.isNumber { current.append(ch) } else if !current.isEmpty { words.append(current); current = "" }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    private static func containsWords(_ haystack: [String], _ needle: [String]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        for start in 0 ... haystack.count - needle.count where Array(haystack[start ..< start + needle.count]) == needle { return true }
        return false
    }
}

/// The accreditation mapping tables in `Corpus/mapping/` (see its README): DAPIP agencies with
/// their short names, and the rules that tie a DAPIP program accreditation to CIP prefixes and
/// award levels. Read without Foundation; malformed rows are reported `file:line` and skipped.
public struct AccreditationMap: Sendable {
    /// Agencies in file order (by DAPIP id).
    public private(set) var agencies: [AccreditingAgency] = []
    /// Program rules in file order.
    public private(set) var rules: [ProgramAccreditationRule] = []
    private var agencyIndex: [String: Int] = [:]
    private var shortNameIndex: [String: Int] = [:]
    private var ruleIndex: [RuleKey: Int] = [:]

    private struct RuleKey: Hashable {
        var agencyID: String
        var programName: String
    }

    public init() {}

    /// The agency with DAPIP id `id`, or `nil`.
    public func agency(id: String) -> AccreditingAgency? {
        agencyIndex[id].map { agencies[$0] }
    }

    /// The agency whose short name is `shortName` (compared uppercase), or `nil`.
    public func agency(shortName: String) -> AccreditingAgency? {
        shortNameIndex[shortName.uppercased()].map { agencies[$0] }
    }

    /// The rule for a DAPIP (AgencyId, ProgramName) pair; `programName` is trimmed first.
    public func programRule(agencyID: String, programName: String) -> ProgramAccreditationRule? {
        ruleIndex[RuleKey(agencyID: agencyID, programName: programName.trimmingASCIIWhitespace())].map { rules[$0] }
    }

    /// Column names of the two tables, in order (`note` in the program table is optional).
    public static let agencyColumns = ["agency_id", "short_name", "kind", "agency_name"]
    public static let programColumns = ["agency_id", "program_name", "cip_prefixes", "levels"]

    /// Reads `accreditors.tsv` and `program-accreditation.tsv` (UTF-8, tab-separated, a header
    /// row). Throws when a file is empty or its header lacks the columns above; a malformed row
    /// (wrong column count, non-numeric id, bad or duplicate short name, unknown kind, bad CIP
    /// prefix, unknown level, duplicate pair, agency not in the agency table) is skipped and
    /// reported as `path:line: reason`.
    public static func read(agencies: [UInt8], agenciesPath: String, programs: [UInt8],
                            programsPath: String) throws(CorpusError) -> (AccreditationMap, IngestReport) {
        var map = AccreditationMap()
        var report = IngestReport()

        try TSVTable.read(agencies, path: agenciesPath, columns: agencyColumns, optional: 0) { line, f in
            let id = f[0], short = f[1], kindText = f[2], name = f[3]
            if let problem = idProblem(id) { return problem }
            guard AccreditingAgency.isValidShortName(short) else {
                return "short_name \"\(short)\" must be uppercase letters, digits and \"-\" (e.g. \"ACEN\", \"ASHA-CAA\")"
            }
            guard let kind = AccreditorKind(rawValue: kindText) else {
                return "kind \"\(kindText)\" must be institutional, programmatic or both"
            }
            guard !name.isEmpty else { return "agency_name is empty" }
            if map.agencyIndex[id] != nil { return "agency_id \(id) appears twice; keep one row per agency" }
            if map.shortNameIndex[short] != nil { return "short_name \(short) is already used by another agency; short names must be unique" }
            map.agencyIndex[id] = map.agencies.count
            map.shortNameIndex[short] = map.agencies.count
            map.agencies.append(AccreditingAgency(id: id, shortName: short, kind: kind, name: name))
            report.accept()
            return nil
        } report: { report.skip($0) }

        try TSVTable.read(programs, path: programsPath, columns: programColumns, optional: 1) { line, f in
            let id = f[0], name = f[1], cipText = f[2], levelText = f[3]
            if let problem = idProblem(id) { return problem }
            guard map.agencyIndex[id] != nil else { return "agency_id \(id) is not in \(agenciesPath); add the agency first" }
            guard !name.isEmpty else { return "program_name is empty" }
            let prefixes = cipText.isEmpty ? [] : cipText.split(separator: ";", omittingEmptySubsequences: false)
                .map { String($0).trimmingASCIIWhitespace() }
            if let bad = prefixes.first(where: { !CIPCode.isValidPrefix($0) }) {
                return "cip prefix \"\(bad)\" is not \"NN\", \"NN.NN\" or \"NN.NNNN\" (e.g. \"51.38\"); separate prefixes with \";\""
            }
            var levels = Set<AwardLevel>()
            if prefixes.isEmpty {
                guard levelText.isEmpty else { return "levels \"\(levelText)\" given without cip_prefixes; leave both empty for an unmapped program" }
            } else if levelText != "*" {
                guard !levelText.isEmpty else { return "levels is empty; list award levels separated by \";\" or write \"*\" for any" }
                for part in levelText.split(separator: ";", omittingEmptySubsequences: false) {
                    let raw = String(part).trimmingASCIIWhitespace()
                    guard let level = AwardLevel(rawValue: raw) else {
                        return "level \"\(raw)\" is not one of \(AwardLevel.allCases.map(\.rawValue).joined(separator: ", ")) (or \"*\" for any)"
                    }
                    levels.insert(level)
                }
            }
            let key = RuleKey(agencyID: id, programName: name)
            if map.ruleIndex[key] != nil { return "agency \(id) program \"\(name)\" appears twice; keep one row per pair" }
            map.ruleIndex[key] = map.rules.count
            map.rules.append(ProgramAccreditationRule(agencyID: id, programName: name, cipPrefixes: prefixes, levels: levels))
            report.accept()
            return nil
        } report: { report.skip($0) }

        return (map, report)
    }

    /// Reads the two tables from disk (`dir` is usually `Corpus/mapping`).
    public static func read(directory dir: String) throws(CorpusError) -> (AccreditationMap, IngestReport) {
        let a = dir + "/accreditors.tsv", p = dir + "/program-accreditation.tsv"
        return try Self.read(agencies: try FileBytes.read(a), agenciesPath: a, programs: try FileBytes.read(p), programsPath: p)
    }

    private static func idProblem(_ id: String) -> String? {
        if id.isEmpty || !id.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) { return "agency_id \"\(id)\" is not a DAPIP agency number" }
        return nil
    }
}

/// Which programs one DAPIP program accreditation covers (a row of
/// `Corpus/mapping/program-accreditation.tsv`): an agency's program name, mapped to the CIP 2020
/// prefixes and award levels of the IPEDS programs it applies to.
public struct ProgramAccreditationRule: Sendable, Equatable {
    /// DAPIP `AgencyId`.
    public var agencyID: String
    /// DAPIP `ProgramName`, exactly as in the file (trimmed).
    public var programName: String
    /// CIP prefixes ("51", "51.38", "51.3801"). Empty when the accreditation has no IPEDS
    /// award it can be tied to (internships, residencies, …): it then shows at institution level.
    public var cipPrefixes: [String]
    /// The award levels covered; empty means any level.
    public var levels: Set<AwardLevel>

    public init(agencyID: String, programName: String, cipPrefixes: [String], levels: Set<AwardLevel>) {
        self.agencyID = agencyID
        self.programName = programName
        self.cipPrefixes = cipPrefixes
        self.levels = levels
    }

    /// True when a program with `cipCode` ("NN.NNNN") at `level` is covered: its code starts
    /// with one of the prefixes and its level is listed (or any level is). Always false for a
    /// rule without prefixes.
    public func applies(cipCode: String, level: AwardLevel) -> Bool {
        guard levels.isEmpty || levels.contains(level) else { return false }
        return cipPrefixes.contains { CIPCode.prefixes(of: cipCode).contains($0) }
    }
}

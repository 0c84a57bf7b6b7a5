/// One row of a user accreditation import file (`docs/ACCREDITATION_IMPORT.md`): an agency's
/// accreditation of the programs that match an institution, a CIP prefix or title phrase, and
/// optionally a level.
public struct ImportedAccreditation: Sendable, Equatable {
    /// Whether the agency lists the program as accredited or as a candidate.
    public enum Status: String, Sendable, Equatable {
        case accredited
        /// "Candidate", "Candidacy", "Preaccredited" in the file.
        case preaccredited
    }

    /// IPEDS UNITID; when given, the institution columns are not used for matching.
    public var unitID: String?
    /// Institution name, matched whole, ignoring case and punctuation (used without `unitID`).
    public var institution: String
    /// City, to tell apart same-named institutions in one state; empty when not given.
    public var city: String
    /// USPS code, uppercase; empty when not given (required without `unitID`).
    public var state: String
    /// CIP prefix "NN", "NN.NN" or "NN.NNNN"; `nil` when the program is named by title.
    public var cipPrefix: String?
    /// Phrase that must occur in the program title (whole words); empty when not given.
    public var program: String
    /// `nil` = every level.
    public var level: AwardLevel?
    /// Agency short name, uppercase ("CAHIIM").
    public var agency: String
    public var status: Status
    /// 1-based line of the row in its file, for reports.
    public var line: Int

    public init(unitID: String?, institution: String, city: String, state: String, cipPrefix: String?,
                program: String, level: AwardLevel?, agency: String, status: Status, line: Int) {
        self.unitID = unitID
        self.institution = institution
        self.city = city
        self.state = state
        self.cipPrefix = cipPrefix
        self.program = program
        self.level = level
        self.agency = agency
        self.status = status
        self.line = line
    }
}

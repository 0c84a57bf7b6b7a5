/// One query of the relevance test set (`Benchmarks/relevance/queries.tsv`): what a student
/// types, the options beside it, and the CIP codes a right answer has.
public struct RelevanceQuery: Sendable, Equatable {
    /// What the query tests: a plain query, or one of the ways students' words differ from the
    /// catalogue's (issue 11).
    public enum Kind: String, CaseIterable, Sendable {
        case plain, synonym, abbreviation, typo, prefix, plural, filler, place, multiword
    }

    /// Unique within the set.
    public let id: String
    /// The search words exactly as typed ("bioinformatics near 02139").
    public let text: String
    /// Extra `schoolfinder search` options, already split shell-style (`["--near", "Chicago, IL"]`).
    public let options: [String]
    /// CIP 2020 codes or prefixes ("51", "51.38", "51.3801"); a hit is relevant when its CIP code
    /// starts with one of them.
    public let relevant: [String]
    public let kind: Kind
    /// Why these programs are the right answer; may be empty.
    public let note: String
    /// The line of the set that holds the query (1-based).
    public let line: Int

    public init(id: String, text: String, options: [String] = [], relevant: [String], kind: Kind, note: String = "", line: Int = 0) {
        self.id = id
        self.text = text
        self.options = options
        self.relevant = relevant
        self.kind = kind
        self.note = note
        self.line = line
    }

    /// The words after `schoolfinder search`: the options, then the query's words split on
    /// blanks (as a shell passes an unquoted query).
    public var arguments: [String] {
        options + text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }

    /// Whether a program with CIP code `cip` ("51.0707") is a right answer.
    public func isRelevant(cip: String) -> Bool {
        relevant.contains { cip.hasPrefix($0) }
    }
}

import Analysis

extension SynonymDictionary {
    /// Reads a dictionary whose `; level=…` names are award levels: any spelling `AwardLevel`
    /// accepts ("bachelors", "BS"), kept as its raw value; a name that is no level makes its
    /// line a problem. The one way the project reads the file and the index's copy of it.
    public static func parseNamingAwardLevels(_ source: String) -> (dictionary: SynonymDictionary, problems: [Problem]) {
        parse(source) { AwardLevel(parsing: $0)?.rawValue }
    }
}

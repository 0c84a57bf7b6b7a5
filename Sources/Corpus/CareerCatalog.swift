/// Careers a program leads to: CIP → SOC occupations (NCES/BLS crosswalk), each occupation's
/// national figures (BLS OEWS May 2025 and Employment Projections 2024–34) and its wage and
/// employment per state (OEWS). Read from `Corpus/careers.tsv`, `occupations.tsv`, `wages.tsv`.
public struct CareerCatalog: Sendable, Equatable {
    /// One occupation (SOC 2018 detailed code "29-2072") with its national figures.
    public struct Occupation: Sendable, Equatable {
        public var socCode: String
        public var title: String
        /// Jobs nationally (OEWS), `nil` when not released.
        public var employment: Int?
        /// Median annual wage nationally, US dollars (OEWS), `nil` when not released or top-coded.
        public var medianWage: Int?
        /// Projected employment change 2024–34, percent (BLS EP), `nil` when not projected.
        public var growthPercent: Double?
        /// Average annual openings 2024–34, thousands (BLS EP).
        public var annualOpeningsThousands: Double?
        /// Typical education needed for entry (BLS EP), "" when unknown.
        public var typicalEducation: String

        public init(socCode: String, title: String, employment: Int?, medianWage: Int?, growthPercent: Double?,
                    annualOpeningsThousands: Double?, typicalEducation: String) {
            self.socCode = socCode
            self.title = title
            self.employment = employment
            self.medianWage = medianWage
            self.growthPercent = growthPercent
            self.annualOpeningsThousands = annualOpeningsThousands
            self.typicalEducation = typicalEducation
        }
    }

    /// An occupation's figures in one state (OEWS).
    public struct StateFigures: Sendable, Equatable {
        public var employment: Int?
        public var medianWage: Int?
        public init(employment: Int?, medianWage: Int?) {
            self.employment = employment
            self.medianWage = medianWage
        }
    }

    /// CIP code "NN.NNNN" → SOC codes, sorted.
    public var occupationsByCIP: [String: [String]] = [:]
    /// SOC code → national figures.
    public var occupations: [String: Occupation] = [:]
    /// "ST|SOC" → that state's figures.
    public var stateFigures: [String: StateFigures] = [:]

    public init() {}

    /// True when no career data is present (sample and user corpora).
    public var isEmpty: Bool { occupationsByCIP.isEmpty }

    /// The careers a program with `cipCode` leads to, in SOC order, with figures for `state`.
    public func careers(cipCode: String, state: String) -> [(occupation: Occupation, state: StateFigures?)] {
        (occupationsByCIP[cipCode] ?? []).compactMap { soc in
            guard let o = occupations[soc] else { return nil }
            return (o, stateFigures[state + "|" + soc])
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import IndexFormat

/// How text relevance is computed (`Index/FORMAT.md`, "Schema"; README, "Ranking").
public enum Ranking: Sendable, Equatable {
    /// BM25F over the title, description and institution fields with per-field weights and
    /// length normalisation (`FieldedBM25`); with a point and relevance order the text score is
    /// multiplied by a distance decay (`DistanceDecay`). The default.
    case fields(FieldWeights)
    /// One BM25 (k1 1.2, b 0.75) over the concatenated text, then distance, then id: the score
    /// other engines compute over one text field, for side-by-side comparisons.
    case classic

    /// The default: `fields` with `FieldWeights.standard`.
    public static let standard = Ranking.fields(.standard)

    /// "fields" or "classic".
    public var name: String {
        switch self {
        case .fields: "fields"
        case .classic: "classic"
        }
    }
}

/// BM25F parameters, tunable per query. Weights are ≥ 0 (0 ignores a field), `b` values in
/// [0, 1] (how much a field's length relative to its average lowers its frequencies), `k1` ≥ 0
/// (how fast a word's combined frequency saturates).
public struct FieldWeights: Sendable, Equatable {
    public var title: Double
    public var description: Double
    public var institution: Double
    public var titleB: Double
    public var descriptionB: Double
    public var institutionB: Double
    public var k1: Double

    /// Title 4, description 1, institution 0.5; b 0.5, 0.75, 0.5; k1 1.2. A word in a title of
    /// average length counts as four in a description of average length, so a program named for
    /// the words ranks above one whose description mentions them; institution names ("… Health
    /// Sciences University") count least. Titles and names are short and similar in length, hence
    /// their milder length normalisation.
    /// The index's field peaks are computed with these (`FieldImpact`); other weights rank
    /// exactly but without skipping by peaks.
    public static let standard = FieldWeights(title: FieldImpact.titleWeight, description: FieldImpact.descriptionWeight,
                                              institution: FieldImpact.institutionWeight, titleB: FieldImpact.titleB,
                                              descriptionB: FieldImpact.descriptionB, institutionB: FieldImpact.institutionB,
                                              k1: FieldImpact.k1)

    public init(title: Double, description: Double, institution: Double,
                titleB: Double, descriptionB: Double, institutionB: Double, k1: Double) {
        self.title = title
        self.description = description
        self.institution = institution
        self.titleB = titleB
        self.descriptionB = descriptionB
        self.institutionB = institutionB
        self.k1 = k1
    }

    /// The weight of `field`.
    public func weight(_ field: Schema.TextField) -> Double {
        switch field {
        case .title: title
        case .description: description
        case .institution: institution
        }
    }

    /// The length normalisation `b` of `field`.
    public func b(_ field: Schema.TextField) -> Double {
        switch field {
        case .title: titleB
        case .description: descriptionB
        case .institution: institutionB
        }
    }

    /// Every parameter in its range (finite; weights and k1 ≥ 0, some field weight above 0;
    /// b in [0, 1]).
    public var isValid: Bool {
        let weights = [title, description, institution, k1]
        let bs = [titleB, descriptionB, institutionB]
        return weights.allSatisfy { $0.isFinite && $0 >= 0 } && bs.allSatisfy { $0.isFinite && $0 >= 0 && $0 <= 1 }
            && title + description + institution > 0
    }
}

/// How distance lowers a relevance score when a query has a point (fields ranking, relevance
/// order): the text score is multiplied by `0.5^(miles / halfDistance)`, so a program
/// `halfDistance` miles away needs twice the text score of one at the point to rank beside it.
/// The half distance is the radius when there is one (a program at the edge keeps half its
/// score, so inside a radius a title match still beats a nearer mention), else 25 miles; a
/// query may set it. `--sort relevance` ranks by text only, `--sort distance` by
/// distance only.
public struct DistanceDecay: Sendable, Equatable {
    /// Miles at which the factor is 0.5; > 0 and finite.
    public let halfDistanceMiles: Double

    /// Half distance without a radius, in miles.
    public static let defaultHalfDistanceMiles = 25.0
    /// The smallest half distance a radius gives (a radius of 0 still decays, gently).
    public static let minimumHalfDistanceMiles = 0.5

    public init(halfDistanceMiles: Double) { self.halfDistanceMiles = halfDistanceMiles }

    /// The documented default for a query with `radiusMiles` (or none).
    public static func standard(radiusMiles: Double?) -> DistanceDecay {
        guard let r = radiusMiles else { return DistanceDecay(halfDistanceMiles: defaultHalfDistanceMiles) }
        return DistanceDecay(halfDistanceMiles: max(r, minimumHalfDistanceMiles))
    }

    /// The factor in (0, 1] at `miles` ≥ 0; 1 at the point, falling by half every `halfDistanceMiles`.
    @inline(__always)
    public func factor(miles: Double) -> Double { exp2(-miles / halfDistanceMiles) }
}

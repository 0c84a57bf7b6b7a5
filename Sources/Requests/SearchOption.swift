/// One query option of `schoolfinder search`, named once for both ways a query is given: the
/// command-line option (`--radius 50`) and the batch line's JSON key (`"radius_mi": 50`), with
/// its help. Every value goes through `SearchRequest(values:)`, so both accept the same values
/// and refuse the rest with the same message.
public enum SearchOption: String, CaseIterable, Sendable {
    case near, zip, lat, lon, radius, level, state, cip, accredited, delivery, sort
    case ranking, weights, decayMiles = "decay-miles", group, facets, explain, exact
    case limit, offset

    /// The command-line name, without "--".
    public var name: String { rawValue }

    /// The key of a batch line (JSON) that carries this option.
    public var batchKey: String {
        switch self {
        case .radius: "radius_mi"
        case .level: "levels"
        case .state: "states"
        case .cip: "cip_prefix"
        case .accredited: "accreditor"
        case .decayMiles: "decay_miles"
        default: rawValue
        }
    }

    /// The value's placeholder in help ("MILES", "LIST"); `nil` for a flag. A "LIST" is
    /// comma-separated and may be given more than once (the values add up).
    public var valueName: String? {
        switch self {
        case .near: "PLACE"
        case .zip: "ZIP"
        case .lat, .lon: "DEG"
        case .radius, .decayMiles: "MILES"
        case .level, .state, .accredited, .delivery, .facets: "LIST"
        case .cip: "PREFIX"
        case .sort: "ORDER"
        case .ranking: "RANKING"
        case .weights: "SPEC"
        case .group: "institution"
        case .explain, .exact: nil
        case .limit, .offset: "N"
        }
    }

    /// One paragraph for `--help`.
    public var help: String {
        switch self {
        case .near: "Measure distance from a ZIP (60601) or a city (\"Chicago, IL\": the centre of its ZIPs)."
        case .zip: "Measure distance from this ZIP code's centroid."
        case .lat: "Latitude of the point, -90…90 (with --lon)."
        case .lon: "Longitude of the point, -180…180 (with --lat)."
        case .radius: "Only programs within this many miles (inclusive)."
        case .level: "Award levels, any of: certificate, associate, bachelor, postbacc-certificate, master, postmaster-certificate, doctorate."
        case .state: "USPS state codes, any of (e.g. TX,OK)."
        case .cip: "CIP code prefix: 51, 51.07 or 51.0707."
        case .accredited: "Program accreditor, any of (e.g. ACEN, CCNE, JRCERT; CAHIIM after an import)."
        case .delivery: "campus, online, hybrid, unknown; any of."
        case .sort:
            "blended (text score × distance decay), relevance (text score only), distance or id. Default: blended with words and a "
                + "point (relevance under --ranking classic), relevance with words only, distance with a point only, else id."
        case .ranking:
            "fields (default: BM25F over title, description and institution, weighted 4, 1, 0.5) or classic (one BM25 over all the "
                + "text, then distance, then id: the score other engines compute)."
        case .weights:
            "Tune the fields ranking, e.g. title=4,description=1,institution=0.5; also k1 (1.2) and title-b, description-b, "
                + "institution-b (0.5, 0.75, 0.5). Unnamed ones keep their defaults; weights and k1 ≥ 0, each b in 0…1."
        case .decayMiles:
            "Blended order: the distance at which a score is halved (default: the radius, or 25 without one; at least 0.5)."
        case .group: "One row per school: its best matching program, with the count of its other matching programs."
        case .facets: "Count all matches by level, state, accreditor, cip2, cip4, cip6, delivery (table and json output)."
        case .explain: "Show the plan the query took and every part of each hit's score (table and json output)."
        case .exact:
            "Match the words as typed: every word required, no synonyms, typo tolerance, completion of the last word, "
                + "filler words or relaxation (the strict AND other engines compute)."
        case .limit: "Hits to show (default 10)."
        case .offset: "Hits to skip (default 0)."
        }
    }

    /// The option whose batch key is `key`.
    public init?(batchKey key: String) {
        guard let option = Self.allCases.first(where: { $0.batchKey == key }) else { return nil }
        self = option
    }
}

import Geo

/// One degree program at one institution: the unit that schoolfinder indexes and returns.
///
/// Invariants (checked by `validationProblem`): `id` non-empty and unique within a corpus;
/// `state` a two-letter USPS code, uppercase; `cipCode` "NN.NNNN"; coordinates valid WGS84.
public struct ProgramRecord: Sendable, Hashable {
    public var id: String
    public var institutionID: String
    public var institutionName: String
    public var city: String
    /// USPS code, two uppercase letters.
    public var state: String
    /// Five-digit ZIP (ZIP+4 suffixes are dropped on ingest).
    public var zip: String
    /// Degrees, [-90, 90].
    public var latitude: Double
    /// Degrees, [-180, 180].
    public var longitude: Double
    /// CIP 2020 code, "NN.NNNN".
    public var cipCode: String
    public var title: String
    public var description: String
    public var level: AwardLevel
    /// Program accreditors, uppercase acronyms ("CAHIIM"), no duplicates.
    public var accreditors: [String]
    public var delivery: Delivery
    /// Programmatic accreditors whose status is "Preaccredited" (candidacy), uppercase short
    /// names, sorted; not matched by the accreditor filter, shown beside the accreditors.
    public var preaccreditors: [String] = []
    /// Institutional accreditors of the institution (e.g. "HLC"), uppercase short names, sorted.
    public var institutionAccreditors: [String] = []
    /// Programmatic accreditations the school holds that map to no program of the corpus (e.g.
    /// "APA" for a psychology internship, "JRCERT" where the radiography program is coded
    /// elsewhere), uppercase short names, sorted: shown with the school, not the program.
    public var otherSchoolAccreditors: [String] = []
    /// The institution's website as IPEDS lists it (WEBADDR, often without a scheme); "" when unknown.
    public var website: String = ""
    /// Public, private nonprofit or private for-profit; `nil` when unknown.
    public var control: InstitutionControl?
    /// Graduates in the IPEDS completions year (first majors, all AWLEVEL codes of this level),
    /// 0 or more; `nil` when unknown (sample and user corpora without the figure).
    public var completers: Int?
    /// College Scorecard median earnings, US dollars per year, 4 years after completion, for
    /// this institution's four-digit CIP series at this credential level; `nil` when suppressed
    /// or not published (never 0 for "unknown").
    public var medianEarnings: Int?
    /// College Scorecard median federal debt at completion, US dollars, same scope as earnings.
    public var medianDebt: Int?

    public init(id: String, institutionID: String, institutionName: String, city: String, state: String,
                zip: String, latitude: Double, longitude: Double, cipCode: String, title: String,
                description: String, level: AwardLevel, accreditors: [String], delivery: Delivery) {
        self.id = id
        self.institutionID = institutionID
        self.institutionName = institutionName
        self.city = city
        self.state = state
        self.zip = zip
        self.latitude = latitude
        self.longitude = longitude
        self.cipCode = cipCode
        self.title = title
        self.description = description
        self.level = level
        self.accreditors = accreditors
        self.delivery = delivery
    }

    public var location: GeoPoint { GeoPoint(latitude: latitude, longitude: longitude) }

    /// The CIP series ("51.38") the outcomes describe when there are any: the College Scorecard
    /// reports earnings and debt per institution × four-digit CIP × credential level, so every
    /// program of the series at this school and level shows the same figures. `nil` without outcomes.
    public var outcomesCIPSeries: String? {
        medianEarnings == nil && medianDebt == nil ? nil : String(cipCode.prefix(5))
    }

    /// The text that is searched and scored: title, description and institution name.
    public var searchableText: String { title + " " + description + " " + institutionName }

    /// Why this record cannot be indexed, or `nil` when it is well-formed.
    public var validationProblem: String? {
        Self.validationProblem(id: id, state: state, cipCode: cipCode, latitude: latitude, longitude: longitude, title: title)
    }

    /// `validationProblem` of a record with these fields: what a caller reading records through
    /// a pointer (the index writer) checks, passing the fields, not a copy of the whole record.
    public static func validationProblem(id: String, state: String, cipCode: String, latitude: Double, longitude: Double,
                                         title: String) -> String? {
        if id.isEmpty { return "id is empty" }
        if !USState.isCode(state) { return "state \"\(state)\" is not a two-letter USPS code (e.g. \"IL\")" }
        if !CIPCode.isValid(cipCode) { return "cip \"\(cipCode)\" is not a CIP code of the form NN.NNNN (e.g. \"51.0707\")" }
        if !GeoPoint(latitude: latitude, longitude: longitude).isValid {
            return "lat/lon (\(latitude), \(longitude)) is outside [-90, 90] × [-180, 180]"
        }
        if title.isEmpty { return "title is empty" }
        return nil
    }
}

/// How a program is delivered.
public enum Delivery: String, Sendable, CaseIterable, Hashable {
    case campus, online, hybrid, unknown

    /// Parses a CLI or file spelling, case-insensitively ("on-campus" and "in-person" mean campus).
    public init?(parsing text: String) {
        let t = text.lowercased().trimmingASCIIWhitespace()
        switch t {
        case "campus", "on-campus", "oncampus", "in-person", "onsite", "on-site": self = .campus
        case "online", "distance", "remote": self = .online
        case "hybrid", "blended": self = .hybrid
        case "unknown", "": self = .unknown
        default: return nil
        }
    }

    /// Stable one-byte code used in the index file: its position in `allCases` (a switch:
    /// `allCases.firstIndex` built the array per call).
    public var code: UInt8 {
        switch self {
        case .campus: 0
        case .online: 1
        case .hybrid: 2
        case .unknown: 3
        }
    }
    public init?(code: UInt8) {
        guard Int(code) < Self.allCases.count else { return nil }
        self = Self.allCases[Int(code)]
    }
}

/// CIP code syntax ("NN.NNNN") and prefixes ("NN", "NN.NN", "NN.NNNN").
public enum CIPCode {
    /// True for "NN.NNNN" with ASCII digits.
    public static func isValid(_ code: String) -> Bool {
        guard code.utf8.count == 7 else { return false }
        var i = 0
        for c in code.utf8 {
            if i == 2 { if c != UInt8(ascii: ".") { return false } } else if c < 48 || c > 57 { return false }
            i += 1
        }
        return true
    }

    /// True for a family "NN", a series "NN.NN", or a full code "NN.NNNN".
    public static func isValidPrefix(_ prefix: String) -> Bool {
        let b = Array(prefix.utf8)
        guard [2, 5, 7].contains(b.count) else { return false }
        for (i, c) in b.enumerated() {
            if i == 2 { if c != UInt8(ascii: ".") { return false } } else if c < 48 || c > 57 { return false }
        }
        return true
    }

    /// The three prefixes a code belongs to: "51", "51.07", "51.0707".
    public static func prefixes(of code: String) -> [String] {
        guard isValid(code) else { return [] }
        // A valid code is seven ASCII bytes: its prefixes are byte prefixes.
        return [String(decoding: code.utf8.prefix(2), as: UTF8.self), String(decoding: code.utf8.prefix(5), as: UTF8.self), code]
    }

    /// Normalises the spellings NCES exports use: `="51.0707"`, `51.0707`, `510707`, `51.07`
    /// (two-digit series padded) into "NN.NNNN"; `nil` when it cannot be a CIP code.
    public static func normalize(_ raw: String) -> String? {
        if isValid(raw) { return raw } // already NN.NNNN: nothing to trim, strip or pad
        var s = raw.trimmingASCIIWhitespace()
        if s.hasPrefix("=") { s.removeFirst() }
        s = String(s.filter { $0 != "\"" })
        if isValid(s) { return s }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else { return nil }
        if parts.count == 1 {
            let d = String(parts[0])
            if d.count == 6 { return String(d.prefix(2)) + "." + String(d.suffix(4)) }
            return nil
        }
        var family = String(parts[0]), rest = String(parts[1])
        if family.isEmpty || family.count > 2 || rest.count > 4 { return nil }
        if family.count == 1 { family = "0" + family }
        while rest.count < 4 { rest += "0" }
        return family + "." + rest
    }
}

/// USPS state and territory codes.
public enum USState {
    public static let codes: Set<String> = [
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
        "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM",
        "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA",
        "WV", "WI", "WY", "AS", "GU", "MP", "PR", "VI", "FM", "MH", "PW", "AA", "AE", "AP",
    ]
    public static func isCode(_ s: String) -> Bool { codes.contains(s) }

    /// The USPS code of a state or territory written out ("Illinois", "new york", "District of
    /// Columbia", "Puerto Rico"), case-insensitively; `nil` otherwise.
    public static func code(named name: String) -> String? { codeByName[name.lowercased()] }

    static let codeByName: [String: String] = [
        "alabama": "AL", "alaska": "AK", "arizona": "AZ", "arkansas": "AR", "california": "CA", "colorado": "CO",
        "connecticut": "CT", "delaware": "DE", "district of columbia": "DC", "florida": "FL", "georgia": "GA",
        "hawaii": "HI", "idaho": "ID", "illinois": "IL", "indiana": "IN", "iowa": "IA", "kansas": "KS", "kentucky": "KY",
        "louisiana": "LA", "maine": "ME", "maryland": "MD", "massachusetts": "MA", "michigan": "MI", "minnesota": "MN",
        "mississippi": "MS", "missouri": "MO", "montana": "MT", "nebraska": "NE", "nevada": "NV", "new hampshire": "NH",
        "new jersey": "NJ", "new mexico": "NM", "new york": "NY", "north carolina": "NC", "north dakota": "ND",
        "ohio": "OH", "oklahoma": "OK", "oregon": "OR", "pennsylvania": "PA", "rhode island": "RI",
        "south carolina": "SC", "south dakota": "SD", "tennessee": "TN", "texas": "TX", "utah": "UT", "vermont": "VT",
        "virginia": "VA", "washington": "WA", "west virginia": "WV", "wisconsin": "WI", "wyoming": "WY",
        "american samoa": "AS", "guam": "GU", "northern mariana islands": "MP", "puerto rico": "PR",
        "virgin islands": "VI", "us virgin islands": "VI",
    ]
}

extension String {
    /// The string without leading and trailing ASCII spaces, tabs, CR and LF.
    public func trimmingASCIIWhitespace() -> String {
        @inline(__always) func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 }
        // Most values have nothing to trim: answered from the ends, with no copy.
        guard let first = utf8.first, let last = utf8.last, isSpace(first) || isSpace(last) else { return self }
        let bytes = Array(utf8)
        var lo = 0, hi = bytes.count
        while lo < hi && isSpace(bytes[lo]) { lo += 1 }
        while hi > lo && isSpace(bytes[hi - 1]) { hi -= 1 }
        return String(decoding: bytes[lo ..< hi], as: UTF8.self)
    }
}

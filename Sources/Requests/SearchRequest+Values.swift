import Corpus
import Geo
import Search

extension SearchRequest {
    /// Reads a request from option values as the command line or a batch line gives them (each
    /// option at most once; a LIST's values already gathered), then `validate()`s it. The one
    /// reader for both sources: a value is refused with the same line wherever it came from.
    /// Text that is empty or only blanks is no text (every program, as with none), from the
    /// command line (`search ""`, `search "   "`) and a batch line (`"text": " "`) alike.
    /// - Throws: `UsageError`, one line naming the option, the value and the fix.
    public init(text: String?, values: [(option: SearchOption, value: RequestValue)]) throws(UsageError) {
        self.init()
        self.text = text?.allSatisfy(\.isWhitespace) == false ? text : nil
        let given = Dictionary(values.map { ($0.option, $0.value) }, uniquingKeysWith: { _, last in last })
        if [given[.zip] != nil, given[.near] != nil, given[.lat] != nil || given[.lon] != nil].filter({ $0 }).count > 1 {
            throw UsageError("give one place: --near PLACE, --zip ZIP or --lat/--lon, not several")
        }
        if (given[.lat] == nil) != (given[.lon] == nil) { throw UsageError("--lat and --lon go together; give both (degrees)") }
        var latitude: Double?, longitude: Double?
        var weights: [RequestValue.Pair]?
        for (option, value) in values {
            switch option {
            case .near: place = .near(value.shown)
            case .zip: place = .zip(value.shown)
            case .lat:
                guard let d = value.decimal else { throw .latitude(value.shown) }
                latitude = d
            case .lon:
                guard let d = value.decimal else { throw .longitude(value.shown) }
                longitude = d
            case .radius:
                guard let d = value.decimal else { throw .radius(value.shown) }
                self.radiusMiles = d
            case .level:
                for l in value.items {
                    guard let level = AwardLevel(parsing: l) else {
                        throw UsageError("--level \"\(l)\" is not an award level; accepted: \(AwardLevel.acceptedSpellingsDescription)")
                    }
                    self.levels.insert(level)
                }
            case .state:
                for s in value.items {
                    guard USState.isCode(s.uppercased()) else { throw .state(s) }
                    self.states.insert(s.uppercased())
                }
            case .cip: self.cipPrefix = value.shown
            case .accredited:
                for a in value.items {
                    guard Self.isAccreditorAcronym(a) else { throw .accreditor(a) }
                    self.accreditors.insert(a.uppercased())
                }
            case .delivery:
                for d in value.items {
                    guard let delivery = Delivery(parsing: d) else { throw UsageError("--delivery \"\(d)\" is not one of campus, online, hybrid, unknown") }
                    self.deliveries.insert(delivery)
                }
            case .sort:
                guard let s = SortOrder(rawValue: value.shown.lowercased()) else {
                    throw UsageError("--sort \"\(value.shown)\" is not one of blended, relevance, distance, id")
                }
                self.sort = s
            case .ranking:
                switch value.shown.lowercased() {
                case "fields": self.ranking = .standard
                case "classic": self.ranking = .classic
                default: throw UsageError("--ranking \"\(value.shown)\" is not one of fields, classic")
                }
            case .weights: weights = try Self.weightPairs(value)
            case .decayMiles:
                guard let d = value.decimal else { throw .decayMiles(value.shown) }
                decayMiles = d
            case .group:
                guard value.shown.lowercased() == "institution" else {
                    throw UsageError("--group \"\(value.shown)\" is not a grouping; the one there is: --group institution")
                }
                self.groupByInstitution = true
            case .facets:
                for f in value.items {
                    guard let field = FacetField(rawValue: f.lowercased()) else {
                        throw UsageError("--facets \"\(f)\" is not a facet; use any of \(FacetField.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    if !self.facets.contains(field) { self.facets.append(field) }
                }
            case .explain:
                guard case let .flag(on) = value else { throw UsageError("--explain is a flag; in a batch line give \"explain\": true") }
                self.explain = on
            case .exact:
                guard case let .flag(on) = value else { throw UsageError("--exact is a flag; in a batch line give \"exact\": true") }
                self.matching = on ? .exact : .forgiving
            case .limit:
                guard let n = value.wholeNumber, n >= 0 else { throw .count("limit", value.shown) }
                self.limit = n
            case .offset:
                guard let n = value.wholeNumber, n >= 0 else { throw .count("offset", value.shown) }
                self.offset = n
            }
        }
        if let latitude, let longitude { place = .point(GeoPoint(latitude: latitude, longitude: longitude)) }
        if let weights {
            guard case let .fields(standard) = self.ranking else {
                throw UsageError("--weights tunes the fields ranking; drop --weights, or drop --ranking classic")
            }
            self.ranking = .fields(try Self.fieldWeights(weights, over: standard))
        }
        // "nursing near 02139": with forgiving matching and no place option, a certain place
        // tail of the words is the place ("in Boston" is tried when the place is resolved).
        if place == nil, self.matching == .forgiving, let text = self.text,
           let typed = TypedPlace.candidates(in: text).first(where: \.isCertain) {
            self.text = typed.words.isEmpty ? nil : typed.words
            place = .near(typed.place)
            placeFromText = typed.place
            if self.radiusMiles == nil, let r = typed.radiusMiles { self.radiusMiles = r } // --radius wins
        }
        try validate()
    }

    /// The names `--weights` takes, each with the parameter it sets.
    public static var weightParameters: [(name: String, path: WritableKeyPath<FieldWeights, Double>)] { [
        ("title", \.title), ("description", \.description), ("institution", \.institution), ("k1", \.k1),
        ("title-b", \.titleB), ("description-b", \.descriptionB), ("institution-b", \.institutionB),
    ] }

    /// `title=4,k1=1.2` (text) or named numbers (a JSON object) as pairs.
    static func weightPairs(_ value: RequestValue) throws(UsageError) -> [RequestValue.Pair] {
        if case let .pairs(p) = value { return p }
        var pairs: [RequestValue.Pair] = []
        for item in value.items {
            let parts = item.split(separator: "=", maxSplits: 1).map { String($0).trimmingBlanks() }
            guard parts.count == 2 else {
                throw UsageError("--weights \"\(item)\" is not name=value; give e.g. --weights title=4,description=1,institution=0.5")
            }
            pairs.append(.init(name: parts[0], value: .text(parts[1])))
        }
        if pairs.isEmpty { throw UsageError("--weights \"\(value.shown)\" names no parameter; give e.g. --weights title=4,description=1,institution=0.5") }
        return pairs
    }

    /// `standard` with the named parameters replaced; each name at most once, each value a plain
    /// decimal (ranges are `validate()`'s).
    static func fieldWeights(_ pairs: [RequestValue.Pair], over standard: FieldWeights) throws(UsageError) -> FieldWeights {
        var weights = standard
        var seen = Set<String>()
        for pair in pairs {
            let name = pair.name.lowercased()
            guard let path = weightParameters.first(where: { $0.name == name })?.path else {
                throw UsageError("--weights: \"\(pair.name)\" is not a parameter; use \(weightParameters.map(\.name).joined(separator: ", "))")
            }
            guard seen.insert(name).inserted else { throw UsageError("--weights names \(name) twice; give it once") }
            guard let d = pair.value.decimal else { throw .weight(name, pair.value.shown) }
            weights[keyPath: path] = d
        }
        return weights
    }

    /// Letters, digits and "-" ("CAHIIM", "ACPE-CPE").
    static func isAccreditorAcronym(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
    }
}

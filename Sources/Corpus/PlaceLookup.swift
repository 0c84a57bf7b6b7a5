import Geo

/// Turns what a student types for a place — a ZIP ("60601", "60601-1234") or a city
/// ("Chicago, IL", "chicago il", "Boston") — into a point, using a ZIP centroid table.
/// A city is the mean of its ZIP centroids (within one state); a city name found in several
/// states without a state is ambiguous and lists the candidates.
public enum PlaceLookup {
    /// A resolved place: the point, and how it was understood ("60601 (Chicago, IL)").
    public struct Place: Sendable, Equatable {
        public var location: GeoPoint
        public var label: String
        /// ZIP centroids averaged (1 for a ZIP).
        public var zipCount: Int

        public init(location: GeoPoint, label: String, zipCount: Int) {
            self.location = location
            self.label = label
            self.zipCount = zipCount
        }
    }

    /// Why a place could not be resolved; `message` is one line naming the value and the fix.
    public enum Problem: Error, Sendable, Equatable {
        case notAZip(String)
        case unknownZip(String)
        case unknownCity(String, suggestions: [String])
        case ambiguousCity(String, candidates: [String])
        case leadingZeroDropped(String)

        public var message: String {
            switch self {
            case let .notAZip(t): "\"\(t)\" is not a place: give a 5-digit ZIP (60601) or a city and state (\"Chicago, IL\")"
            case let .unknownZip(z): "ZIP \(z) is not in the ZIP table; check it, give a nearby ZIP or a city (\"Chicago, IL\"), or use --lat/--lon"
            case let .unknownCity(t, s):
                "\"\(t)\" is not a city in the ZIP table" + (s.isEmpty ? "; check the spelling or give a ZIP" : "; did you mean \(s.map { "\"\($0)\"" }.joined(separator: " or "))?")
            case let .leadingZeroDropped(t): "\"\(t)\" has four digits: did you mean ZIP 0\(t)? (a ZIP's leading zero is often lost in spreadsheets)"
            case let .ambiguousCity(t, c):
                "\"\(t)\" names cities in \(c.count) states: \(c.prefix(8).joined(separator: "; "))\(c.count > 8 ? "; …" : ""); add the state, e.g. \"\(c[0])\""
            }
        }
    }

    /// Resolves `text` against `zips` (any order). - Complexity: O(zips).
    public static func resolve(_ text: String, zips: [ZipCentroid]) -> Result<Place, Problem> {
        resolve(text, zipLookup: { zip in zips.first { $0.zip == zip } }, allZips: { zips })
    }

    /// Resolves `text` with a ZIP lookup (`zipLookup`, e.g. a binary search in the index) and,
    /// only for a city, the whole table (`allZips`, O(zips)), so a ZIP costs one lookup.
    public static func resolve(_ text: String, zipLookup: (String) -> ZipCentroid?, allZips: () -> [ZipCentroid]) -> Result<Place, Problem> {
        let t = text.trimmingASCIIWhitespace()
        if t.first?.isNumber == true {
            guard let zip = ZipTable.normalize(t) else {
                // "2139": a ZIP whose leading zero was lost (spreadsheets drop it).
                if t.count == 4, t.allSatisfy({ $0.isASCII && $0.isNumber }), zipLookup("0" + t) != nil { return .failure(.leadingZeroDropped(t)) }
                return .failure(.notAZip(text))
            }
            let found = zipLookup(zip)
            guard let z = found else { return .failure(.unknownZip(zip)) }
            let label = z.city.isEmpty ? zip : "\(zip) (\(displayName(z)))"
            return .success(Place(location: z.location, label: label, zipCount: 1))
        }
        // "City, ST", "City ST" or "City".
        var words = t.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        var state: String?
        if words.count >= 2, let last = words.last, last.count == 2, USState.isCode(last.uppercased()) {
            state = last.uppercased()
            words.removeLast()
        } else {
            // A state written out: "Chicago, Illinois", "Kansas City, Missouri", "Washington, District of Columbia".
            for take in [3, 2, 1] where words.count > take {
                if let code = USState.code(named: words.suffix(take).joined(separator: " ")) {
                    state = code
                    words.removeLast(take)
                    break
                }
            }
        }
        var city = normalizedCity(words.joined(separator: " "))
        guard !city.isEmpty else { return .failure(.notAZip(text)) }
        let zips = allZips()
        var byState: [String: [ZipCentroid]] = [:]
        for z in zips where (state == nil || z.state == state) && normalizedCity(z.city) == city {
            byState[z.state, default: []].append(z)
        }
        // "Port Washington", "West New York": a city name that ends in a state's name.
        let whole = normalizedCity(t)
        if byState.isEmpty, state != nil, whole != city {
            let named = zips.filter { normalizedCity($0.city) == whole }
            if !named.isEmpty {
                state = nil
                city = whole
                for z in named { byState[z.state, default: []].append(z) }
            }
        }
        if byState.isEmpty {
            // Cities within 2 edits, nearest spelling first, then the largest (most ZIP codes,
            // as a choice between places is made below), then by name.
            var near: [String: (distance: Int, zips: Int, name: String)] = [:]
            for z in zips where state == nil || z.state == state {
                let key = normalizedCity(z.city) + "|" + z.state
                if let known = near[key] { near[key]?.zips = known.zips + 1; continue }
                let d = boundedDistance(normalizedCity(z.city), city, limit: 2)
                near[key] = (d, 1, "\(displayCity(z.city)), \(z.state)")
            }
            let best = near.values.filter { $0.distance <= 2 }
                .sorted { ($0.distance, -$0.zips, $0.name) < ($1.distance, -$1.zips, $1.name) }
            return .failure(.unknownCity(text, suggestions: best.prefix(3).map(\.name)))
        }
        if byState.count > 1 {
            // Largest first (most ZIP codes), so the example in the message is the likeliest.
            let candidates = byState.sorted { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key }
                .map { (state, list) in "\(displayCity(list[0].city)), \(state)" }
            return .failure(.ambiguousCity(text, candidates: candidates))
        }
        let (st, list) = byState.first!
        let lat = list.reduce(0.0) { $0 + $1.latitude } / Double(list.count)
        let lon = list.reduce(0.0) { $0 + $1.longitude } / Double(list.count)
        return .success(Place(location: GeoPoint(latitude: lat, longitude: lon),
                              label: "\(displayCity(list[0].city)), \(st)", zipCount: list.count))
    }

    /// "Chicago, IL" for a ZIP centroid (its city in display case).
    public static func displayName(_ z: ZipCentroid) -> String { "\(displayCity(z.city)), \(z.state)" }

    /// Lowercase letters and digits with single spaces; "St." and "Saint" agree ("st").
    static func normalizedCity(_ s: String) -> String {
        var words: [String] = []
        for w in s.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }) {
            let word = String(w)
            words.append(word == "saint" ? "st" : word == "fort" ? "ft" : word == "mount" ? "mt" : word)
        }
        return words.joined(separator: " ")
    }

    /// "CHICAGO" or "chicago" → "Chicago"; mixed case is kept.
    static func displayCity(_ s: String) -> String {
        guard s == s.uppercased() || s == s.lowercased() else { return s }
        return s.lowercased().split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }

    /// Levenshtein distance, or `limit + 1` once it must exceed `limit`.
    static func boundedDistance(_ a: String, _ b: String, limit: Int) -> Int {
        let x = Array(a.utf8), y = Array(b.utf8)
        if abs(x.count - y.count) > limit { return limit + 1 }
        var previous = Array(0 ... y.count)
        for i in 1 ... max(1, x.count) where !x.isEmpty {
            var current = [i] + [Int](repeating: 0, count: y.count)
            var rowMin = current[0]
            for j in 1 ... max(1, y.count) where !y.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
                rowMin = min(rowMin, current[j])
            }
            if rowMin > limit { return limit + 1 }
            previous = current
        }
        return previous[y.count]
    }
}

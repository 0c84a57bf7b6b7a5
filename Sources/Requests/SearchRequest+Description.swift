import Search

extension SearchRequest {
    /// What the request asks, for result headers: `"health information", near 60601 (Chicago,
    /// IL), within 50 mi, level bachelor|master, CIP 51.07`; "all programs" when it asks nothing.
    /// - Parameter place: how the place was understood ("60601 (Chicago, IL)"); without one, a
    ///   point reads as degrees and a place by name as given.
    public func description(place label: String?) -> String {
        var parts: [String] = []
        if let t = self.text { parts.append("\"\(t)\"") }
        if let label { parts.append("near \(label)") } else if let place { parts.append("near \(Self.placeText(place))") }
        if let r = self.radiusMiles { parts.append("within \(DecimalArgument.text(r)) mi") }
        if !self.levels.isEmpty { parts.append("level " + self.levels.sorted().map(\.rawValue).joined(separator: "|")) }
        if !self.states.isEmpty { parts.append("state " + self.states.sorted().joined(separator: "|")) }
        if let c = self.cipPrefix { parts.append("CIP \(c)") }
        if !self.accreditors.isEmpty { parts.append("accredited " + self.accreditors.sorted().joined(separator: "|")) }
        if !self.deliveries.isEmpty { parts.append("delivery " + self.deliveries.map(\.rawValue).sorted().joined(separator: "|")) }
        return parts.isEmpty ? "all programs" : parts.joined(separator: ", ")
    }

    /// How results in `sort` are ordered, in words: "relevance × nearness (halves every 25 mi)"
    /// for blended order, "relevance (classic BM25)" under the classic ranking, "relevance
    /// (custom weights)" when the query sets its own.
    public func orderDescription(_ sort: SortOrder) -> String {
        let custom = self.ranking != .classic && self.ranking != .standard ? " (custom weights)" : ""
        switch sort {
        case .blended:
            let h = self.query.effectiveDecay.halfDistanceMiles
            let miles = h == h.rounded() ? String(Int(h)) : String(h)
            return "relevance × nearness (halves every \(miles) mi)" + custom
        case .relevance where self.ranking == .classic: return "relevance (classic BM25)"
        case .relevance: return "relevance" + custom
        default: return sort.rawValue
        }
    }

    /// A place without a label: a ZIP or city as given, a point in degrees.
    static func placeText(_ place: RequestPlace) -> String {
        switch place {
        case let .near(text), let .zip(text): text
        case let .point(p): coordinates(p.latitude, p.longitude)
        }
    }

    /// "41.8800° N, 87.6300° W": a point without a place name, 4 decimals (≈ 11 m).
    public static func coordinates(_ lat: Double, _ lon: Double) -> String {
        func part(_ v: Double, _ positive: String, _ negative: String) -> String {
            let t = Int((abs(v) * 10_000).rounded())
            let frac = String(t % 10_000)
            let hemisphere = t == 0 ? "" : v < 0 ? " " + negative : " " + positive
            return "\(t / 10_000).\(String(repeating: "0", count: 4 - frac.count))\(frac)°" + hemisphere
        }
        return part(lat, "N", "S") + ", " + part(lon, "E", "W")
    }
}

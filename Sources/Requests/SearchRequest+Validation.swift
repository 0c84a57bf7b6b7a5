import Corpus
import Geo
import Search

extension SearchRequest {
    /// Checks the whole request: every value in its range and every option with what it needs
    /// (a radius, distance or blended order, or a decay needs a point; blended order needs words
    /// and the fields ranking). The CLI, batch lines and hand-built requests all pass here.
    /// - Throws: `UsageError`, one line naming the option, the value and the fix.
    public func validate() throws(UsageError) {
        if let p = place?.point {
            guard p.latitude.isFinite, abs(p.latitude) <= 90 else { throw .latitude(DecimalArgument.text(p.latitude)) }
            guard p.longitude.isFinite, abs(p.longitude) <= 180 else { throw .longitude(DecimalArgument.text(p.longitude)) }
        }
        if let r = self.radiusMiles {
            guard r.isFinite, r >= 0 else { throw .radius(DecimalArgument.text(r)) }
            if place == nil { throw UsageError("--radius needs a point to measure from: \(Self.addPoint)") }
        }
        for s in self.states.sorted() where !USState.isCode(s) { throw .state(s) }
        if let c = self.cipPrefix, !CIPCode.isValidPrefix(c) {
            throw UsageError("--cip \"\(c)\" is not a CIP prefix; use a family 51, a series 51.07, or a code 51.0707")
        }
        for a in self.accreditors.sorted() where !Self.isAccreditorAcronym(a) { throw .accreditor(a) }
        switch self.sort {
        case .distance? where place == nil:
            throw UsageError("--sort distance needs a point: \(Self.addPoint)")
        case .blended?:
            if self.ranking == .classic {
                throw UsageError("--sort blended is the fields ranking's order; with --ranking classic use --sort relevance, or drop --ranking classic")
            }
            if place == nil { throw UsageError("--sort blended ranks by text score and distance, so it needs a point: \(Self.addPoint)") }
            if self.text == nil { throw UsageError("--sort blended ranks by text score and distance, so it needs query words; or use --sort distance") }
        default: break
        }
        if case let .fields(w) = self.ranking {
            for (name, path) in Self.weightParameters {
                let v = w[keyPath: path]
                let inRange = v.isFinite && v >= 0 && (!name.hasSuffix("-b") || v <= 1)
                if !inRange { throw .weight(name, DecimalArgument.text(v)) }
            }
        }
        if let d = decayMiles {
            guard d.isFinite, d > 0 else { throw .decayMiles(DecimalArgument.text(d)) }
            if self.ranking == .classic { throw UsageError("--decay-miles shapes blended order, which --ranking classic does not use; drop one of them") }
            if place == nil { throw UsageError("--decay-miles needs a point: \(Self.addPoint)") }
            if self.text == nil { throw UsageError("--decay-miles shapes blended order (text score × distance decay), so it needs query words; drop it") }
            if let s = self.sort, s != .blended {
                throw UsageError("--decay-miles shapes blended order, not --sort \(s.rawValue); drop one of them")
            }
        }
        if self.limit < 0 { throw .count("limit", String(self.limit)) }
        if self.offset < 0 { throw .count("offset", String(self.offset)) }
    }

    /// The fix for an option that needs a point.
    static let addPoint = "add --near PLACE, --zip ZIP or --lat LAT --lon LON"
}

// The messages for values that are refused both when read (text that is not a number) and when
// validated (a number out of range), so each reads the same either way.
extension UsageError {
    static func latitude(_ shown: String) -> UsageError {
        UsageError("--lat \"\(shown)\" is not a latitude; give degrees in [-90, 90] as a plain decimal (e.g. --lat 41.88)")
    }
    static func longitude(_ shown: String) -> UsageError {
        UsageError("--lon \"\(shown)\" is not a longitude; give degrees in [-180, 180] as a plain decimal (e.g. --lon -87.63)")
    }
    static func radius(_ shown: String) -> UsageError {
        UsageError("--radius \"\(shown)\" is not valid: give a distance in miles that is 0 or more, as a plain decimal (e.g. --radius 50)")
    }
    static func state(_ shown: String) -> UsageError {
        UsageError("--state \"\(shown)\" is not a USPS state code; use two letters such as IL, TX, CA")
    }
    static func accreditor(_ shown: String) -> UsageError {
        UsageError("--accredited \"\(shown)\" is not an accreditor acronym (letters and digits, e.g. CAHIIM)")
    }
    static func decayMiles(_ shown: String) -> UsageError {
        UsageError("--decay-miles \"\(shown)\" is not valid: give the miles at which a score is halved, above 0, as a plain decimal (e.g. --decay-miles 25)")
    }
    static func weight(_ name: String, _ shown: String) -> UsageError {
        let range = name.hasSuffix("-b") ? "a plain decimal from 0 to 1" : "a plain decimal, 0 or more"
        return UsageError("--weights \(name)=\(shown) is not valid: \(name) takes \(range) (e.g. --weights title=4,description=1,institution=0.5,title-b=0.5)")
    }
    static func count(_ option: String, _ shown: String, allowZero: Bool = true) -> UsageError {
        UsageError("--\(option) \"\(shown)\" is not valid: give a whole number \(allowZero ? "≥ 0" : "> 0") in plain digits (e.g. --\(option) 10)")
    }
}

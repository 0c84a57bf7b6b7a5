import Corpus

/// Grows the real corpus to any size while keeping its text statistics real: copy 0 is the
/// corpus itself; copy k ≥ 1 repeats every record (title, description, institution name, CIP,
/// level, accreditors and outcomes unchanged) with its institution moved to another real ZIP
/// centroid (with a jitter of up to ±`jitterDegrees`), and the ids made unique by a suffix:
/// record "100654-51.0707-associate" → "100654-51.0707-associate~3", institution "100654" →
/// "100654~3". All the records of one institution in one copy move to the same ZIP, so an
/// institution stays one place. The last copy is cut at `count` (a prefix of the corpus).
///
/// Deterministic: the same records, ZIPs, seed and count give the same output.
public struct RealCorpusScaler: Sendable {
    public let zips: [ZipCentroid]
    public let seed: UInt64
    public static let jitterDegrees = 0.02

    /// - Parameter zips: the ZIP table to move institutions to; ZIPs outside the USPS state
    ///   codes are not used. Precondition: at least one usable ZIP.
    public init(zips: [ZipCentroid], seed: UInt64) {
        let usable = zips.filter { USState.isCode($0.state) }
        precondition(!usable.isEmpty, "scaling needs at least one ZIP centroid with a USPS state code")
        self.zips = usable
        self.seed = seed
    }

    /// The separator between an id and its copy number.
    public static let copySeparator = "~"

    /// `count` records: the corpus repeated (copies 1, 2, … moved), cut at `count`.
    /// With `count` ≤ `records.count`, a prefix of `records`, unchanged.
    /// - Complexity: O(count) plus O(institutions) per copy.
    public func scale(_ records: [ProgramRecord], to count: Int) -> [ProgramRecord] {
        guard !records.isEmpty, count > records.count else { return Array(records.prefix(count)) }
        // Each record's institution, numbered in order of first appearance.
        var ordinalOf: [String: Int] = [:]
        var institutionOrdinal: [Int] = []
        institutionOrdinal.reserveCapacity(records.count)
        for r in records {
            let next = ordinalOf.count
            let o = ordinalOf[r.institutionID, default: next]
            if o == next { ordinalOf[r.institutionID] = o }
            institutionOrdinal.append(o)
        }
        let institutions = ordinalOf.count

        var out: [ProgramRecord] = []
        out.reserveCapacity(count)
        out.append(contentsOf: records)
        var copy = 1
        while out.count < count {
            let placements = placements(copy: copy, institutions: institutions)
            let suffix = Self.copySeparator + String(copy)
            for (i, base) in records.enumerated() {
                if out.count == count { break }
                let (z, lat, lon) = placements[institutionOrdinal[i]]
                var r = base
                r.id = base.id + suffix
                r.institutionID = base.institutionID + suffix
                r.city = z.city
                r.state = z.state
                r.zip = z.zip
                r.latitude = lat
                r.longitude = lon
                out.append(r)
            }
            copy += 1
        }
        return out
    }

    /// Where copy `copy` puts each institution: a ZIP drawn uniformly from the table and a
    /// jittered point around its centroid, rounded to 1e-6°.
    func placements(copy: Int, institutions: Int) -> [(ZipCentroid, Double, Double)] {
        var rng = SplitMix64(seed: seed ^ (UInt64(copy) &* 0x9E37_79B9_7F4A_7C15))
        return (0 ..< institutions).map { _ in
            let z = zips[rng.below(zips.count)]
            let lat = max(-90, min(90, z.latitude + (rng.unit() * 2 - 1) * Self.jitterDegrees))
            let lon = max(-180, min(180, z.longitude + (rng.unit() * 2 - 1) * Self.jitterDegrees))
            return (z, (lat * 1e6).rounded() / 1e6, (lon * 1e6).rounded() / 1e6)
        }
    }
}

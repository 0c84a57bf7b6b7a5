#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Mean Earth radius used for every distance in schoolfinder: statute miles.
public let earthRadiusMiles: Double = 3958.7613

/// A position in WGS84 degrees. Latitude in [-90, 90], longitude in [-180, 180].
public struct GeoPoint: Sendable, Hashable, CustomStringConvertible {
    public var latitude: Double
    public var longitude: Double

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// True when both coordinates are finite and inside their ranges (inclusive).
    public var isValid: Bool {
        latitude.isFinite && longitude.isFinite && abs(latitude) <= 90 && abs(longitude) <= 180
    }

    public var description: String { "(\(latitude), \(longitude))" }
}

@inline(__always) func radians(_ degrees: Double) -> Double { degrees * (Double.pi / 180) }

/// Great-circle distance in statute miles between two points given in degrees, by the haversine
/// formula on a sphere of radius `earthRadiusMiles`:
/// a = sin²(Δφ/2) + cos φ1 · cos φ2 · sin²(Δλ/2), d = 2R · asin(min(1, √a)).
/// Result in [0, πR]; symmetric; 0 for identical points.
@inlinable
public func haversineMiles(lat1: Double, lon1: Double, lat2: Double, lon2: Double) -> Double {
    let p1 = lat1 * (Double.pi / 180)
    let p2 = lat2 * (Double.pi / 180)
    let dp = p2 - p1
    let dl = (lon2 - lon1) * (Double.pi / 180)
    let s1 = sin(dp / 2)
    let s2 = sin(dl / 2)
    let a = s1 * s1 + cos(p1) * cos(p2) * s2 * s2
    return 2 * earthRadiusMiles * asin(min(1, a.squareRoot()))
}

/// Great-circle distance in statute miles between two points. See `haversineMiles(lat1:lon1:lat2:lon2:)`.
@inlinable
public func haversineMiles(_ a: GeoPoint, _ b: GeoPoint) -> Double {
    haversineMiles(lat1: a.latitude, lon1: a.longitude, lat2: b.latitude, lon2: b.longitude)
}

/// A query origin with its trigonometry precomputed, for scanning many candidates.
/// `distanceMiles(to:)` returns exactly what `haversineMiles` returns for the same inputs.
public struct DistanceOrigin: Sendable {
    public let point: GeoPoint
    @usableFromInline let phi: Double
    @usableFromInline let cosPhi: Double

    public init(_ point: GeoPoint) {
        self.point = point
        self.phi = point.latitude * (Double.pi / 180)
        self.cosPhi = cos(phi)
    }

    /// Miles from the origin to (`latitude`, `longitude`) in degrees.
    @inlinable
    public func distanceMiles(latitude: Double, longitude: Double) -> Double {
        let p2 = latitude * (Double.pi / 180)
        let dp = p2 - phi
        let dl = (longitude - point.longitude) * (Double.pi / 180)
        let s1 = sin(dp / 2)
        let s2 = sin(dl / 2)
        let a = s1 * s1 + cosPhi * cos(p2) * s2 * s2
        return 2 * earthRadiusMiles * asin(min(1, a.squareRoot()))
    }
}

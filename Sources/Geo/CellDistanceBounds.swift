#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bounds of `GeoGrid.lowerBoundMiles` and `GeoGrid.upperBoundMiles` (which document them
/// and compute them here, for one cell) from one origin to many cells, for a radius or
/// nearest-cells walk: the origin's values are computed once, and a row's (its cos φmax, and
/// the centre haversine's sin²(Δφ/2) and cos φ1 · cos φ2) are kept while consecutive cells
/// share the row, as a walk in key order does. A kept value is the same expression of the same
/// inputs as a recomputed one, so the bounds do not depend on the walk's order, bit for bit; a
/// row's first cell costs the whole computation, each next one about a third (one sine and an
/// arcsine for the upper bound, one sine for the lower). The centre distance is the haversine
/// `haversineMiles` computes, its terms in the same order.
///
/// A value type with a one-row cache: one per walk, on one thread.
public struct CellDistanceBounds {
    /// The origin every bound is measured from.
    public let origin: GeoPoint
    /// cos φ of the origin, as `lowerBoundMiles` computes it.
    private let cosOrigin: Double
    /// The origin in radians, as `haversineMiles` computes it (`p1`).
    private let originPhi: Double
    /// The row whose values are kept (-1: none yet).
    private var row = -1
    /// The row's cos φmax (`upperBoundMiles`).
    private var rowCosMax = 0.0
    /// The row's centre-latitude haversine terms: sin²(Δφ/2) and cos φ1 · cos φ2.
    private var rowSineSquared = 0.0
    private var rowCosines = 0.0

    public init(origin: GeoPoint) {
        self.origin = origin
        cosOrigin = cos(origin.latitude * (Double.pi / 180))
        originPhi = origin.latitude * (Double.pi / 180)
    }

    /// `GeoGrid.lowerBoundMiles(from: origin, toCell: key)`.
    public func lowerMiles(toCell key: UInt32) -> Double {
        let (latLo, lonLo) = GeoGrid.origin(ofCell: key)
        let latHi = latLo + GeoGrid.cellDegrees, lonHi = lonLo + GeoGrid.cellDegrees
        let lat = origin.latitude, lon = origin.longitude
        var dLat = 0.0
        if lat < latLo { dLat = latLo - lat } else if lat > latHi { dLat = lat - latHi }
        var dLon = 0.0
        if lon < lonLo || lon > lonHi {
            dLon = min(GeoGrid.angularGap(lon, lonLo), GeoGrid.angularGap(lon, lonHi))
        }
        let latBound = earthRadiusMiles * dLat * (Double.pi / 180)
        var lonBound = 0.0
        if dLon > 0 {
            let s = abs(sin(dLon * (Double.pi / 180))) * cosOrigin
            lonBound = earthRadiusMiles * asin(min(1, max(0, s)))
        }
        return max(0, max(latBound, lonBound) * (1 - 1e-9) - 1e-9)
    }

    /// `GeoGrid.upperBoundMiles(from: origin, toCell: key)`.
    public mutating func upperMiles(toCell key: UInt32) -> Double {
        let (latLo, lonLo) = GeoGrid.origin(ofCell: key)
        let cellRow = Int(key) / GeoGrid.columns
        if cellRow != row {
            row = cellRow
            let latHi = latLo + GeoGrid.cellDegrees
            rowCosMax = (latLo <= 0 && latHi >= 0) ? 1 : max(cos(latLo * Double.pi / 180), cos(latHi * Double.pi / 180))
            // haversineMiles(lat1: origin, lat2: the centre's latitude), its terms of the row.
            let p2 = (latLo + GeoGrid.cellDegrees / 2) * (Double.pi / 180)
            let s1 = sin((p2 - originPhi) / 2)
            rowSineSquared = s1 * s1
            rowCosines = cosOrigin * cos(p2) // cos(φ1): the same value as cos(originPhi)
        }
        let half = GeoGrid.cellDegrees / 2 * (Double.pi / 180)
        let dl = ((lonLo + GeoGrid.cellDegrees / 2) - origin.longitude) * (Double.pi / 180)
        let s2 = sin(dl / 2)
        let a = rowSineSquared + rowCosines * s2 * s2
        let toCentre = 2 * earthRadiusMiles * asin(min(1, a.squareRoot()))
        return (toCentre + earthRadiusMiles * half * (1 + rowCosMax)) * (1 + 1e-9) + 1e-9
    }
}

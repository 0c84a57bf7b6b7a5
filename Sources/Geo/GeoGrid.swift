#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The fixed equirectangular grid that orders records in the index: cells of
/// `cellDegrees` × `cellDegrees`, `rows` from the south pole up, `columns` from 180°W east.
///
/// A cell key is `row * columns + column`, so the cells of one row are contiguous keys and a
/// radius query becomes, per row, one contiguous key interval (two where it wraps at 180°).
/// Invariant: every valid point maps to exactly one key in `0 ..< rows * columns`.
public enum GeoGrid {
    /// Cell edge in degrees of latitude and of longitude.
    public static let cellDegrees: Double = 0.25
    public static let rows = 720
    public static let columns = 1440
    public static let cellCount = rows * columns

    /// Row of a latitude in degrees, clamped to `0 ..< rows` (the north pole joins the top row).
    @inlinable
    public static func row(latitude: Double) -> Int {
        let r = Int(((latitude + 90) / cellDegrees).rounded(.down))
        return min(max(r, 0), rows - 1)
    }

    /// Column of a longitude in degrees, clamped to `0 ..< columns` (180°E joins the last column).
    @inlinable
    public static func column(longitude: Double) -> Int {
        let c = Int(((longitude + 180) / cellDegrees).rounded(.down))
        return min(max(c, 0), columns - 1)
    }

    /// The cell key of a point. Precondition: `point.isValid`.
    @inlinable
    public static func cellKey(_ point: GeoPoint) -> UInt32 {
        UInt32(row(latitude: point.latitude) * columns + column(longitude: point.longitude))
    }

    /// Southern and western edges of a cell, in degrees.
    @inlinable
    public static func origin(ofCell key: UInt32) -> (latitude: Double, longitude: Double) {
        let r = Int(key) / columns, c = Int(key) % columns
        return (Double(r) * cellDegrees - 90, Double(c) * cellDegrees - 180)
    }

    /// A lower bound, in miles, on the great-circle distance from `origin` to any point of the cell.
    ///
    /// The larger of two bounds, each a true lower bound: the meridian distance to the nearer
    /// latitude edge, and the cross-track distance to the great circle of the nearer longitude
    /// edge, R · asin(|sin Δλ| · cos φ). Shrunk by a relative 1e-9 so rounding never overstates it.
    /// Computed by `CellDistanceBounds`, which a walk over many cells uses with the origin's
    /// trigonometry kept.
    public static func lowerBoundMiles(from origin: GeoPoint, toCell key: UInt32) -> Double {
        CellDistanceBounds(origin: origin).lowerMiles(toCell: key)
    }

    /// An upper bound, in miles, on the great-circle distance from `origin` to any point of the cell.
    ///
    /// Triangle inequality through the cell's centre C: d(P, X) ≤ d(P, C) + d(C, X), and
    /// d(C, X) ≤ R·(|Δφ| + cos φmax·|Δλ|) (walk the meridian, then X's parallel), with |Δφ|, |Δλ|
    /// at most half a cell and cos φmax the largest cosine over the cell's latitudes.
    /// Grown by a relative 1e-9 so rounding never understates it.
    /// Computed by `CellDistanceBounds` (see `lowerBoundMiles`).
    public static func upperBoundMiles(from origin: GeoPoint, toCell key: UInt32) -> Double {
        var bounds = CellDistanceBounds(origin: origin)
        return bounds.upperMiles(toCell: key)
    }

    /// Smallest absolute difference between two longitudes, in degrees, in [0, 180].
    @inlinable
    static func angularGap(_ a: Double, _ b: Double) -> Double {
        let d = abs(a - b).truncatingRemainder(dividingBy: 360)
        return d > 180 ? 360 - d : d
    }

    /// Half-open cell-key intervals that together cover every cell that can hold a point within
    /// `radiusMiles` (inclusive) of `origin`, in increasing key order. Cells are a superset: the
    /// caller still checks each candidate's exact distance.
    ///
    /// Rows come from the latitude band φ ± r/R; per row, the longitude window is
    /// asin(sin(r/R) / cos φ) when the circle holds no pole, else the whole row.
    public static func keyIntervals(around origin: GeoPoint, radiusMiles: Double) -> [Range<UInt32>] {
        let theta = radiusMiles / earthRadiusMiles // radians
        if !(theta < Double.pi / 2) { return [0 ..< UInt32(cellCount)] }
        let thetaDeg = theta * 180 / Double.pi
        let slack = 1e-7
        let lowRow = row(latitude: max(-90, origin.latitude - thetaDeg - slack))
        let highRow = row(latitude: min(90, origin.latitude + thetaDeg + slack))
        let cosPhi = cos(origin.latitude * Double.pi / 180)
        let ratio = sin(theta) / max(cosPhi, 0)
        var intervals: [Range<UInt32>] = []
        intervals.reserveCapacity(highRow - lowRow + 2)
        if !(ratio < 1) || cosPhi <= 0 {
            // The circle reaches a pole: whole rows, which are contiguous keys.
            intervals.append(UInt32(lowRow * columns) ..< UInt32((highRow + 1) * columns))
            return intervals
        }
        let dLonDeg = asin(ratio) * 180 / Double.pi + slack
        let west = origin.longitude - dLonDeg, east = origin.longitude + dLonDeg
        for r in lowRow ... highRow {
            let base = r * columns
            if west < -180 || east > 180 {
                // Wraps at the antimeridian: two pieces.
                let w = west < -180 ? west + 360 : west
                let e = east > 180 ? east - 360 : east
                intervals.append(UInt32(base) ..< UInt32(base + column(longitude: e) + 1))
                intervals.append(UInt32(base + column(longitude: w)) ..< UInt32(base + columns))
            } else {
                intervals.append(UInt32(base + column(longitude: west)) ..< UInt32(base + column(longitude: east) + 1))
            }
        }
        intervals.sort { $0.lowerBound < $1.lowerBound }
        return intervals
    }
}

import Geo
import Testing

@Suite("Haversine distance")
struct HaversineTests {
    @Test("LAX to JFK is about 2,469.5 miles on R = 3958.7613")
    func laxJFK() {
        let d = haversineMiles(GeoPoint(latitude: 33.9425, longitude: -118.408056), GeoPoint(latitude: 40.639722, longitude: -73.778889))
        #expect(abs(d - 2469.5) < 0.5)
    }

    @Test("known distances", arguments: [
        // (lat1, lon1, lat2, lon2, miles, tolerance)
        (0.0, 0.0, 0.0, 1.0, 69.0933, 0.001), // one degree of longitude on the equator: 2πR/360
        (0.0, 0.0, 1.0, 0.0, 69.0933, 0.001),
        (90.0, 0.0, -90.0, 0.0, 12436.8154, 0.001), // pole to pole: πR
        (0.0, 179.5, 0.0, -179.5, 69.0933, 0.001), // across the antimeridian
        (41.8781, -87.6298, 41.8781, -87.6298, 0.0, 0.0),
    ])
    func known(lat1: Double, lon1: Double, lat2: Double, lon2: Double, miles: Double, tolerance: Double) {
        #expect(abs(haversineMiles(lat1: lat1, lon1: lon1, lat2: lat2, lon2: lon2) - miles) <= tolerance)
    }

    @Test("symmetric, non-negative, bounded by πR, and the precomputed origin agrees exactly")
    func properties() {
        var s: UInt64 = 99
        func r() -> Double { s = s &* 6364136223846793005 &+ 1; return Double(s >> 11) / Double(1 << 53) }
        for _ in 0 ..< 5000 {
            let a = GeoPoint(latitude: r() * 180 - 90, longitude: r() * 360 - 180)
            let b = GeoPoint(latitude: r() * 180 - 90, longitude: r() * 360 - 180)
            let d = haversineMiles(a, b)
            #expect(d >= 0 && d <= Double.pi * earthRadiusMiles + 1e-9)
            #expect(abs(d - haversineMiles(b, a)) < 1e-9)
            #expect(DistanceOrigin(a).distanceMiles(latitude: b.latitude, longitude: b.longitude) == d)
        }
    }
}

@Suite("Geo grid")
struct GeoGridTests {
    @Test("every valid point maps into the grid; cell origins contain their points")
    func cellKeys() {
        for (lat, lon) in [(-90.0, -180.0), (90.0, 180.0), (0.0, 0.0), (41.88, -87.63), (-33.9, 151.2), (89.999, 179.999)] {
            let key = GeoGrid.cellKey(GeoPoint(latitude: lat, longitude: lon))
            #expect(Int(key) < GeoGrid.cellCount)
            let o = GeoGrid.origin(ofCell: key)
            #expect(o.latitude <= lat && (lat < o.latitude + GeoGrid.cellDegrees || lat == 90))
            #expect(o.longitude <= lon && (lon < o.longitude + GeoGrid.cellDegrees || lon == 180))
        }
    }

    /// The geo index is only correct if the cover never misses a point within the radius, and
    /// the lower bound never exceeds a true distance. Checked on random points, worldwide,
    /// including the poles and the antimeridian.
    @Test("radius cover contains every point within the radius; lower bound ≤ true distance ≤ upper bound (property)")
    func coverAndBound() {
        var s: UInt64 = 2026
        func r() -> Double { s = s &* 6364136223846793005 &+ 1442695040888963407; return Double(s >> 11) / Double(1 << 53) }
        for trial in 0 ..< 3000 {
            let origin: GeoPoint
            switch trial % 5 {
            case 0: origin = GeoPoint(latitude: 88 + r() * 2, longitude: r() * 360 - 180)
            case 1: origin = GeoPoint(latitude: r() * 20 - 10, longitude: 179 + r() * 1)
            default: origin = GeoPoint(latitude: r() * 180 - 90, longitude: r() * 360 - 180)
            }
            let radius = [0.5, 5, 30, 200, 1500, 6000][trial % 6] * r()
            let intervals = GeoGrid.keyIntervals(around: origin, radiusMiles: radius)
            for _ in 0 ..< 20 {
                // A point near the origin: offset within a few radii.
                let spread = max(0.01, radius / 69 * 1.5)
                let p = GeoPoint(latitude: max(-90, min(90, origin.latitude + (r() * 2 - 1) * spread)),
                                 longitude: { var x = origin.longitude + (r() * 2 - 1) * spread * 3; while x > 180 { x -= 360 }; while x < -180 { x += 360 }; return x }())
                let d = haversineMiles(origin, p)
                let key = GeoGrid.cellKey(p)
                #expect(GeoGrid.lowerBoundMiles(from: origin, toCell: key) <= d + 1e-9, "bound > distance for \(origin) → \(p)")
                #expect(GeoGrid.upperBoundMiles(from: origin, toCell: key) >= d - 1e-9, "upper bound < distance for \(origin) → \(p)")
                if d <= radius {
                    #expect(intervals.contains { $0.contains(key) }, "cover misses \(p) at \(d) mi of \(origin) r=\(radius)")
                }
            }
        }
    }
}

@Suite("Cell distance bounds from one origin")
struct CellDistanceBoundsTests {
    @Test("CellDistanceBounds gives GeoGrid's lower and upper bounds bit for bit, walked in key order, in random order, across rows, the poles and the antimeridian (property)")
    func sameBitsAsGeoGrid() {
        var s: UInt64 = 0xCE11
        func r() -> Double { s = s &* 6364136223846793005 &+ 1442695040888963407; return Double(s >> 11) / Double(1 << 53) }
        var compared = 0
        for trial in 0 ..< 400 {
            let origin: GeoPoint
            switch trial % 4 {
            case 0: origin = GeoPoint(latitude: 89.9 - r() * 3, longitude: r() * 360 - 180)
            case 1: origin = GeoPoint(latitude: r() * 2 - 1, longitude: 179.9 - r() * 0.5)
            default: origin = GeoPoint(latitude: r() * 180 - 90, longitude: r() * 360 - 180)
            }
            // The cells of a radius walk in key order (rows kept while they repeat), then random cells.
            var bounds = CellDistanceBounds(origin: origin)
            var keys: [UInt32] = GeoGrid.keyIntervals(around: origin, radiusMiles: [3, 40, 300][trial % 3] * (0.2 + r()))
                .flatMap { Array($0.prefix(400)) }
            keys += (0 ..< 40).map { _ in UInt32(r() * Double(GeoGrid.cellCount - 1)) }
            for key in keys {
                let lower = bounds.lowerMiles(toCell: key), upper = bounds.upperMiles(toCell: key)
                #expect(lower.bitPattern == GeoGrid.lowerBoundMiles(from: origin, toCell: key).bitPattern, "lower, \(origin) → cell \(key)")
                #expect(upper.bitPattern == GeoGrid.upperBoundMiles(from: origin, toCell: key).bitPattern, "upper, \(origin) → cell \(key)")
                compared += 1
            }
        }
        #expect(compared > 20_000)
    }
}

import Analysis
import Corpus
import Geo
import IndexFormat

/// `QueryPlan.nearestCells` and `QueryPlan.decayRings`.
extension Execution {
    /// Nearest-first top-k without a radius: visits cells in rings of growing radius, each ring's
    /// new cells in order of their distance lower bound, and stops when the k-th best distance is
    /// below every unvisited cell's bound. Fills `collector`; `total` is set by the caller.
    mutating func nearestByRings(from point: GeoPoint) {
        guard collector.capacity > 0 else { return }
        var visited = Set<UInt32>()
        for r in Self.ringRadii {
            let candidates = ringCandidates(around: point, radius: r, visited: visited)
            for c in candidates {
                if collector.isFull, let worst = collector.worst, c.bound > worst.distance { break }
                guard let cell = reader.cells.cell(c.index) else { corrupt = true; return }
                visited.insert(cell.key)
                run(cell.documents)
            }
            if collector.isFull, let worst = collector.worst, worst.distance <= r { return }
        }
    }

    /// Blended order without a radius (`QueryPlan.decayRings`): cells in rings of growing
    /// radius, each ring's new cells in order of their distance lower bound, every match scored
    /// as text × decay. A cell is skipped once the collector is full and its best possible score
    /// — `textScoreLimit` (a strict bound on any text score) × the decay at its lower bound — is
    /// below the k-th score; the walk ends when that holds at the ring's radius, beyond which
    /// every unvisited cell lies. Under the standard weights a visited cell is also skipped when
    /// its words' field peaks (`fieldPeakBound`) × the decay at its lower bound are below the
    /// k-th score. Fills `collector`; `total` is set by the caller.
    mutating func ringsByDecay(from point: GeoPoint, textScoreLimit: Double) {
        guard collector.capacity > 0, let decay else { return }
        var visited = Set<UInt32>()
        func beaten(atMiles miles: Double) -> Bool {
            guard collector.isFull, let worst = collector.worst else { return false }
            return worst.primary > textScoreLimit * decay.factor(miles: miles)
        }
        for r in Self.ringRadii {
            let candidates = ringCandidates(around: point, radius: r, visited: visited)
            for c in candidates {
                if beaten(atMiles: c.bound) { break }
                guard let cell = reader.cells.cell(c.index) else { corrupt = true; return }
                visited.insert(cell.key)
                // A cell whose words' field peaks bound every text score in it below what the
                // k-th score needs at its distance is not scored (the total is counted apart).
                if collector.isFull, let worst = collector.worst, let peak = fieldPeakBound(cell.documents),
                   peak * decay.factor(miles: c.bound) < worst.primary { continue }
                run(cell.documents)
                if corrupt { return }
            }
            if r.isFinite && beaten(atMiles: r) { return }
        }
    }

    /// The cells a ring of radius `r` miles (the whole grid when infinite) reaches that are not
    /// `visited`, as (distance lower bound in miles, cell index), nearest bound first.
    func ringCandidates(around point: GeoPoint, radius r: Double, visited: Set<UInt32>) -> [(bound: Double, index: Int)] {
        var candidates: [(bound: Double, index: Int)] = []
        let bounds = CellDistanceBounds(origin: point)
        let intervals = r.isFinite ? GeoGrid.keyIntervals(around: point, radiusMiles: r) : [0 ..< UInt32(GeoGrid.cellCount)]
        for interval in intervals {
            var i = reader.cells.firstCell(atOrAfter: interval.lowerBound)
            while i < reader.cells.count, let c = reader.cells.cell(i), c.key < interval.upperBound {
                if !visited.contains(c.key) { candidates.append((bounds.lowerMiles(toCell: c.key), i)) }
                i += 1
            }
        }
        candidates.sort { $0.bound < $1.bound }
        return candidates
    }

    /// Ring radii of the nearest-first walks, in miles; the last ring is the whole grid.
    static var ringRadii: [Double] { [10, 40, 160, 640, 2560, .infinity] }
}

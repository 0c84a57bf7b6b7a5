import Analysis
import Corpus
import Geo
import IndexFormat

/// `QueryPlan.radiusCells`.
extension Execution {
    /// Radius with no clauses, by distance: cells in order of their lower bound; a cell wholly
    /// inside the circle (upper bound ≤ radius) counts without distances, and once the collector
    /// is full, cells whose lower bound exceeds the k-th distance only count.
    mutating func radiusByCells(from point: GeoPoint, radius: Double) {
        var cells: [(lower: Double, index: Int)] = []
        var bounds = CellDistanceBounds(origin: point)
        for interval in GeoGrid.keyIntervals(around: point, radiusMiles: radius) {
            var i = reader.cells.firstCell(atOrAfter: interval.lowerBound)
            while i < reader.cells.count, let c = reader.cells.cell(i), c.key < interval.upperBound {
                let lower = bounds.lowerMiles(toCell: c.key)
                if lower <= radius { cells.append((lower, i)) }
                i += 1
            }
        }
        cells.sort { $0.lower < $1.lower }
        guard let origin else { return }
        for c in cells {
            guard let cell = reader.cells.cell(c.index) else { corrupt = true; return }
            let inside = bounds.upperMiles(toCell: cell.key) <= radius
            let needed = !(collector.isFull && collector.worst.map { c.lower > $0.distance } == true) && collector.capacity > 0
            if inside && !needed { total += cell.documents.count; continue }
            for d in cell.documents {
                guard let distance = self.distance(d, from: origin) else { corrupt = true; return }
                if !(distance <= radius) { continue }
                total += 1
                if needed { offer(UInt32(d), distance: distance) }
            }
        }
    }

}

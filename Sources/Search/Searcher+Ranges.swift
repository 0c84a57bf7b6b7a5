import Analysis
import Corpus
import Geo
import IndexFormat

extension Searcher {

    /// Cells of at least this many documents are classified against the radius.
    static let classifiedCellSize = 32

    /// Contiguous document ranges covering every cell that can hold a point within the radius
    /// (its distance lower bound ≤ radius; cells of fewer than `classifiedCellSize` documents
    /// are kept unclassified), in increasing document order. `inside`: every cell of the range
    /// lies wholly within the radius (upper bound ≤ radius), so its documents need no distance
    /// to be counted.
    func documentRanges(around origin: GeoPoint, radiusMiles: Double) -> [(range: Range<Int>, inside: Bool)] {
        var ranges: [(range: Range<Int>, inside: Bool)] = []
        var bounds = CellDistanceBounds(origin: origin)
        for interval in GeoGrid.keyIntervals(around: origin, radiusMiles: radiusMiles) {
            var i = reader.cells.firstCell(atOrAfter: interval.lowerBound)
            while i < reader.cells.count, let c = reader.cells.cell(i), c.key < interval.upperBound {
                i += 1
                // Classifying a cell costs two bounds (trigonometry, a few hundred instructions
                // with the row's kept): worth it for a cell of many documents, not for a few
                // (their distances are checked).
                var inside = false
                if c.documents.count >= Self.classifiedCellSize {
                    if bounds.lowerMiles(toCell: c.key) > radiusMiles { continue }
                    inside = bounds.upperMiles(toCell: c.key) <= radiusMiles
                }
                if let last = ranges.last, last.range.upperBound == c.documents.lowerBound, last.inside == inside {
                    ranges[ranges.count - 1].range = last.range.lowerBound ..< c.documents.upperBound
                } else {
                    ranges.append((c.documents, inside))
                }
            }
        }
        return ranges
    }

    /// Runs `body` on each range around `origin`, telling `execution` whether the range lies
    /// wholly inside the radius.
    func forEachRange<S: RelevanceScorer>(around origin: GeoPoint, radiusMiles: Double, _ execution: inout Execution<S>,
                                          _ body: (inout Execution<S>, Range<Int>) -> Void) {
        for r in documentRanges(around: origin, radiusMiles: radiusMiles) {
            execution.rangeInside = r.inside
            body(&execution, r.range)
        }
        execution.rangeInside = false
    }
}
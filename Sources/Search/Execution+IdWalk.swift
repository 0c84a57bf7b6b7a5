import Analysis
import Corpus
import Geo
import IndexFormat

/// `QueryPlan.idWalk`.
extension Execution {
    /// Id order without a radius: documents in rank order, each tested against every clause by a
    /// seek, until the collector is full (later ranks cannot beat a full collector).
    mutating func walkByRank() {
        guard collector.capacity > 0 else { return }
        let n = reader.documentCount
        for rank in 0 ..< n {
            let doc = reader.rows.document(rank: rank)
            guard Int(doc) < n else { corrupt = true; return }
            var member = passesColumns(doc) && passesDense(doc)
            if member { for c in clauses where c.seek(doc) != doc { member = false; break } }
            if !member { continue }
            var distance = 0.0
            if let origin {
                guard let dist = self.distance(Int(doc), from: origin) else { corrupt = true; return }
                distance = dist
            }
            offer(doc, distance: distance)
            if collector.isFull { return }
        }
    }

}

import IndexFormat

/// Grouping by institution (`--group institution`): per institution id (its id's string id, so
/// rows of one id with differing names or places are one school) with a match, its best match
/// in the query's order and how many of its programs match. Every match is offered
/// (`QueryPlan.intersect`), so the counts are exact.
/// - Complexity: O(1) amortised per match; O(g log g) to order g groups.
struct InstitutionGroups {
    private var best: [UInt32: (entry: TopKCollector.Entry, count: Int)] = [:]

    /// Offers a match of the institution whose id has string id `institution`, with its collector entry.
    @inline(__always)
    mutating func offer(_ entry: TopKCollector.Entry, institution: UInt32) {
        if let g = best[institution] {
            best[institution] = (TopKCollector.better(entry, g.entry) ? entry : g.entry, g.count + 1)
        } else {
            best[institution] = (entry, 1)
        }
    }

    /// Institutions with a match.
    var count: Int { best.count }

    /// Each institution's best match with its match count, best first.
    func ordered() -> [(entry: TopKCollector.Entry, count: Int)] {
        best.values.sorted { TopKCollector.better($0.entry, $1.entry) }
    }
}

import Analysis
import Corpus
import Foundation
import Search

/// The search contract written as plainly as possible: scan every record, test every
/// condition, score, sort everything, slice. No index, no cells, no heap.
final class ReferenceEngine: @unchecked Sendable {
    struct Hit: Equatable {
        let id: String
        let score: Double
        let distance: Double?
    }

    let records: [ProgramRecord]
    let tokenSets: [Set<String>]
    let tokenCounts: [[String: Int]]
    let lengths: [Int]
    let averageLength: Double
    private var documentFrequency: [String: Int] = [:]
    private let lock = NSLock()

    func df(_ word: String) -> Int {
        lock.lock(); defer { lock.unlock() }
        if let d = documentFrequency[word] { return d }
        let d = tokenSets.reduce(0) { $0 + ($1.contains(word) ? 1 : 0) }
        documentFrequency[word] = d
        return d
    }

    init(records: [ProgramRecord]) {
        // Mirror the index: invalid records and repeated ids (after the first) are not indexed.
        var seen = Set<String>()
        var kept: [ProgramRecord] = []
        for r in records where r.validationProblem == nil && seen.insert(r.id).inserted { kept.append(r) }
        self.records = kept
        var sets: [Set<String>] = [], counts: [[String: Int]] = [], lengths: [Int] = []
        for r in kept {
            let tokens = Analyzer.tokens(r.title) + Analyzer.tokens(r.description) + Analyzer.tokens(r.institutionName)
            sets.append(Set(tokens))
            counts.append(tokens.reduce(into: [:]) { $0[$1, default: 0] += 1 })
            lengths.append(tokens.count)
        }
        tokenSets = sets
        tokenCounts = counts
        self.lengths = lengths
        averageLength = Double(lengths.reduce(0, +)) / Double(max(1, kept.count))
    }

    /// Haversine, written out again on purpose.
    static func miles(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let p1 = lat1 * (Double.pi / 180), p2 = lat2 * (Double.pi / 180)
        let dp = p2 - p1, dl = (lon2 - lon1) * (Double.pi / 180)
        let a = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2)
        return 2 * 3958.7613 * asin(min(1, a.squareRoot()))
    }

    func search(_ q: SearchQuery) -> (total: Int, hits: [Hit]) {
        var words: [String] = []
        if let t = q.text { for w in Analyzer.tokens(t) where !words.contains(w) { words.append(w) } }
        let n = Double(records.count)
        var idf: [String: Double] = [:]
        for w in words {
            let df = Double(self.df(w))
            idf[w] = log(1 + (n - df + 0.5) / (df + 0.5))
        }
        var matches: [Hit] = []
        for (i, r) in records.enumerated() {
            if !words.allSatisfy({ tokenSets[i].contains($0) }) { continue }
            if !q.levels.isEmpty && !q.levels.contains(r.level) { continue }
            if !q.states.isEmpty && !q.states.contains(r.state) { continue }
            if let c = q.cipPrefix, !r.cipCode.hasPrefix(c) { continue }
            if !q.accreditors.isEmpty && !r.accreditors.contains(where: { a in q.accreditors.contains { $0.uppercased() == a } }) { continue }
            if !q.deliveries.isEmpty && !q.deliveries.contains(r.delivery) { continue }
            var distance: Double?
            if let o = q.origin {
                let d = Self.miles(o.latitude, o.longitude, r.latitude, r.longitude)
                if let radius = q.radiusMiles, d > radius { continue }
                distance = d
            }
            var score = 0.0
            for w in words {
                let tf = Double(tokenCounts[i][w]!)
                let norm = 1.2 * (1 - 0.75 + 0.75 * Double(lengths[i]) / averageLength)
                score += idf[w]! * (tf * (1.2 + 1)) / (tf + norm)
            }
            matches.append(Hit(id: r.id, score: score, distance: distance))
        }
        let sort = q.effectiveSort
        matches.sort { a, b in
            switch sort {
            case .relevance:
                if a.score != b.score { return a.score > b.score }
                if let da = a.distance, let db = b.distance, da != db { return da < db }
            case .distance:
                if a.distance! != b.distance! { return a.distance! < b.distance! }
            case .id: break
            }
            return a.id.utf8.lexicographicallyPrecedes(b.id.utf8)
        }
        let page = Array(matches.dropFirst(q.offset).prefix(q.limit))
        return (matches.count, page)
    }
}

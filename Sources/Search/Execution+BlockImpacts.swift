import Analysis
import Corpus
import Geo
import IndexFormat

/// `QueryPlan.blockImpacts` (classic ranking).
extension Execution {
    /// Relevance order where one scored word's list (sparse, with block impacts; `blockLead`) is
    /// the only intersected clause and every other scored word is dense; dense clauses, row
    /// columns and a radius filter its documents. Every document is counted; a block of 128
    /// postings whose bound is below the k-th score, or equal to it with every rank above the
    /// k-th hit's (no point), is not scored, and with no filter not even decoded (its size is
    /// known). The bound sums, in word order as `exactScore` sums, the block's best posting's
    /// score (`PostingsCursor.blockImpact`) and each other word's largest score (`largestScore`
    /// at any length of the index), so it is never below a real score; a document's, its own
    /// score and the others' largest at its length. Scores are computed as `exactScore` computes
    /// them.
    mutating func runByBlocks(_ range: Range<Int>) {
        guard !range.isEmpty, let lead = blockLead else { return }
        let c = scored[lead].cursor.takeUnretainedValue()
        let weight = scored[lead].weight
        if blockOthers == nil {
            // Per other word and length its largest score; per other word, the largest of those
            // over the lengths documents have (META's range, and 255 for "255 or more").
            let byLength = scored.indices.flatMap { t in
                (0 ..< ScoreTable.size).map { length in t == lead ? 0 : largestScore(scored[t], atLength: length) }
            }
            var lengths = Array(Int(reader.shortestLength) ... max(Int(reader.shortestLength), Int(reader.longestLength)))
            if reader.hasLongDocuments { lengths.append(255) }
            blockOthers = scored.indices.map { t in lengths.map { byLength[t * ScoreTable.size + $0] }.max() ?? 0 }
            blockOthersByLength = byLength
            if scored.count > 1, exactScoring == nil { exactScoring = ExactScoring(scored: scored, scorer: scorer) }
        }
        let others = blockOthers.unsafelyUnwrapped, byLength = blockOthersByLength ?? [], words = exactScoring
        let lo = UInt32(range.lowerBound), hi = UInt32(range.upperBound)
        // Counting a block needs no decoding when nothing filters its documents.
        let filtered = !dense.isEmpty || !columns.isEmpty || checksRadius || range != 0 ..< reader.documentCount
        let blockSize = IndexLayout.postingsBlockSize
        // First block whose last document is ≥ lo.
        var b = 0, end = c.blockCount
        while b < end { let mid = (b + end) >> 1; if c.lastDoc(mid) < lo { b = mid + 1 } else { end = mid } }
        while b < c.blockCount {
            var skip = false
            if collector.isFull, let worst = collector.worst {
                let impact = c.blockImpact(b)
                if impact.frequency < 255 {
                    let leadBound = scorer.score(frequency: impact.frequency, norm: scorer.documentNorm(length: impact.length), weight: weight)
                    var bound = 0.0
                    for t in others.indices { bound += t == lead ? leadBound : others[t] }
                    skip = bound < worst.primary || (origin == nil && bound == worst.primary && impact.minimumRank > worst.rank)
                }
            }
            if skip && !filtered {
                total += b == c.blockCount - 1 ? c.documentFrequency - b * blockSize : blockSize
                b += 1
                continue
            }
            var past = false
            let decoded: Void? = c.withBlock(b) { docs, freqs in
                for (j, doc) in docs.enumerated() {
                    if doc < lo { continue }
                    if doc >= hi { past = true; return }
                    if !columns.isEmpty && !passesColumns(doc) { continue }
                    if !dense.isEmpty && !passesDense(doc) { continue }
                    var distance: Double? = nil
                    if let origin, let radius, !rangeInside {
                        guard let dist = self.distance(Int(doc), from: origin) else { corrupt = true; past = true; return }
                        if !(dist <= radius) { continue }
                        distance = dist
                    }
                    total += 1
                    if skip { continue }
                    let length = reader.rows.length(Int(doc))
                    if others.count > 1, length < ScoreTable.size, collector.isFull, let worst = collector.worst {
                        // Per document: the lead's exact score and each other word's largest at this length.
                        let words = words.unsafelyUnwrapped
                        var bound = 0.0
                        for t in others.indices {
                            bound += t == lead ? words.table.term(lead, frequency: freqs[j], length: length) : byLength[t &* ScoreTable.size &+ Int(length)]
                        }
                        if bound < worst.primary { continue }
                    }
                    var score = 0.0
                    if others.count == 1 {
                        score += scorer.score(frequency: freqs[j], norm: scorer.documentNorm(length: length), weight: weight)
                    } else {
                        guard let s = exactScore(doc, known: (lead, freqs[j])) else { corrupt = true; past = true; return }
                        score = s
                    }
                    offer(doc, score: score, distance: distance)
                }
            }
            if decoded == nil { corrupt = true; return }
            if past || corrupt { return }
            b += 1
        }
    }

    /// The largest score a dense word can add to a document of LENGTHS byte `length`: its score
    /// at `ScoredTerm.frequencyBound(atLength:)` (0 when none of its documents has that byte;
    /// for 255, "255 tokens or more", at 255 tokens). Requires a scorer whose scores grow with
    /// frequency and fall with length (`agreesWithBestDocuments`).
    func largestScore(_ s: ScoredTerm, atLength length: Int) -> Double {
        guard let f = s.frequencyBound(atLength: length) else { return 0 }
        return scorer.score(frequency: f, norm: scorer.documentNorm(length: UInt32(length)), weight: s.weight)
    }

}

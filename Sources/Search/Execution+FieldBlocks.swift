import IndexFormat

/// `QueryPlan.fieldBlocks`: the standard fields ranking led by one sparse word.
extension Execution {
    /// Relevance order under the standard BM25F weights, no radius, where one scored word's list
    /// (sparse, its skip entries carrying field peaks: `PostingsCursor.blockFieldPeak`) is the
    /// only intersected clause and every other scored word is dense with field peaks; dense
    /// clauses and row columns filter the lead's documents.
    ///
    /// The lead's blocks are visited in decreasing order of their field peak (ties in list
    /// order). The order changes no result — the collector's order (score, distance, rank) is
    /// total — but the k-th score reaches its final value after the few best blocks, so:
    /// - a block whose bound is below the k-th score is counted, not scored; with nothing
    ///   filtering the lead, not even decoded (its size is known), and as the blocks come in
    ///   decreasing peak, neither is any block after it;
    /// - in the other blocks, a document whose bound is below the k-th score is counted, not
    ///   scored.
    ///
    /// A block's bound is `scale × peak` of the lead (scale = idf × (k1 + 1) / 255) plus, per
    /// other word, its scale × its largest field peak over the 64-document words the block's
    /// documents span; a document's, the lead's block term plus the other words' peaks at its own
    /// 64. Both are inflated by 1e-9 relative before the comparison (far above the rounding of
    /// the sum), and equal scores are never skipped, so ties still break by distance and id.
    /// Scores are computed as `exactScore` computes them, with the lead's decoded frequency.
    /// - Complexity: O(B) to order the B blocks (a counting sort over peak bytes), O(N / 64) per
    ///   other word for its largest peak, then the decoded blocks' postings, plus the scored
    ///   documents.
    mutating func runByFieldBlocks(lead: Int) {
        let c = scored[lead].cursor.takeUnretainedValue()
        let blockCount = c.blockCount
        guard blockCount > 0 else { return }
        func scale(_ t: ScoredTerm) -> Double { t.idf * (FieldImpact.k1 + 1) / FieldImpact.peakScale }
        let leadScale = scale(scored[lead])
        var others: [(scale: Double, peaks: UnsafePointer<UInt8>)] = []
        for t in scored.indices where t != lead {
            guard let peaks = scored[t].fieldPeaks else { corrupt = true; return }
            others.append((scale(scored[t]), peaks))
        }
        let words = IndexLayout.bitmapWords(documentCount: reader.documentCount)
        // Per other word its largest term anywhere: the bound of a block before its own span is read.
        var othersLargest = 0.0
        for o in others {
            var top: UInt8 = 0
            for w in 0 ..< words { top = max(top, o.peaks[w]) }
            othersLargest += o.scale * Double(top)
        }
        // Blocks by decreasing peak, list order within a peak (a counting sort).
        var starts = [Int](repeating: 0, count: 257)
        for b in 0 ..< blockCount { starts[255 - Int(c.blockFieldPeak(b)) + 1] += 1 }
        for i in 1 ..< 257 { starts[i] += starts[i - 1] }
        var order = [Int32](repeating: 0, count: blockCount)
        for b in 0 ..< blockCount {
            let slot = 255 - Int(c.blockFieldPeak(b))
            order[starts[slot]] = Int32(b)
            starts[slot] += 1
        }
        let filtered = !dense.isEmpty || !columns.isEmpty
        let blockSize = IndexLayout.postingsBlockSize
        func size(_ b: Int) -> Int { b == blockCount - 1 ? c.documentFrequency - b * blockSize : blockSize }
        let margin = 1 + 1e-9
        // The 64-document words block b's documents span, from the skip table; `nil` when the
        // table is inconsistent (damage, which decoding the block then reports).
        func spanWords(_ b: Int) -> ClosedRange<Int>? {
            let first = b == 0 ? 0 : Int(c.lastDoc(b - 1)) + 1, last = Int(c.lastDoc(b))
            guard first <= last, last < reader.documentCount else { return nil }
            return first >> 6 ... last >> 6
        }
        for (position, b32) in order.enumerated() {
            let b = Int(b32)
            let leadBound = leadScale * Double(c.blockFieldPeak(b))
            var skip = false
            if collector.isFull, let worst = collector.worst {
                if (leadBound + othersLargest) * margin < worst.primary {
                    skip = true
                    if !filtered {
                        // Every later block has a peak no larger: all counted by their sizes.
                        for rest in order[position...] { total += size(Int(rest)) }
                        return
                    }
                } else if !others.isEmpty, let span = spanWords(b) {
                    // The other words' largest peaks over the 64s this block's documents span.
                    var bound = leadBound
                    for o in others {
                        var top: UInt8 = 0
                        for w in span { top = max(top, o.peaks[w]) }
                        bound += o.scale * Double(top)
                    }
                    skip = bound * margin < worst.primary
                }
            }
            if skip && !filtered {
                total += size(b)
                continue
            }
            if !dense.isEmpty, let span = spanWords(b) {
                // No document the dense clauses hold in the 64s the block spans: none of the
                // block's passes them, so it is neither counted nor decoded (a query whose words
                // never meet reads the lead's skip table and a few bitmap words per block).
                var held = false
                for w in span where dense.conjunctionWord(w) != 0 { held = true; break }
                if !held { continue }
            }
            let decoded: Void? = c.withBlock(b) { docs, freqs in
                for j in 0 ..< docs.count {
                    let doc = docs[j]
                    if !columns.isEmpty && !passesColumns(doc) { continue }
                    if !dense.isEmpty && !passesDense(doc) { continue }
                    total += 1
                    if skip { continue }
                    if collector.isFull, let worst = collector.worst {
                        var bound = leadBound
                        let w = Int(doc >> 6)
                        for o in others { bound += o.scale * Double(o.peaks[w]) }
                        if bound * margin < worst.primary { continue }
                    }
                    guard let score = exactScore(doc, known: (lead, freqs[j])) else { corrupt = true; return }
                    offer(doc, score: score, distance: nil)
                }
            }
            if decoded == nil || corrupt { corrupt = true; return }
        }
    }
}

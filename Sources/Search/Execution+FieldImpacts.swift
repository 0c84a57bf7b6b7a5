import IndexFormat

/// `QueryPlan.fieldImpacts`: the standard fields ranking over dense clauses only.
extension Execution {
    /// Relevance order (standard BM25F weights, no radius) where every clause is a bitmap:
    /// walks the word-wise AND of the clauses 64 documents at a time, counting them by popcount.
    /// Once the collector is full, 64 documents whose bound — per word, its idf × its field peak
    /// there (`Index/FORMAT.md`, "Field peaks"), summed — is below the k-th score are not scored;
    /// the others are scored exactly and offered. The bound is inflated by 1e-9 relative, far
    /// above the rounding of the sum, so no document that could enter is skipped; equal scores
    /// are never skipped, so ties still break by distance and id.
    /// - Complexity: O(words per query × N / 64) for the walk, plus the scored documents.
    mutating func runDenseByFieldImpacts(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        let scales = scored.map { $0.idf * (FieldImpact.k1 + 1) / FieldImpact.peakScale }
        let peaks = scored.compactMap(\.fieldPeaks)
        guard peaks.count == scored.count else { corrupt = true; return }
        for i in [DenseClause].words(of: range) {
            var bits = dense.conjunctionWord(i, within: range)
            if bits == 0 { continue }
            total += bits.nonzeroBitCount
            if collector.isFull, let worst = collector.worst {
                var bound = 0.0
                for t in 0 ..< peaks.count { bound += scales[t] * Double(peaks[t][i]) }
                if bound * (1 + 1e-9) < worst.primary { continue }
            }
            let base = UInt32(i << 6)
            while bits != 0 {
                offer(base | UInt32(bits.trailingZeroBitCount), distance: nil)
                bits &= bits &- 1
            }
        }
    }

    /// The largest text score any document of `range` can have under the standard fields
    /// ranking, from its words' field peaks over the 64-document words the range touches
    /// (inflated by 1e-9 relative, as `runDenseByFieldImpacts` does); `nil` when a word has no
    /// peaks or the weights are not the standard ones (`usesFieldPeaks`).
    /// - Complexity: O(words × range.count / 64).
    func fieldPeakBound(_ range: Range<Int>) -> Double? {
        guard usesFieldPeaks, !range.isEmpty else { return nil }
        var bound = 0.0
        for t in scored {
            guard let peaks = t.fieldPeaks else { return nil }
            var top: UInt8 = 0
            for w in [DenseClause].words(of: range) { top = max(top, peaks[w]) }
            bound += t.idf * (FieldImpact.k1 + 1) / FieldImpact.peakScale * Double(top)
        }
        return bound * (1 + 1e-9)
    }
}

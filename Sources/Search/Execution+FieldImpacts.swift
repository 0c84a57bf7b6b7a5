import IndexFormat

/// `QueryPlan.fieldImpacts`: the standard fields ranking over dense clauses only.
extension Execution {
    /// Relevance order (standard BM25F weights, no radius) where every clause is a bitmap:
    /// walks the word-wise AND of the clauses 64 documents at a time, counting them by popcount.
    /// Once the collector is full, 64 documents whose bound — per word, its idf × its field peak
    /// there (`Index/FORMAT.md`, "Field peaks"), a group's best alternative's, summed — is below
    /// the k-th score are not scored;
    /// the others are offered (`offer`, which with the searcher's `peakBound` bounds each match
    /// again by the words it holds before scoring it exactly). The bound is inflated by 1e-9 relative, far
    /// above the rounding of the sum, so no document that could enter is skipped; equal scores
    /// are never skipped, so ties still break by distance and id.
    ///
    /// With one word and no alternatives the bound of a peak byte p is `scale × p × (1 + 1e-9)`,
    /// which grows with p: the walk keeps the smallest byte whose bound is not below the k-th
    /// score (`PeakThreshold`) and compares each 64's byte with it, computing no bound there;
    /// when that word is the only clause, its size is the total and a 64 below the threshold is
    /// not even read (N / 64 byte compares in all). With several words and no alternatives the
    /// bound is a sum of table loads, one per word.
    /// - Complexity: O(words per query × N / 64) for the walk, plus the scored documents.
    mutating func runDenseByFieldImpacts(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        guard let sources = peakSources() else { corrupt = true; return }
        if sources.count == 1, sources[0].count == 1 {
            var threshold = PeakThreshold(scale: sources[0][0].scale)
            let peaks = sources[0][0].peaks
            // One clause over every document: its size is the total, so a 64 whose peak is below
            // the threshold is not even read.
            let counted = dense.count == 1 && range == 0 ..< reader.documentCount ? dense[0].exactCount : nil
            if let counted { total += counted }
            // 0 while the collector is not full: nothing is skipped.
            var smallestPeak = 0
            for i in [DenseClause].words(of: range) {
                if counted != nil && Int(peaks[i]) < smallestPeak { continue }
                var bits = dense.conjunctionWord(i, within: range)
                if bits == 0 { continue }
                if counted == nil {
                    total += bits.nonzeroBitCount
                    if Int(peaks[i]) < smallestPeak { continue }
                }
                let base = UInt32(i << 6)
                while bits != 0 {
                    offer(base | UInt32(bits.trailingZeroBitCount), distance: nil)
                    bits &= bits &- 1
                }
                if collector.isFull, let worst = collector.worst { smallestPeak = threshold.smallestPeak(reaching: worst.primary) }
            }
            return
        }
        if sources.allSatisfy({ $0.count == 1 }) {
            // Several words, no alternatives: per word a table of scale × p for every byte p
            // (the products `bound(_:word:)` computes), summed in word order from 0 — the same
            // bits — and the k-th score read only after a 64 was offered.
            let count = sources.count
            let table = UnsafeMutablePointer<Double>.allocate(capacity: count * 256)
            defer { table.deallocate() }
            let peaks = UnsafeMutablePointer<UnsafePointer<UInt8>>.allocate(capacity: count)
            defer { peaks.deallocate() }
            for (w, word) in sources.enumerated() {
                peaks[w] = word[0].peaks
                for p in 0 ..< 256 { table[w &* 256 &+ p] = word[0].scale * Double(p) }
            }
            // −∞ while the collector is not full: nothing is skipped.
            var worst = -Double.infinity
            for i in [DenseClause].words(of: range) {
                var bits = dense.conjunctionWord(i, within: range)
                if bits == 0 { continue }
                total += bits.nonzeroBitCount
                var bound = 0.0
                for w in 0 ..< count { bound += table[w &* 256 &+ Int(peaks[w][i])] }
                if bound * (1 + 1e-9) < worst { continue }
                let base = UInt32(i << 6)
                while bits != 0 {
                    offer(base | UInt32(bits.trailingZeroBitCount), distance: nil)
                    bits &= bits &- 1
                }
                if collector.isFull, let k = collector.worst { worst = k.primary }
            }
            return
        }
        for i in [DenseClause].words(of: range) {
            var bits = dense.conjunctionWord(i, within: range)
            if bits == 0 { continue }
            total += bits.nonzeroBitCount
            if collector.isFull, let worst = collector.worst {
                if Self.bound(sources, word: i) * (1 + 1e-9) < worst.primary { continue }
            }
            let base = UInt32(i << 6)
            while bits != 0 {
                offer(base | UInt32(bits.trailingZeroBitCount), distance: nil)
                bits &= bits &- 1
            }
        }
    }

    /// For one word's field peaks at `scale` (idf × (k1 + 1) / 255): the smallest peak byte whose
    /// bound, `scale × p × (1 + 1e-9)` computed as `runDenseByFieldImpacts` computes it, is not
    /// below a score. The bound never decreases with p (each operation is monotone), so a byte
    /// below the answer bounds its 64 documents below the score. The k-th score only rises during
    /// a walk, so the answer is searched upward from the last one: O(256) per walk in all.
    struct PeakThreshold {
        let scale: Double
        private var score = -Double.infinity
        private var peak = 0

        init(scale: Double) { self.scale = scale }

        /// The smallest byte p (256 when none) with `scale × p × (1 + 1e-9) ≥ score`.
        /// Precondition: `score` is not below the one asked before.
        @inline(__always)
        mutating func smallestPeak(reaching score: Double) -> Int {
            if score != self.score {
                self.score = score
                while peak < 256 && scale * Double(peak) * (1 + 1e-9) < score { peak += 1 }
            }
            return peak
        }
    }

    /// The largest text score any document of `range` can have under the standard fields
    /// ranking, from its words' field peaks over the 64-document words the range touches
    /// (inflated by 1e-9 relative, as `runDenseByFieldImpacts` does); `nil` when a word has no
    /// peaks or the weights are not the standard ones (`usesFieldPeaks`).
    /// - Complexity: O(words × range.count / 64).
    func fieldPeakBound(_ range: Range<Int>) -> Double? {
        guard usesFieldPeaks, !range.isEmpty, let sources = peakSources() else { return nil }
        var bound = 0.0
        for word in sources {
            var best = 0.0
            for (scale, peaks) in word {
                var top: UInt8 = 0
                for w in [DenseClause].words(of: range) { top = max(top, peaks[w]) }
                best = max(best, scale * Double(top))
            }
            bound += best
        }
        return bound * (1 + 1e-9)
    }

    /// Per query word, the field peaks that bound it with their scales (idf × (k1 + 1) / 255):
    /// the word's own, or one per alternative of its group (each idf × weight already), a group
    /// being bounded by its best alternative. `nil` when a word or alternative has no peaks.
    func peakSources() -> [[(scale: Double, peaks: UnsafePointer<UInt8>)]]? {
        var sources: [[(scale: Double, peaks: UnsafePointer<UInt8>)]] = []
        for t in scored {
            if let alternatives = t.alternatives {
                var word: [(scale: Double, peaks: UnsafePointer<UInt8>)] = []
                for a in alternatives {
                    guard let peaks = a.fieldPeaks else { return nil }
                    word.append((a.idf * (FieldImpact.k1 + 1) / FieldImpact.peakScale, peaks))
                }
                sources.append(word)
            } else {
                guard let peaks = t.fieldPeaks else { return nil }
                sources.append([(t.idf * (FieldImpact.k1 + 1) / FieldImpact.peakScale, peaks)])
            }
        }
        return sources
    }

    /// The bound of 64-document word `i`: per query word, its best source's scale × peak there, summed.
    @inline(__always)
    static func bound(_ sources: [[(scale: Double, peaks: UnsafePointer<UInt8>)]], word i: Int) -> Double {
        var bound = 0.0
        for word in sources {
            if word.count == 1 {
                bound += word[0].scale * Double(word[0].peaks[i])
            } else {
                var best = 0.0
                for (scale, peaks) in word { best = max(best, scale * Double(peaks[i])) }
                bound += best
            }
        }
        return bound
    }
}

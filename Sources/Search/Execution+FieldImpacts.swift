import IndexFormat

/// `QueryPlan.fieldImpacts`: the standard fields ranking over dense clauses only.
extension Execution {
    /// Relevance order (standard BM25F weights, no radius) where every clause is a bitmap: the
    /// word-wise AND of the clauses, 64 documents at a time, counted by popcount; each non-empty
    /// 64 has a bound — per word, its idf × its field peak there (`Index/FORMAT.md`, "Field
    /// peaks"), a group's best alternative's, summed. Once the collector is full, 64 documents
    /// whose bound is below the k-th score are not scored; the others are offered (`offer`,
    /// which with the searcher's `peakBound` bounds a match of a group of alternatives again by
    /// the alternatives it holds before scoring it exactly). The bound is inflated by 1e-9
    /// relative, far above the rounding of the sum, so no document that could enter is
    /// skipped; equal scores are never skipped, so ties still break by distance and id.
    ///
    /// One word without alternatives: `runOneWordByFieldImpacts` (alone, best 64s first). Several
    /// words go in document order: their bound is a sum of peaks that different documents may
    /// hold, too loose for an order to pay (measured: 8% fewer documents scored, more
    /// instructions); without alternatives it is a sum of table loads, one per word.
    /// - Complexity: O(words per query × N / 64) for the walk, plus the scored documents.
    mutating func runDenseByFieldImpacts(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        guard let sources = peakSources() else { corrupt = true; return }
        if sources.count == 1, sources[0].count == 1 {
            runOneWordByFieldImpacts(range, scale: sources[0][0].scale, peaks: sources[0][0].peaks)
            return
        }
        let margin = 1 + 1e-9
        // −∞ while the collector is not full: nothing is skipped.
        var worst = -Double.infinity
        if sources.allSatisfy({ $0.count == 1 }) {
            // Per word a table of scale × p for every byte p: the products `bound(_:word:parts:)`
            // computes, summed in the same order from 0, so the same bits.
            let count = sources.count
            let table = UnsafeMutablePointer<Double>.allocate(capacity: count * 256)
            defer { table.deallocate() }
            let peaks = UnsafeMutablePointer<UnsafePointer<UInt8>>.allocate(capacity: count)
            defer { peaks.deallocate() }
            for (w, word) in sources.enumerated() {
                peaks[w] = word[0].peaks
                for p in 0 ..< 256 { table[w &* 256 &+ p] = word[0].scale * Double(p) }
            }
            for i in [DenseClause].words(of: range) {
                let bits = dense.conjunctionWord(i, within: range)
                if bits == 0 { continue }
                total += bits.nonzeroBitCount
                var bound = 0.0
                for w in 0 ..< count { bound += table[w &* 256 &+ Int(peaks[w][i])] }
                if bound * margin < worst { continue }
                offerEach(bits, word: i)
                if collector.isFull, let k = collector.worst { worst = k.primary }
            }
            return
        }
        // Groups of alternatives: a 64's bound takes each word's best alternative there, but a
        // match holds only some alternatives. Per group word and alternative, its Present words
        // (`nil`: not known, every document), so that within a 64 only the matches that hold an
        // alternative able to reach the k-th score — its own peak plus the other words' best —
        // go on to `offer` (whose `FieldPeakBound` bounds each by the alternatives it holds).
        // That test is looser than `FieldPeakBound`'s by 1e-6 relative, so it drops no match
        // the per-match bound would keep.
        let presence: [[UnsafeRawPointer?]] = scored.map { t in
            (t.alternatives ?? []).map { a in (a.queryBitmaps ?? a.combined.bitmaps).map { UnsafeRawPointer($0.present.base) } }
        }
        // Per word its part of the 64's bound.
        let best = UnsafeMutablePointer<Double>.allocate(capacity: sources.count)
        defer { best.deallocate() }
        for i in [DenseClause].words(of: range) {
            var bits = dense.conjunctionWord(i, within: range)
            if bits == 0 { continue }
            total += bits.nonzeroBitCount
            let bound = Self.bound(sources, word: i, parts: best)
            if bound * margin < worst { continue }
            if worst > -Double.infinity {
                for (w, word) in sources.enumerated() where word.count > 1 && w < presence.count && presence[w].count == word.count {
                    let others = bound - best[w]
                    var held: UInt64 = 0
                    for (j, (scale, peaks)) in word.enumerated() where (scale * Double(peaks[i]) + others) * (1 + 1e-6) >= worst {
                        held |= presence[w][j].map { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: i &* 8, as: UInt64.self)) } ?? ~0
                    }
                    bits &= held
                    if bits == 0 { break }
                }
            }
            offerEach(bits, word: i)
            if collector.isFull, let k = collector.worst { worst = k.primary }
        }
    }

    /// `runDenseByFieldImpacts` for one word without alternatives, whose field peaks at `scale`
    /// bound each 64 as tightly as the index can. The bound of byte p, `scale × p × (1 + 1e-9)`,
    /// grows with p, so each 64's byte is compared with the smallest one that reaches the k-th
    /// score (`PeakThreshold`) instead of computing a bound.
    ///
    /// When the word is the only clause, its size is the total and a 64 holds documents exactly
    /// when its byte is above 0; then the best 64s go first, so the k-th score is near its final
    /// value before most 64s are read: a first pass counts the 64s per byte, the 64s of the
    /// best bytes that hold at least k of them are visited first, then the others, each visit
    /// in document order (N / 64 byte reads each). On a well-formed index the order changes no
    /// result — the collector's order (score, distance, rank) is total — only how soon the k-th
    /// score rises (on a damaged one, which documents are scored, and so whether the damage is
    /// seen, may differ): on the 1M generated corpus `"medical"` scores 319 documents instead of
    /// 2,782. With a filter the
    /// 64s go in document order: the word's best 64s need not hold the filter's best matches
    /// (measured: no fewer documents scored, and a second AND per 64).
    /// - Complexity: O(clauses × N / 64) for the walk, plus the scored documents.
    mutating func runOneWordByFieldImpacts(_ range: Range<Int>, scale: Double, peaks: UnsafePointer<UInt8>) {
        let windows = [DenseClause].words(of: range)
        var threshold = PeakThreshold(scale: scale)
        // 0 while the collector is not full: nothing is skipped.
        var smallest = 0
        guard dense.count == 1, range == 0 ..< reader.documentCount, let counted = dense[0].exactCount else {
            for i in windows {
                let bits = dense.conjunctionWord(i, within: range)
                if bits == 0 { continue }
                total += bits.nonzeroBitCount
                if Int(peaks[i]) < smallest { continue }
                offerEach(bits, word: i)
                if collector.isFull, let worst = collector.worst { smallest = threshold.smallestPeak(reaching: worst.primary) }
            }
            return
        }
        total += counted
        var sizes = [Int](repeating: 0, count: 256)
        sizes.withUnsafeMutableBufferPointer { sizes in
            for i in windows { sizes[Int(peaks[i])] &+= 1 }
        }
        // The best bytes that hold at least k of the 64s (each holds a match at least; byte 0, none).
        var cut = 256, held = 0
        while cut > 1 && held < max(1, collector.capacity) { cut -= 1; held += sizes[cut] }
        for best in [true, false] {
            for i in windows {
                let p = Int(peaks[i])
                if p == 0 || (p >= cut) != best || p < smallest { continue }
                let bits = dense.conjunctionWord(i, within: range)
                offerEach(bits, word: i)
                if collector.isFull, let worst = collector.worst { smallest = threshold.smallestPeak(reaching: worst.primary) }
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

    /// The bound of 64-document word `i`: per query word, its best source's scale × peak there,
    /// summed in word order from 0; each word's part is written to `parts[word]`.
    @inline(__always)
    static func bound(_ sources: [[(scale: Double, peaks: UnsafePointer<UInt8>)]], word i: Int,
                      parts: UnsafeMutablePointer<Double>) -> Double {
        var bound = 0.0
        for (w, word) in sources.enumerated() {
            var best = 0.0
            for (scale, peaks) in word { best = max(best, scale * Double(peaks[i])) }
            parts[w] = best
            bound += best
        }
        return bound
    }

    /// Offers every document of 64-document word `i` whose bit is set in `bits` (`offer`), in
    /// document order.
    @inline(__always)
    mutating func offerEach(_ bits: UInt64, word i: Int) {
        var bits = bits
        let base = UInt32(i << 6)
        while bits != 0 {
            offer(base | UInt32(bits.trailingZeroBitCount), distance: nil)
            bits &= bits &- 1
        }
    }
}

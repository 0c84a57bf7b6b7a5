import IndexFormat

/// A bound on one document's score under the standard fields ranking, from field peaks
/// (`Index/FORMAT.md`, "Field peaks" and "Block impacts"): per query word, the best of its
/// sources' `scale × peak` (a group is bounded by its best alternative), summed. A dense
/// source's peak is its FIELDPEAKS byte for the document's 64; a sparse source's the field peak
/// in the skip entry of the postings block whose range holds the document (0 past its last).
/// So a general-plan match (`Execution.offer`) whose bound is below a full collector's k-th
/// score is counted and not scored — the unions of sparse alternatives that no per-64 bound
/// covered (issue 11's tail).
struct FieldPeakBound {
    struct Source {
        /// idf × (k1 + 1) / 255 (an alternative's idf is × its weight already).
        let scale: Double
        /// A dense term's FIELDPEAKS bytes, or `nil` for a sparse term.
        let densePeaks: UnsafePointer<UInt8>?
        /// A sparse term's list (read for its skip entries only), or `nil` for a dense term.
        let sparse: Unmanaged<PostingsCursor>?
        /// Sparse: the block that held the last bounded document; the next search starts there.
        var block = 0
    }

    /// Checks made and matches dropped so far (`pays`).
    private var checks = 0, skips = 0
    /// Checks after which the bound must have dropped at least 1/`minimumSkipShare` of them.
    static let trialChecks = 2048, minimumSkipShare = 8

    /// Records one check; `false` when the bound should be dropped: after `trialChecks` checks
    /// it has dropped fewer than 1 in `minimumSkipShare` (several words whose peaks sum above
    /// the k-th score almost everywhere), so it costs a few loads per word and buys nothing.
    /// Dropping it changes no result: the matches are then all scored, as without it.
    @inline(__always)
    mutating func pays(skipped: Bool) -> Bool {
        checks &+= 1
        if skipped { skips &+= 1 }
        return checks != Self.trialChecks || skips * Self.minimumSkipShare >= checks
    }

    private var sources: [Source]
    /// Per query word, the end of its sources in `sources`.
    private let wordEnds: [Int]

    /// The bound for the query words `scored`, or `nil` when one of them (or of a group's
    /// alternatives) has neither field peaks nor sparse block impacts to read them from.
    init?(scored: [ScoredTerm]) {
        var sources: [Source] = [], ends: [Int] = []
        func source(idf: Double, peaks: UnsafePointer<UInt8>?, bitmaps: Bool, cursor: Unmanaged<PostingsCursor>) -> Source? {
            let scale = idf * (FieldImpact.k1 + 1) / FieldImpact.peakScale
            if let peaks { return Source(scale: scale, densePeaks: peaks, sparse: nil) }
            guard !bitmaps, cursor._withUnsafeGuaranteedRef({ $0.hasBlockImpacts }) else { return nil }
            return Source(scale: scale, densePeaks: nil, sparse: cursor)
        }
        for t in scored {
            if let alternatives = t.alternatives {
                for a in alternatives {
                    guard let s = source(idf: a.idf, peaks: a.fieldPeaks, bitmaps: a.combined.bitmaps != nil, cursor: a.combined.cursor) else { return nil }
                    sources.append(s)
                }
            } else {
                guard let s = source(idf: t.idf, peaks: t.fieldPeaks, bitmaps: t.bitmaps != nil, cursor: t.cursor) else { return nil }
                sources.append(s)
            }
            ends.append(sources.count)
        }
        guard !sources.isEmpty else { return nil }
        self.sources = sources
        wordEnds = ends
    }

    /// The largest score `doc` can have (before the caller's rounding margin). Amortized O(1) per
    /// source over documents in increasing order (each sparse source walks its skip table
    /// forward; a smaller document restarts the walk).
    @inline(__always)
    mutating func bound(_ doc: UInt32) -> Double {
        var total = 0.0
        var start = 0
        for end in wordEnds {
            var best = 0.0
            for i in start ..< end {
                let peak: UInt8
                if let dense = sources[i].densePeaks {
                    peak = dense[Int(doc >> 6)]
                } else {
                    peak = sources[i].sparse.unsafelyUnwrapped._withUnsafeGuaranteedRef { c in
                        Self.blockPeak(c, doc, from: &sources[i].block)
                    }
                }
                best = max(best, sources[i].scale * Double(peak))
            }
            total += best
            start = end
        }
        return total
    }

    /// The field peak of the block of `c` that would hold `doc` (the first whose last document is
    /// ≥ `doc`), 0 past the last block; `block` is where the search starts and where it ended.
    @inline(__always)
    static func blockPeak(_ c: PostingsCursor, _ doc: UInt32, from block: inout Int) -> UInt8 {
        var b = block
        if b > 0 && b <= c.blockCount && c.lastDoc(b - 1) >= doc { b = 0 }
        while b < c.blockCount && c.lastDoc(b) < doc { b += 1 }
        block = b
        return b < c.blockCount ? c.blockFieldPeak(b) : 0
    }
}

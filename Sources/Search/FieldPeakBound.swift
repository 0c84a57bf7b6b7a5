import IndexFormat

/// A bound on a match's score under the standard fields ranking, from field peaks
/// (`Index/FORMAT.md`, "Field peaks" and "Block impacts"): per query word, the best of its
/// terms' `scale × peak` (a group is bounded by its best alternative), summed, where a term
/// that does not hold the document adds nothing. A dense term's peak is its FIELDPEAKS byte for
/// the document's 64 when its Present bit is set; a sparse term's is the field peak of the
/// postings block its clause cursor stands in when that cursor is on the document.
/// So a general-plan match (`Execution.offer`) whose bound is below a full collector's k-th score
/// is counted and not scored — the unions with sparse alternatives that no per-64 bound
/// covered (issue 11's tail).
///
/// Precondition of `bound(_:)`: the document is a match of the intersection just found, so every
/// sparse clause stands on its first document ≥ the last target, at most the document: a
/// single word's list on it, a union's parts on it (they hold it) or past it (they do not).
struct FieldPeakBound {
    struct Source {
        /// idf × (k1 + 1) / 255 (an alternative's idf is × its weight already).
        let scale: Double
        /// A dense term's FIELDPEAKS bytes and bitmaps; `nil` for a sparse term.
        let densePeaks: UnsafePointer<UInt8>?
        let bitmaps: TermBitmaps?
        /// A sparse term's clause cursor (a list of the intersection or a union's part); `nil`
        /// for a dense term.
        let sparse: Unmanaged<PostingsCursor>?
    }

    /// Checks made and matches dropped so far (`pays`).
    private var checks = 0, skips = 0
    /// Checks after which the bound must have dropped at least 1/`minimumSkipShare` of them.
    static let trialChecks = 2048, minimumSkipShare = 8

    private let sources: [Source]
    /// Per query word, the end of its sources in `sources`.
    private let wordEnds: [Int]

    /// The bound for the query words `scored`, or `nil` when one of them (or of a group's
    /// alternatives) has neither field peaks nor a sparse clause cursor with block impacts.
    init?(scored: [ScoredTerm]) {
        var sources: [Source] = [], ends: [Int] = []
        func source(idf: Double, peaks: UnsafePointer<UInt8>?, bitmaps: TermBitmaps?, cursor: Unmanaged<PostingsCursor>?) -> Source? {
            let scale = idf * (FieldImpact.k1 + 1) / FieldImpact.peakScale
            if let peaks, let bitmaps { return Source(scale: scale, densePeaks: peaks, bitmaps: bitmaps, sparse: nil) }
            guard bitmaps == nil, let cursor, cursor._withUnsafeGuaranteedRef({ $0.hasBlockImpacts }) else { return nil }
            return Source(scale: scale, densePeaks: nil, bitmaps: nil, sparse: cursor)
        }
        for t in scored {
            if let alternatives = t.alternatives {
                for a in alternatives {
                    guard let s = source(idf: a.idf, peaks: a.fieldPeaks, bitmaps: a.queryBitmaps ?? a.combined.bitmaps, cursor: a.clausePart) else { return nil }
                    sources.append(s)
                }
            } else {
                guard let s = source(idf: t.idf, peaks: t.fieldPeaks, bitmaps: t.bitmaps, cursor: t.cursor) else { return nil }
                sources.append(s)
            }
            ends.append(sources.count)
        }
        guard !sources.isEmpty else { return nil }
        self.sources = sources
        wordEnds = ends
    }

    /// The largest score the match `doc` can have (before the caller's rounding margin).
    /// O(terms), no postings read.
    @inline(__always)
    func bound(_ doc: UInt32) -> Double {
        var total = 0.0
        var start = 0
        let word = Int(doc >> 6), bit = UInt64(doc & 63)
        for end in wordEnds {
            var best = 0.0
            for i in start ..< end {
                var peak: UInt8 = 0
                if let dense = sources[i].densePeaks {
                    if sources[i].bitmaps.unsafelyUnwrapped.presentWord(word) >> bit & 1 != 0 { peak = dense[word] }
                } else {
                    peak = sources[i].sparse.unsafelyUnwrapped._withUnsafeGuaranteedRef { c in
                        // On the document: its block's peak; past it: the list lacks it. Before it
                        // (not a state the intersection leaves): no bound.
                        c.doc == doc ? c.blockFieldPeak(c.currentBlock) : c.doc > doc ? 0 : UInt8.max
                    }
                }
                best = max(best, sources[i].scale * Double(peak))
            }
            total += best
            start = end
        }
        return total
    }

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
}

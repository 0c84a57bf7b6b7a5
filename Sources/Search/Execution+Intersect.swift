import Analysis
import Corpus
import Geo
import IndexFormat

/// `QueryPlan.intersect`: the general execution.
extension Execution {
    /// Intersects the clauses inside `range` and handles each match.
    mutating func run(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        let hi = UInt32(range.upperBound)
        if clauses.isEmpty {
            if dense.isEmpty {
                for d in range { handle(UInt32(d)) }
            } else {
                runDense(range)
            }
            return
        }
        let lead = clauses[0]
        var d = lead.seek(UInt32(range.lowerBound))
        let n = clauses.count
        let hasColumns = !columns.isEmpty
        let hasDense = !dense.isEmpty
        outer: while d < hi {
            if hasColumns && !passesColumns(d) { d = lead.next(); continue }
            var i = 1
            while i < n {
                let c = clauses[i].seek(d)
                if c != d {
                    // A new candidate: back to the top, where the range and the columns are checked.
                    d = lead.seek(c)
                    continue outer
                }
                i += 1
            }
            if hasDense && !passesDense(d) { d = lead.next(); continue }
            handle(d)
            d = lead.next()
        }
    }

    @inline(__always)
    func passesDense(_ doc: UInt32) -> Bool {
        for c in dense where !c.contains(doc) { return false }
        return true
    }

    /// Only dense clauses: walks the word-wise AND of their bitmaps. A count without a radius
    /// is a popcount per word; otherwise each set bit is a match.
    mutating func runDense(_ range: Range<Int>) {
        let popcountOnly = countOnly && !checksRadius
        for i in [DenseClause].words(of: range) {
            var bits = dense.conjunctionWord(i, within: range)
            if bits == 0 { continue }
            if popcountOnly { total += bits.nonzeroBitCount; matchBits?[i] |= bits; continue }
            let base = UInt32(i << 6)
            while bits != 0 {
                handle(base | UInt32(bits.trailingZeroBitCount))
                bits &= bits &- 1
            }
        }
    }

}

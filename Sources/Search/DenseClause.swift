import IndexFormat

/// A required clause answered from document bitmaps instead of a postings walk: one dense
/// term, or the union ("any of") of several dense filter values.
///
/// Membership is one bit test and a conjunction of dense clauses is a word-wise AND, so the
/// exact number of matches costs ⌈documents / 64⌉ word operations per clause, independent of
/// how many documents match.
struct DenseClause {
    /// The Present bitmap of the first value, and of each other value: a document is in the
    /// clause when it is in any of them. They point into the index mapping or a `QueryBitmap`,
    /// which the searcher keeps alive while the clause is used.
    private let first: UnsafeRawPointer
    private let others: [UnsafeRawPointer]
    /// Documents in the clause when known without counting (one value, or disjoint values).
    let exactCount: Int?

    /// Precondition: `parts` is not empty.
    init(parts: [TermBitmaps], exactCount: Int?) {
        first = parts[0].present.base
        others = parts.dropFirst().map(\.present.base)
        self.exactCount = exactCount
    }

    /// Bits of documents `64·i ..< 64·i + 64` that are in the clause.
    @inline(__always)
    func word(_ i: Int) -> UInt64 {
        var w = first.loadUnaligned(fromByteOffset: i &* 8, as: UInt64.self)
        if !others.isEmpty {
            for p in others { w |= p.loadUnaligned(fromByteOffset: i &* 8, as: UInt64.self) }
        }
        return UInt64(littleEndian: w)
    }

    @inline(__always)
    func contains(_ doc: UInt32) -> Bool {
        word(Int(doc >> 6)) & (1 << UInt64(doc & 63)) != 0
    }
}

extension Array where Element == DenseClause {
    /// Bits of documents `64·i ..< 64·i + 64` that are in every clause. Precondition: not empty.
    @inline(__always)
    func conjunctionWord(_ i: Int) -> UInt64 {
        var w = self[0].word(i)
        var c = 1
        while w != 0 && c < count { w &= self[c].word(i); c += 1 }
        return w
    }

    /// Words of the bitmaps that hold documents of `range` (which must not be empty).
    static func words(of range: Range<Int>) -> ClosedRange<Int> { (range.lowerBound >> 6) ... ((range.upperBound - 1) >> 6) }

    /// `conjunctionWord(i)` with the bits of documents outside `range` cleared.
    @inline(__always)
    func conjunctionWord(_ i: Int, within range: Range<Int>) -> UInt64 {
        var bits = conjunctionWord(i)
        if i == range.lowerBound >> 6 { bits &= ~0 << UInt64(range.lowerBound & 63) }
        if i == (range.upperBound - 1) >> 6, range.upperBound & 63 != 0 { bits &= (1 << UInt64(range.upperBound & 63)) - 1 }
        return bits
    }

    /// Documents in every clause inside `range`: popcounts of the word-wise AND.
    func count(in range: Range<Int>) -> Int {
        guard !range.isEmpty else { return 0 }
        var total = 0
        for i in Self.words(of: range) { total &+= conjunctionWord(i, within: range).nonzeroBitCount }
        return total
    }
}

/// Walks of a counting pass's match bitmap (bit d of word d / 64 set ⇔ document d matches;
/// no bit set past the last document), as facets and group sizes read it.
enum MatchBitmap {
    /// Calls `body` with every matching document, ascending — or, with `complement`, every
    /// document below `documentCount` that does not match (the cheaper walk when most match).
    /// - Complexity: O(words + documents visited).
    @inline(__always)
    static func forEach(in matches: UnsafePointer<UInt64>, words: Int, documentCount n: Int, complement: Bool,
                        _ body: (Int) -> Void) {
        for w in 0 ..< words {
            var bits = complement ? ~matches[w] : matches[w]
            if complement && (w + 1) << 6 > n { bits &= (1 << UInt64(n & 63)) &- 1 }
            let base = w << 6
            while bits != 0 {
                body(base | bits.trailingZeroBitCount)
                bits &= bits &- 1
            }
        }
    }
}

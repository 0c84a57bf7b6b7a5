/// Edit distances between byte strings (analyzer tokens are ASCII, so bytes are letters).
public enum EditDistance {
    /// The optimal string alignment distance between `a` and `b`: the fewest insertions,
    /// deletions, substitutions and transpositions of two adjacent bytes, each costing 1, that
    /// turn `a` into `b`, where no byte is edited again after it took part in a transposition.
    ///
    /// This is the restricted form of Damerau–Levenshtein: "bioinfromatics" → "bioinformatics"
    /// is 1 (one transposition) as in full Damerau–Levenshtein, but "ca" → "abc" is 3, not 2,
    /// because the transposed pair "ca" → "ac" cannot then take an insertion between its bytes.
    /// It is symmetric and 0 only for equal strings, but it does not obey the triangle
    /// inequality. `LevenshteinAutomaton` decides the same distance incrementally; this plain
    /// dynamic programme is its reference (tests, "did you mean" on a handful of words).
    ///
    /// Recurrence over prefixes, with D(i, 0) = i and D(0, j) = j:
    /// D(i, j) = min(D(i−1, j) + 1, D(i, j−1) + 1, D(i−1, j−1) + [a_i ≠ b_j],
    ///               D(i−2, j−2) + 1 when a_i = b_{j−1} and a_{i−1} = b_j).
    ///
    /// - Returns: a distance in 0 ... max(a.count, b.count).
    /// - Complexity: O(a.count × b.count) time, O(b.count) space (three rows).
    public static func optimalStringAlignment(_ a: some Collection<UInt8>, _ b: some Collection<UInt8>) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1) // row i − 2
        var previous = Array(0 ... b.count)                          // row i − 1
        var current = [Int](repeating: 0, count: b.count + 1)         // row i
        for i in 1 ... a.count {
            current[0] = i
            for j in 1 ... b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                var d = min(previous[j] + 1, current[j - 1] + 1, substitution)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d = min(d, beforePrevious[j - 2] + 1)
                }
                current[j] = d
            }
            swap(&beforePrevious, &previous) // beforePrevious = row i − 1
            swap(&previous, &current)        // previous = row i; current is overwritten next
        }
        return previous[b.count]
    }
}

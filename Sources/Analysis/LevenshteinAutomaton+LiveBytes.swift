extension LevenshteinAutomaton {
    /// The smallest byte ≥ `lowest` after which some continuation can still match — the least
    /// b with `canMatch(step(s, b))` — or `nil` when none in `lowest` ... 255 has one. A sorted
    /// dictionary walk uses it to seek from a dead prefix straight to the next live sibling.
    ///
    /// A step only tells bytes apart by whether they equal the word's bytes near the band
    /// (positions i − k − 1 ... i + k, at most 2k + 2 of them, the extra one for transpositions);
    /// every other byte steps alike. So one step decides all the "other" bytes, and at most
    /// 2k + 2 more decide the word's — not 256 steps.
    /// - Complexity: O(k²), no allocation.
    public func smallestLiveByte(after s: State, atLeast lowest: Int) -> UInt8? {
        let lowest = max(0, lowest)
        guard lowest <= 255 else { return nil }
        let first = max(0, s.consumed - maxEdits - 1), last = min(word.count - 1, s.consumed + maxEdits)
        func isNearBand(_ byte: Int) -> Bool {
            guard first <= last else { return false }
            for p in first ... last where Int(word[p]) == byte { return true }
            return false
        }
        func isLive(_ byte: Int) -> Bool { canMatch(step(s, UInt8(byte))) }
        // One byte outside the band's bytes stands for all of them (there are ≤ 2k + 2 inside).
        var other = 0
        while isNearBand(other) { other += 1 }
        if isLive(other) {
            // The first byte from `lowest` that is either outside the band's bytes or live.
            var byte = lowest
            while byte <= 255 {
                if !isNearBand(byte) || isLive(byte) { return UInt8(byte) }
                byte += 1
            }
            return nil
        }
        // Only some of the band's bytes can be live: the least of those ≥ `lowest`.
        var best: Int?
        if first <= last {
            for p in first ... last {
                let byte = Int(word[p])
                if byte >= lowest, byte < (best ?? 256), isLive(byte) { best = byte }
            }
        }
        return best.map(UInt8.init)
    }
}

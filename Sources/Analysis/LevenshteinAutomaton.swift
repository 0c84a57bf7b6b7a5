/// Decides, one byte at a time, whether the bytes fed so far are within `maxEdits` edits of a
/// fixed word, where an edit is an insertion, deletion, substitution or transposition of two
/// adjacent bytes (the optimal string alignment distance, `EditDistance.optimalStringAlignment`).
///
/// A state is row *i* of that distance's dynamic programme, D(i, j) = distance between the first
/// *i* fed bytes and the first *j* bytes of the word, kept only on the band j ∈ i−k … i+k
/// (k = `maxEdits`): outside it D(i, j) ≥ |i − j| > k. Cells are capped at k + 1 ("more than k"),
/// which keeps every value the recurrence needs exact up to k. A transposition reads row i − 1,
/// so the state also holds the previous row and the previous byte. With k ≤ 3 the band is at most
/// 7 cells of one byte each, packed in a `UInt64`: a state is four words and a step allocates
/// nothing.
///
/// Walking a sorted term dictionary, keep the state of each prefix of the current key; when
/// `canMatch` turns false, no key with that prefix can match and the whole range can be skipped.
///
/// ```swift
/// let automaton = LevenshteinAutomaton(word: Array("informatics".utf8), maxEdits: 2)
/// var s = automaton.start
/// for byte in "informatcs".utf8 { s = automaton.step(s, byte) }
/// automaton.distance(s) // 1
/// ```
public struct LevenshteinAutomaton: Sendable {
    /// The word matched against, in bytes.
    public let word: [UInt8]
    /// The largest distance that still matches, 0 ... 3.
    public let maxEdits: Int

    /// The automaton's state after some bytes: a value, cheap to copy and to keep per prefix.
    public struct State: Sendable, Hashable {
        /// Row i on the band: lane t (bits 8t ..< 8t + 8) holds min(D(i, i − k + t), k + 1),
        /// t in 0 ..< 2k + 1; lanes for j < 0 or j > word length hold k + 1.
        var row: UInt64
        /// Row i − 1 in the same layout (relative to i − 1); all k + 1 before the first byte.
        var previousRow: UInt64
        /// i: the number of bytes fed.
        var consumed: Int
        /// The last byte fed; meaningless while `consumed` is 0.
        var lastByte: UInt8
    }

    /// Precondition: `maxEdits` in 0 ... 3 (the query rewriter uses 0 ... 2, `TypoBudget`).
    /// - Complexity: O(word length) (the copy of the word).
    public init(word: [UInt8], maxEdits: Int) {
        precondition((0 ... 3).contains(maxEdits), "maxEdits \(maxEdits) is outside 0 ... 3")
        self.word = word
        self.maxEdits = maxEdits
    }

    /// Cells in a row: 2k + 1, at most 7.
    @inline(__always) private var width: Int { 2 &* maxEdits &+ 1 }
    /// The capped value, k + 1: "more than k edits".
    @inline(__always) private var beyond: UInt64 { UInt64(maxEdits &+ 1) }

    @inline(__always) private static func lane(_ row: UInt64, _ t: Int) -> UInt64 { (row >> UInt64(8 &* t)) & 0xFF }

    /// The state before any byte: D(0, j) = j.
    public var start: State {
        var row: UInt64 = 0
        for t in 0 ..< width {
            let j = t - maxEdits
            let value = j < 0 || j > word.count ? beyond : min(UInt64(j), beyond)
            row |= value << UInt64(8 * t)
        }
        var dead: UInt64 = 0
        for t in 0 ..< width { dead |= beyond << UInt64(8 * t) }
        return State(row: row, previousRow: dead, consumed: 0, lastByte: 0)
    }

    /// The state after feeding `byte` in state `s`.
    /// - Complexity: O(k), no allocation.
    public func step(_ s: State, _ byte: UInt8) -> State {
        let k = maxEdits, n = word.count, i = s.consumed, cap = beyond, cells = width
        var row: UInt64 = 0
        var left = cap // D(i + 1, j − 1): outside the band at t = 0
        for t in 0 ..< cells {
            let j = i &+ 1 &- k &+ t
            var value: UInt64
            if j < 0 || j > n {
                value = cap
            } else if j == 0 {
                value = min(UInt64(i &+ 1), cap)
            } else {
                let above = t &+ 1 < cells ? Self.lane(s.row, t &+ 1) : cap // D(i, j)
                let diagonal = Self.lane(s.row, t) &+ (word[j &- 1] == byte ? 0 : 1) // D(i, j − 1) + cost
                value = min(above &+ 1, left &+ 1, diagonal)
                // Transposition: the last two fed bytes are the word's bytes j − 1, j swapped;
                // D(i − 1, j − 2) is lane t of the previous row.
                if i >= 1, j >= 2, word[j &- 2] == byte, word[j &- 1] == s.lastByte {
                    value = min(value, Self.lane(s.previousRow, t) &+ 1)
                }
                value = min(value, cap)
            }
            row |= value << UInt64(8 &* t)
            left = value
        }
        return State(row: row, previousRow: s.row, consumed: i &+ 1, lastByte: byte)
    }

    /// The distance between the bytes fed to reach `s` and the word when it is at most
    /// `maxEdits`; `nil` otherwise.
    /// - Complexity: O(1).
    public func distance(_ s: State) -> Int? {
        let t = word.count - s.consumed + maxEdits
        guard t >= 0, t < width else { return nil }
        let value = Self.lane(s.row, t)
        return value <= UInt64(maxEdits) ? Int(value) : nil
    }

    /// Whether some continuation of the bytes fed to reach `s` (possibly none) is within
    /// `maxEdits` of the word. Exact: true iff a cell of the row is ≤ k (append the rest of the
    /// word after that cell's position); once false it stays false for every later state.
    /// - Complexity: O(k).
    public func canMatch(_ s: State) -> Bool {
        let k = UInt64(maxEdits)
        for t in 0 ..< width where Self.lane(s.row, t) <= k { return true }
        return false
    }

    /// The distance between `candidate` and the word when it is at most `maxEdits`, else `nil`;
    /// stops at the first byte after which nothing can match.
    /// - Complexity: O(k × candidate length), no allocation.
    public func distance(to candidate: some Sequence<UInt8>) -> Int? {
        var s = start
        for byte in candidate {
            s = step(s, byte)
            if !canMatch(s) { return nil }
        }
        return distance(s)
    }
}

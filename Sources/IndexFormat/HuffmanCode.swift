/// A canonical, length-limited Huffman code over byte symbols (0–255), as TEXTS stores one per
/// alphabet of its sequence streams (`TextEntropyCodes`, `Index/FORMAT.md`, "Stored text").
///
/// The code is given by its lengths alone: symbols with a length get codes in canonical order
/// (shorter codes first, equal lengths by symbol, each code the previous plus one, shifted when
/// the length grows), as DEFLATE assigns them. Codes go into the stream first bit first at the
/// low end of each byte (LSB-first), so `codes` holds each code bit-reversed, and a decoder
/// looks up the next `maximumLength` bits of the stream in a table of 2^`maximumLength`
/// entries (`decodeTable()`).
///
/// - Invariant: every length is 0 (no code) or 1 … `maximumLength`, and the lengths satisfy
///   Kraft's inequality (Σ 2^-length ≤ 1), so no code is a prefix of another.
public struct HuffmanCode: Sendable, Equatable {
    /// Longest code, in bits: one table lookup of 4,096 entries decodes any symbol.
    public static let maximumLength = 12
    /// Symbols of an alphabet: the byte values.
    public static let symbolCount = 256

    /// Per symbol, its code length in bits, 0 when the symbol has no code.
    public let lengths: [UInt8]
    /// Per symbol, its code bit-reversed (the stream's first bit lowest); 0 when it has none.
    public let codes: [UInt16]

    /// A code for `counts` (one count per symbol, ≥ 0) within `maximumLength` bits: every symbol
    /// with a count gets a code, one lone symbol a 1-bit code, and no symbol none. It is
    /// Huffman's (optimal) code when that fits; else the counts are halved (a count stays ≥ 1)
    /// and the code rebuilt — a heuristic, not the optimal length-limited code (package-merge),
    /// which ends at the latest with equal counts (8 bits for 256 symbols).
    /// - Complexity: O(symbols log symbols) per round, a few rounds at most.
    public init(counts: [Int]) {
        precondition(counts.count == Self.symbolCount, "one count per byte value")
        self.init(validLengths: Self.limitedLengths(counts))
    }

    /// The code with these stored lengths, or `nil` when they are not a code: a length above
    /// `maximumLength`, or lengths that break Kraft's inequality (damage).
    public init?(lengths: [UInt8]) {
        guard lengths.count == Self.symbolCount, lengths.allSatisfy({ Int($0) <= Self.maximumLength }) else { return nil }
        guard Self.kraftSum(lengths) <= 1 << Self.maximumLength else { return nil }
        self.init(validLengths: lengths)
    }

    private init(validLengths lengths: [UInt8]) {
        self.lengths = lengths
        // Canonical order: by length, then symbol.
        let order = (0 ..< Self.symbolCount).filter { lengths[$0] > 0 }.sorted { (lengths[$0], $0) < (lengths[$1], $1) }
        var codes = [UInt16](repeating: 0, count: Self.symbolCount)
        var code = 0, length = 0
        for symbol in order {
            let l = Int(lengths[symbol])
            code <<= l - length
            length = l
            codes[symbol] = Self.reversed(code, bits: l)
            code += 1
        }
        self.codes = codes
    }

    /// Whether every symbol has a code and the codes fill the code space (Kraft's sum is 1), as
    /// every code made from counts of 256 symbols is.
    public var isComplete: Bool {
        lengths.allSatisfy { $0 > 0 } && Self.kraftSum(lengths) == 1 << Self.maximumLength
    }

    /// Kraft's sum of `lengths` (each 0 … `maximumLength`) in units of 2^-`maximumLength`:
    /// Σ 2^(maximumLength − length) over the coded symbols, at most 2^maximumLength for a
    /// prefix code and exactly that for a complete one.
    static func kraftSum(_ lengths: [UInt8]) -> Int {
        lengths.reduce(0) { $0 + ($1 == 0 ? 0 : 1 << (maximumLength - Int($1))) }
    }

    /// The low `bits` bits of `code` in reverse order.
    static func reversed(_ code: Int, bits: Int) -> UInt16 {
        var r = 0, c = code
        for _ in 0 ..< bits { r = r << 1 | c & 1; c >>= 1 }
        return UInt16(r)
    }

    /// Per possible next `maximumLength` bits of a stream (first bit lowest), the symbol whose
    /// code they start with and its length, as `symbol << 4 | length`; 0 where no code starts
    /// so (an incomplete code's unused bit patterns, which only damage produces).
    /// - Complexity: O(2^maximumLength).
    public func decodeTable() -> [UInt16] {
        var table = [UInt16](repeating: 0, count: 1 << Self.maximumLength)
        for symbol in 0 ..< Self.symbolCount where lengths[symbol] > 0 {
            let l = Int(lengths[symbol])
            let entry = UInt16(symbol << 4 | l)
            for j in stride(from: Int(codes[symbol]), to: table.count, by: 1 << l) { table[j] = entry }
        }
        return table
    }

    /// Optimal code lengths for `counts`, halving the counts until the longest fits.
    static func limitedLengths(_ counts: [Int]) -> [UInt8] {
        var weights = counts.map { max(0, $0) }
        while true {
            let lengths = optimalLengths(weights)
            if lengths.allSatisfy({ Int($0) <= maximumLength }) { return lengths }
            weights = weights.map { $0 == 0 ? 0 : max(1, $0 / 2) }
        }
    }

    /// Huffman's lengths for `weights` (no limit): the two lightest nodes merged until one is
    /// left, leaves and merged nodes each taken from their own queue in weight order (merged
    /// nodes are made in non-decreasing weight, so two sorted queues replace a heap).
    static func optimalLengths(_ weights: [Int]) -> [UInt8] {
        var lengths = [UInt8](repeating: 0, count: symbolCount)
        let leaves = (0 ..< symbolCount).filter { weights[$0] > 0 }.sorted { (weights[$0], $0) < (weights[$1], $1) }
        if leaves.count == 1 { lengths[leaves[0]] = 1 }
        guard leaves.count > 1 else { return lengths }
        let n = leaves.count
        // Nodes 0 ..< n are the leaves in weight order, n ..< 2n − 1 the merged nodes in order made.
        var weight = leaves.map { weights[$0] } + [Int](repeating: 0, count: n - 1)
        var parent = [Int](repeating: -1, count: 2 * n - 1)
        var nextLeaf = 0, nextMerged = n
        func lightest(made: Int) -> Int {
            if nextLeaf < n && (nextMerged >= made || weight[nextLeaf] <= weight[nextMerged]) {
                defer { nextLeaf += 1 }
                return nextLeaf
            }
            defer { nextMerged += 1 }
            return nextMerged
        }
        for made in n ..< 2 * n - 1 {
            let a = lightest(made: made), b = lightest(made: made)
            weight[made] = weight[a] + weight[b]
            parent[a] = made
            parent[b] = made
        }
        // Depths from the root (the last node made) down: a parent is always made after its children.
        var depth = [Int](repeating: 0, count: 2 * n - 1)
        for node in stride(from: 2 * n - 3, through: 0, by: -1) { depth[node] = depth[parent[node]] + 1 }
        for (k, symbol) in leaves.enumerated() { lengths[symbol] = UInt8(min(depth[k], 255)) }
        return lengths
    }
}

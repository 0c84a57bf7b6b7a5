/// SplitMix64 (Steele, Lea, Flood 2014): a tiny, fast, seedable generator. The same seed gives the
/// same sequence on every platform, which makes generated corpora and query mixes reproducible.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0 ..< bound (bound > 0), by multiply-shift (Lemire), no modulo bias worth noting.
    public mutating func below(_ bound: Int) -> Int {
        Int((UInt128(next()) * UInt128(UInt64(bound))) >> 64)
    }

    /// Uniform in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0) }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// A uniformly chosen element. Precondition: non-empty.
    public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

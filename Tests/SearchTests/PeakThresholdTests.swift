import Corpus
@testable import Search
import Testing

/// `Execution.PeakThreshold`: the single-word field-impacts walk compares each 64 documents'
/// peak byte with it instead of computing their bound, so it must be exactly the smallest byte
/// whose bound is not below the k-th score, as the bound is computed.
@Suite("The peak-byte threshold of a one-word field-impacts walk")
struct PeakThresholdTests {
    /// The walk's bound of byte p, computed as `runDenseByFieldImpacts` computes it.
    static func bound(_ scale: Double, _ p: Int) -> Double { scale * Double(p) * (1 + 1e-9) }

    @Test("over rising scores, the threshold is the smallest byte whose bound reaches the score")
    func thresholdMatchesBruteForce() {
        var rng = SplitMix64(seed: 0x9EA4)
        for _ in 0 ..< 200 {
            let scale = Double(rng.below(1_000_000) + 1) / 1e5 // 1e-5 … 10
            var threshold = Execution<BM25>.PeakThreshold(scale: scale)
            var score = 0.0
            for _ in 0 ..< 40 {
                // Rising scores, some exactly on a byte's bound (ties must not be skipped).
                score = rng.below(4) == 0 ? max(score, Self.bound(scale, rng.below(257))) : score + Double(rng.below(1000)) / 1000 * scale * 8
                let expected = (0 ... 255).first { !(Self.bound(scale, $0) < score) } ?? 256
                #expect(threshold.smallestPeak(reaching: score) == expected, "scale \(scale) score \(score)")
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import IndexFormat

/// Scores one document for one query term. Swappable: `Searcher.search(_:scorer:)` takes any
/// scorer; field boosts or other models plug in here without touching execution.
public protocol RelevanceScorer: Sendable {
    /// Per-term weight computed once per query, from `n` documents containing the term out of `N`.
    func termWeight(documentFrequency n: Int, documentCount N: Int) -> Double
    /// Per-document value computed once per matching document (e.g. BM25's length norm).
    func documentNorm(length: UInt32) -> Double
    /// Contribution of one term: the document's score is the sum over distinct query terms.
    func score(frequency: UInt32, norm: Double, weight: Double) -> Double
    /// True when `score` never decreases as `frequency` grows (norm and weight fixed). Then
    /// the searcher may skip a document whose score with each word's largest frequency cannot
    /// enter the top k. Defaults to false: no pruning, always correct.
    var growsWithFrequency: Bool { get }
    /// True when the index's best document per 64 (chosen by `BM25Impact` with its defaults and
    /// `averageDocumentLength`) is also where this scorer's term score is largest, so the
    /// searcher may skip 64 documents whose best-document bound cannot enter the top k.
    /// Defaults to false: no such skipping, always correct.
    func agreesWithBestDocuments(averageDocumentLength: Double) -> Bool
}

extension RelevanceScorer {
    public var growsWithFrequency: Bool { false }
    public func agreesWithBestDocuments(averageDocumentLength: Double) -> Bool { false }
}

/// Okapi BM25 (Robertson & Zaragoza, "The Probabilistic Relevance Framework", 2009):
/// score = Σ idf · tf·(k1 + 1) / (tf + k1·(1 − b + b·dl/avgdl)),
/// idf = ln(1 + (N − n + 0.5)/(n + 0.5)) (Lucene's non-negative idf).
/// tf, dl in tokens; avgdl = total tokens / N.
public struct BM25: RelevanceScorer {
    public static let defaultK1 = BM25Impact.defaultK1
    public static let defaultB = BM25Impact.defaultB

    public let k1: Double
    public let b: Double
    public let averageDocumentLength: Double

    public init(k1: Double = BM25.defaultK1, b: Double = BM25.defaultB, averageDocumentLength: Double) {
        self.k1 = k1
        self.b = b
        self.averageDocumentLength = averageDocumentLength
    }

    @inlinable
    public func termWeight(documentFrequency n: Int, documentCount N: Int) -> Double {
        log(1 + (Double(N) - Double(n) + 0.5) / (Double(n) + 0.5))
    }

    /// k1 · (1 − b + b · dl / avgdl).
    @inlinable
    public func documentNorm(length: UInt32) -> Double {
        BM25Impact.norm(length: length, averageLength: averageDocumentLength, k1: k1, b: b)
    }

    /// tf·(k1 + 1)/(tf + norm) grows with tf for k1 ≥ 0 and norm > 0; weights are non-negative.
    public var growsWithFrequency: Bool { k1 >= 0 && b >= 0 && b <= 1 && averageDocumentLength > 0 }

    /// Same k1, b and average length as the index's choice, and weights ≥ 0 (idf above is).
    public func agreesWithBestDocuments(averageDocumentLength avgdl: Double) -> Bool {
        k1 == BM25Impact.defaultK1 && b == BM25Impact.defaultB && averageDocumentLength == avgdl && growsWithFrequency
    }

    @inlinable
    public func score(frequency: UInt32, norm: Double, weight: Double) -> Double {
        weight * BM25Impact.impact(frequency: frequency, norm: norm, k1: k1)
    }
}

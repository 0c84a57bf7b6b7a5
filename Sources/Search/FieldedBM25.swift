#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import IndexFormat

/// BM25F (Robertson, Zaragoza & Taylor 2004; Zaragoza et al., "Microsoft Cambridge at TREC-13"):
/// per query word t and document d,
///
///     norm_f  = 1 − b_f + b_f · len_f(d) / avglen_f                      per text field f
///     tf̃      = Σ_f  w_f · tf_f(t, d) / norm_f                           (fields with tf_f > 0)
///     score_t = idf(t) · tf̃ · (k1 + 1) / (k1 + tf̃)
///     idf(t)  = ln(1 + (N − n + 0.5) / (n + 0.5))                        n: documents holding t in any field
///
/// and the document's text score is Σ_t score_t in query-word order. Field frequencies combine
/// before saturation, so a word repeated across fields is not counted as several words. Lengths
/// are in tokens (`IndexReader.fieldLengths`); averages over all documents. Every path that
/// scores a document — the searcher, `--explain`, the tests' reference — computes exactly these
/// operations in this order, so equal inputs give equal bits.
public struct FieldedBM25: Sendable {
    public let weights: FieldWeights
    /// Average title, description and institution lengths (tokens, > 0).
    public let averages: (title: Double, description: Double, institution: Double)

    public init(weights: FieldWeights, averages: (title: Double, description: Double, institution: Double)) {
        self.weights = weights
        self.averages = averages
    }

    /// The length norms of a document whose fields have these lengths (tokens).
    @inline(__always)
    public func norms(title: UInt32, description: UInt32, institution: UInt32) -> (title: Double, description: Double, institution: Double) {
        (1 - weights.titleB + weights.titleB * Double(title) / averages.title,
         1 - weights.descriptionB + weights.descriptionB * Double(description) / averages.description,
         1 - weights.institutionB + weights.institutionB * Double(institution) / averages.institution)
    }

    /// The combined, normalised frequency tf̃ of one word (fields with frequency 0 add nothing).
    @inline(__always)
    public func combinedFrequency(title: UInt32, description: UInt32, institution: UInt32,
                                  norms: (title: Double, description: Double, institution: Double)) -> Double {
        var tf = 0.0
        if title > 0 { tf += weights.title * Double(title) / norms.title }
        if description > 0 { tf += weights.description * Double(description) / norms.description }
        if institution > 0 { tf += weights.institution * Double(institution) / norms.institution }
        return tf
    }

    /// One word's score from its idf and combined frequency; 0 when tf̃ is 0.
    @inline(__always)
    public func termScore(idf: Double, combinedFrequency tf: Double) -> Double {
        tf > 0 ? idf * (tf * (weights.k1 + 1) / (weights.k1 + tf)) : 0
    }

    /// A score no document can reach for a word of inverse document frequency `idf`: the
    /// saturation limit idf · (k1 + 1).
    public func termScoreLimit(idf: Double) -> Double { idf * (weights.k1 + 1) }

    /// BM25's idf, as the classic ranking computes it.
    public static func idf(documentFrequency n: Int, documentCount N: Int) -> Double {
        log(1 + (Double(N) - Double(n) + 0.5) / (Double(n) + 0.5))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import IndexFormat

/// BM25F (Robertson, Zaragoza & Taylor 2004; Zaragoza et al., "Microsoft Cambridge at TREC-13"):
/// per query word t and document d,
///
///     factor_f = w_f / (1 − b_f + b_f · len_f(d) / avglen_f)             per text field f
///     tf̃       = Σ_f  tf_f(t, d) · factor_f                              (fields with tf_f > 0, in field order)
///     score_t  = idf(t) · (tf̃ · (k1 + 1) / (k1 + tf̃))
///     idf(t)   = ln(1 + (N − n + 0.5) / (n + 0.5))                       n: documents holding t in any field
///
/// and the document's text score is Σ_t score_t in query-word order. Field frequencies combine
/// before saturation, so a word repeated across fields is not counted as several words. Lengths
/// are in tokens (`IndexReader.fieldLengths`); averages over all documents
/// (`Schema.averageFieldLength`). Every path that scores a document — the searcher, `--explain`,
/// the tests' reference — computes exactly these operations in this order, so equal inputs give
/// equal bits. A factor depends on the length only, so the searcher caches it per length.
public struct FieldedBM25: Sendable {
    public let weights: FieldWeights
    /// Average title, description and institution lengths (tokens, > 0).
    public let averages: (title: Double, description: Double, institution: Double)

    public init(weights: FieldWeights, averages: (title: Double, description: Double, institution: Double)) {
        self.weights = weights
        self.averages = averages
    }

    /// w_f / (1 − b_f + b_f · len / avglen_f) for `field` at `length` tokens
    /// (`FieldImpact.factor`, the formula the index's field peaks use).
    @inline(__always)
    public func factor(_ field: Schema.TextField, length: UInt32) -> Double {
        let average = switch field {
        case .title: averages.title
        case .description: averages.description
        case .institution: averages.institution
        }
        return FieldImpact.factor(weight: weights.weight(field), b: weights.b(field), length: length, average: average)
    }

    /// The three field factors of a document with these field lengths.
    public func factors(_ lengths: (title: UInt32, description: UInt32, institution: UInt32)) -> (title: Double, description: Double, institution: Double) {
        (factor(.title, length: lengths.title), factor(.description, length: lengths.description), factor(.institution, length: lengths.institution))
    }

    /// The combined frequency tf̃ of one word (`FieldImpact.combinedFrequency`).
    @inline(__always)
    public static func combinedFrequency(title: UInt32, description: UInt32, institution: UInt32,
                                         factors: (title: Double, description: Double, institution: Double)) -> Double {
        FieldImpact.combinedFrequency(title: title, description: description, institution: institution, factors: factors)
    }

    /// One word's score from its idf and combined frequency: idf × `FieldImpact.saturated`; 0
    /// when tf̃ is 0.
    @inline(__always)
    public func termScore(idf: Double, combinedFrequency tf: Double) -> Double {
        tf > 0 ? idf * FieldImpact.saturated(tf, k1: weights.k1) : 0
    }

    /// One word's score in a document from its combined frequency `all` and its title and
    /// institution frequencies (the description's is the rest), given the document's factors;
    /// `nil` when the field frequencies exceed the combined one (damage).
    @inline(__always)
    public func termScore(idf: Double, frequency all: UInt32, title: UInt32, institution: UInt32,
                          factors: (title: Double, description: Double, institution: Double)) -> Double? {
        guard title &+ institution <= all else { return nil }
        return termScore(idf: idf, combinedFrequency: Self.combinedFrequency(title: title, description: all - title - institution,
                                                                             institution: institution, factors: factors))
    }

    /// A score no document can reach for a word of inverse document frequency `idf`: the
    /// saturation limit idf · (k1 + 1).
    public func termScoreLimit(idf: Double) -> Double { idf * (weights.k1 + 1) }

    /// BM25's idf, as the classic ranking computes it.
    public static func idf(documentFrequency n: Int, documentCount N: Int) -> Double {
        log(1 + (Double(N) - Double(n) + 0.5) / (Double(n) + 0.5))
    }
}

/// Per-query cache of `FieldedBM25.factor` for lengths below `size`, per field: a scored
/// document costs three loads instead of three divisions. Longer fields are computed directly.
final class FieldFactorTable {
    static let size = 1024
    let model: FieldedBM25
    private let values: UnsafeMutablePointer<Double>

    init(model: FieldedBM25) {
        self.model = model
        values = .allocate(capacity: 3 * Self.size)
        values.initialize(repeating: .nan, count: 3 * Self.size)
    }
    deinit { values.deallocate() }

    @inline(__always)
    func factor(_ field: Schema.TextField, length: UInt32) -> Double { view.factor(field, length: length) }

    /// The three factors of a document with these field lengths (cached `FieldedBM25.factors`).
    @inline(__always)
    func factors(_ lengths: (title: UInt32, description: UInt32, institution: UInt32)) -> (title: Double, description: Double, institution: Double) {
        view.factors(lengths)
    }

    /// The cache as a plain value, which the per-document scoring copies without a retain: two
    /// words (the model, some dozen doubles, stays in the table and is read only on a miss).
    var view: View { View(values: values, table: Unmanaged.passUnretained(self)) }

    /// Computes and stores a missing factor (`length < size`): the slow path of `View.factor`.
    @inline(never)
    func fill(_ field: Schema.TextField, length: UInt32) -> Double {
        let computed = model.factor(field, length: length)
        values[field.rawValue &* Self.size &+ Int(length)] = computed
        return computed
    }

    /// `FieldFactorTable`'s cache, unowned (valid while the table lives).
    struct View {
        let values: UnsafeMutablePointer<Double>
        let table: Unmanaged<FieldFactorTable>

        @inline(__always)
        func factor(_ field: Schema.TextField, length: UInt32) -> Double {
            guard length < FieldFactorTable.size else { return table._withUnsafeGuaranteedRef { $0.model.factor(field, length: length) } }
            let v = values[field.rawValue &* FieldFactorTable.size &+ Int(length)]
            if !v.isNaN { return v }
            return table._withUnsafeGuaranteedRef { $0.fill(field, length: length) }
        }

        @inline(__always)
        func factors(_ lengths: (title: UInt32, description: UInt32, institution: UInt32)) -> (title: Double, description: Double, institution: Double) {
            (factor(.title, length: lengths.title), factor(.description, length: lengths.description), factor(.institution, length: lengths.institution))
        }
    }
}

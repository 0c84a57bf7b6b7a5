/// The part of a BM25 term score that depends on the document: its length norm and the
/// frequency factor tf·(k1 + 1)/(tf + norm). Search's `BM25` scores as
/// `weight × impact(frequency:norm:k1:)`, and the writer picks each dense word's best document
/// per 64 (`Index/FORMAT.md`, "Best documents") with the same functions and the default k1
/// and b. One definition, so both sides compute bit-identical values: a best document chosen
/// here has the largest score the searcher can compute for any document of that word and
/// group, because rounding a product by a positive weight never reverses an order.
public enum BM25Impact {
    /// The defaults the index's best documents are chosen with.
    public static let defaultK1 = 1.2
    public static let defaultB = 0.75

    /// k1 · (1 − b + b · length / averageLength), length in tokens.
    @inlinable @inline(__always)
    public static func norm(length: UInt32, averageLength: Double, k1: Double, b: Double) -> Double {
        k1 * (1 - b + b * Double(length) / averageLength)
    }

    /// tf · (k1 + 1) / (tf + norm): grows with tf, falls as norm grows; in [0, k1 + 1).
    @inlinable @inline(__always)
    public static func impact(frequency: UInt32, norm: Double, k1: Double) -> Double {
        let tf = Double(frequency)
        return (tf * (k1 + 1)) / (tf + norm)
    }

    /// The impact at the default k1 and b: what the writer ranks documents by (best documents,
    /// block impacts) and the checker recomputes.
    @inlinable
    public static func defaultImpact(frequency: UInt32, length: UInt32, averageLength: Double) -> Double {
        impact(frequency: frequency, norm: norm(length: length, averageLength: averageLength, k1: defaultK1, b: defaultB), k1: defaultK1)
    }

    /// The average length the writer and reader both use: total tokens / documents (0 when empty).
    @inlinable
    public static func averageLength(totalTokens: UInt64, documents: Int) -> Double {
        documents == 0 ? 0 : Double(totalTokens) / Double(documents)
    }
}

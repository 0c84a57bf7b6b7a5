/// The standard BM25F parameters and the per-document impact the writer records per 64
/// documents for every dense text term (FIELDPEAKS, `Index/FORMAT.md`, "Field peaks"). Search's
/// `FieldWeights.standard` is these numbers and `FieldedBM25` computes with the same formulas,
/// so a peak bounds what the searcher can compute for any document of its group.
public enum FieldImpact {
    /// Field weights (title, description, institution), length normalisations and k1 of the
    /// standard fields ranking.
    public static let titleWeight = 4.0, descriptionWeight = 1.0, institutionWeight = 0.5
    public static let titleB = 0.5, descriptionB = 0.75, institutionB = 0.5
    public static let k1 = 1.2

    /// A peak byte's scale: byte q bounds the saturated impact tf̃·(k1 + 1)/(k1 + tf̃) by
    /// q / `peakScale` · (k1 + 1). 0 means no document of the group holds the term.
    public static let peakScale = 255.0

    /// w / (1 − b + b · length / average): a field's factor at `length` tokens.
    @inlinable @inline(__always)
    public static func factor(weight: Double, b: Double, length: UInt32, average: Double) -> Double {
        weight / (1 - b + b * Double(length) / average)
    }

    /// The combined frequency tf̃ of one word from its field frequencies and the document's
    /// field factors, fields in `Schema.TextField` order (fields with frequency 0 add nothing).
    @inlinable @inline(__always)
    public static func combinedFrequency(title: UInt32, description: UInt32, institution: UInt32,
                                         factors: (title: Double, description: Double, institution: Double)) -> Double {
        var tf = 0.0
        if title > 0 { tf += Double(title) * factors.title }
        if description > 0 { tf += Double(description) * factors.description }
        if institution > 0 { tf += Double(institution) * factors.institution }
        return tf
    }

    /// BM25's saturation tf̃ · (k1 + 1) / (k1 + tf̃) of a combined frequency; 0 when tf̃ is 0; in
    /// [0, k1 + 1).
    @inlinable @inline(__always)
    public static func saturated(_ tf: Double, k1: Double) -> Double { tf > 0 ? tf * (k1 + 1) / (k1 + tf) : 0 }

    /// The standard saturated impact of one word in a document with these field frequencies and
    /// lengths: `saturated(combinedFrequency(…))` with the standard parameters.
    public static func standardImpact(title: UInt32, description: UInt32, institution: UInt32,
                                      lengths: (title: UInt32, description: UInt32, institution: UInt32),
                                      averages: (title: Double, description: Double, institution: Double)) -> Double {
        let factors = (title: factor(weight: titleWeight, b: titleB, length: lengths.title, average: averages.title),
                       description: factor(weight: descriptionWeight, b: descriptionB, length: lengths.description, average: averages.description),
                       institution: factor(weight: institutionWeight, b: institutionB, length: lengths.institution, average: averages.institution))
        return saturated(combinedFrequency(title: title, description: description, institution: institution, factors: factors), k1: k1)
    }

    /// The smallest peak byte whose bound is at least `impact` (1 for any impact above 0, so
    /// only an empty group has 0).
    public static func peak(_ impact: Double) -> UInt8 {
        guard impact > 0 else { return 0 }
        let q = (impact / (k1 + 1) * peakScale).rounded(.up)
        return UInt8(max(1, min(peakScale, q)))
    }
}

extension Schema {
    /// A text field's average length: its tokens over all documents / documents, or 1 when the
    /// field is empty everywhere (so a norm never divides by 0). The writer and the reader both
    /// compute it here, from META's totals.
    public static func averageFieldLength(tokens: UInt64, documents: Int) -> Double {
        tokens == 0 ? 1 : Double(tokens) / Double(max(1, documents))
    }
}

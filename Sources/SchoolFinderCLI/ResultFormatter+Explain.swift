import Corpus
import Requests
import Search

extension ResultFormatter {
    /// A hit's score in parts, under its card: the total first ("text 3.802 × decay 0.871
    /// (12.3 mi, half 25 mi) = 3.311"), then one line per query word: its idf, per field the
    /// frequency, length / average length, weight and b → what it adds to the combined
    /// frequency, then the combined frequency → the word's score.
    static func explanationLines(_ e: ScoreExplanation, indent: String, width: Int) -> String {
        var total = "explain: "
        if let factor = e.decayFactor, let miles = e.distanceMiles, let half = e.halfDistanceMiles {
            total += "text \(threeDecimals(e.textScore)) × decay \(threeDecimals(factor)) (\(oneDecimal(miles)) mi, half \(DecimalArgument.text(half)) mi)"
                + " = \(threeDecimals(e.score))"
        } else if e.terms.isEmpty {
            total += "no query words, score 0"
        } else {
            total += "score \(threeDecimals(e.score)) = text score, no distance factor (\(e.ranking) ranking)"
        }
        var s = DisplayText.wrap(total, width: width, indent: indent).joined(separator: "\n") + "\n"
        let continuation = indent + "    "
        for t in e.terms {
            let fields = t.fields.map { f in
                f.frequency == 0 ? "\(f.field) tf 0"
                    : "\(f.field) tf \(f.frequency), len \(f.length)/\(oneDecimal(f.averageLength)), w \(DecimalArgument.text(f.weight)), "
                    + "b \(DecimalArgument.text(f.b)) → \(threeDecimals(f.contribution))"
            }
            // An alternative of a word's group: which word, and its weight (× idf, as scored).
            let term = t.term == t.word ? "\"\(t.term)\"" : "\"\(t.term)\" for \"\(t.word)\""
            let idf = t.weight == 1 ? "idf \(threeDecimals(t.idf))"
                : "idf \(threeDecimals(t.idf)) × weight \(DecimalArgument.text(t.weight)) = \(threeDecimals(t.idf * t.weight))"
            let line = "\(term) \(idf): " + fields.joined(separator: "; ")
                + "; tf \(threeDecimals(t.combinedFrequency)), k1 \(DecimalArgument.text(e.k1)) → \(threeDecimals(t.score))"
            var lines = DisplayText.wrap(line, width: width, indent: continuation)
            lines[0] = indent + "  " + lines[0].dropFirst(continuation.count)
            s += lines.joined(separator: "\n") + "\n"
        }
        return s
    }

    /// `"explain": {ranking, text_score, distance_mi, decay_factor, half_distance_mi, score,
    /// terms: [{term, (word, weight: for an alternative of the word's group), df, idf, combined_tf, score, fields: [{field, tf, length,
    /// avg_length, weight, b, contribution}]}]}`: a term's score is idf × weight × tf̃ (k1 + 1) /
    /// (k1 + tf̃).
    static func writeExplanation(_ e: ScoreExplanation, into w: inout JSONWriter) {
        w.beginObject("explain")
        w.field("ranking", e.ranking)
        w.field("text_score", e.textScore)
        w.field("distance_mi", e.distanceMiles)
        w.field("decay_factor", e.decayFactor)
        w.field("half_distance_mi", e.halfDistanceMiles)
        w.field("k1", e.k1)
        w.field("score", e.score)
        w.beginArray("terms")
        for t in e.terms {
            w.beginObject()
            w.field("term", t.term)
            if t.term != t.word || t.weight != 1 {
                // An alternative of the word's group (`SearchQuery.expansions`).
                w.field("word", t.word)
                w.field("weight", t.weight)
            }
            w.field("df", t.documentFrequency)
            w.field("idf", t.idf)
            w.field("combined_tf", t.combinedFrequency)
            w.field("score", t.score)
            w.beginArray("fields")
            for f in t.fields {
                w.beginObject()
                w.field("field", f.field)
                w.field("tf", Int(f.frequency))
                w.field("length", Int(f.length))
                w.field("avg_length", f.averageLength)
                w.field("weight", f.weight)
                w.field("b", f.b)
                w.field("contribution", f.contribution)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }
}

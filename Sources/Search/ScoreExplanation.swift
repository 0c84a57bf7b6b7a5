import IndexFormat

/// Why a hit scored what it did (`--explain`): per query word and text field its frequency,
/// the field's length and weight, and what it added; the word's idf and score; the distance and
/// its decay factor. Recomputed for the page's hits with the same functions the searcher scores
/// with, so `score` equals the hit's score bit for bit (the tests check it).
public struct ScoreExplanation: Sendable, Equatable {
    /// One field's part in one word's combined frequency.
    public struct FieldPart: Sendable, Equatable {
        /// "title", "description", "institution"; "text" for the classic ranking's one field.
        public let field: String
        /// Occurrences of the word in the field.
        public let frequency: UInt32
        /// The field's length in this document and on average (tokens).
        public let length: UInt32
        public let averageLength: Double
        /// The field's weight and length normalisation (classic: 1 and BM25's b).
        public let weight: Double
        public let b: Double
        /// tf · w / (1 − b + b · len / avg): the field's share of the combined frequency (fields);
        /// for classic, the frequency as is.
        public let contribution: Double
    }

    /// One query word.
    public struct TermPart: Sendable, Equatable {
        /// The index term that scored: the query word, or the alternative of its group that
        /// scored best (`SearchQuery.expansions`).
        public let term: String
        /// The query word, and the weight of `term` in its group (1 for the word itself).
        public let word: String
        public let weight: Double
        /// The documents the idf is computed from: the term's own, or its group's blended count
        /// (`TermAlternative.scoringDocumentFrequency`).
        public let documentFrequency: Int
        public let idf: Double
        public let fields: [FieldPart]
        /// tf̃, the sum of the fields' contributions (classic: the length-adjusted frequency
        /// tf / (1 − b + b · len / avg)); the score is idf · tf̃ · (k1 + 1) / (k1 + tf̃).
        public let combinedFrequency: Double
        /// idf · tf̃ · (k1 + 1) / (k1 + tf̃) × `weight`.
        public let score: Double
    }

    public let document: Int
    /// `Ranking.name`.
    public let ranking: String
    public let terms: [TermPart]
    /// Σ of the words' scores, in query-word order.
    public let textScore: Double
    public let distanceMiles: Double?
    /// Blended order: the decay factor at `distanceMiles` and its half distance.
    public let decayFactor: Double?
    public let halfDistanceMiles: Double?
    /// The saturation parameter every word's score used.
    public let k1: Double
    /// The ranking score: `textScore`, × `decayFactor` when blended.
    public let score: Double
}

extension Searcher {
    /// The breakdown of `hit`'s score for `tokens` under `query`'s ranking and order; `nil` when a
    /// list turns out damaged.
    func explanation(of hit: SearchHit, tokens: [String], query: SearchQuery, sort: SortOrder) -> ScoreExplanation? {
        let doc = hit.document
        let n = reader.documentCount
        func frequency(_ key: String) -> UInt32? {
            guard let info = reader.terms.lookup(key), info.documentFrequency > 0 else { return 0 }
            guard let c = reader.terms.cursor(info) else { return nil }
            return c.seek(UInt32(doc)) == UInt32(doc) ? c.frequency : 0
        }
        var parts: [ScoreExplanation.TermPart] = []
        var text = 0.0
        let k1: Double = if case let .fields(w) = query.ranking { w.k1 } else { bm25.k1 }
        let scorer = bm25
        let model: FieldedBM25? = if case let .fields(w) = query.ranking { FieldedBM25(weights: w, averages: reader.averageFieldLengths) } else { nil }
        let lengths = reader.rows.fieldLengths(doc)
        let length = reader.rows.length(doc)
        // One index term's part for `word` at `weight`, computed as the searcher computes it;
        // `nil` on damage, a part of score 0 when the document does not hold the term.
        func part(_ t: String, word: String, weight: Double, scoringDocumentFrequency: Int? = nil) -> ScoreExplanation.TermPart? {
            guard let info = reader.terms.lookup(t), let all = frequency(t) else { return nil }
            let df = scoringDocumentFrequency ?? info.documentFrequency
            guard let model else {
                let classicWeight = scorer.termWeight(documentFrequency: df, documentCount: n)
                // The weight scales the term weight (the score is linear in it), as the searcher does.
                let s = scorer.score(frequency: all, norm: scorer.documentNorm(length: length), weight: weight * classicWeight)
                // BM25's tf·(k1+1)/(tf + k1·n) is x·(k1+1)/(k1 + x) with x = tf / n: the
                // length-adjusted frequency shown as the contribution.
                let adjusted = Double(all) / (1 - scorer.b + scorer.b * Double(length) / scorer.averageDocumentLength)
                return .init(term: t, word: word, weight: weight, documentFrequency: df, idf: classicWeight,
                             fields: [.init(field: "text", frequency: all, length: length, averageLength: scorer.averageDocumentLength,
                                            weight: 1, b: scorer.b, contribution: adjusted)],
                             combinedFrequency: adjusted, score: all == 0 ? 0 : s)
            }
            let weights = model.weights
            let factors = model.factors(lengths)
            guard let title = frequency(Schema.TextField.title.term(t)!),
                  let institution = frequency(Schema.TextField.institution.term(t)!),
                  title + institution <= all else { return nil }
            let description = all - title - institution
            let idf = FieldedBM25.idf(documentFrequency: df, documentCount: n)
            let tf = FieldedBM25.combinedFrequency(title: title, description: description, institution: institution, factors: factors)
            // The weight scales the idf (the score is linear in it), as the searcher does.
            let s = model.termScore(idf: weight * idf, combinedFrequency: tf)
            let avg = model.averages
            let fieldParts: [ScoreExplanation.FieldPart] = [
                .init(field: "title", frequency: title, length: lengths.title, averageLength: avg.title, weight: weights.title,
                      b: weights.titleB, contribution: title > 0 ? Double(title) * factors.title : 0),
                .init(field: "description", frequency: description, length: lengths.description, averageLength: avg.description,
                      weight: weights.description, b: weights.descriptionB,
                      contribution: description > 0 ? Double(description) * factors.description : 0),
                .init(field: "institution", frequency: institution, length: lengths.institution, averageLength: avg.institution,
                      weight: weights.institution, b: weights.institutionB,
                      contribution: institution > 0 ? Double(institution) * factors.institution : 0),
            ]
            return .init(term: t, word: word, weight: weight, documentFrequency: df, idf: idf, fields: fieldParts,
                         combinedFrequency: tf, score: s)
        }
        for t in tokens {
            if query.expansions.isEmpty {
                guard let p = part(t, word: t, weight: 1) else { return nil }
                text += p.score
                parts.append(p)
                continue
            }
            // A group: the best of the word and its alternatives the document holds, in the
            // searcher's order (the word first; a term listed twice once; the first best wins).
            var seen = Set<String>()
            var best: ScoreExplanation.TermPart?
            for a in ([TermAlternative(term: t, weight: 1)] + (query.expansions[t] ?? [])) where seen.insert(a.term).inserted {
                guard reader.terms.lookup(a.term).map({ $0.documentFrequency > 0 }) == true else { continue }
                guard let p = part(a.term, word: t, weight: a.weight, scoringDocumentFrequency: a.scoringDocumentFrequency) else { return nil }
                guard p.fields.contains(where: { $0.frequency > 0 }) else { continue } // not in this document
                if best == nil || p.score > best!.score { best = p }
            }
            guard let best else { return nil }
            text += best.score
            parts.append(best)
        }
        let decay = sort == .blended ? query.effectiveDecay : nil
        let factor = decay.flatMap { d in hit.distanceMiles.map { d.factor(miles: $0) } }
        return ScoreExplanation(document: doc, ranking: query.ranking.name, terms: parts, textScore: text,
                                distanceMiles: hit.distanceMiles, decayFactor: factor, halfDistanceMiles: decay?.halfDistanceMiles,
                                k1: k1, score: factor.map { text * $0 } ?? text)
    }
}

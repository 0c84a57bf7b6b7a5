import Analysis

extension SearchQuery {
    /// `expansions` as the searcher reads them: every word and every alternative analyzed like
    /// the query text, so a caller may write them as a person would ("Programs", "records") and
    /// they still meet the query's tokens and the index's terms ("program", "record").
    ///
    /// A word that is not one token after analysis ("health information", "") can never be a
    /// query token and is dropped. Words that analyze alike ("nurse", "Nurses") share one group:
    /// their alternatives in the byte order of the words as given, so the result does not
    /// depend on the dictionary's order.
    /// - Throws: `.invalidAlternative` for an alternative that is not one token after analysis
    ///   or whose weight is not in (0, 1] (words checked in byte order, alternatives in order).
    /// - Complexity: O(total length of the words and alternatives).
    func analyzedExpansions() throws(SearchError) -> [String: [TermAlternative]] {
        var analyzed: [String: [TermAlternative]] = [:]
        for word in expansions.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let alternatives = expansions[word]!
            var group: [TermAlternative] = []
            group.reserveCapacity(alternatives.count)
            for a in alternatives {
                let tokens = Analyzer.tokens(a.term)
                guard a.weight.isFinite && a.weight > 0 && a.weight <= 1, tokens.count == 1, (a.scoringDocumentFrequency ?? 1) >= 1 else {
                    throw .invalidAlternative(word: word, term: a.term, weight: a.weight)
                }
                group.append(TermAlternative(term: tokens[0], weight: a.weight, scoringDocumentFrequency: a.scoringDocumentFrequency))
            }
            let key = Analyzer.tokens(word)
            if key.count == 1 { analyzed[key[0], default: []].append(contentsOf: group) }
        }
        return analyzed
    }
}

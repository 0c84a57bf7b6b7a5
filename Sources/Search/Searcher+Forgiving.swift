import Corpus

extension Searcher {
    /// Forgiving matching (`TextMatching.forgiving`): `QueryRewriter` turns the text into text
    /// groups; the query runs with them as `expansions` and the dictionary's implied levels when
    /// it named none. When nothing matches, it relaxes, never answering a bare zero while a word
    /// can go:
    /// 0. with a level named in the singular or by an abbreviation ("nursing associate",
    ///    "bioinformatics master", "nursing BS": text first, since "Physician Associate" is a
    ///    program; `QueryRewriter.ambiguousLevelWords`) read as the level instead, when the query named none
    ///    and that finds something;
    /// 1. without the implied levels, if they were applied;
    /// 2. without every group the index cannot match at all (unknown words), if another is left;
    /// 3. then, while nothing matches and two or more groups are left, without the last group
    ///    whose removal matches something (a query's first words are its subject), or the last
    ///    group when no single removal does.
    /// What was understood and dropped is in `SearchResult.understanding`.
    /// - Complexity: one search, plus, only when it finds nothing, one counting search per group
    ///   per relaxation step (O(groups²) counting searches at worst), each stopping at its first
    ///   match.
    func searchForgiving<Scorer: RelevanceScorer>(_ query: SearchQuery, text: String, sort: SortOrder,
                                                  scorer: Scorer) throws(SearchError) -> SearchResult {
        var understanding = QueryRewriter(dictionary: reader.synonyms, vocabulary: IndexVocabulary(reader: reader)).understand(text)
        if understanding.words.count > Self.maximumTerms {
            throw .tooManyTerms(count: understanding.words.count, limit: Self.maximumTerms)
        }
        var implied = Set(understanding.impliedLevels.compactMap(AwardLevel.init(rawValue:)))
        func run(_ words: [QueryUnderstanding.Word], levels: Bool, countOnly: Bool) throws(SearchError) -> SearchResult {
            var q = query
            q.matching = .exact
            for w in words where !w.alternatives.isEmpty {
                q.expansions[w.term, default: []] += w.alternatives.map {
                    TermAlternative(term: $0.term, weight: $0.weight, scoringDocumentFrequency: $0.scoringDocumentFrequency)
                }
            }
            if levels { q.levels = implied }
            if countOnly {
                q.limit = 0; q.offset = 0; q.facets = []; q.explain = false; q.groupByInstitution = false
            }
            // A count here only asks whether anything matches: the first match ends it.
            return try execute(q, words: words.map(\.term), sort: sort, scorer: scorer, countLimit: countOnly ? 1 : nil)
        }
        // Without filters, a single group whose term is in the index matches: its count needs
        // no search (most relaxations of two words end on one).
        let unfiltered = query.levels.isEmpty && query.states.isEmpty && query.cipPrefix == nil && query.accreditors.isEmpty
            && query.deliveries.isEmpty && query.radiusMiles == nil
        func count(_ words: [QueryUnderstanding.Word]) throws(SearchError) -> Int {
            if unfiltered, words.count == 1, words[0].documentFrequency > 0 { return words[0].documentFrequency }
            return try run(words, levels: false, countOnly: true).total
        }
        var active = understanding.words
        var useLevels = query.levels.isEmpty && !implied.isEmpty
        var result = try run(active, levels: useLevels, countOnly: false)
        if result.total == 0 {
            var found = false
            if query.levels.isEmpty, active.count > 1,
               let k = active.lastIndex(where: { QueryRewriter.ambiguousLevelWords[$0.typed] != nil }) {
                let level = QueryRewriter.ambiguousLevelWords[active[k].typed]!
                var rest = active
                rest.remove(at: k)
                let before = implied
                implied = [level]
                if try run(rest, levels: true, countOnly: true).total > 0 {
                    understanding.levelWords.append(active[k].typed)
                    understanding.impliedLevels = [level.rawValue]
                    active = rest
                    useLevels = true
                    found = true
                } else {
                    implied = before
                }
            }
            if !found, useLevels, try count(active) > 0 {
                useLevels = false
                found = true
            }
            if !found {
                useLevels = false
                if active.contains(where: \.isUnknown) && !active.allSatisfy(\.isUnknown) {
                    understanding.dropped += active.filter(\.isUnknown).map(\.term)
                    active.removeAll(where: \.isUnknown)
                }
                var total = understanding.dropped.isEmpty ? 0 : try count(active)
                while total == 0 && active.count > 1 {
                    // The student's first words are the subject ("nursing in spanish", "paramedic
                    // training", "nurse practioner"): drop the last group whose removal matches
                    // something, scanning from the end; when no single removal does, the last.
                    var best = (index: active.count - 1, total: 0)
                    for i in active.indices.reversed() {
                        var rest = active
                        rest.remove(at: i)
                        let t = try count(rest)
                        if t > 0 { best = (i, t); break }
                    }
                    understanding.dropped.append(active[best.index].term)
                    active.remove(at: best.index)
                    total = best.total
                }
            }
            if found || !understanding.dropped.isEmpty { result = try run(active, levels: useLevels, countOnly: false) }
        }
        understanding.appliedImpliedLevels = useLevels
        result.understanding = understanding
        return result
    }
}

import IndexFormat

/// An index's words for forgiving matching: frequencies by lookup, close spellings and
/// completions by walking the sorted term dictionary (`TermDictionaryWalk`).
struct IndexVocabulary: TermVocabulary {
    let reader: IndexReader

    func documentFrequency(of term: String) -> Int { reader.lookup(term)?.documentFrequency ?? 0 }

    func fuzzyMatches(of word: String, maxEdits: Int) -> [TermMatch] {
        TermDictionaryWalk(reader: reader).fuzzyMatches(of: word, maxEdits: maxEdits).matches
    }

    func completions(of prefix: String, limit: Int) -> [TermMatch] {
        TermDictionaryWalk(reader: reader).completions(of: prefix, limit: limit)
    }
}

import IndexFormat

/// An index's words for forgiving matching: frequencies by lookup, close spellings and
/// completions by walking the sorted term dictionary (`TermDictionaryWalk`).
public struct IndexVocabulary: TermVocabulary {
    public let reader: IndexReader

    public init(reader: IndexReader) { self.reader = reader }

    public func documentFrequency(of term: String) -> Int { reader.terms.lookup(term)?.documentFrequency ?? 0 }

    /// The walk over the keys that begin with the word's first letter, with every edit; then,
    /// when two edits are allowed, the terms one edit away that differ in the first letter (that
    /// edit counting two): the word with its first letter replaced, dropped, doubled by another
    /// in front, or swapped with the second — at most 2 × 36 + 2 lookups.
    public func fuzzyMatches(of word: String, maxEdits: Int) -> [TermMatch] { fuzzyMatchesVisiting(of: word, maxEdits: maxEdits).matches }

    /// `fuzzyMatches` and the dictionary entries it read: the walk's, plus one per lookup.
    public func fuzzyMatchesVisiting(of word: String, maxEdits: Int) -> (matches: [TermMatch], visited: Int) {
        let bytes = Array(word.utf8)
        guard let first = bytes.first else { return ([], 0) }
        let walk = TermDictionaryWalk(reader: reader)
        var (matches, visited) = walk.fuzzyMatches(of: word, maxEdits: maxEdits,
                                                   within: reader.terms.termEntries(withPrefix: String(decoding: [first], as: UTF8.self)))
        guard maxEdits >= 2 else { return (matches, visited) }
        var candidates: [[UInt8]] = []
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)
        for b in alphabet where b != first {
            candidates.append([b] + bytes.dropFirst()) // first letter replaced
            candidates.append([b] + bytes) // a letter typed in front
        }
        if bytes.count > 1, bytes[1] != first {
            candidates.append(Array(bytes.dropFirst())) // first letter dropped
            candidates.append([bytes[1], first] + bytes.dropFirst(2)) // first two swapped
        }
        var seen = Set(matches.map(\.term))
        for c in candidates {
            visited += 1
            let term = String(decoding: c, as: UTF8.self)
            guard !seen.contains(term), let info = reader.terms.lookup(term), info.documentFrequency > 0 else { continue }
            seen.insert(term)
            matches.append(TermMatch(term: term, distance: 2, documentFrequency: info.documentFrequency))
        }
        matches.sort(by: TermMatch.nearerFirst)
        return (matches, visited)
    }

    public func completions(of prefix: String, limit: Int) -> [TermMatch] {
        TermDictionaryWalk(reader: reader).completions(of: prefix, limit: limit)
    }
}

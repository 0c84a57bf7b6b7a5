import Analysis
import IndexFormat

extension TermDictionaryWalk {
    /// The `limit` text terms that begin with `prefix` and are longer than it with the most
    /// documents, most first (ties: the term that sorts first), for type-ahead. A match's
    /// `distance` is the number of bytes the term adds to the prefix.
    ///
    /// The candidates are one run of the sorted dictionary (`TermDictionary.termEntries(withPrefix:)`,
    /// O(log terms)); the run is scanned reading each entry's document frequency, and a bounded
    /// heap (`TopKCollector`, the dictionary entry as its rank: entry order is term order) keeps
    /// the best `limit`; only those are decoded to strings. Blocks of field and keyword keys
    /// (a byte outside `[a-z0-9]`) are skipped by binary search, not scanned.
    ///
    /// - Parameters:
    ///   - prefix: compared as UTF-8 bytes; one that is not made of `[a-z0-9]` completes to
    ///     nothing. The empty prefix completes to the most frequent terms.
    ///   - limit: the most matches returned; ≤ 0 returns none.
    /// - Complexity: O(log terms + r log limit + limit × term length), r = the terms in the run.
    public func completions(of prefix: String, limit: Int = 50) -> [TermMatch] {
        let prefixLength = prefix.utf8.count
        guard limit > 0, prefix.utf8.allSatisfy(Analyzer.isTokenByte) else { return [] }
        let run = reader.terms.termEntries(withPrefix: prefix)
        var best = TopKCollector(capacity: limit)
        var examined = ExaminedEntryCount() // not reported
        var entry = run.lowerBound
        while entry < run.upperBound {
            guard let key = reader.terms.termKeyBytes(at: entry) else { entry += 1; continue }
            if let stray = (prefixLength ..< key.count).first(where: { !Analyzer.isTokenByte(key[$0]) }) {
                entry = firstEntry(notSharing: key, prefixLength: stray + 1, from: entry + 1, examined: &examined)
                continue
            }
            if key.count > prefixLength, let info = reader.terms.termInfo(at: entry), info.documentFrequency > 0 {
                let frequency = Double(info.documentFrequency)
                if !best.isFull || frequency > best.worst!.primary {
                    best.offer(.init(primary: frequency, secondary: 0, rank: UInt32(entry), document: UInt32(entry),
                                     score: frequency, distance: 0))
                }
            }
            entry += 1
        }
        return best.sortedEntries().compactMap { kept in
            let entry = Int(kept.rank)
            guard let term = reader.terms.termString(at: entry) else { return nil }
            return TermMatch(term: term, distance: term.utf8.count - prefixLength, documentFrequency: Int(kept.primary))
        }
    }
}

/// Finds a dictionary's phrases in a token sequence and names each by its compound (its words
/// concatenated, `SynonymDictionary`).
///
/// - Index side (`appendingCompounds`): the text keeps every token and gains the compound of
///   every phrase occurrence, overlapping ones included, so a phrase query finds it.
/// - Query side (`replacingPhrases`): left to right, the longest phrase starting at a word is
///   replaced by its compound, so the query asks for the phrase, not its words anywhere.
///
/// Complexity: O(tokens × phrases starting at a token × phrase length); phrases are short (≤ 6
/// words) and few start at any one word.
public struct PhraseCompounder: Sendable, Equatable {
    /// Phrases by first word, longest first.
    private let byFirstWord: [String: [[String]]]

    public init(phrases: Set<[String]>) {
        var map: [String: [[String]]] = [:]
        for p in phrases where p.count > 1 { map[p[0], default: []].append(p) }
        for k in map.keys { map[k]!.sort { $0.count != $1.count ? $0.count > $1.count : $0.lexicographicallyPrecedes($1) } }
        byFirstWord = map
    }

    /// Whether there are no phrases (compounding changes nothing).
    public var isEmpty: Bool { byFirstWord.isEmpty }

    /// The phrases that start at `tokens[i]`, longest first.
    func phrases(at i: Int, in tokens: [String]) -> [[String]] {
        guard let candidates = byFirstWord[tokens[i]] else { return [] }
        return candidates.filter { p in i + p.count <= tokens.count && zip(p, tokens[i...]).allSatisfy { $0 == $1 } }
    }

    /// `tokens` followed by the compound of every phrase occurrence, in order of occurrence.
    public func appendingCompounds(_ tokens: [String]) -> [String] {
        guard !isEmpty else { return tokens }
        var result = tokens
        for i in tokens.indices {
            for p in phrases(at: i, in: tokens) { result.append(p.joined()) }
        }
        return result
    }

    /// `tokens` with each phrase (longest first, left to right, not overlapping) replaced by its
    /// compound. `accept` may refuse a compound (e.g. one the index does not hold); the phrase's
    /// words then stay as they are.
    public func replacingPhrases(_ tokens: [String], accept: (String) -> Bool = { _ in true }) -> [(token: String, phrase: [String]?)] {
        var result: [(token: String, phrase: [String]?)] = []
        var i = 0
        while i < tokens.count {
            if let p = phrases(at: i, in: tokens).first(where: { accept($0.joined()) }) {
                result.append((p.joined(), p))
                i += p.count
            } else {
                result.append((tokens[i], nil))
                i += 1
            }
        }
        return result
    }
}

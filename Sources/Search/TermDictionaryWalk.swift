import Analysis
import IndexFormat

/// Finds text terms near a query word by walking the index's sorted term dictionary (TERMS)
/// with a `LevenshteinAutomaton`, and completes prefixes (`TermDictionaryWalk+Completions`).
///
/// Only *text* terms are returned: keys that are analyzer tokens (`[a-z0-9]+`, `Analyzer.isToken`)
/// and have documents. The dictionary also holds field terms (`title:nursing`, `inst:…`) and
/// keyword terms (`level:bachelor`, `cip:51.07`, `acc:acen`, `state:il`, …), sorted among the text terms
/// (':' sorts between the digits and the letters); a key's first byte outside `[a-z0-9]` sends
/// the walk past every key sharing its prefix up to that byte, so each such block costs a few
/// probes, not a scan.
///
/// Read-only on the mapped reader; a value with no mutable state, safe to share across tasks.
public struct TermDictionaryWalk: Sendable {
    public let reader: IndexReader

    public init(reader: IndexReader) { self.reader = reader }

    /// Every text term within optimal string alignment distance `maxEdits` of `word` (the word
    /// itself at distance 0 when the index holds it), with at least one document, sorted by
    /// distance, then document frequency descending, then term.
    ///
    /// The walk keeps the automaton's state after each byte of the current key; the next key
    /// reuses the states of the prefix it shares with it, so each key costs the steps of its new
    /// bytes only. At the first byte where no continuation can match (`canMatch` is false) — or
    /// the first byte outside `[a-z0-9]` — every key sharing the prefix up to that byte is
    /// dead, and so are the following siblings whose byte the automaton rejects: the walk seeks
    /// (galloping binary search from the current entry) to the first key at or after the
    /// smallest live extension of an ancestor prefix, or ends when there is none.
    ///
    /// - Parameters:
    ///   - word: the query word, normally an analyzer token; compared as UTF-8 bytes.
    ///   - maxEdits: 0 ... 3 (`TypoBudget.maximumEdits(forWordLength:)` gives 0 ... 2).
    /// - Returns: the matches and `visited`, the number of distinct dictionary entries whose key
    ///   bytes were read: stepped through, or probed by a seek.
    /// - Complexity: O(visited) key reads, O(k) per byte stepped and O(k²) per seek level;
    ///   visited grows with the dictionary's live prefixes (those within k of a prefix of the
    ///   word: with k = 2 every two-byte prefix is one) times O(log gap) probes per seek, not
    ///   with the dictionary's size.
    public func fuzzyMatches(of word: String, maxEdits: Int) -> (matches: [TermMatch], visited: Int) {
        fuzzyMatches(of: word, maxEdits: maxEdits, within: 0 ..< reader.terms.count)
    }

    /// `fuzzyMatches(of:maxEdits:)` over the dictionary entries `entries` only (e.g. the keys
    /// beginning with one letter, `TermDictionary.termEntries(withPrefix:)`).
    public func fuzzyMatches(of word: String, maxEdits: Int, within entries: Range<Int>) -> (matches: [TermMatch], visited: Int) {
        let automaton = LevenshteinAutomaton(word: Array(word.utf8), maxEdits: maxEdits)
        // states[d]: after the first d bytes of `previous` (the last key read); count − 1 ≤ its length.
        var states = [automaton.start]
        states.reserveCapacity(64)
        var previous = UnsafeRawBufferPointer(start: nil, count: 0)
        var matches: [TermMatch] = []
        var examined = ExaminedEntryCount()
        var entry = max(0, entries.lowerBound)
        let end = min(entries.upperBound, reader.terms.count)
        while entry < end {
            examined.walk(entry)
            guard let key = reader.terms.termKeyBytes(at: entry) else { entry += 1; continue }
            var depth = 0
            let shared = min(states.count - 1, key.count)
            while depth < shared, key[depth] == previous[depth] { depth += 1 }
            if states.count - 1 > depth { states.removeLast(states.count - 1 - depth) }
            var deadEnd: Int?
            while depth < key.count {
                let byte = key[depth]
                guard Analyzer.isTokenByte(byte) else { deadEnd = depth; break }
                let next = automaton.step(states[depth], byte)
                guard automaton.canMatch(next) else { deadEnd = depth; break }
                states.append(next)
                depth += 1
            }
            previous = key
            if let deadEnd {
                entry = entryAfterDeadEnd(of: key, at: deadEnd, states: states, automaton: automaton, from: entry + 1,
                                          examined: &examined)
                examined.pass(entry)
                continue
            }
            if !key.isEmpty, let distance = automaton.distance(states[key.count]),
               let info = reader.terms.termInfo(at: entry), info.documentFrequency > 0 {
                matches.append(TermMatch(term: String(decoding: key, as: UTF8.self), distance: distance,
                                         documentFrequency: info.documentFrequency))
            }
            entry += 1
        }
        matches.sort(by: TermMatch.nearerFirst)
        return (matches, examined.count)
    }

    /// Where the walk goes on when no key beginning with `key[0 ... deadEnd]` can match: the
    /// first entry at or after `start` whose key is ≥ p + b, where p = `key[0 ..< d]` and b is the
    /// smallest token byte after `key[d]` with `canMatch(step(states[d], b))`, for the deepest
    /// d ≤ `deadEnd` that has one; `reader.terms.count` when no d has. Entries before it cannot match.
    /// Precondition: `states[d]` is the state after `key[0 ..< d]` for d in 0 ... deadEnd, and
    /// entry `start − 1` is `key`.
    /// - Complexity: O(deadEnd × k²) automaton work and O(log skipped) probes, each recorded in `examined`.
    func entryAfterDeadEnd(of key: UnsafeRawBufferPointer, at deadEnd: Int, states: [LevenshteinAutomaton.State],
                           automaton: LevenshteinAutomaton, from start: Int, examined: inout ExaminedEntryCount) -> Int {
        var depth = deadEnd
        var lowest = Int(key[depth]) + 1
        while true {
            if let byte = Self.smallestLiveTokenByte(automaton, after: states[depth], atLeast: lowest) {
                let length = depth
                // Keys before p + byte: a prefix of it, or smaller at the first byte that differs.
                return firstEntry(from: start, examined: &examined) { other in
                    for d in 0 ..< min(length, other.count) where other[d] != key[d] { return other[d] < key[d] }
                    return other.count <= length || other[length] < byte
                }
            }
            if depth == 0 { return reader.terms.count }
            depth -= 1
            lowest = Int(key[depth]) + 1
        }
    }

    /// The least token byte (`[a-z0-9]`) ≥ `lowest` after which `automaton` can still match from
    /// `state`, or `nil`. - Complexity: O(k²): at most three `smallestLiveByte` calls.
    static func smallestLiveTokenByte(_ automaton: LevenshteinAutomaton, after state: LevenshteinAutomaton.State,
                                      atLeast lowest: Int) -> UInt8? {
        var lowest = lowest
        while let live = automaton.smallestLiveByte(after: state, atLeast: lowest) {
            if Analyzer.isTokenByte(live) { return live }
            if live > 0x7A { return nil }
            lowest = live < 0x30 ? 0x30 : 0x61 // below the digits, or between them and the letters
        }
        return nil
    }

    /// The first entry at or after `start` whose key does not begin with the first
    /// `prefixLength` bytes of `key` (the first key past "prefix + 0xFF…"), recording the keys it
    /// reads in `examined`. Precondition: entry `start − 1` begins with that prefix (the keys that do form one
    /// run, the dictionary being sorted bytewise).
    /// - Complexity: O(log skipped) probes.
    func firstEntry(notSharing key: UnsafeRawBufferPointer, prefixLength: Int, from start: Int,
                    examined: inout ExaminedEntryCount) -> Int {
        firstEntry(from: start, examined: &examined) { other in
            guard other.count >= prefixLength else { return false }
            for d in 0 ..< prefixLength where other[d] != key[d] { return false }
            return true
        }
    }

    /// The first entry at or after `start` whose key fails `isBefore`; the keys it reads are
    /// recorded in `examined`.
    /// Precondition: `isBefore` holds for a run of entries from `start` and fails for every one
    /// after (keys are sorted; it describes "sorts before some bound").
    /// - Complexity: O(log skipped) probes: gallop by doubling strides, then bisect.
    func firstEntry(from start: Int, examined: inout ExaminedEntryCount, isBefore: (UnsafeRawBufferPointer) -> Bool) -> Int {
        let count = reader.terms.count
        func before(_ i: Int) -> Bool {
            examined.probe(i)
            guard let other = reader.terms.termKeyBytes(at: i) else { return false }
            return isBefore(other)
        }
        // [start, low) are before; `high` is the first probe that is not (or `count`).
        var low = start, high = start, stride = 1
        while high < count, before(high) {
            low = high + 1
            high = min(count, high + stride)
            stride *= 2
        }
        while low < high {
            let middle = (low + high) / 2
            if before(middle) { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

/// Light English plural reduction of analyzer tokens: "programs" → "program", "nurses" →
/// "nurse", "studies" → "study", "classes" → "class". Nothing else is stemmed: "nursing",
/// "informatics", "analysis" and "health" stay as they are.
///
/// The rules follow Harman's S-stemmer (Harman, "How effective is suffixing?", JASIS 1991), made
/// more conservative for program titles, CIP definitions and institution names, and checked
/// against every token of `Corpus/` (9,298 distinct tokens, 1,309 of which change; see
/// `PluralStemmer+Words.swift` for the words the rules get wrong). A token is changed only when
/// it has at least `minimumLength` bytes, no digit, and ends in `s`; then the first that applies:
///
/// 1. **Words** (`wordRules`): a token listed there keeps its `s` ("news", "series", "aids",
///    "angeles") or takes its listed singular ("crises" → "crisis",
///    "lenses" → "lens", "areas" → "area", "clinics" → "clinic").
/// 2. `ies` → `y` ("technologies" → "technology"); a four-letter word only drops the `s`
///    ("dies" → "die").
/// 3. `sses` → `ss` ("processes" → "process").
/// 4. `theses`, `yses` → `thesis`, `ysis` ("hypotheses" → "hypothesis", "analyses" → "analysis").
/// 5. `wives` → `wife` ("midwives" → "midwife").
/// 6. `uses` after a consonant other than `f` → `us` ("campuses" → "campus", "viruses" →
///    "virus", "focuses" → "focus"); after a vowel or `f` the `e` stays ("causes" → "cause",
///    "houses" → "house", "fuses" → "fuse").
/// 7. `xes`, `shes`, `zzes`, `tzes` → drop `es` ("complexes" → "complex", "finishes" →
///    "finish", "waltzes" → "waltz"), unless fewer than three letters would remain ("axes" → "axe").
/// 8. `ches` → drop `es` ("approaches" → "approach", "branches" → "branch"), but only the `s`
///    after `i`, `y`, or an `a` not preceded by a vowel ("niches" → "niche", "caches" → "cache",
///    "headaches" → "headache").
/// 9. A word ending in `ss`, `us`, `is`, `as`, `os` or `ics` keeps its `s` ("class",
///    "campus", "analysis", "texas", "chaos", "bioinformatics": fields of study stay in the form
///    students type; `-ics` plurals of nouns are listed words, such as "clinics").
/// 10. Otherwise the final `s` goes ("programs" → "program", "nurses" → "nurse", "arts" → "art").
///
/// Invariants (pinned by `PluralStemmerTests`): the result is never empty, never longer than the
/// token, only `[a-z0-9]`, and a fixed point (`stem(stem(t)) == stem(t)`), so analyzing
/// analyzed text changes nothing and a query word matches the index term it was reduced to.
/// - Complexity: O(1) beyond reading the token's last bytes, plus one hash lookup for a token
///   that ends in `s`; no allocation when stemming in place.
public enum PluralStemmer {
    /// Shorter tokens ("bus", "gas", "its", "cds") never change.
    public static let minimumLength = 4

    /// The stem of `token`, a lowercase `[a-z0-9]+` token (the analyzer's output).
    public static func stem(_ token: String) -> String {
        var bytes = Array(token.utf8)
        guard stem(inPlace: &bytes) else { return token }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The stem of `token`, a lowercase `[a-z0-9]+` token, as bytes.
    public static func stem(_ token: [UInt8]) -> [UInt8] {
        var bytes = token
        stem(inPlace: &bytes)
        return bytes
    }

    /// Replaces `token` (lowercase `[a-z0-9]+` bytes) by its stem, in its own storage.
    /// - Returns: whether the token changed.
    @discardableResult
    public static func stem(inPlace token: inout [UInt8]) -> Bool {
        let n = token.count
        guard n >= minimumLength, token[n - 1] == s else { return false }
        for b in token where b < a { return false } // a digit (tokens are [a-z0-9])

        if let rule = wordRules[token] {
            switch rule {
            case .keep: return false
            case let .singular(singular):
                // Never longer: overwrite the token's own bytes (no new storage).
                token.removeLast(n - singular.count)
                for k in singular.indices { token[k] = singular[k] }
                return true
            }
        }
        // Byte `k` from the end (1 = the final `s`); 0 before the start.
        func last(_ k: Int) -> UInt8 { k <= n ? token[n - k] : 0 }
        func ends(_ suffix: StaticString) -> Bool {
            let count = suffix.utf8CodeUnitCount
            guard count <= n else { return false }
            return suffix.withUTF8Buffer { bytes in (0 ..< count).allSatisfy { token[n - count + $0] == bytes[$0] } }
        }

        if ends("ies") {
            if n == minimumLength { token.removeLast() } else { token.removeLast(2); token[n - 3] = y }
            return true
        }
        if ends("sses") { token.removeLast(2); return true }
        if ends("theses") || ends("yses") { token[n - 2] = i; return true }
        if ends("wives") { token[n - 3] = f; token[n - 2] = e; token.removeLast(); return true }
        if ends("uses"), n >= 5, !isVowel(last(5)), last(5) != f { token.removeLast(2); return true }
        if ends("xes") || ends("shes") || ends("zzes") || ends("tzes") {
            token.removeLast(n - 2 >= 3 ? 2 : 1)
            return true
        }
        if ends("ches") {
            let before = last(5)
            let keepsE = before == i || before == y || (before == a && !isVowel(last(6)))
            token.removeLast(keepsE ? 1 : 2)
            return true
        }
        switch last(2) {
        case s, u, i, a, o: return false
        case c where last(3) == i: return false
        default: token.removeLast(); return true
        }
    }

    static func isVowel(_ b: UInt8) -> Bool { b == a || b == e || b == i || b == o || b == u }

    // ASCII letters the rules name.
    static let a = UInt8(ascii: "a"), c = UInt8(ascii: "c"), e = UInt8(ascii: "e"), f = UInt8(ascii: "f")
    static let i = UInt8(ascii: "i"), o = UInt8(ascii: "o"), s = UInt8(ascii: "s"), u = UInt8(ascii: "u")
    static let y = UInt8(ascii: "y")
}

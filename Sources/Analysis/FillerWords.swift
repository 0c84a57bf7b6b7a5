/// Query words that carry no meaning for a corpus of degree programs ("programs", "degree",
/// "near", "in", "eligible"): a query does not require them, unless it has no other word.
///
/// The list is short on purpose: a word that could name a field of study or a kind of school
/// ("school" in School Psychology, "studies") is not filler; when such a word blocks every match,
/// the searcher's relaxation drops it and says so. "online" is filler because no program's text
/// says how it is delivered (the delivery filter, `--delivery`, is the way to ask, where a
/// corpus has it; IPEDS does not).
public enum FillerWords {
    /// The filler words as written; `words` holds them analyzed.
    public static let list = [
        "a", "an", "the", "and", "or", "of", "for", "in", "at", "on", "to", "with", "near", "around", "by",
        "program", "programs", "degree", "degrees", "major", "majors",
        "eligible", "accredited", "best", "top", "cheap", "affordable", "good", "online",
        "i", "me", "my", "want", "find", "looking", "become", "how", "what", "where",
        "s", "job", "jobs", "class", "classes", "course", "courses", "grad",
    ]

    /// The filler words, analyzed (so they agree with query tokens whatever the analyzer does).
    public static let words: Set<String> = Set(list.flatMap { Analyzer.tokens($0) })

    /// Whether `token` (analyzed) is filler.
    public static func isFiller(_ token: String) -> Bool { words.contains(token) }
}

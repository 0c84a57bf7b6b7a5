/// How many typos a query word may carry and still match, by its length.
///
/// Meilisearch's default rule (its `minWordSizeForTypos`: one typo from 5 letters, two from 9):
/// short words get no slack because one edit turns them into other real words ("care" → "cure",
/// "core", "card"), and the number of dictionary terms within two edits of a short word is large.
///
/// | word length (bytes) | edits |
/// |---------------------|-------|
/// | 0 – 4               | 0     |
/// | 5 – 8               | 1     |
/// | 9 and more          | 2     |
///
/// An edit is one insertion, deletion, substitution or adjacent transposition
/// (`EditDistance.optimalStringAlignment`).
public enum TypoBudget {
    /// The shortest word allowed one edit, in bytes.
    public static let oneEditLength = 5
    /// The shortest word allowed two edits, in bytes.
    public static let twoEditLength = 9

    /// The largest edit distance, 0 ... 2, at which a term still matches a query word of `n` bytes
    /// (an analyzer token's length; negative lengths count as 0).
    /// - Complexity: O(1).
    public static func maximumEdits(forWordLength n: Int) -> Int {
        n >= twoEditLength ? 2 : n >= oneEditLength ? 1 : 0
    }
}

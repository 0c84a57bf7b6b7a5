/// Splits a line into words the way a POSIX shell splits a command line, without expanding
/// anything: blanks separate words; '…' keeps its text literally; "…" keeps its text with \"
/// and \\ unescaped; a backslash outside quotes keeps the next character. So
/// `--near "Chicago, IL" --radius 50` is the four words `schoolfinder search` receives.
public enum ShellWords {
    /// The words of `line`, or `nil` when a quote is not closed or the line ends in a lone
    /// backslash. O(n) in the line's length.
    public static func split(_ line: String) -> [String]? {
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for c in line {
            if escaped {
                word.append(c)
                escaped = false
                continue
            }
            switch quote {
            case "'"?:
                if c == "'" { quote = nil } else { word.append(c) }
            case "\""?:
                if c == "\"" { quote = nil } else if c == "\\" { escaped = true } else { word.append(c) }
            default:
                if c == " " || c == "\t" {
                    if inWord { words.append(word); word = ""; inWord = false }
                } else {
                    inWord = true
                    if c == "'" || c == "\"" { quote = c } else if c == "\\" { escaped = true } else { word.append(c) }
                }
            }
        }
        if quote != nil || escaped { return nil }
        if inWord { words.append(word) }
        return words
    }
}

import Foundation
import SchoolFinderCLI
import TestSupport
import Testing

/// The `--explain` table for fixed queries on the CLI fixture corpus, compared byte for byte
/// with `Golden/search-explain-<name>.txt` (the query's time masked as "<time>"). Regenerate as
/// the help goldens are: `SCHOOLFINDER_UPDATE_GOLDEN=1 swift test --filter ExplainGoldenTests`.
@Suite("CLI: golden --explain tables")
struct ExplainGoldenTests {
    @Test("each --explain table equals its golden file", arguments: [
        ("blended", ["health", "information", "--zip", "60601", "--radius", "25", "--limit", "3", "--explain"]),
        ("classic", ["nursing", "--zip", "02139", "--ranking", "classic", "--limit", "2", "--explain"]),
        ("grouped", ["health", "--zip", "60601", "--radius", "10", "--group", "institution", "--facets", "level,cip2", "--limit", "2", "--explain"]),
    ])
    func explain(name: String, arguments: [String]) throws {
        let r = CLIFixture.search(arguments)
        #expect(r.code == 0 && r.err == "")
        let out = Self.maskingTime(r.out)
        let path = HelpGoldenTests.directory + "/search-explain-\(name).txt"
        if HelpGoldenTests.updating {
            try out.write(toFile: path, atomically: true, encoding: .utf8)
            Issue.record("rewrote \(path) (SCHOOLFINDER_UPDATE_GOLDEN=1); run again without it")
            return
        }
        let golden = try String(contentsOfFile: path, encoding: .utf8)
        #expect(out == golden, "\(path) differs; see this file's doc comment to regenerate")
    }

    /// "… in 0.93 ms; …" → "… in <time>; …". The header wraps to the width, so a longer time
    /// moves its line breaks: the header (up to the first blank line) is compared with its
    /// whitespace collapsed to single spaces, one line; the cards below keep their layout.
    static func maskingTime(_ text: String) -> String {
        let masked = text.replacingOccurrences(of: #"in\s+[0-9.]+\s+ms;"#, with: "in <time>;", options: .regularExpression)
        guard let blank = masked.range(of: "\n\n") else { return masked }
        let header = masked[..<blank.lowerBound].replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression)
        return header + masked[blank.lowerBound...]
    }
}

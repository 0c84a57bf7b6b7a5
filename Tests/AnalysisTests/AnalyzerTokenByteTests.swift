import Analysis
import Testing

@Suite("Analyzer: token bytes")
struct AnalyzerTokenByteTests {
    @Test("isTokenByte holds exactly for the bytes of one-byte tokens")
    func agreesWithIsToken() {
        for byte in UInt8.min ... UInt8.max where byte < 0x80 {
            #expect(Analyzer.isTokenByte(byte) == Analyzer.isToken(String(decoding: [byte], as: UTF8.self)), "byte \(byte)")
        }
        #expect(!(UInt8(0x80) ... UInt8.max).contains(where: Analyzer.isTokenByte))
    }

    @Test("token spans (in place when lowercase ASCII, else built) equal a scalar-by-scalar reference of rules 1 and 2 on random mixed text (property)")
    func spansMatchReference() {
        /// Rule 1 and 2 plainly: each scalar lowercased or folded, or a separator.
        func reference(_ text: String) -> [String] {
            var tokens: [String] = [], current = ""
            for scalar in text.unicodeScalars {
                if scalar.isASCII {
                    let lower = Character(scalar).lowercased()
                    if Analyzer.isToken(lower) { current += lower; continue }
                } else if let folded = ASCIIFolding.fold(scalar) {
                    current += folded
                    continue
                }
                if !current.isEmpty { tokens.append(current); current = "" }
            }
            if !current.isEmpty { tokens.append(current) }
            return tokens
        }
        let pieces = ["health", "Nursing", "RHIT", "51", "0706", " ", "-", ".", "\n", "café", "CAFÉ", "e\u{301}", "ß", "ẞ", "Æ", "þ",
                      "×", "中文", "😀", "\u{2028}", "naïve", "x", "Z", "\u{301}"]
        var state: UInt64 = 0x5EED
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        for trial in 0 ..< 3_000 {
            let text = (0 ..< next(14)).map { _ in pieces[next(pieces.count)] }.joined()
            var spans: [String] = []
            Analyzer.forEachTokenSpan(in: text) { spans.append(String(decoding: $0, as: UTF8.self)) }
            #expect(spans == reference(text), "trial \(trial): \(text.debugDescription)")
            #expect(Analyzer.unreducedTokens(text) == spans)
        }
    }

    @Test("no scalar folds to more bytes than its own UTF-8 (the span scanner's scratch buffer holds the text's length)")
    func foldsNeverLengthen() {
        for value in UInt32(0x80) ... 0x10FFFF {
            guard let scalar = Unicode.Scalar(value), let folded = ASCIIFolding.fold(scalar) else { continue }
            #expect(folded.utf8.count <= UTF8.width(scalar), "U+\(String(value, radix: 16))")
        }
    }
}

import Analysis
import Testing

@Suite("Analyzer")
struct AnalyzerTests {
    @Test("lowercases and splits on every non-alphanumeric character", arguments: [
        ("Health Information Management", ["health", "information", "management"]),
        ("HEALTH/INFORMATION-management", ["health", "information", "management"]),
        ("ICD-10-CM & CPT", ["icd", "10", "cm", "cpt"]),
        ("  leading, trailing.  ", ["leading", "trailing"]),
        ("", []),
        ("!!! ??? ---", []),
        ("R2D2 c3po", ["r2d2", "c3po"]),
        ("bachelor's", ["bachelor", "s"]),
    ])
    func splits(input: String, expected: [String]) {
        #expect(Analyzer.tokens(input) == expected)
    }

    @Test("folds Latin diacritics to ASCII", arguments: [
        ("Café Saúde Informática", ["cafe", "saude", "informatica"]),
        ("Zoë Brontë naïve", ["zoe", "bronte", "naive"]),
        ("Straße Æther Œuvre", ["strasse", "aether", "oeuvre"]),
        ("Łódź Ñandú Çà", ["lodz", "nandu", "ca"]),
        ("ÀÁÂÃÄÅ àáâãäå", ["aaaaaa", "aaaaaa"]),
    ])
    func folds(input: String, expected: [String]) {
        #expect(Analyzer.tokens(input) == expected)
    }

    @Test("decomposed accents fold like precomposed ones and do not split words")
    func combiningMarks() {
        #expect(Analyzer.tokens("cafe\u{301} re\u{301}sume\u{301}") == ["cafe", "resume"])
        #expect(Analyzer.tokens("caf\u{E9}") == Analyzer.tokens("cafe\u{301}"))
    }

    @Test("non-Latin scripts, symbols and emoji separate tokens")
    func nonLatin() {
        #expect(Analyzer.tokens("data×science÷2 健康 information😀systems") == ["data", "science", "2", "information", "system"])
    }

    @Test("plurals are reduced after folding, at index and query time alike (PluralStemmer)", arguments: [
        ("Nurses programs", ["nurse", "program"]),
        ("Health Information Technologies", ["health", "information", "technology"]),
        ("CLASSES, Processes & Studies", ["class", "process", "study"]),
        ("Análisis  analyses", ["analisis", "analysis"]),
        ("News Series bioinformatics Physics", ["news", "series", "bioinformatics", "physics"]),
        ("bachelor's masters", ["bachelor", "s", "master"]),
        ("1990s R2D2s", ["1990s", "r2d2s"]),
        ("Cafés Écoles", ["cafe", "ecole"]),
    ])
    func reducesPlurals(input: String, expected: [String]) {
        #expect(Analyzer.tokens(input) == expected)
    }

    @Test("every token is [a-z0-9]+ for arbitrary input (property)")
    func tokensAreWellFormed() {
        var state: UInt64 = 12345
        for _ in 0 ..< 2000 {
            var s = ""
            for _ in 0 ..< Int(state % 40) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                let v = UInt32(truncatingIfNeeded: state >> 33) % 0x2FF
                if let u = Unicode.Scalar(v) { s.unicodeScalars.append(u) }
            }
            for t in Analyzer.tokens(s) { #expect(Analyzer.isToken(t), "token \(t) from \(s.debugDescription)") }
            // Analysis is idempotent: re-analyzing the joined tokens gives the same tokens.
            let once = Analyzer.tokens(s)
            #expect(Analyzer.tokens(once.joined(separator: " ")) == once)
        }
    }

    /// The analyzer's rules written plainly over Unicode scalars: the reference the byte-level
    /// tokenizer must agree with.
    static func referenceTokens(_ text: String) -> [String] {
        var tokens: [String] = [], buffer: [UInt8] = []
        func flush() {
            if !buffer.isEmpty { tokens.append(PluralStemmer.stem(String(decoding: buffer, as: UTF8.self))) }
            buffer.removeAll()
        }
        for scalar in text.unicodeScalars {
            if scalar.value < 0x80 {
                let b = UInt8(scalar.value)
                if (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) { buffer.append(b) }
                else if b >= 0x41 && b <= 0x5A { buffer.append(b | 0x20) }
                else { flush() }
            } else if let folded = ASCIIFolding.fold(scalar) {
                buffer.append(contentsOf: folded.utf8)
            } else {
                flush()
            }
        }
        flush()
        return tokens
    }

    @Test("the byte-level tokenizer equals the rules over scalars, for 1-, 2-, 3- and 4-byte UTF-8 (property)")
    func bytesMatchScalars() {
        var state: UInt64 = 777
        let ranges: [ClosedRange<UInt32>] = [0x20 ... 0x7E, 0xA0 ... 0x24F, 0x300 ... 0x36F, 0x370 ... 0x7FF, 0x800 ... 0xFFFF, 0x1_0000 ... 0x1_F9FF]
        for _ in 0 ..< 3000 {
            var s = ""
            for _ in 0 ..< Int(state % 50) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                let range = ranges[Int(state >> 60) % ranges.count]
                let v = range.lowerBound + UInt32(truncatingIfNeeded: state >> 20) % (range.upperBound - range.lowerBound + 1)
                if let u = Unicode.Scalar(v) { s.unicodeScalars.append(u) }
            }
            #expect(Analyzer.tokens(s) == Self.referenceTokens(s), "\(s.debugDescription)")
        }
        #expect(Analyzer.tokens("Ærø Straße café 𝔘nicode Nurses") == Self.referenceTokens("Ærø Straße café 𝔘nicode Nurses"))
    }
}

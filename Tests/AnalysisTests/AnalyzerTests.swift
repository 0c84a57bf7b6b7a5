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
}

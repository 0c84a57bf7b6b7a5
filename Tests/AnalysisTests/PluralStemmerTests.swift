@testable import Analysis
import Testing

@Suite("Plural stemmer")
struct PluralStemmerTests {
    @Test("each rule, by example", arguments: [
        // Final s.
        ("programs", "program"), ("nurses", "nurse"), ("arts", "art"), ("courses", "course"), ("diseases", "disease"),
        ("archives", "archive"), ("shoes", "shoe"), ("pathways", "pathway"), ("keys", "key"), ("emts", "emt"),
        // -ies.
        ("studies", "study"), ("technologies", "technology"), ("therapies", "therapy"), ("humanities", "humanity"),
        ("flies", "fly"), ("dies", "die"), ("ties", "tie"),
        // -sses, -theses, -yses, -wives.
        ("classes", "class"), ("processes", "process"), ("businesses", "business"),
        ("hypotheses", "hypothesis"), ("prostheses", "prosthesis"), ("analyses", "analysis"),
        ("midwives", "midwife"), ("housewives", "housewife"),
        // -uses.
        ("campuses", "campus"), ("viruses", "virus"), ("buses", "bus"), ("focuses", "focus"),
        ("causes", "cause"), ("houses", "house"), ("warehouses", "warehouse"), ("fuses", "fuse"),
        // -xes, -shes, -zzes, -tzes, -ches.
        ("complexes", "complex"), ("boxes", "box"), ("axes", "axe"), ("finishes", "finish"), ("ashes", "ash"),
        ("buzzes", "buzz"), ("waltzes", "waltz"), ("glazes", "glaze"),
        ("approaches", "approach"), ("branches", "branch"), ("churches", "church"), ("matches", "match"),
        ("coaches", "coach"), ("speeches", "speech"), ("niches", "niche"), ("psyches", "psyche"),
        ("aches", "ache"), ("headaches", "headache"), ("caches", "cache"),
        // Kept endings: -ss, -us, -is, -as, -os, -ics.
        ("class", "class"), ("business", "business"), ("campus", "campus"), ("status", "status"), ("virus", "virus"),
        ("analysis", "analysis"), ("diagnosis", "diagnosis"), ("this", "this"), ("texas", "texas"), ("kansas", "kansas"),
        ("canvas", "canvas"), ("bias", "bias"), ("chaos", "chaos"), ("asbestos", "asbestos"),
        ("physics", "physics"), ("mathematics", "mathematics"), ("bioinformatics", "bioinformatics"), ("economics", "economics"),
        // Too short, digits, no s.
        ("bus", "bus"), ("gas", "gas"), ("its", "its"), ("cds", "cds"), ("1990s", "1990s"), ("r2d2s", "r2d2s"),
        ("nursing", "nursing"), ("health", "health"), ("program", "program"), ("s", "s"),
    ])
    func rules(word: String, stem: String) {
        #expect(PluralStemmer.stem(word) == stem, "\(word)")
    }

    @Test("listed words: not plurals, other words' plurals, fragments, irregular and listed plurals", arguments: [
        ("news", "news"), ("series", "series"), ("species", "species"), ("diabetes", "diabetes"), ("herpes", "herpes"),
        ("aids", "aids"), ("securities", "securities"), ("customs", "customs"), ("goods", "goods"), ("means", "means"),
        ("lens", "lens"), ("always", "always"), ("does", "does"),
        ("billings", "billings"), ("falls", "falls"), ("wells", "wells"), ("rapids", "rapids"), ("springs", "springs"),
        ("williams", "williams"), ("rhodes", "rhodes"),
        ("angeles", "angeles"), ("orleans", "orleans"), ("massachusetts", "massachusetts"), ("charles", "charles"),
        ("hopkins", "hopkins"), ("boces", "boces"),
        ("crises", "crisis"), ("diagnoses", "diagnosis"), ("lenses", "lens"), ("gases", "gas"), ("canvases", "canvas"),
        ("matrices", "matrix"), ("indices", "index"), ("quizzes", "quiz"), ("uses", "use"), ("abuses", "abuse"),
        ("knives", "knife"), ("shelves", "shelf"), ("heroes", "hero"), ("potatoes", "potato"), ("goes", "go"),
        ("movies", "movie"), ("calories", "calorie"), ("prairies", "prairie"),
        ("areas", "area"), ("ideas", "idea"), ("formulas", "formula"), ("scenarios", "scenario"), ("videos", "video"),
        ("clinics", "clinic"), ("topics", "topic"), ("mechanics", "mechanic"), ("characteristics", "characteristic"),
    ])
    func listedWords(word: String, stem: String) {
        #expect(PluralStemmer.stem(word) == stem, "\(word)")
    }

    @Test("every listed word ends in s, is long enough to be stemmed, and is listed once with a fixed-point stem")
    func wordTables() {
        let listed = PluralStemmer.unchangedWords + PluralStemmer.irregularPlurals.map(\.plural) + PluralStemmer.listedPlurals
        #expect(Set(listed).count == listed.count)
        #expect(PluralStemmer.wordRules.count == listed.count)
        for w in listed {
            #expect(w.count >= PluralStemmer.minimumLength && w.hasSuffix("s") && Analyzer.isToken(w), "\(w)")
            let stem = PluralStemmer.stem(w)
            #expect(PluralStemmer.stem(stem) == stem, "\(w) → \(stem) → \(PluralStemmer.stem(stem))")
            #expect(!stem.isEmpty && stem.count <= w.count, "\(w) → \(stem)")
        }
    }

    @Test("properties on seeded random tokens: idempotent, never empty, never longer, a well-formed token, only [a-z]{4,}s change")
    func properties() {
        // Letters weighted toward the rules' suffixes, so most tokens end in one of them.
        let letters = Array("aeiouyscxhztfwvnrlbdm0123456789".utf8)
        let suffixes = ["s", "es", "ies", "ses", "sses", "uses", "ches", "shes", "xes", "zzes", "tzes", "ves", "wives", "theses",
                        "yses", "ics", "as", "os", "us", "is", "ss", ""]
        var state: UInt64 = 0x5EED
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: (state >> 33) % UInt64(bound))
        }
        for _ in 0 ..< 20000 {
            var token = String(decoding: (0 ..< next(8)).map { _ in letters[next(next(2) == 0 ? 26 : letters.count)] }, as: UTF8.self)
            token += suffixes[next(suffixes.count)]
            if token.isEmpty { continue }
            let stem = PluralStemmer.stem(token)
            #expect(PluralStemmer.stem(stem) == stem, "\(token) → \(stem) → \(PluralStemmer.stem(stem))")
            #expect(Analyzer.isToken(stem) && stem.count <= token.count, "\(token) → \(stem)")
            if stem != token {
                #expect(token.count >= PluralStemmer.minimumLength && token.hasSuffix("s")
                    && token.utf8.allSatisfy { $0 >= UInt8(ascii: "a") }, "\(token) → \(stem)")
            }
            #expect(PluralStemmer.stem(Array(token.utf8)) == Array(stem.utf8))
        }
    }

    @Test("stemming in place changes the buffer only when the token changes, and says so")
    func inPlace() {
        for (word, stem) in [("programs", "program"), ("crises", "crisis"), ("matrices", "matrix"), ("news", "news"), ("nursing", "nursing")] {
            var bytes = Array(word.utf8)
            let changed = PluralStemmer.stem(inPlace: &bytes)
            #expect(bytes == Array(stem.utf8) && changed == (word != stem), "\(word)")
        }
    }
}

// The words PluralStemmer's suffix rules would get wrong, found by stemming every token of
// Corpus/ (CIP titles and definitions, institution names) and reading each change: a word is
// listed when its rule result would be another, unrelated word of the corpus ("wells" → "well",
// "billings" → "billing", "securities" → "security"), a fragment ("angeles" → "angele",
// "diabetes" → "diabete"), or a wrong singular ("crises" → "crise", "lenses" → "lense").
// Names not listed are reduced like any word, the same way at index and query time, so they
// still match; the list only keeps their index terms readable and apart.

extension PluralStemmer {
    /// What a listed word becomes.
    enum WordRule: Sendable, Equatable {
        /// The word is its own stem.
        case keep
        /// The word's stem (never longer than the word, itself a fixed point).
        case singular([UInt8])
    }

    /// Words ending in `s` that are not plurals, or whose singular would be another word or a
    /// fragment: they never change.
    static let unchangedWords: [String] = [
        // Not plurals (singular nouns, diseases, function words).
        "news", "series", "species", "caries", "rabies", "scabies", "herpes", "diabetes", "measles", "mumps", "shingles",
        "lens", "sapiens", "maldives", "craps", "does", "always", "perhaps", "sometimes", "whereas",
        "themselves", "ourselves", "yourselves",
        // Plurals whose singular means something else: HIV/AIDS is not financial aid, securities
        // are not security, customs (duties) are not a custom, goods are not good, means are not a mean.
        "aids", "securities", "customs", "goods", "means",
        // Acronyms whose last letter is an S.
        "boces", "ipeds", "mcphs",
        // Names whose stem is another word of the corpus: Billings is not billing, Sioux Falls
        // not fall, Wells College not well; Rhodes is not Rhode Island, Williams not William.
        "billings", "falls", "springs", "rapids", "wells", "rhodes", "mars", "sans", "evers",
        "williams", "rogers", "roberts", "stevens", "stephens", "owens", "collins", "leons", "waynes", "clarks",
        "mitchells", "stevensons", "smiths",
        // Names whose stem would be a fragment (Los Angeles, New Orleans, Des Moines …).
        "agnes", "ames", "angeles", "antilles", "barnes", "bates", "charles", "cosumnes", "desales", "estes", "hodges",
        "holmes", "james", "jones", "lourdes", "moines", "niles", "oreilles", "vincennes", "voorhees", "wales", "wilkes",
        "tiferes", "massachusetts", "orleans", "athens", "hopkins", "rutgers", "tufts", "fairbanks", "hastings", "simmons",
        "phillips", "reynolds", "adams", "evans", "myers", "watkins", "rollins", "hollins", "mullins", "nichols",
        "nicholls", "edmonds", "cummings", "elkins", "tompkins", "pickens", "scripps", "millsaps", "phipps", "connors",
        "walters",
    ]

    /// Plurals the suffix rules reduce wrongly, with their singulars.
    static let irregularPlurals: [(plural: String, singular: String)] = [
        // -sis nouns and other Greek and Latin plurals.
        ("crises", "crisis"), ("diagnoses", "diagnosis"), ("prognoses", "prognosis"), ("orthoses", "orthosis"),
        ("psychoses", "psychosis"), ("neuroses", "neurosis"), ("oases", "oasis"), ("matrices", "matrix"),
        ("indices", "index"), ("vertices", "vertex"), ("appendices", "appendix"),
        // Singulars ending in s (the -as, -us and -ens rules keep those).
        ("gases", "gas"), ("canvases", "canvas"), ("biases", "bias"), ("atlases", "atlas"), ("aliases", "alias"),
        ("lenses", "lens"), ("quizzes", "quiz"),
        // -use words after a consonant (the -uses rule would make them -us).
        ("uses", "use"), ("abuses", "abuse"), ("misuses", "misuse"), ("excuses", "excuse"), ("accuses", "accuse"),
        ("muses", "muse"), ("ruses", "ruse"), ("recluses", "recluse"),
        // -f and -fe nouns (other -ves words are -ve: "archives", "objectives").
        ("knives", "knife"), ("shelves", "shelf"), ("halves", "half"), ("wolves", "wolf"), ("calves", "calf"),
        ("thieves", "thief"), ("selves", "self"),
        // -o nouns with -oes plurals (other -oes words are -oe: "shoes", "canoes").
        ("goes", "go"), ("heroes", "hero"), ("potatoes", "potato"), ("tomatoes", "tomato"), ("echoes", "echo"),
        ("volcanoes", "volcano"), ("tornadoes", "tornado"), ("torpedoes", "torpedo"), ("mosquitoes", "mosquito"),
        ("archipelagoes", "archipelago"), ("embargoes", "embargo"), ("vetoes", "veto"), ("cargoes", "cargo"),
        // -ie nouns (the -ies rule would make them -y).
        ("movies", "movie"), ("cookies", "cookie"), ("calories", "calorie"), ("prairies", "prairie"),
        ("zombies", "zombie"), ("rookies", "rookie"), ("brownies", "brownie"),
    ]

    /// Plurals ending in `as`, `os` or `ics` that do lose their `s` (the rules keep it for words
    /// with those endings: Texas, chaos, physics).
    static let listedPlurals: [String] = [
        "areas", "ideas", "formulas", "traumas", "dilemmas", "diasporas", "orchestras", "quotas", "leukemias", "anemias",
        "hernias", "spas", "diplomas", "dramas", "cinemas", "agendas", "arenas", "eras", "visas", "schemas", "stigmas",
        "yeshivas", "americas", "carolinas", "yamas", "niyamas",
        "casinos", "scenarios", "silos", "studios", "videos", "radios", "portfolios", "ratios", "photos", "memos", "logos",
        "demos", "pianos", "zeros", "embryos", "tattoos",
        // Nouns in -ic ("a clinic"), unlike fields of study ("physics", "informatics").
        "antibiotics", "anesthetics", "basics", "characteristics", "clinics", "critics", "fabrics", "mechanics",
        "narcotics", "republics", "schematics", "tactics", "topics", "rubrics", "heuristics", "metrics", "lyrics", "comics",
    ]

    /// Every listed word, by its bytes.
    static let wordRules: [[UInt8]: WordRule] = {
        var rules: [[UInt8]: WordRule] = [:]
        func add(_ word: String, _ rule: WordRule) {
            let previous = rules.updateValue(rule, forKey: Array(word.utf8))
            precondition(previous == nil, "\(word) is listed twice")
        }
        for w in unchangedWords { add(w, .keep) }
        for (plural, singular) in irregularPlurals { add(plural, .singular(Array(singular.utf8))) }
        for w in listedPlurals { add(w, .singular(Array(w.utf8.dropLast()))) }
        return rules
    }()
}

/// The realistic description text of `SampleCorpusGenerator` (`.realistic`): 30–60 words of
/// varied sentences per record, mixing the program's field words (from its CIP title and the
/// generator's short descriptions of it and its family), common academic words, and a
/// Zipf-distributed long tail of generated word forms.
///
/// Everything here is deterministic and needs no external data: the long-tail forms are made
/// from the prefix, root and suffix lists below (real English morphemes, so the forms read like
/// technical vocabulary: "neurometrical", "agrotextics"), shuffled by a fixed seed so that
/// Zipf rank and spelling are unrelated. The vocabulary is the same for every corpus seed; the
/// corpus seed only chooses which words a record uses.
struct RealisticSampleText: Sendable {
    /// Distinct long-tail forms. With the ~460 head words (common and field words) and the
    /// ~10k distinct words of institution names, 1M records over ../shared/data/zipcodes.tsv
    /// have 27,753 distinct text terms (100k: 20,031); every form occurs at 1M.
    static let tailSize = 17_000

    static let shared = RealisticSampleText()

    /// Common academic words, most frequent first (their Zipf rank is their position).
    static let commonWords: [String] = """
        program students skills practice courses research professional study learning training \
        career knowledge experience applied methods theory systems development analysis design \
        management practical support community foundation principles field industry work core \
        advanced introduction project projects laboratory clinical faculty curriculum settings \
        coursework degree graduates employers opportunities internship internships \
        capstone seminar seminars concepts techniques tools standards ethics communication \
        leadership teamwork problem solving critical thinking quantitative qualitative writing \
        evaluation assessment planning policy policies organizations environments processes \
        models modeling frameworks strategies approaches perspectives contexts issues topics \
        emphasis focus competencies outcomes objectives certification licensure preparation \
        professionals specialists practitioners technicians managers researchers scholars \
        hands collaborative interdisciplinary international regional local global public private \
        ethical legal social cultural economic technical scientific historical contemporary \
        modern emerging current future sustainable innovative effective responsible diverse \
        complex real world case studies cases examples exercises assignments examinations \
        portfolio thesis dissertation mentoring advising tutoring cohort cohorts classroom \
        online evening weekend flexible accelerated part time full transfer credits credit \
        hours semester semesters year years term terms residency practicum externship \
        fieldwork placement placements partners partnerships employers agencies companies \
        hospitals schools firms laboratories centers institutes departments teams groups \
        individuals families clients patients customers users populations communities \
        data information technology software hardware networks databases computing digital \
        statistics mathematics science sciences engineering business finance marketing \
        operations economics psychology sociology biology chemistry physics history \
        philosophy language languages literature arts education health safety quality \
        performance improvement innovation research based evidence informed oriented \
        focused centered driven integrated comprehensive rigorous intensive introductory \
        intermediate upper level levels entry graduate undergraduate doctoral associate \
        bachelor master certificate diploma license accredited approved recognized \
        skills based careers pathways roles positions employment workforce jobs opportunities \
        growth demand service services delivery documentation regulations compliance \
        safety security privacy risk resources budget budgeting cost costs reporting \
        presentation presentations writing reading speaking listening reasoning judgment \
        decision decisions making creativity problem problems solutions solution challenges
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init).uniqued()

    /// Words that never count as a program's field words.
    static let stopWords: Set<String> = ["the", "and", "of", "for", "in", "to", "a", "an", "with", "by", "on", "or",
                                         "as", "at", "from", "into", "such", "may", "including", "general", "use",
                                         "its", "their", "s", "is", "are", "be", "how", "this", "that"]

    // Morphemes of the long tail.
    static let prefixes = ["", "bio", "geo", "neuro", "micro", "macro", "inter", "trans", "multi", "socio", "psycho",
                           "electro", "hydro", "thermo", "photo", "agro", "eco", "cyber", "nano", "immuno", "cardio",
                           "pharmaco", "chrono", "cryo", "astro", "paleo", "ortho", "endo", "meta", "proto", "poly",
                           "mono", "tele", "radio", "cyto", "histo", "hemato", "onco", "patho", "physio", "aero",
                           "petro", "litho", "ethno", "icono", "morpho"]
    static let roots = ["log", "graph", "metr", "nom", "chem", "phys", "morph", "gen", "sens", "struct", "form",
                        "dynam", "system", "techn", "stat", "mechan", "therm", "lingu", "cultur", "polit", "econ",
                        "clin", "surg", "therap", "diagn", "spectr", "sonic", "optic", "lex", "kinet", "magnet",
                        "sphere", "cell", "tect", "plasm", "vect", "scop", "phon", "text", "path", "sect", "tax",
                        "lys", "mnem", "crit", "cardi", "pulmon", "derm", "vascul", "neur", "nutri", "toxic",
                        "geront", "ped", "sem", "cart", "hydr", "lumin", "volt", "acoust"]
    static let suffixes = ["ic", "ical", "ics", "ist", "ism", "ology", "ography", "ometry", "ization", "ative",
                           "ance", "ity", "al", "osis", "ation", "ogenic"]

    /// The long-tail forms in Zipf rank order.
    let tail: [String]
    /// Cumulative Zipf weights (frequency ∝ 1/rank) of `commonWords` and `tail`.
    let commonCDF: [Double]
    let tailCDF: [Double]
    /// Field words by CIP code and by CIP family (the code's first two digits).
    let fieldWords: [String: [String]]
    let familyWords: [String: [String]]

    init() {
        let head = Set(Self.commonWords)
        var seen = Set<String>()
        var forms: [String] = []
        for p in Self.prefixes {
            for r in Self.roots {
                for s in Self.suffixes {
                    let w = p + r + s
                    if !head.contains(w), seen.insert(w).inserted { forms.append(w) }
                }
            }
        }
        var rng = SplitMix64(seed: 0x5EED_7E47_0000_0001)
        for i in stride(from: forms.count - 1, to: 0, by: -1) { forms.swapAt(i, rng.below(i + 1)) }
        precondition(forms.count >= Self.tailSize, "too few long-tail forms")
        tail = Array(forms.prefix(Self.tailSize))
        commonCDF = Self.zipfCDF(Self.commonWords.count)
        tailCDF = Self.zipfCDF(Self.tailSize)

        var field: [String: [String]] = [:]
        var family: [String: [String]] = [:]
        for p in SampleCorpusGenerator.programs {
            var words: [String] = []
            for text in [p.title] + p.about {
                for w in Self.words(text) where w.count >= 3 && !Self.stopWords.contains(w) && !words.contains(w)
                    && !w.allSatisfy({ $0.isNumber }) {
                    words.append(w)
                }
            }
            field[p.cip] = words
            let f = String(p.cip.prefix(2))
            for w in words where !(family[f] ?? []).contains(w) { family[f, default: []].append(w) }
        }
        fieldWords = field
        familyWords = family
    }

    /// Lowercase `[a-z0-9]+` runs: the project's Analyzer on ASCII text without its plural
    /// reduction (Corpus does not depend on Analysis; the index reduces these words itself).
    static func words(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        for ch in text.lowercased() {
            if ch.isASCII && (ch.isLetter || ch.isNumber) { current.append(ch) } else if !current.isEmpty { out.append(current); current = "" }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    static func zipfCDF(_ n: Int) -> [Double] {
        var cdf: [Double] = []
        cdf.reserveCapacity(n)
        var sum = 0.0
        for r in 1 ... n {
            sum += 1.0 / Double(r)
            cdf.append(sum)
        }
        return cdf.map { $0 / sum }
    }

    static func draw(_ cdf: [Double], _ rng: inout SplitMix64) -> Int {
        let u = rng.unit()
        var lo = 0, hi = cdf.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cdf[mid] > u { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    func common(_ rng: inout SplitMix64) -> String { Self.commonWords[Self.draw(commonCDF, &rng)] }
    func longTail(_ rng: inout SplitMix64) -> String { tail[Self.draw(tailCDF, &rng)] }

    /// Sentence templates: F a field word, C a common word, T a long-tail word; other words as
    /// written. Each has 7–12 words.
    static let templates: [String] = [
        "Students explore F and T through C C and T C.",
        "The curriculum emphasizes F C, T methods, and C T.",
        "Coursework covers F, F C, and T T.",
        "Graduates pursue careers in F C or T C.",
        "Faculty research spans T, T, and F C.",
        "Learners complete a C C focused on T F.",
        "Emphasis is placed on C T within F settings.",
        "Laboratory work introduces T and T C.",
        "Internships with regional C partners build F C.",
        "A capstone project applies F C to T problems.",
        "The program prepares students for F roles in T C.",
        "Electives range from T C to F T.",
        "Required courses examine F, T, and the C of T.",
        "Students gain C experience with F T and C C.",
        "Small classes connect F C with T and T.",
        "Advising helps each student plan a path through F and T C.",
        "Recent projects studied T C in F and T.",
        "Many graduates continue to C study in T or F.",
    ]
    /// Lead-ins of the closing list sentence (two words each): "Topics include X, Y, and Z."
    static let leadIns = ["Topics include", "Electives include", "Seminars address", "Modules cover", "Options include",
                          "Projects involve", "Studies include", "Readings cover"]

    static let templateWords: [[Substring]] = templates.map { $0.split(separator: " ") }

    /// A description of `target` words (30…60) for the program `cip`.
    func description(cip: String, target: Int, rng: inout SplitMix64) -> String {
        let field = fieldWords[cip] ?? []
        let family = familyWords[String(cip.prefix(2))] ?? field
        func word(_ slot: Substring) -> String {
            switch slot.first {
            case "F": return rng.chance(0.7) || family.isEmpty ? (field.isEmpty ? common(&rng) : rng.pick(field)) : rng.pick(family)
            case "C": return common(&rng)
            case "T": return longTail(&rng)
            default: return String(slot)
            }
        }
        func render(_ template: [Substring]) -> String {
            template.map { token -> String in
                var core = token
                var trail = ""
                while let last = core.last, last == "," || last == "." { trail = String(last) + trail; core = core.dropLast() }
                return (core == "F" || core == "C" || core == "T" ? word(core) : String(core)) + trail
            }.joined(separator: " ")
        }
        var sentences: [String] = []
        var remaining = target
        // Whole templates while more than 16 words remain, then the closing list sentence
        // (5…16 words), sometimes after one more template that fits.
        while remaining > 16 {
            let t = Self.templateWords[rng.below(Self.templateWords.count)]
            sentences.append(render(t))
            remaining -= t.count
        }
        if remaining >= 12 && rng.chance(0.5) {
            let fitting = Self.templateWords.filter { $0.count <= remaining - 5 }
            if !fitting.isEmpty {
                let t = fitting[rng.below(fitting.count)]
                sentences.append(render(t))
                remaining -= t.count
            }
        }
        let items = remaining - 3
        var list: [String] = []
        for _ in 0 ..< items {
            let r = rng.below(10)
            list.append(r < 4 ? word("T") : r < 7 ? word("F") : word("C"))
        }
        let lead = Self.leadIns[rng.below(Self.leadIns.count)]
        sentences.append(lead + " " + list.dropLast().joined(separator: ", ") + ", and " + list.last! + ".")
        return sentences.joined(separator: " ")
    }

    /// Query words drawn from this text's vocabulary: `count / 2` by the text's own Zipf
    /// frequencies (common and long-tail words), the rest uniformly over the long tail (rare).
    func queryWords(count: Int, seed: UInt64) -> [String] {
        var rng = SplitMix64(seed: seed)
        var out: [String] = []
        for i in 0 ..< count {
            if i < count / 2 {
                out.append(rng.chance(0.3) ? common(&rng) : longTail(&rng))
            } else {
                out.append(rng.pick(tail))
            }
        }
        return out
    }
}

extension Array where Element == String {
    func uniqued() -> [String] {
        var seen = Set<String>()
        return filter { seen.insert($0).inserted }
    }
}

import Analysis
import Corpus
import Foundation
import Search

/// The search contract written as plainly as possible: scan every record, test every
/// condition, score, sort everything, slice. No index, no cells, no heap.
final class ReferenceEngine: @unchecked Sendable {
    struct Hit: Equatable {
        let id: String
        let score: Double
        let distance: Double?
        /// Grouped: matching programs of the hit's institution.
        var groupMatches: Int? = nil
    }

    /// What the reference answers: total, the page, facet counts (value → count per field), and
    /// the number of institutions with a match when grouped.
    struct Answer {
        let total: Int
        let hits: [Hit]
        let facets: [FacetField: [String: Int]]
        let groupTotal: Int?
    }

    let records: [ProgramRecord]
    let tokenSets: [Set<String>]
    let tokenCounts: [[String: Int]]
    let lengths: [Int]
    let averageLength: Double
    /// Per record, token counts and lengths of the title and the institution name (the
    /// description's are the rest), and the three fields' average lengths.
    let titleCounts: [[String: Int]]
    let institutionCounts: [[String: Int]]
    let titleLengths: [Int]
    let institutionLengths: [Int]
    let averageTitle: Double, averageDescription: Double, averageInstitution: Double
    private var documentFrequency: [String: Int] = [:]
    private let lock = NSLock()

    func df(_ word: String) -> Int {
        lock.lock(); defer { lock.unlock() }
        if let d = documentFrequency[word] { return d }
        let d = tokenSets.reduce(0) { $0 + ($1.contains(word) ? 1 : 0) }
        documentFrequency[word] = d
        return d
    }

    /// The synonym dictionary the index under test was built with: its phrases' compounds are
    /// tokens of the text (`PhraseCompounder`), and forgiving queries read it.
    let synonyms: SynonymDictionary

    init(records: [ProgramRecord], synonyms: SynonymDictionary = .empty) {
        self.synonyms = synonyms
        let compounder = synonyms.compounder
        func tokens(_ text: String) -> [String] { compounder.appendingCompounds(Analyzer.tokens(text)) }
        // Mirror the index: invalid records and repeated ids (after the first) are not indexed.
        var seen = Set<String>()
        var kept: [ProgramRecord] = []
        for r in records where r.validationProblem == nil && seen.insert(r.id).inserted { kept.append(r) }
        self.records = kept
        var sets: [Set<String>] = [], counts: [[String: Int]] = [], lengths: [Int] = []
        var titles: [[String: Int]] = [], names: [[String: Int]] = [], titleLengths: [Int] = [], nameLengths: [Int] = []
        for r in kept {
            let title = tokens(r.title), name = tokens(r.institutionName)
            let tokens = title + tokens(r.description) + name
            sets.append(Set(tokens))
            counts.append(tokens.reduce(into: [:]) { $0[$1, default: 0] += 1 })
            lengths.append(tokens.count)
            titles.append(title.reduce(into: [:]) { $0[$1, default: 0] += 1 })
            names.append(name.reduce(into: [:]) { $0[$1, default: 0] += 1 })
            titleLengths.append(title.count)
            nameLengths.append(name.count)
        }
        tokenSets = sets
        tokenCounts = counts
        self.lengths = lengths
        averageLength = Double(lengths.reduce(0, +)) / Double(max(1, kept.count))
        titleCounts = titles
        institutionCounts = names
        self.titleLengths = titleLengths
        institutionLengths = nameLengths
        // An empty field everywhere averages 1, so a norm never divides by 0.
        func average(_ tokens: Int) -> Double { tokens == 0 ? 1 : Double(tokens) / Double(max(1, kept.count)) }
        let titleTotal = titleLengths.reduce(0, +), nameTotal = nameLengths.reduce(0, +)
        averageTitle = average(titleTotal)
        averageInstitution = average(nameTotal)
        averageDescription = average(lengths.reduce(0, +) - titleTotal - nameTotal)
    }

    /// Haversine, written out again on purpose.
    static func miles(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let p1 = lat1 * (Double.pi / 180), p2 = lat2 * (Double.pi / 180)
        let dp = p2 - p1, dl = (lon2 - lon1) * (Double.pi / 180)
        let a = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2)
        return 2 * 3958.7613 * asin(min(1, a.squareRoot()))
    }

    func search(_ q: SearchQuery) -> (total: Int, hits: [Hit]) {
        let a = answer(q)
        return (a.total, a.hits)
    }

    /// BM25F as README "Ranking" states it, written out again, for one term of record `i`: each
    /// field's tf · w / (1 − b + b · len / avg) summed (fields holding the term), saturated as
    /// idf · tf̃ · (k1 + 1) / (k1 + tf̃).
    func fieldedTermScore(_ i: Int, _ word: String, idf: Double, weights w: FieldWeights) -> Double {
        let titleLength = titleLengths[i], nameLength = institutionLengths[i]
        let descriptionLength = lengths[i] - titleLength - nameLength
        let titleFactor = w.title / (1 - w.titleB + w.titleB * Double(titleLength) / averageTitle)
        let descriptionFactor = w.description / (1 - w.descriptionB + w.descriptionB * Double(descriptionLength) / averageDescription)
        let nameFactor = w.institution / (1 - w.institutionB + w.institutionB * Double(nameLength) / averageInstitution)
        let inTitle = titleCounts[i][word] ?? 0, inName = institutionCounts[i][word] ?? 0
        let inDescription = tokenCounts[i][word]! - inTitle - inName
        var tf = 0.0
        if inTitle > 0 { tf += Double(inTitle) * titleFactor }
        if inDescription > 0 { tf += Double(inDescription) * descriptionFactor }
        if inName > 0 { tf += Double(inName) * nameFactor }
        return tf > 0 ? idf * (tf * (w.k1 + 1) / (w.k1 + tf)) : 0
    }

    /// Classic BM25 (k1 1.2, b 0.75 over the concatenated text) for one term of record `i`.
    func classicTermScore(_ i: Int, _ word: String, idf: Double) -> Double {
        let tf = Double(tokenCounts[i][word]!)
        let norm = 1.2 * (1 - 0.75 + 0.75 * Double(lengths[i]) / averageLength)
        return idf * (tf * (1.2 + 1)) / (tf + norm)
    }

    func answer(_ q: SearchQuery) -> Answer {
        var q = q
        q.expansions = Self.analyzed(q.expansions)
        var words: [String] = []
        if let t = q.text { for w in Analyzer.tokens(t) where !words.contains(w) { words.append(w) } }
        if q.matching == .forgiving, let text = q.text { return forgivingAnswer(q, text: text).answer }
        return answer(q, words: words)
    }

    /// Alternatives are words too: each word and alternative analyzed (plurals reduced); words
    /// that analyze alike pool their alternatives, in the byte order of the words.
    static func analyzed(_ expansions: [String: [TermAlternative]]) -> [String: [TermAlternative]] {
        var result: [String: [TermAlternative]] = [:]
        for (word, alternatives) in expansions.sorted(by: { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }) {
            guard let key = Analyzer.tokens(word).first, Analyzer.tokens(word).count == 1 else { continue }
            result[key, default: []] += alternatives.map {
                TermAlternative(term: Analyzer.tokens($0.term)[0], weight: $0.weight, scoringDocumentFrequency: $0.scoringDocumentFrequency)
            }
        }
        return result
    }

    /// Whether some word of `q` (exact matching) is a union: two or more of it and its
    /// alternatives are held by a record, or — under the classic ranking — its one held term is
    /// an alternative with a weight or a scoring count of its own. Without unions the engine runs
    /// a plain query (each word the one term it has), so every plan is open to it.
    func hasUnions(_ q: SearchQuery) -> Bool {
        let expansions = Self.analyzed(q.expansions)
        var words: [String] = []
        if let t = q.text { for w in Analyzer.tokens(t) where !words.contains(w) { words.append(w) } }
        return words.contains { w in
            var seen = Set<String>()
            let held = ([TermAlternative(term: w, weight: 1)] + (expansions[w] ?? [])).filter { seen.insert($0.term).inserted && df($0.term) > 0 }
            return held.count > 1 || (q.ranking == .classic && held.count == 1 && (held[0].weight != 1 || held[0].scoringDocumentFrequency != nil))
        }
    }

    /// Forgiving matching, its relaxation written out again (README "Forgiving matching"): the
    /// rewriter's groups over this reference's own vocabulary (brute force), then — only when
    /// nothing matches — the last ambiguous level word ("associate", "master", "bs", …) read as
    /// the level when the query named none and that matches something, else without the implied
    /// levels, without unknown words, then greedily without the last group whose removal
    /// matches something (none: the last group).
    func forgivingAnswer(_ q: SearchQuery, text: String) -> (answer: Answer, understanding: QueryUnderstanding) {
        var u = QueryRewriter(dictionary: synonyms, vocabulary: BruteForceVocabulary(engine: self)).understand(text)
        var implied = Set(u.impliedLevels.compactMap(AwardLevel.init(rawValue:)))
        let ambiguous = QueryRewriter.ambiguousLevelWords
        func run(_ words: [QueryUnderstanding.Word], levels: Bool) -> Answer {
            var e = q
            e.matching = .exact
            for w in words {
                e.expansions[w.term, default: []] += w.alternatives.map {
                    TermAlternative(term: $0.term, weight: $0.weight, scoringDocumentFrequency: $0.scoringDocumentFrequency)
                }
            }
            if levels { e.levels = implied }
            return answer(e, words: words.map(\.term))
        }
        var active = u.words
        var levels = q.levels.isEmpty && !implied.isEmpty
        var a = run(active, levels: levels)
        if a.total == 0 {
            var readAsLevel = false
            if q.levels.isEmpty, active.count > 1, let k = active.lastIndex(where: { ambiguous[$0.typed] != nil }) {
                let before = implied, level = ambiguous[active[k].typed]!
                implied = [level]
                var rest = active
                rest.remove(at: k)
                if run(rest, levels: true).total > 0 {
                    u.levelWords.append(active[k].typed)
                    u.impliedLevels = [level.rawValue]
                    active = rest
                    levels = true
                    readAsLevel = true
                } else {
                    implied = before
                }
            }
            if readAsLevel {
                // The word is the level.
            } else if levels && run(active, levels: false).total > 0 {
                levels = false
            } else {
                levels = false
                if active.contains(where: \.isUnknown) && !active.allSatisfy(\.isUnknown) {
                    u.dropped += active.filter(\.isUnknown).map(\.term)
                    active.removeAll(where: \.isUnknown)
                }
                while run(active, levels: false).total == 0 && active.count > 1 {
                    // The last group whose removal matches something; none: the last.
                    let counts = active.indices.map { i in run(active.enumerated().filter { $0.offset != i }.map(\.element), levels: false).total }
                    let best = counts.indices.last { counts[$0] > 0 } ?? active.count - 1
                    u.dropped.append(active[best].term)
                    active.remove(at: best)
                }
            }
            a = run(active, levels: levels)
        }
        u.appliedImpliedLevels = levels
        return (a, u)
    }

    /// The reference's words: every distinct token of the records, counted by brute force.
    var vocabulary: [String: Int] {
        var v: [String: Int] = [:]
        for set in tokenSets { for t in set { v[t, default: 0] += 1 } }
        return v
    }

    func answer(_ q: SearchQuery, words: [String]) -> Answer {
        let n = Double(records.count)
        let expansions = q.expansions
        // Each word's group: itself, then its alternatives (a term listed twice once).
        let groups: [[TermAlternative]] = words.map { w in
            var seen = Set<String>()
            return ([TermAlternative(term: w, weight: 1)] + (expansions[w] ?? [])).filter { seen.insert($0.term).inserted }
        }
        // idf per group and term: a term's scoring count may differ between groups.
        var idf: [String: Double] = [:]
        for (gi, g) in groups.enumerated() {
            for a in g {
                let df = Double(a.scoringDocumentFrequency ?? self.df(a.term))
                idf["\(gi) \(a.term)"] = log(1 + (n - df + 0.5) / (df + 0.5))
            }
        }
        let sort = q.effectiveSort
        let halfDistance = q.decay?.halfDistanceMiles ?? (q.radiusMiles.map { max($0, 0.5) } ?? 25)
        var matches: [Hit] = []
        var institutionOf: [String: String] = [:]
        var facets: [FacetField: [String: Int]] = [:]
        for (i, r) in records.enumerated() {
            if !groups.allSatisfy({ g in g.contains { tokenSets[i].contains($0.term) } }) { continue }
            if !q.levels.isEmpty && !q.levels.contains(r.level) { continue }
            if !q.states.isEmpty && !q.states.contains(r.state) { continue }
            if let c = q.cipPrefix, !r.cipCode.hasPrefix(c) { continue }
            if !q.accreditors.isEmpty && !r.accreditors.contains(where: { a in q.accreditors.contains { $0.uppercased() == a } }) { continue }
            if !q.deliveries.isEmpty && !q.deliveries.contains(r.delivery) { continue }
            var distance: Double?
            if let o = q.origin {
                let d = Self.miles(o.latitude, o.longitude, r.latitude, r.longitude)
                if let radius = q.radiusMiles, d > radius { continue }
                distance = d
            }
            // Per word, the best of its group's terms the record holds, × that term's weight.
            var score = 0.0
            for (gi, g) in groups.enumerated() {
                var best = 0.0
                for a in g where tokenSets[i].contains(a.term) {
                    var s: Double = switch q.ranking {
                    case .classic: classicTermScore(i, a.term, idf: idf["\(gi) \(a.term)"]!)
                    case let .fields(weights): fieldedTermScore(i, a.term, idf: idf["\(gi) \(a.term)"]!, weights: weights)
                    }
                    if a.weight != 1 { s *= a.weight }
                    best = max(best, s)
                }
                score += best
            }
            if q.ranking != .classic, sort == .blended, let d = distance { score *= exp2(-d / halfDistance) }
            matches.append(Hit(id: r.id, score: score, distance: distance))
            institutionOf[r.id] = r.institutionID
            for f in q.facets {
                let values: [String] = switch f {
                case .level: [r.level.rawValue]
                case .delivery: [r.delivery.rawValue]
                case .state: [r.state]
                case .cip2: [String(r.cipCode.prefix(2))]
                case .cip4: [String(r.cipCode.prefix(5))]
                case .cip6: [r.cipCode]
                case .accreditor: r.accreditors
                }
                for v in values { facets[f, default: [:]][v, default: 0] += 1 }
            }
        }
        matches.sort { a, b in
            switch sort {
            case .relevance, .blended:
                if a.score != b.score { return a.score > b.score }
                if let da = a.distance, let db = b.distance, da != db { return da < db }
            case .distance:
                if a.distance! != b.distance! { return a.distance! < b.distance! }
            case .id: break
            }
            return a.id.utf8.lexicographicallyPrecedes(b.id.utf8)
        }
        for f in q.facets where facets[f] == nil { facets[f] = [:] }
        if q.groupByInstitution {
            // Matches are sorted: each institution's first is its best.
            var count: [String: Int] = [:]
            for m in matches { count[institutionOf[m.id]!, default: 0] += 1 }
            var seen = Set<String>()
            var leaders: [Hit] = []
            for m in matches where seen.insert(institutionOf[m.id]!).inserted {
                var h = m
                h.groupMatches = count[institutionOf[m.id]!]
                leaders.append(h)
            }
            return Answer(total: matches.count, hits: Array(leaders.dropFirst(q.offset).prefix(q.limit)), facets: facets, groupTotal: leaders.count)
        }
        let page = Array(matches.dropFirst(q.offset).prefix(q.limit))
        return Answer(total: matches.count, hits: page, facets: facets, groupTotal: nil)
    }
}

/// `TermVocabulary` by brute force over a word list with document counts: every word's edit
/// distance by the plain dynamic programme (a different first letter counting one more, as
/// `TermVocabulary` says), completions by a filter and a sort. The reference's vocabulary is its
/// records' distinct tokens (`ReferenceEngine.vocabulary`).
struct BruteForceVocabulary: TermVocabulary {
    let words: [String: Int]

    init(words: [String: Int]) { self.words = words }

    init(engine: ReferenceEngine) { words = engine.vocabulary }

    func documentFrequency(of term: String) -> Int { words[term] ?? 0 }

    func fuzzyMatches(of word: String, maxEdits: Int) -> [TermMatch] {
        words.compactMap { t, df -> TermMatch? in
            let d = EditDistance.optimalStringAlignment(Array(word.utf8), Array(t.utf8)) + (word.first == t.first ? 0 : 1)
            return d <= maxEdits ? TermMatch(term: t, distance: d, documentFrequency: df) : nil
        }.sorted(by: TermMatch.nearerFirst)
    }

    func completions(of prefix: String, limit: Int) -> [TermMatch] {
        Array(words.filter { $0.key.hasPrefix(prefix) && $0.key.utf8.count > prefix.utf8.count }
            .map { TermMatch(term: $0.key, distance: 0, documentFrequency: $0.value) }
            .sorted(by: TermMatch.commonerFirst)
            .prefix(limit))
    }
}

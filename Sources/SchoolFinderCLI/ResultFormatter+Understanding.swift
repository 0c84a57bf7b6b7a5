import Analysis
import Corpus
import Requests
import Search

extension ResultFormatter {
    /// Most alternatives of one kind named per word in the table before "+N more".
    static let alternativesShown = 4

    /// "Read as: …" after the header, when forgiving matching changed anything: the place taken
    /// from the words, phrases, synonyms, typos, completions, filler words left out, levels the
    /// dictionary implied, words dropped to find matches, and "did you mean". Empty otherwise.
    static func understandingLines(_ page: ResultPage, dictionary: SynonymDictionary, width: Int) -> String {
        var parts: [String] = []
        if let typed = page.typedPlace {
            parts.append("place \"\(typed)\" taken from your words" + (page.placeNote.map { " (\($0))" } ?? ""))
        }
        if let state = page.request.stateFromText {
            parts.append("state \"\(state)\" taken from your words as --state \(page.request.states.sorted().joined())")
        }
        if let u = page.result.understanding {
            parts += understandingParts(u, dictionary: dictionary, levelsChosen: !page.query.levels.isEmpty)
        }
        guard !parts.isEmpty else { return "" }
        return DisplayText.wrap("Read as: " + parts.joined(separator: "; "), width: width, indent: "  ")
            .joined(separator: "\n").dropFirst(2) + "\n"
    }

    /// The understanding in words, one part per fact (see `understandingLines`). With
    /// `levelsChosen` (the request named levels, which the words never override) nothing is
    /// said of levels the words implied, and level words are left out for that reason.
    static func understandingParts(_ u: QueryUnderstanding, dictionary: SynonymDictionary, levelsChosen: Bool) -> [String] {
        var parts: [String] = []
        func named(_ terms: [String]) -> String {
            let shown = terms.prefix(alternativesShown).map(dictionary.displayText(of:)).joined(separator: ", ")
            return terms.count > alternativesShown ? shown + " +\(terms.count - alternativesShown) more" : shown
        }
        for w in u.words where !u.dropped.contains(w.term) {
            var kinds: [String] = []
            if w.typed.contains(" ") && w.alternatives.isEmpty { kinds.append("as one term") }
            let synonyms = w.alternatives.filter { $0.reason == .synonym }.map(\.term)
            let completions = w.alternatives.filter { $0.reason == .completion }.map(\.term)
            let typos = w.alternatives.filter { if case .typo = $0.reason { true } else { false } }
            if !synonyms.isEmpty { kinds.append("also " + named(synonyms)) }
            if !completions.isEmpty { kinds.append("completed to " + named(completions)) }
            if !typos.isEmpty {
                let edits = typos.map { if case let .typo(e) = $0.reason { e } else { 0 } }.max() ?? 1
                kinds.append("spelled " + named(typos.map(\.term)) + " (up to \(DisplayText.count(edits, "typo")))")
            }
            if !kinds.isEmpty { parts.append("\"\(w.typed)\": " + kinds.joined(separator: ", ")) }
        }
        if !u.fillers.isEmpty {
            let online = u.fillers.contains("online") ? " (no program's delivery mode is known: IPEDS does not publish it)" : ""
            parts.append("left out " + u.fillers.map { "\"\($0)\"" }.joined(separator: ", ") + online)
        }
        if u.appliedImpliedLevels {
            let from = u.levelWords.isEmpty ? "implied by your words" : "from " + u.levelWords.map { "\"\($0)\"" }.joined(separator: ", ")
            parts.append("level " + u.impliedLevels.joined(separator: "|") + " \(from) (add --level to choose)")
        } else if levelsChosen {
            if !u.levelWords.isEmpty {
                parts.append("left out " + u.levelWords.map { "\"\($0)\"" }.joined(separator: ", ") + " (--level chose the level)")
            }
        } else if !u.levelWords.isEmpty {
            parts.append("left out " + u.levelWords.map { "\"\($0)\"" }.joined(separator: ", ") + " (no match at that level)")
        } else if !u.impliedLevels.isEmpty {
            parts.append("level " + u.impliedLevels.joined(separator: "|") + " implied by your words matched nothing, so every level is shown")
        }
        if !u.dropped.isEmpty {
            parts.append("nothing matched every word, so dropped " + u.dropped.map { "\"\(dictionary.displayText(of: $0))\"" }.joined(separator: ", "))
        }
        for s in u.suggestions {
            parts.append("no program has \"\(s.word)\"" + (s.terms.isEmpty ? "" : "; did you mean " + s.terms.map { "\"\(dictionary.displayText(of: $0))\"" }.joined(separator: " or ") + "?"))
        }
        return parts
    }

    /// The understanding as a JSON object ("understanding"), when the query was forgiving.
    static func writeUnderstanding(_ u: QueryUnderstanding?, typedPlace: String?, typedState: String? = nil, into w: inout JSONWriter) {
        guard let u else { return }
        w.beginObject("understanding")
        if let typedPlace { w.field("place_from_text", typedPlace) }
        if let typedState { w.field("state_from_text", typedState) }
        w.beginArray("words")
        for word in u.words {
            w.beginObject()
            w.field("term", word.term)
            w.field("typed", word.typed)
            w.field("documents", word.documentFrequency)
            w.beginArray("alternatives")
            for a in word.alternatives {
                w.beginObject()
                w.field("term", a.term)
                w.field("weight", a.weight)
                switch a.reason {
                case .synonym: w.field("reason", "synonym")
                case .completion: w.field("reason", "completion")
                case let .typo(edits): w.field("reason", "typo"); w.field("edits", edits)
                }
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.field("fillers", u.fillers)
        w.field("implied_levels", u.impliedLevels)
        w.field("level_words", u.levelWords)
        w.field("applied_implied_levels", u.appliedImpliedLevels)
        w.field("dropped", u.dropped)
        w.beginObject("suggestions")
        for s in u.suggestions { w.field(s.word, s.terms) }
        w.endObject()
        w.endObject()
    }
}

/// The synonym and abbreviation dictionary (`Corpus/synonyms.txt`): which words and phrases a
/// query word also means.
///
/// Text format, one entry per line (the file's own header documents it for its editors):
///
///     # a comment; blank lines are ignored
///     healthcare, health care                      equivalent: each side means every other
///     rhit => health information ; level=associate  one-way: the left side also means the right
///
/// - A *side* is one word or a phrase of several; it is analyzed with `Analyzer`, so case,
///   punctuation and plurals do not matter ("X-Rays" is the phrase x ray).
/// - A phrase of two or more words stands for those words adjacent and in order. So that an index
///   term can match it, every phrase has a *compound*: its analyzed words concatenated ("health
///   care" → `healthcare`). The index writer adds the compound of every phrase the text holds as
///   one more token (`PhraseCompounder`), and a query's phrase is read as its compound. A phrase
///   whose compound is itself a word ("cyber security", `cybersecurity`) therefore matches either
///   spelling.
/// - An optional `; level=a,b` names the award levels the entry implies (RHIT eligibility needs an
///   associate degree); the searcher applies them when the query names no level.
///
/// Invariants: every key and alternative is a well-formed analyzer token (`Analyzer.isToken`); a
/// key never lists itself; `phrases` holds every side of two or more words, as analyzed tokens.
public struct SynonymDictionary: Sendable, Equatable {
    /// What one key also means.
    public struct Entry: Sendable, Equatable {
        /// Compounds (or single words) the key also matches, in file order, without duplicates.
        public var alternatives: [String]
        /// Award level names (`AwardLevel` raw values) the key implies; empty = none.
        public var levels: [String]

        public init(alternatives: [String], levels: [String]) {
            self.alternatives = alternatives
            self.levels = levels
        }
    }

    /// A line that could not be read, 1-based.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public let line: Int
        public let message: String

        public init(line: Int, message: String) {
            self.line = line
            self.message = message
        }

        public var description: String { "line \(line): \(message)" }
    }

    /// By key (a word, or a phrase's compound).
    public private(set) var entries: [String: Entry] = [:]
    /// Every phrase of the file (two or more analyzed words), as token sequences.
    public private(set) var phrases: Set<[String]> = []
    /// Finds `phrases` in token sequences; built once with the dictionary, for the index writer
    /// and for every query.
    public private(set) var compounder = PhraseCompounder(phrases: [])
    /// Each phrase's words by its compound ("healthinformation" → "health information"), for display.
    public private(set) var phraseWords: [String: String] = [:]
    /// The file's text, kept so an index can store the dictionary it was built with.
    public let source: String

    /// The name of the dictionary's table in an index (TABLES) and of its file in `Corpus/`.
    public static let tableName = "synonyms.txt"

    /// The empty dictionary: no synonyms, no phrases.
    public static let empty = SynonymDictionary(source: "", entries: [:], phrases: [])

    private init(source: String, entries: [String: Entry], phrases: Set<[String]>) {
        self.source = source
        self.entries = entries
        self.phrases = phrases
        compounder = PhraseCompounder(phrases: phrases)
    }

    /// Reads `source`. Lines that cannot be read are left out and reported, with their line
    /// numbers; the rest of the dictionary is still built. - Complexity: O(source length).
    /// - Parameter levelName: turns a level as written into its name, `nil` when it names no
    ///   level (the line is then reported); the default takes every name as written.
    public static func parse(_ source: String, levelName: (String) -> String? = { $0 }) -> (dictionary: SynonymDictionary, problems: [Problem]) {
        var d = SynonymDictionary(source: source, entries: [:], phrases: [])
        var problems: [Problem] = []
        var lineNumber = 0
        // Lines, comments, options and arrows are found on the UTF-8 bytes (every delimiter is
        // ASCII, so each is a character boundary): walking Characters cost about 2,000
        // instructions per byte of the file, read again by every search process.
        for rawLine in source.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = Substring(rawLine)
            if let hash = line.utf8.firstIndex(of: UInt8(ascii: "#")) { line = line[..<hash] }
            if line.utf8.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }) { continue }
            var levels: [String] = []
            if let semicolon = line.utf8.firstIndex(of: UInt8(ascii: ";")) {
                let option = line[line.utf8.index(after: semicolon)...].trimmingSpaces
                line = line[..<semicolon]
                guard option.hasPrefix("level=") else {
                    problems.append(Problem(line: lineNumber, message: "unknown option \"\(option)\"; the only option is \"; level=associate,bachelor\""))
                    continue
                }
                levels = option.dropFirst("level=".count).split(separator: ",").map { String($0.trimmingSpaces) }.filter { !$0.isEmpty }
                guard !levels.isEmpty else {
                    problems.append(Problem(line: lineNumber, message: "\"level=\" names no level; give e.g. level=associate"))
                    continue
                }
                if let bad = levels.first(where: { levelName($0) == nil }) {
                    problems.append(Problem(line: lineNumber, message: "\"\(bad)\" is not an award level; use certificate, associate, bachelor, postbacc-certificate, master, postmaster-certificate or doctorate"))
                    continue
                }
                levels = levels.compactMap(levelName)
            }
            let bytes = line.utf8
            var arrows: [String.Index] = []
            var i = bytes.startIndex
            while i < bytes.endIndex {
                let next = bytes.index(after: i)
                if bytes[i] == UInt8(ascii: "="), next < bytes.endIndex, bytes[next] == UInt8(ascii: ">") { arrows.append(i) }
                i = next
            }
            guard arrows.count <= 1 else {
                problems.append(Problem(line: lineNumber, message: "\"=>\" appears \(arrows.count) times; a one-way entry has one: \"abbreviation => words\""))
                continue
            }
            let oneWay = arrows.first
            func sides(_ part: Substring) -> [Substring] { part.utf8.split(separator: UInt8(ascii: ",")).map { Substring($0) } }
            let left: [Substring], right: [Substring]
            if let arrow = oneWay {
                left = sides(line[..<arrow])
                right = sides(line[bytes.index(arrow, offsetBy: 2)...])
            } else {
                left = sides(line)
                right = left
            }
            if oneWay != nil && (left.isEmpty || right.isEmpty) {
                problems.append(Problem(line: lineNumber, message: "one side of \"=>\" is empty; write \"abbreviation => words\""))
                continue
            }
            let leftSides = left.map { Analyzer.tokens(String($0)) }
            let rightSides = right.map { Analyzer.tokens(String($0)) }
            if (leftSides + rightSides).contains(where: \.isEmpty) {
                problems.append(Problem(line: lineNumber, message: "a side has no words (letters or digits); separate sides with \",\" and write one-way entries as \"abbreviation => words\""))
                continue
            }
            guard oneWay != nil || leftSides.count >= 2 else {
                problems.append(Problem(line: lineNumber, message: "\"\(line.trimmingSpaces)\" lists one side only; give two or more sides separated by \",\", or \"word => words\""))
                continue
            }
            for side in leftSides + rightSides where side.count > 1 {
                d.phrases.insert(side)
                d.phraseWords[side.joined()] = side.joined(separator: " ")
            }
            let targets = rightSides.map { $0.joined() }
            for key in leftSides.map({ $0.joined() }) {
                var entry = d.entries[key] ?? Entry(alternatives: [], levels: [])
                for t in targets where t != key && !entry.alternatives.contains(t) { entry.alternatives.append(t) }
                for l in levels where !entry.levels.contains(l) { entry.levels.append(l) }
                d.entries[key] = entry
            }
        }
        d.compounder = PhraseCompounder(phrases: d.phrases)
        return (d, problems)
    }

    /// `term` as a student reads it: a compound as its phrase's words, any other term as itself.
    public func displayText(of term: String) -> String { phraseWords[term] ?? term }
}

extension Substring {
    /// Without leading and trailing spaces, tabs and carriage returns.
    var trimmingSpaces: Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" || f == "\r" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s = s.dropLast() }
        return s
    }
}

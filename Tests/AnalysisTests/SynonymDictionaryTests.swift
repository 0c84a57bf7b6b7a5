import Analysis
import Foundation
import Testing

@Suite("SynonymDictionary")
struct SynonymDictionaryTests {
    @Test("equivalent entries: every side means every other, phrases by their compounds")
    func equivalents() {
        let (d, problems) = SynonymDictionary.parse("cybersecurity, Cyber Security, information assurance\n")
        #expect(problems.isEmpty)
        #expect(d.entries["cybersecurity"]?.alternatives == ["informationassurance"])
        #expect(d.entries["informationassurance"]?.alternatives == ["cybersecurity"])
        #expect(d.phrases == [["cyber", "security"], ["information", "assurance"]])
        #expect(d.displayText(of: "informationassurance") == "information assurance")
        #expect(d.displayText(of: "nursing") == "nursing")
    }

    @Test("one-way entries: the left side means the right, not the reverse; levels are kept")
    func oneWay() {
        let (d, problems) = SynonymDictionary.parse("""
        # AHIMA credentials
        rhit => health information, medical records ; level=associate
        rn, registered nurse => registered nursing
        """)
        #expect(problems.isEmpty)
        // Plurals are reduced: "medical records" runs together as medicalrecord.
        #expect(d.entries["rhit"] == .init(alternatives: ["healthinformation", "medicalrecord"], levels: ["associate"]))
        #expect(d.entries["registerednurse"]?.alternatives == ["registerednursing"])
        #expect(d.entries["rn"]?.alternatives == ["registerednursing"])
        #expect(d.entries["healthinformation"] == nil)
        #expect(d.entries["registerednursing"] == nil)
    }

    @Test("lines that cannot be read are reported by line and left out", arguments: [
        ("nursing\n", 1, "\"nursing\" lists one side only; give two or more sides separated by \",\", or \"word => words\""),
        ("a, b\n , ---\n", 2, "a side has no words (letters or digits); separate sides with \",\" and write one-way entries as \"abbreviation => words\""),
        ("rn => nursing ; levels=bachelor\n", 1, "unknown option \"levels=bachelor\"; the only option is \"; level=associate,bachelor\""),
        ("rn => nursing ; level=\n", 1, "\"level=\" names no level; give e.g. level=associate"),
        ("=> orphan\n", 1, "one side of \"=>\" is empty; write \"abbreviation => words\""),
        ("cna =>\n", 1, "one side of \"=>\" is empty; write \"abbreviation => words\""),
        ("sonographer => => ultrasound\n", 1, "\"=>\" appears 2 times; a one-way entry has one: \"abbreviation => words\""),
    ])
    func problems(text: String, line: Int, message: String) {
        let (d, problems) = SynonymDictionary.parse("healthcare, health care\n" + text)
        #expect(problems == [.init(line: line + 1, message: message)])
        // "health care" runs together to healthcare itself: the entry works by compounding alone.
        #expect(d.entries["healthcare"]?.alternatives == [])
        #expect(d.phrases == [["health", "care"]])
    }

    @Test("CRLF line ends, tabs, comments after an entry and accented words read as with LF")
    func lineEndsAndAccents() {
        let lf = "# cafés\nrhit => health information ; level=associate # AHIMA\nsaúde, health\n\tnaïve => new\n"
        let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
        let (a, pa) = SynonymDictionary.parse(lf)
        let (b, pb) = SynonymDictionary.parse(crlf)
        #expect(pa.isEmpty && pb.isEmpty)
        #expect(a.entries == b.entries && a.phrases == b.phrases)
        #expect(a.entries["rhit"] == .init(alternatives: ["healthinformation"], levels: ["associate"]))
        #expect(a.entries["saude"]?.alternatives == ["health"])
        #expect(a.entries["naive"]?.alternatives == ["new"])
        // A problem on a CRLF line is still reported by its line number.
        #expect(SynonymDictionary.parse("a, b\r\nnursing\r\n").problems.map(\.line) == [2])
    }

    @Test("levels are checked and normalized by the caller's level names")
    func levelNames() {
        let names: (String) -> String? = { ["bachelor": "bachelor", "bachelors": "bachelor", "associate": "associate"][$0] }
        let (d, problems) = SynonymDictionary.parse("bsn => nursing ; level=bachelors\nhitx => health information ; level=bachelorz\n", levelName: names)
        #expect(d.entries["bsn"]?.levels == ["bachelor"])
        #expect(d.entries["hitx"] == nil)
        #expect(problems == [.init(line: 2, message: "\"bachelorz\" is not an award level; use certificate, associate, bachelor, postbacc-certificate, master, postmaster-certificate or doctorate")])
    }

    @Test("the project's dictionary reads without a problem and covers the issue's abbreviations")
    func projectDictionary() throws {
        let text = try String(contentsOfFile: #filePath.split(separator: "/").dropLast(3).map(String.init).reduce("") { $0 + "/" + $1 } + "/Corpus/synonyms.txt", encoding: .utf8)
        let (d, problems) = SynonymDictionary.parse(text)
        #expect(problems.isEmpty, "\(problems)")
        for key in ["him", "hit", "rhit", "rhia", "ehr", "emr", "rn", "bsn", "msn", "lpn", "lvn", "np", "mph", "mha", "pt", "pta", "emt",
                    "cybersecurity", "bioinformatics", "xray", "ultrasound", "healthcare", "coder"] {
            #expect(d.entries[key.lowercased()] != nil, "no entry for \(key)")
        }
        for (_, entry) in d.entries { #expect(entry.alternatives.allSatisfy(Analyzer.isToken)) }
    }
}

@Suite("PhraseCompounder")
struct PhraseCompounderTests {
    let compounder = PhraseCompounder(phrases: [["health", "care"], ["health", "care", "administration"], ["x", "ray"]])

    @Test("index side: every token kept, every occurrence's compound appended")
    func appending() {
        #expect(compounder.appendingCompounds(["health", "care", "administration", "and", "x", "ray"])
            == ["health", "care", "administration", "and", "x", "ray", "healthcareadministration", "healthcare", "xray"])
        #expect(compounder.appendingCompounds(["health", "information"]) == ["health", "information"])
        #expect(PhraseCompounder(phrases: []).appendingCompounds(["a", "b"]) == ["a", "b"])
    }

    @Test("query side: longest phrase first, left to right; a refused compound keeps its words")
    func replacing() {
        let all = compounder.replacingPhrases(["health", "care", "administration", "x", "ray", "health"])
        #expect(all.map(\.token) == ["healthcareadministration", "xray", "health"])
        #expect(all.map(\.phrase) == [["health", "care", "administration"], ["x", "ray"], nil])
        let refused = compounder.replacingPhrases(["health", "care", "administration"]) { $0 != "healthcareadministration" }
        #expect(refused.map(\.token) == ["healthcare", "administration"])
    }

    @Test("property: appending keeps the tokens as a prefix and adds one compound per occurrence")
    func appendingProperty() {
        var state: UInt64 = 7
        func next(_ n: Int) -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int(state >> 33) % n }
        let vocabulary = ["health", "care", "administration", "x", "ray", "and"]
        for _ in 0 ..< 500 {
            let tokens = (0 ..< next(12)).map { _ in vocabulary[next(vocabulary.count)] }
            let out = compounder.appendingCompounds(tokens)
            #expect(Array(out.prefix(tokens.count)) == tokens)
            var expected = 0
            for i in tokens.indices {
                for p in [["health", "care"], ["health", "care", "administration"], ["x", "ray"]] where i + p.count <= tokens.count && Array(tokens[i ..< i + p.count]) == p {
                    expected += 1
                }
            }
            #expect(out.count == tokens.count + expected)
        }
    }
}

import Corpus
import Foundation
import Requests
import SchoolFinderCLI
import Testing

/// Issue 11's examples on the real corpus, as a student types them: none answers a bare zero,
/// the first hits are what the words mean, and the output says how the words were read.
@Suite("CLI on the real corpus: forgiving matching")
struct ForgivingSearchCLITests {
    /// The JSON answer to `search WORDS… OPTIONS…`.
    static func answer(_ args: [String]) throws -> JSONValue {
        let r = RealCorpusFixture.run("search", args + ["--format", "json"])
        #expect(r.code == 0, "\(args): \(r.err)")
        return try JSONValue.parse(r.out)
    }

    static func cips(_ v: JSONValue) -> [String] {
        guard case let .array(hits)? = v["hits"] else { return [] }
        return hits.compactMap { $0["cip"]?.stringValue }
    }

    @Test("typos, abbreviations, prefixes, plurals and filler words find what they mean", arguments: [
        (["bioinfromatics"], "26.11"),
        (["informatcs"], "11.0104"),
        (["bioinf"], "26.1103"),
        (["HIT"], "51.0707"),
        (["RHIT", "eligible"], "51.0707"),
        (["MPH"], "51.2201"),
        (["EHR"], "51.07"),
        (["BSN"], "51.38"),
        (["informatics", "programs"], "11.0104"),
        (["nurse", "practitioner"], "51.38"),
        (["cyber", "security"], "43.0404"),
        (["sonographers"], "51.0910"),
        (["medical", "codng"], "51.0713"),
    ])
    func meanings(words: [String], cip: String) throws {
        let v = try Self.answer(words + ["--limit", "5"])
        #expect((v["total"]?.numberValue ?? 0) > 0, "\(words)")
        #expect(Self.cips(v).first?.hasPrefix(cip) == true, "\(words): \(Self.cips(v))")
        #expect(v["understanding"] != nil)
    }

    @Test("an exact word ranks above its synonyms, and --explain shows a synonym's weight")
    func exactAboveSynonyms() throws {
        let v = try Self.answer(["bioinformatics", "--limit", "3"])
        #expect(Self.cips(v).allSatisfy { $0 == "26.1103" }, "\(Self.cips(v))")
        let table = RealCorpusFixture.run("search", ["computational", "biology", "--explain", "--limit", "1", "--cip", "26.1103"])
        #expect(table.out.contains("\"bioinformatics\" for \"computationalbiology\" idf "), "\(table.out)")
        #expect(table.out.contains(" × weight 0.9 = "), "\(table.out)")
    }

    @Test("--exact is the strict AND: the misspelling finds nothing, and nothing is reported as understood")
    func exact() throws {
        let v = try Self.answer(["bioinfromatics", "--exact"])
        #expect(v["total"] == .number(0))
        #expect(v["understanding"] == nil)
    }

    @Test("a place in the words is the place: near a ZIP, in a city; the header and JSON say so")
    func typedPlace() throws {
        let near = try Self.answer(["nursing", "near", "02139", "--radius", "10"])
        #expect(near["query"]?["place"] == .string("02139 (Cambridge, MA)"))
        #expect(near["query"]?["text"] == .string("nursing"))
        #expect(near["understanding"]?["place_from_text"] == .string("02139"))
        let boston = try Self.answer(["bioinformatics", "in", "Boston"])
        #expect(boston["query"]?["place"] == .string("Boston, MA"))
        #expect(Self.cips(boston).first.map { $0.hasPrefix("26.11") } == true, "\(Self.cips(boston))")
        // "in" and a state is the state filter.
        let texas = try Self.answer(["medical", "coding", "in", "Texas"])
        #expect(texas["query"]?["states"] == .array([.string("TX")]))
        #expect(texas["understanding"]?["state_from_text"] == .string("Texas"))
        #expect((texas["total"]?.numberValue ?? 0) > 20)
        // "in" followed by no place stays words; nothing has both, so the last word goes.
        let spanish = try Self.answer(["nursing", "in", "spanish"])
        #expect(spanish["query"]?["place"] == nil)
        #expect(spanish["understanding"]?["dropped"] == .array([.string("spanish")]))
        #expect(Self.cips(spanish).first?.hasPrefix("51.38") == true, "\(Self.cips(spanish))")
        // A place alone: every program, nearest first.
        let alone = try Self.answer(["near", "Chicago,", "IL"])
        #expect(alone["query"]?["place"] == .string("Chicago, IL") && alone["query"]?["text"] == .null && alone["sort"] == nil)
        let table = RealCorpusFixture.run("search", ["nursing", "near", "02139", "--limit", "1"])
        #expect(table.out.contains("for \"nursing\", near 02139 (Cambridge, MA)"))
        #expect(table.out.contains("Read as: place \"02139\" taken from your words;"), "\(table.out)")
        let springfield = RealCorpusFixture.run("search", ["nursing", "near", "Springfield", "--limit", "1"])
        #expect(springfield.out.contains("the largest of"), "\(springfield.out)")
    }

    @Test("levels the words imply: applied and said so without --level; with --level, not mentioned (the choice stands)")
    func impliedLevels() {
        let implied = RealCorpusFixture.run("search", ["RHIT", "--limit", "1"])
        #expect(implied.out.contains("level associate implied by your words"), "\(implied.out)")
        for level in ["associate", "bachelor"] {
            let chosen = RealCorpusFixture.run("search", ["RHIT", "--level", level, "--limit", "1"])
            #expect(chosen.code == 0)
            #expect(!chosen.out.contains("implied by your words"), "--level \(level): \(chosen.out)")
            #expect(!chosen.out.contains("every level is shown"), "--level \(level): \(chosen.out)")
        }
    }

    @Test("a level in the singular or abbreviated is text first, and the level when the words match nothing with it")
    func ambiguousLevelWords() throws {
        for (words, level) in [(["nursing", "associate"], "associate"), (["bioinformatics", "master"], "master"),
                               (["associate", "degree", "in", "nursing"], "associate"), (["nursing", "BS"], "bachelor")] {
            let v = try Self.answer(words + ["--limit", "10"])
            guard case let .array(hits)? = v["hits"] else { Issue.record("\(words): no hits"); continue }
            #expect(!hits.isEmpty && hits.allSatisfy { $0["level"]?.stringValue == level }, "\(words): \(hits.map { $0["level"] as Any })")
            #expect(v["understanding"]?["applied_implied_levels"] == .bool(true), "\(words)")
            #expect(v["understanding"]?["dropped"] == .array([]), "\(words): \(String(describing: v["understanding"]))")
        }
        // Text first: "physician associate" names programs, so no level is read from it.
        let pa = try Self.answer(["physician", "associate", "--limit", "3"])
        #expect(Self.cips(pa).first?.hasPrefix("51.0912") == true, "\(Self.cips(pa))")
        #expect(pa["understanding"]?["applied_implied_levels"] != .bool(true))
    }

    @Test("a distance in the words is the radius: \"within 10 miles of 02139\" answers as --zip 02139 --radius 10; --radius wins")
    func typedRadius() throws {
        let typed = try Self.answer(["nursing", "within", "10", "miles", "of", "02139", "--limit", "5"])
        let given = try Self.answer(["nursing", "--zip", "02139", "--radius", "10", "--limit", "5"])
        #expect(typed["query"]?["radius_mi"]?.numberValue == 10 && typed["query"]?["text"]?.stringValue == "nursing", "\(String(describing: typed["query"]))")
        #expect(typed["total"] == given["total"] && typed["hits"] == given["hits"])
        #expect((typed["total"]?.numberValue ?? 0) > 0)
        let from = try Self.answer(["nursing", "10", "miles", "from", "02139", "--limit", "5"])
        #expect(from["total"] == given["total"] && from["hits"] == given["hits"])
        let option = try Self.answer(["nursing", "within", "10", "miles", "of", "02139", "--radius", "3", "--limit", "5"])
        #expect(option["query"]?["radius_mi"]?.numberValue == 3)
        // The grammar on its own.
        #expect(TypedPlace.candidates(in: "nursing within 10 miles of Boston, MA").first
                == TypedPlace(words: "nursing", place: "Boston, MA", isCertain: true, radiusMiles: 10))
        #expect(TypedPlace.candidates(in: "rn 2.5 mi near 60601").first == TypedPlace(words: "rn", place: "60601", isCertain: true, radiusMiles: 2.5))
        #expect(TypedPlace.candidates(in: "within 25 miles 02139").first == TypedPlace(words: "", place: "02139", isCertain: true, radiusMiles: 25))
        // No place after the distance, or no distance word: not a radius.
        #expect(TypedPlace.candidates(in: "nursing within 10 miles").isEmpty)
        #expect(TypedPlace.candidates(in: "top 10 programs near Boston").first?.radiusMiles == nil)
    }

    @Test("a place in the words the ZIP table does not know is one line naming it and the fixes, exit 2")
    func unknownTypedPlace() {
        let r = RealCorpusFixture.run("search", ["nursing", "near", "Atlantiss"])
        #expect(r.code == 2)
        #expect(r.err.hasPrefix("error: place \"Atlantiss\" is not a city in the ZIP table"), "\(r.err)")
        #expect(r.err.hasSuffix("(read from your words; or give --near PLACE, or search the words as typed with --exact)\n"), "\(r.err)")
        // "near me": no guess at a city named like "me"; say where instead.
        let me = RealCorpusFixture.run("search", ["nursing", "programs", "near", "me"])
        #expect(me.code == 2)
        #expect(me.err == "error: place \"me\" (read from your words): schoolfinder works offline and cannot tell where you are; say where, e.g. \"near 02139\" or \"near Boston, MA\", or give --near PLACE\n", "\(me.err)")
    }

    @Test("never a bare zero: a word that blocks every match is dropped and named; an unknown lone word gets did-you-mean")
    func relaxation() throws {
        let v = try Self.answer(["bioinformatics", "zzyzx"])
        #expect((v["total"]?.numberValue ?? 0) > 0)
        #expect(v["understanding"]?["dropped"] == .array([.string("zzyzx")]))
        let table = RealCorpusFixture.run("search", ["hlth"])
        #expect(table.out.contains("0 matches"))
        #expect(table.out.contains("no program has \"hlth\"; did you mean \"health\""), "\(table.out)")
    }

    @Test("batch lines read the words the same way, and \"exact\": true turns it off")
    func batch() throws {
        let file = RealCorpusFixture.directory + "/forgiving-batch.jsonl"
        try Data("""
        {"id":"a","text":"bioinfromatics","limit":1}
        {"id":"b","text":"bioinfromatics","exact":true}
        {"id":"c","text":"nursing near 02139","radius_mi":5,"limit":1}
        {"id":"d","text":"nursing","exact":"yes"}

        """.utf8).write(to: URL(fileURLWithPath: file))
        let r = RealCorpusFixture.run("search", ["--batch", file])
        let lines = try r.out.split(separator: "\n").map { try JSONValue.parse(String($0)) }
        #expect(lines.count == 4)
        #expect((lines[0]["total"]?.numberValue ?? 0) > 0 && lines[0]["understanding"] != nil)
        #expect(lines[1]["total"] == .number(0) && lines[1]["understanding"] == nil)
        #expect((lines[2]["total"]?.numberValue ?? 0) > 0 && lines[2]["understanding"]?["place_from_text"] == .string("02139"))
        #expect(lines[3]["error"] == .string("\(file):4: exact \"yes\" is not valid: give true or false (e.g. \"exact\": true)"))
    }
}

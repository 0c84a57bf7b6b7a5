import Analysis
import Corpus
import IndexFormat
import Search
import Testing

/// Plurals are reduced at index and query time by the one `Analyzer`, so a query word finds
/// its plural and singular alike, in every field, and text-group alternatives are words too.
@Suite("Plural matching")
struct PluralMatchingTests {
    /// Generated filler without any "nurse" or "record", plus: N1 says "nurses" (description),
    /// N2 "nurse" (title), N3 "Nurses" (institution name), R1 "records", and M1 neither.
    static let records: [ProgramRecord] = {
        let base = TestCorpus.records(count: 300, seed: 23).filter {
            let text = ($0.title + " " + $0.description + " " + $0.institutionName).lowercased()
            return !text.contains("nurse") && !text.contains("record") && $0.validationProblem == nil
        }
        var n1 = base[0], n2 = base[1], n3 = base[2], r1 = base[3], m1 = base[4]
        n1.id = "N1"; n1.title = "Registered Nursing"; n1.description = "Prepares nurses for practice in hospitals."
        n2.id = "N2"; n2.title = "Nurse Anesthetist"; n2.description = "Anesthesia for surgery."
        n3.id = "N3"; n3.title = "Practical Nursing"; n3.description = "Patient care."; n3.institutionName = "College of Nurses"
        r1.id = "R1"; r1.title = "Health Information"; r1.description = "Coding and records."
        m1.id = "M1"; m1.title = "Nursing Assistant"; m1.description = "Patient care in clinics."
        return Array(base.dropFirst(5)) + [n1, n2, n3, r1, m1]
    }()
    static let reader = try! TestCorpus.buildIndex(records)

    func ids(_ r: SearchResult) throws -> Set<String> { try Set(r.hits.map { try Self.reader.record($0.document).id }) }

    @Test("\"nurse\" finds records that say \"nurses\" and \"nurses\" finds records that say \"nurse\", in any field",
          arguments: ["nurse", "nurses", "Nurses", "NURSE"])
    func singularAndPluralMatch(text: String) throws {
        let result = try Searcher(reader: Self.reader).search(SearchQuery(text: text, limit: 10))
        #expect(try ids(result) == ["N1", "N2", "N3"])
        #expect(result.total == 3 && result.terms == ["nurse"])
    }

    @Test("the index holds the reduced term only, in the combined and the field lists")
    func indexTermsAreReduced() {
        #expect(Self.reader.terms.lookup("nurse")?.documentFrequency == 3)
        #expect(Self.reader.terms.lookup("nurses") == nil)
        #expect(Self.reader.terms.lookup("title:nurse")?.documentFrequency == 1)
        #expect(Self.reader.terms.lookup("inst:nurse")?.documentFrequency == 1)
        #expect(Self.reader.terms.lookup("record")?.documentFrequency == 1 && Self.reader.terms.lookup("records") == nil)
    }

    @Test("explain names the reduced term and counts the plural in its field")
    func explainCountsPlurals() throws {
        var q = SearchQuery(text: "nurses", limit: 10)
        q.explain = true
        let result = try Searcher(reader: Self.reader).search(q)
        let byID = try Dictionary(uniqueKeysWithValues: zip(result.hits.map { try Self.reader.record($0.document).id }, result.explanations))
        let n3 = try #require(byID["N3"]?.terms.first)
        #expect(n3.term == "nurse" && n3.fields.first { $0.field == "institution" }?.frequency == 1)
    }

    @Test("text-group words and alternatives are analyzed like the text: plural, capitalized, or with spaces around")
    func expansionsAreAnalyzed() throws {
        let searcher = Searcher(reader: Self.reader)
        var q = SearchQuery(text: "nurses", limit: 10)
        q.expansions = ["Nurses": [TermAlternative(term: " Records ", weight: 0.5)]]
        #expect(try ids(searcher.search(q)) == ["N1", "N2", "N3", "R1"])
        q.expansions = ["nurse": [TermAlternative(term: "health records", weight: 0.5)]]
        #expect(throws: SearchError.invalidAlternative(word: "nurse", term: "health records", weight: 0.5)) { try searcher.search(q) }
        q.expansions = ["nurse": [TermAlternative(term: "records", weight: 0)]]
        #expect(throws: SearchError.invalidAlternative(word: "nurse", term: "records", weight: 0)) { try searcher.search(q) }
    }
}

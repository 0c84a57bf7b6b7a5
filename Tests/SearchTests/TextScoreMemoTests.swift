import Corpus
import Geo
import IndexFormat
import Search
import Testing

/// Records that repeat their texts, as the real corpus does (every program of a CIP code has its
/// title and definition): the searcher then scores by text identity (`TextScoreMemo`), reusing
/// one document's score for every other with the same title and description and no query word
/// in its institution name. Answers must still equal the reference, bit for bit in score.
@Suite("Scores by text identity on records that repeat their texts")
struct TextScoreMemoTests {
    static let titles = ["Health Information Technology", "Nursing Science", "Computer Science", "Health Data Management",
                         "Medical Records Coding", "Bioinformatics", "Public Health", "Information Systems"]
    static let descriptions = [
        "A program that prepares individuals to manage health information and records systems.",
        "Nursing practice, patient care and health promotion in clinical settings; nursing research.",
        "Computer science and information systems: programming, data structures and data management.",
        "Health data analytics, information governance and management of records; health information technology.",
        "Medical coding and billing, records management, health information and data quality.",
        "Bioinformatics and computational biology: data, genomes, information and computer methods.",
        "Public health, epidemiology and health data; community health and information.",
        "Information systems, data management, computer networks and information security.",
    ]
    /// `count` records over the titles and descriptions above. Some institution names hold query
    /// words (those documents are scored in full); with `denseInstitutionWords`, "university",
    /// "public" and "health" are in three quarters of the names.
    static func records(count: Int, denseInstitutionWords: Bool) -> [ProgramRecord] {
        var records = SampleCorpusGenerator(zips: TestCorpus.zips, seed: 0x7E57).generate(count: count)
        for i in records.indices {
            records[i].title = titles[i % titles.count]
            records[i].description = descriptions[(i / 3) % descriptions.count]
            if denseInstitutionWords && i % 4 != 0 { records[i].institutionName = "University of Public Health \(i % 5)" }
            if i % 11 == 0 { records[i].institutionName = "Health Information College \(i % 7)" }
            if i % 13 == 0 { records[i].institutionName = "Data Science University" }
            if i % 97 == 0 { records[i].institutionName = "Institute of Records and Coding" }
        }
        return records
    }

    @Test("relevance, blended, faceted and grouped-word queries over repeated texts equal the reference",
          arguments: [(6000, false), (8000, true)])
    func repeatedTextsMatchReference(count: Int, denseInstitutionWords: Bool) throws {
        let records = Self.records(count: count, denseInstitutionWords: denseInstitutionWords)
        let reader = try TestCorpus.buildIndex(records, name: "text-memo-\(count)")
        #expect(reader.repeatsTexts) // the searcher scores by text identity
        let vocabulary = ["health", "information", "data", "management", "nursing", "computer", "science", "records",
                          "bioinformatics", "coding", "college", "university", "systems", "public"]
        // The memo marks documents from both kinds of `inst:` list: bitmaps and postings.
        let institutionLists = vocabulary.compactMap { reader.terms.lookup("inst:\($0)") }
        #expect(institutionLists.contains { $0.hasBitmaps } && institutionLists.contains { !$0.hasBitmaps })
        let reference = ReferenceEngine(records: records)
        let searcher = Searcher(reader: reader)
        var rng = SplitMix64(seed: 41)
        var large = 0
        for trial in 0 ..< 160 {
            let words = (0 ..< 1 + rng.below(3)).map { _ in rng.pick(vocabulary) }
            var q = SearchQuery(text: words.joined(separator: " "), limit: [1, 10, 40][rng.below(3)])
            switch trial % 4 {
            case 0: q.sort = .relevance
            case 1:
                let r = records[rng.below(records.count)]
                q.origin = GeoPoint(latitude: r.latitude, longitude: r.longitude)
            case 2: q.sort = .relevance; q.facets = [.level, .state, .cip2]
            default: q.sort = .relevance; q.offset = rng.below(20)
            }
            if trial % 5 == 4, let w = words.first {
                // A group of alternatives: the grouped scoring path keeps scores by text identity too.
                q.expansions = [w: [TermAlternative(term: rng.pick(vocabulary), weight: 0.7), TermAlternative(term: rng.pick(vocabulary), weight: 0.4)]]
            }
            let got = try searcher.search(q)
            try DifferentialTests.expectSame(got, reference.answer(q), "\(q)", reader: reader)
            if got.total > 1000 { large += 1 }
        }
        #expect(large > 40)
        #expect(reader.textIdentityColumnIsBuilt) // the memo was made, so its path ran
    }
}

import Analysis
import Corpus
@testable import Search
import Testing

/// Relaxation's counting searches stop at their first match (`Searcher.execute(countLimit:)`):
/// the total is then at least the limit when anything matches and 0 when nothing does — never a
/// wrong answer to "does anything match?".
@Suite("Counting with a limit")
struct CountLimitTests {
    @Test("a count limited to 1 is 0 exactly when the reference finds nothing, else between 1 and the total, over 600 seeded queries")
    func limitedCountAgreesOnExistence() throws {
        let searcher = Searcher(reader: DifferentialTests.reader)
        var rng = SplitMix64(seed: 0xC0_0417)
        var empty = 0, found = 0
        for i in 0 ..< 600 {
            var q = DifferentialTests.query(i, &rng)
            q.limit = 0; q.offset = 0; q.facets = []; q.groupByInstitution = false; q.explain = false
            var words: [String] = []
            var seen = Set<String>()
            if let text = q.text { Analyzer.forEachToken(in: text) { if seen.insert($0).inserted { words.append($0) } } }
            if q.text != nil && words.isEmpty { continue }
            var analyzed = q
            analyzed.expansions = try q.analyzedExpansions()
            let sort = q.effectiveSort
            if sort == .distance && q.origin == nil { continue }
            let exact = DifferentialTests.reference.answer(q).total
            let limited = try searcher.execute(analyzed, words: words, sort: sort, scorer: searcher.bm25, countLimit: 1).total
            #expect((limited == 0) == (exact == 0), "query \(i): \(q)")
            #expect(limited <= exact, "query \(i): \(q)")
            if exact == 0 { empty += 1 } else { found += 1 }
        }
        #expect(empty >= 30 && found >= 300, "both outcomes exercised: \(empty) empty, \(found) found")
    }
}

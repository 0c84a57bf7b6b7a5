import Corpus
import Search
import Testing

@Suite("TopKCollector")
struct TopKCollectorTests {
    @Test("keeps exactly the best k of any stream, in order, never holding more than k (property)",
          arguments: [0, 1, 2, 10, 100])
    func matchesFullSort(k: Int) {
        var rng = SplitMix64(seed: UInt64(k) + 1)
        for _ in 0 ..< 200 {
            let n = rng.below(400)
            var all: [TopKCollector.Entry] = []
            var c = TopKCollector(capacity: k)
            for i in 0 ..< n {
                // Few distinct scores and distances, so ties reach the rank tie-break.
                let e = TopKCollector.Entry(primary: Double(rng.below(5)), secondary: Double(rng.below(4)), rank: UInt32(i),
                                            document: UInt32(i), score: 0, distance: 0)
                all.append(e)
                c.offer(e)
                #expect(c.count <= k)
            }
            #expect(c.checkInvariants())
            let expected = all.sorted(by: TopKCollector.better).prefix(k).map(\.rank)
            #expect(c.sortedEntries().map(\.rank) == Array(expected))
        }
    }
}

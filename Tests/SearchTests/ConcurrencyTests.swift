import Corpus
import Foundation
import Geo
import IndexFormat
import Search
import Testing

/// Many threads, one open index: every answer checked against the reference. Run under
/// ThreadSanitizer by the README's test command (`swift test --sanitize=thread --filter Concurrency`).
/// Duration: SCHOOLFINDER_STRESS_SECONDS (default 10).
@Suite("Concurrent searching")
struct ConcurrencyTests {
    @Test("8 threads query one shared Searcher; every answer equals the reference")
    func eightThreads() throws {
        let records = TestCorpus.records(count: 4000, seed: 51)
        let reader = try TestCorpus.buildIndex(records)
        let searcher = Searcher(reader: reader)
        let reference = ReferenceEngine(records: records)
        let seconds = Double(ProcessInfo.processInfo.environment["SCHOOLFINDER_STRESS_SECONDS"] ?? "") ?? 10
        let deadline = Date().addingTimeInterval(seconds)
        final class Tally: @unchecked Sendable {
            let lock = NSLock()
            var queries = 0
            var mismatches: [String] = []
            func add(_ n: Int, _ bad: [String]) { lock.lock(); queries += n; mismatches += bad; lock.unlock() }
        }
        let tally = Tally()
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            var rng = SplitMix64(seed: UInt64(thread) &* 7919 &+ 1)
            var done = 0
            var bad: [String] = []
            while Date() < deadline {
                let q = DifferentialTests.randomQuery(&rng, records: records)
                let expected = reference.search(q)
                do {
                    let got = try searcher.search(q)
                    let ids = try got.hits.map { try reader.record($0.document).id }
                    if got.total != expected.total || ids != expected.hits.map(\.id) { bad.append("thread \(thread): \(q)") }
                } catch {
                    bad.append("thread \(thread): \(q) threw \(error)")
                }
                done += 1
            }
            tally.add(done, bad)
        }
        print("concurrency: \(tally.queries) queries on 8 threads in \(Int(seconds)) s, \(tally.mismatches.count) mismatches")
        #expect(tally.mismatches.isEmpty, "\(tally.mismatches.prefix(3))")
        #expect(tally.queries >= 8)
    }
}

import Corpus
import Foundation
import Geo
import IndexFormat
import Search
import TestSupport
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

    @Test("an index built as its JSON Lines file is parsed (pieces handled on a queue of their own while the next is parsed, sections written on a worker as they are made) is byte for byte the one built from the records in memory")
    func streamedBuild() throws {
        let records = TestCorpus.records(count: 3_000, seed: 52)
        let directory = ProjectPaths.temporaryDirectory("concurrent-build")
        let corpus = directory + "/c.jsonl"
        try (records.map(JSONLRecordFormat.line(for:)).joined(separator: "\n") + "\n").write(toFile: corpus, atomically: true, encoding: .utf8)
        var writer = IndexWriter(corpusName: "concurrent", isSampleData: true, note: "", zips: TestCorpus.zips)
        writer.threads = 3
        var pass = IndexTextPass(for: writer)
        var pieces = 0
        // Pieces of 200 KB: about 15, each handed while the next is parsed on 3 threads.
        let read = try JSONLRecordFormat.read(path: corpus, threads: 3, pieceBytes: 200_000, keepingRecords: false) { piece in
            pieces += 1
            pass.add(piece)
        }
        #expect(pieces > 10 && read.count + read.report.skippedCount == records.count && read.records.isEmpty)
        try writer.write(pass, to: directory + "/streamed.sfidx")
        try writer.write(records, to: directory + "/whole.sfidx")
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory + "/streamed.sfidx")) == Data(contentsOf: URL(fileURLWithPath: directory + "/whole.sfidx")))
    }
}

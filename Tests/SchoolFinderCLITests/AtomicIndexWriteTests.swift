import Corpus
import Foundation
import IndexFormat
import Search
import TestSupport
import Testing

/// Kills `schoolfinder index` with SIGKILL at random moments while it rebuilds an existing
/// index. After every kill the index file must be byte-identical to a complete index (the old
/// one, or the finished new one) and answer queries identically, and temp files must not pile up.
@Suite("Atomic index writes under SIGKILL")
struct AtomicIndexWriteTests {
    static var executable: String {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("schoolfinder").path
    }

    static func answers(_ path: String) throws -> [String] {
        let reader = try IndexReader(path: path)
        let searcher = Searcher(reader: reader)
        let queries = [SearchQuery(text: "health information", limit: 20),
                       SearchQuery(origin: .init(latitude: 41.88, longitude: -87.63), radiusMiles: 500, limit: 20),
                       SearchQuery(levels: [.associate], sort: .id, limit: 20)]
        return try queries.map { q in
            let r = try searcher.search(q)
            return "\(r.total):" + (try r.hits.map { try reader.record($0.document).id }).joined(separator: ",")
        }
    }

    @Test("24 SIGKILLs mid-build and mid-write: the index stays whole, answers the same, and no temp files pile up")
    func killDuringIndex() throws {
        let exe = Self.executable
        try #require(FileManager.default.isExecutableFile(atPath: exe), "the schoolfinder executable is not built beside the tests at \(exe)")
        let dir = ProjectPaths.temporaryDirectory("kill")
        let zips = [ZipCentroid(zip: "60601", city: "Chicago", state: "IL", latitude: 41.886456, longitude: -87.62325),
                    ZipCentroid(zip: "94103", city: "San Francisco", state: "CA", latitude: 37.77, longitude: -122.41),
                    ZipCentroid(zip: "73301", city: "Austin", state: "TX", latitude: 30.26, longitude: -97.74)]
        var tsv = "zip\tcity\tstate\tlat\tlon\n"
        for z in zips { tsv += "\(z.zip)\t\(z.city)\t\(z.state)\t\(z.latitude)\t\(z.longitude)\n" }
        try tsv.write(toFile: dir + "/zips.tsv", atomically: true, encoding: .utf8)
        let records = SampleCorpusGenerator(zips: zips, seed: 12).generate(count: 8_000)
        try (records.map(JSONLRecordFormat.line(for:)).joined(separator: "\n") + "\n").write(toFile: dir + "/c.jsonl", atomically: true, encoding: .utf8)
        let out = dir + "/programs.sfidx"

        /// Kills after `seconds`, or, with `whenWriting`, once the temp file appears plus `seconds`.
        func runChild(killAfter seconds: Double?, whenWriting: Bool = false) throws -> (status: Int32, elapsed: Double, pid: Int32) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: exe)
            p.arguments = ["index", "--corpus", dir + "/c.jsonl", "--zips", dir + "/zips.tsv", "--out", out]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            let start = Date()
            try p.run()
            if let seconds {
                if whenWriting {
                    let own = "programs.sfidx.tmp-\(p.processIdentifier)-"
                    while p.isRunning && !((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).contains(where: { $0.hasPrefix(own) }) { usleep(50) }
                }
                Thread.sleep(forTimeInterval: seconds)
                kill(p.processIdentifier, SIGKILL)
            }
            p.waitUntilExit()
            return (p.terminationStatus, Date().timeIntervalSince(start), p.processIdentifier)
        }
        func temporaries() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix("programs.sfidx.tmp-") }
        }

        // A complete first build, timed: the kills land anywhere in [0, 1.2 × that].
        let first = try runChild(killAfter: nil)
        try #require(first.status == 0)
        let reference = try Data(contentsOf: URL(fileURLWithPath: out))
        let expected = try Self.answers(out)

        var rng = SplitMix64(seed: 0x4B111)
        var landed = ["before the temp file": 0, "while writing": 0, "after completing": 0]
        for i in 0 ..< 24 {
            let before = try temporaries().count
            // Even runs: a random moment of the whole run. Odd runs: a random moment of the write.
            let run = i % 2 == 0 ? try runChild(killAfter: rng.unit() * first.elapsed * 1.2)
                                 : try runChild(killAfter: rng.unit() * 0.003, whenWriting: true)
            let leftovers = try temporaries()
            // Where the kill landed is read from this run's own temp file: one an earlier run left
            // stays until a later run gets as far as its sweep, so it says nothing about this run.
            let ownTemporary = leftovers.contains { $0.hasPrefix("programs.sfidx.tmp-\(run.pid)-") }
            if run.status == 0 { landed["after completing"]! += 1 } else if ownTemporary { landed["while writing"]! += 1 } else { landed["before the temp file"]! += 1 }
            // Whole: byte-identical to a complete index, and it answers the same.
            #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == reference)
            #expect(try Self.answers(out) == expected)
            // No pile-up: each run removes what a killed run left, so at most one remains.
            #expect(leftovers.count <= 1, "temp files: \(leftovers) (before: \(before))")
        }
        print("SIGKILL during `schoolfinder index`, 24 runs:", landed.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        #expect(landed["while writing"]! > 0)
        #expect(landed["before the temp file"]! > 0)
        // A final complete run cleans up every leftover.
        #expect(try runChild(killAfter: nil).status == 0)
        #expect(try temporaries().isEmpty)
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == reference)
    }

    @Test("SIGINT mid-build (the temporary file there): the process ends as interrupted, the temporary file is gone, the old index is whole")
    func interruptDuringIndex() throws {
        let exe = Self.executable
        try #require(FileManager.default.isExecutableFile(atPath: exe), "the schoolfinder executable is not built beside the tests at \(exe)")
        let dir = ProjectPaths.temporaryDirectory("interrupt")
        let zips = [ZipCentroid(zip: "60601", city: "Chicago", state: "IL", latitude: 41.886456, longitude: -87.62325)]
        let records = SampleCorpusGenerator(zips: zips, seed: 13).generate(count: 20_000)
        try (records.map(JSONLRecordFormat.line(for:)).joined(separator: "\n") + "\n").write(toFile: dir + "/c.jsonl", atomically: true, encoding: .utf8)
        let out = dir + "/programs.sfidx"
        func run(interrupting: Bool) throws -> Process {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: exe)
            p.arguments = ["index", "--corpus", dir + "/c.jsonl", "--out", out]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            if interrupting {
                let own = "programs.sfidx.tmp-\(p.processIdentifier)-"
                while p.isRunning && !((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).contains(where: { $0.hasPrefix(own) }) { usleep(100) }
                kill(p.processIdentifier, SIGINT)
            }
            p.waitUntilExit()
            return p
        }
        let first = try run(interrupting: false)
        try #require(first.terminationStatus == 0)
        let reference = try Data(contentsOf: URL(fileURLWithPath: out))
        var interrupted = 0
        for _ in 0 ..< 5 {
            let p = try run(interrupting: true)
            // The build may finish between the file's appearance and the signal: then it is whole and new.
            if p.terminationReason == .uncaughtSignal {
                #expect(p.terminationStatus == SIGINT)
                interrupted += 1
            } else {
                #expect(p.terminationStatus == 0)
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["c.jsonl", "programs.sfidx"])
            #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == reference)
        }
        #expect(interrupted > 0)
    }
}

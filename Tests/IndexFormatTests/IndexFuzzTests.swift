import Corpus
import Foundation
import Geo
import IndexFormat
import Search
import Testing

/// Hostile index files: every mutation must either open and answer queries (possibly with a
/// typed "damaged" error) or be refused on open with a typed error. A crash or a hang fails
/// the whole test run, which is the point.
@Suite("Index fuzzing")
struct IndexFuzzTests {
    static let base: [UInt8] = {
        let zips = [ZipCentroid(zip: "60601", city: "Chicago", state: "IL", latitude: 41.886456, longitude: -87.62325),
                    ZipCentroid(zip: "73301", city: "Austin", state: "TX", latitude: 30.26, longitude: -97.74)]
        // Bitmaps on every dense term, so they are fuzzed too (the default starts at 4,096 records).
        var writer = IndexWriter(corpusName: "fuzz", isSampleData: true, note: "fuzz", zips: zips)
        writer.denseMinimumDocuments = 0
        return try! writer.serialize(IndexFixtures.records(400, seed: 11)).0
    }()
    /// The same records without bitmaps (below the default minimum for them): every frequent
    /// term is a sparse list of bit-packed blocks with a varint tail, so those are fuzzed too.
    static let packedBase: [UInt8] = {
        let zips = [ZipCentroid(zip: "60601", city: "Chicago", state: "IL", latitude: 41.886456, longitude: -87.62325),
                    ZipCentroid(zip: "73301", city: "Austin", state: "TX", latitude: 30.26, longitude: -97.74)]
        return try! IndexWriter(corpusName: "fuzz", isSampleData: true, note: "fuzz", zips: zips).serialize(IndexFixtures.records(400, seed: 11)).0
    }()

    static let queries: [SearchQuery] = [
        SearchQuery(text: "health information"),
        SearchQuery(text: "nursing", origin: GeoPoint(latitude: 41.88, longitude: -87.63), radiusMiles: 300),
        SearchQuery(origin: GeoPoint(latitude: 30.2, longitude: -97.7), radiusMiles: 100),
        SearchQuery(origin: GeoPoint(latitude: 61.2, longitude: -149.9), sort: .distance, limit: 5),
        SearchQuery(levels: [.bachelor, .master], states: ["IL", "TX"], sort: .id, limit: 20),
        SearchQuery(text: "data", cipPrefix: "11", accreditors: ["ABET"], deliveries: [.online, .campus]),
        SearchQuery(cipPrefix: "51.07", limit: 50, offset: 5),
        SearchQuery(text: "science computer", origin: GeoPoint(latitude: 35, longitude: -100), sort: .distance, limit: 3),
        // Grouped by school, with facets: institution indexes and the columns they read.
        { var q = SearchQuery(text: "health"); q.groupByInstitution = true; q.facets = FacetField.allCases; return q }(),
    ]

    /// Rewrites the CRC-32 of term `info`'s postings list in its TERMS entry to match the list's
    /// (possibly damaged) bytes, so only the structure checks can catch the damage.
    static func fixListChecksum(_ bytes: inout [UInt8], of info: TermDictionary.TermInfo, in reader: IndexReader) {
        let postings = reader.sections.first { $0.section == .postings }!
        let terms = reader.sections.first { $0.section == .terms }!
        let list = Array(bytes[(postings.offset + info.offset) ..< (postings.offset + info.offset + info.length)])
        let crc = CRC32.checksum(list)
        let entry = terms.offset + 8 + info.entry * IndexLayout.termEntrySize + 24
        for k in 0 ..< 4 { bytes[entry + k] = UInt8(truncatingIfNeeded: crc >> (8 * UInt32(k))) }
    }

    /// Rewrites the block CRCs (BLOCKSUMS, when it is the last section and laid out as the
    /// writer lays it out), the section CRCs and the header CRC so a mutated file passes every
    /// checksum: only the reader's bounds and structure checks stand between it and the bytes.
    static func rechecksum(_ bytes: inout [UInt8]) {
        guard bytes.count >= IndexLayout.headerSize else { return }
        let countOffset = IndexLayout.HeaderField.sectionCount.rawValue
        let sections = (0 ..< 4).reduce(0) { $0 | Int(bytes[countOffset + $1]) << (8 * $1) }
        guard sections <= 64 else { return }
        let tableEnd = IndexLayout.sectionEntryOffset(sections)
        guard tableEnd <= bytes.count else { return }
        func u64(_ o: Int) -> UInt64 { (0 ..< 8).reduce(0) { $0 | UInt64(bytes[o + $1]) << (8 * UInt64($1)) } }
        func put32(_ v: UInt32, _ o: Int) { for i in 0 ..< 4 { bytes[o + i] = UInt8(truncatingIfNeeded: v >> (8 * UInt32(i))) } }
        func extent(_ s: Int) -> (Int, Int)? {
            let e = IndexLayout.sectionEntryOffset(s)
            let off = u64(e + IndexLayout.SectionEntryField.offset.rawValue), len = u64(e + IndexLayout.SectionEntryField.length.rawValue)
            guard off <= UInt64(bytes.count), len <= UInt64(bytes.count) - off else { return nil }
            return (Int(off), Int(len))
        }
        let lastID = UInt32(bytes[IndexLayout.sectionEntryOffset(sections - 1) + IndexLayout.SectionEntryField.id.rawValue])
        if sections > 1, lastID == IndexLayout.Section.blockSums.rawValue, let (sumsOff, sumsLen) = extent(sections - 1) {
            var sums: [UInt32] = []
            for s in 0 ..< sections - 1 {
                guard let (off, len) = extent(s) else { return }
                var start = 0
                while start < len {
                    let n = min(IndexLayout.checksumBlockSize, len - start)
                    sums.append(CRC32.checksum(Array(bytes[off + start ..< off + start + n])))
                    start += n
                }
            }
            let sumsStart = IndexLayout.u32EntryOffset(sections) // after FirstBlock[(sections − 1) + 1]
            if sumsLen == sumsStart + sums.count * 4 {
                for (k, v) in sums.enumerated() { put32(v, sumsOff + sumsStart + k * 4) }
            }
        }
        for s in 0 ..< sections {
            let e = IndexLayout.sectionEntryOffset(s)
            let off = u64(e + IndexLayout.SectionEntryField.offset.rawValue), len = u64(e + IndexLayout.SectionEntryField.length.rawValue)
            guard off <= UInt64(bytes.count), len <= UInt64(bytes.count) - off else { continue }
            put32(CRC32.checksum(Array(bytes[Int(off) ..< Int(off + len)])), e + IndexLayout.SectionEntryField.crc32.rawValue)
        }
        var crc = CRC32.checksum(Array(bytes[0 ..< IndexLayout.HeaderField.crc32.rawValue]))
        crc = CRC32.checksum(Array(bytes[IndexLayout.headerSize ..< tableEnd])).combined(after: crc, bytes: Array(bytes[IndexLayout.headerSize ..< tableEnd]))
        put32(crc, IndexLayout.HeaderField.crc32.rawValue)
    }

    enum Outcome: String, CaseIterable { case answered, refusedOnOpen, refusedDuringQuery, malformedAnswer }

    /// Opens `bytes` and runs the query set; returns what happened.
    static func exercise(_ bytes: [UInt8], path: String, check: Bool) -> Outcome {
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        let reader: IndexReader
        do { reader = try IndexReader(path: path) } catch { return .refusedOnOpen }
        let searcher = Searcher(reader: reader)
        var refused = false
        for q in queries {
            do {
                let r = try searcher.search(q)
                // Even over damaged bytes an answer keeps its shape: bounded page, valid documents.
                if r.hits.count > q.limit || r.total < 0 || r.hits.contains(where: { $0.document >= reader.documentCount }) {
                    return .malformedAnswer
                }
                for h in r.hits { _ = try? reader.record(h.document) }
            } catch {
                refused = true
            }
        }
        _ = reader.zips.zipCentroid("60601")
        _ = reader.zips.zipCentroid("73301")
        if check {
            // Threads split the checker's work, never its verdict: the reports, problems and
            // their order, equal one thread's.
            let parallel = IndexChecker.check(reader, threads: 4), serial = IndexChecker.check(reader, threads: 1)
            #expect(parallel.map { "\($0.section) \($0.bytes) \($0.verdict)" } == serial.map { "\($0.section) \($0.bytes) \($0.verdict)" })
        }
        return refused ? .refusedDuringQuery : .answered
    }

    @Test("10,000 deterministic mutations: each opens and answers or is refused with a typed error")
    func fuzz() throws {
        let dir = IndexFixtures.directory()
        let path = dir + "/fuzz.sfidx"
        let base = Self.base
        let reader = try IndexReader(path: IndexFixtures.write(base))
        let boundaries = reader.sections.flatMap { [$0.offset, $0.offset + $0.length] } + [0, 8, 12, 16, 24, 60, 64]
        var rng = SplitMix64(seed: 0xF0220)
        var counts: [String: [Outcome: Int]] = [:]
        let total = 10_000
        for i in 0 ..< total {
            // The re-checksummed kinds, which get past open, alternate between the two bases.
            var bytes = i % 10 >= 6 && (i / 10) % 2 == 1 ? Self.packedBase : base
            let kind: String
            switch i % 10 {
            case 0:
                kind = "truncate"
                let cut = i / 10 < boundaries.count * 3
                    ? max(0, boundaries[(i / 10) % boundaries.count] + [-1, 0, 1][(i / 10 / boundaries.count) % 3])
                    : rng.below(base.count)
                bytes = Array(bytes.prefix(min(cut, base.count - 1)))
            case 1:
                kind = "bit flips"
                for _ in 0 ..< 1 + rng.below(8) { bytes[rng.below(bytes.count)] ^= UInt8(1 << rng.below(8)) }
            case 2:
                kind = "random bytes"
                let start = rng.below(bytes.count), n = 1 + rng.below(64)
                for j in start ..< min(bytes.count, start + n) { bytes[j] = UInt8(truncatingIfNeeded: rng.next()) }
            case 3:
                kind = "zero-filled region"
                let start = rng.below(bytes.count), n = 1 + rng.below(4096)
                for j in start ..< min(bytes.count, start + n) { bytes[j] = 0 }
            case 4:
                kind = "valid header over garbage"
                for j in (IndexLayout.headerSize + IndexLayout.Section.allCases.count * IndexLayout.sectionEntrySize) ..< bytes.count { bytes[j] = UInt8(truncatingIfNeeded: rng.next()) }
                Self.rechecksum(&bytes)
            case 5:
                kind = "future or past format version"
                let current = IndexLayout.formatVersion
                let v = [0, current - 1, current + 1, 255, 0xFFFF_FFFF][rng.below(5)]
                for k in 0 ..< 4 { bytes[8 + k] = UInt8(truncatingIfNeeded: v >> (8 * UInt32(k))) }
                if rng.chance(0.5) { Self.rechecksum(&bytes) }
            case 6, 7:
                kind = "bit flips, re-checksummed"
                for _ in 0 ..< 1 + rng.below(16) { bytes[IndexLayout.headerSize + rng.below(bytes.count - IndexLayout.headerSize)] ^= UInt8(1 << rng.below(8)) }
                Self.rechecksum(&bytes)
            case 8:
                kind = "random bytes, re-checksummed"
                let start = IndexLayout.headerSize + rng.below(bytes.count - IndexLayout.headerSize), n = 1 + rng.below(256)
                for j in start ..< min(bytes.count, start + n) { bytes[j] = UInt8(truncatingIfNeeded: rng.next()) }
                Self.rechecksum(&bytes)
            default:
                kind = "zero-filled, re-checksummed"
                let start = IndexLayout.headerSize + rng.below(bytes.count - IndexLayout.headerSize), n = 1 + rng.below(2048)
                for j in start ..< min(bytes.count, start + n) { bytes[j] = 0 }
                Self.rechecksum(&bytes)
            }
            let outcome = Self.exercise(bytes, path: path, check: i % 25 == 0)
            counts[kind, default: [:]][outcome, default: 0] += 1
        }
        var lines: [String] = []
        for (kind, c) in counts.sorted(by: { $0.key < $1.key }) {
            lines.append("  \(kind): " + Outcome.allCases.map { "\($0.rawValue) \(c[$0] ?? 0)" }.joined(separator: ", "))
        }
        print("index fuzz, \(total) mutations:\n" + lines.joined(separator: "\n"))
        #expect(counts.values.reduce(0) { $0 + $1.values.reduce(0, +) } == total)
        #expect(counts.values.allSatisfy { ($0[.malformedAnswer] ?? 0) == 0 })
        // Damage without fixed-up checksums is mostly refused on open; re-checksummed damage gets
        // past open and must be survived by the bounds checks (both outcomes must occur).
        #expect((counts["truncate"]?[.refusedOnOpen] ?? 0) == total / 10)
        #expect((counts["bit flips, re-checksummed"]?[.answered] ?? 0) + (counts["bit flips, re-checksummed"]?[.refusedDuringQuery] ?? 0) > 0)
        #expect((counts["future or past format version"]?[.refusedOnOpen] ?? 0) == total / 10)
    }

    @Test("the checker on threads reports what one pass does: DOCUMENTS's ranges merge to the first 5 problems in record order")
    func parallelCheckerAgrees() throws {
        let dir = IndexFixtures.directory()
        let path = dir + "/checker-parts.sfidx"
        let base = try IndexReader(path: IndexFixtures.write(Self.base, name: "checker-parts-base.sfidx"))
        let documents = try #require(base.sections.first { $0.section == .documents })
        var rng = SplitMix64(seed: 0xC4EC)
        var manyProblems = 0
        for _ in 0 ..< 60 {
            var bytes = Self.base
            // Random bytes over a span of DOCUMENTS (rows, whose records then fail to read), re-checksummed.
            let start = documents.offset + rng.below(documents.length)
            for j in start ..< min(documents.offset + documents.length, start + 1 + rng.below(documents.length)) {
                bytes[j] = UInt8(truncatingIfNeeded: rng.next())
            }
            Self.rechecksum(&bytes)
            _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
            guard let reader = try? IndexReader(path: path) else { continue }
            let serial = IndexChecker.check(reader, threads: 1), parallel = IndexChecker.check(reader, threads: 4)
            #expect(parallel.map { "\($0.section) \($0.bytes) \($0.verdict)" } == serial.map { "\($0.section) \($0.bytes) \($0.verdict)" })
            if let d = serial.first(where: { $0.section == "DOCUMENTS" }), d.problems.count >= 5 { manyProblems += 1 }
        }
        // Some trials damaged records in more than one range, so the merge's cut was exercised.
        #expect(manyProblems > 0)
    }

    @Test("2,000 mutations inside TEXTS (compressed blocks, ends, block table, dictionary), re-checksummed")
    func fuzzStoredText() throws {
        let dir = IndexFixtures.directory()
        let path = dir + "/fuzz-texts.sfidx"
        let base = Self.base
        let reader = try IndexReader(path: IndexFixtures.write(base, name: "fuzz-texts-base.sfidx"))
        let section = try #require(reader.sections.first { $0.section == .texts })
        let layout = reader.storedTextLayout
        // The parts of TEXTS, as file ranges: header and ends, block table, dictionary, blocks.
        let parts = [0 ..< layout.blockTable, layout.blockTable ..< layout.dictionary, layout.dictionary ..< layout.area,
                     layout.area ..< section.length].filter { !$0.isEmpty }
        var rng = SplitMix64(seed: 0x7E475)
        var outcomes: [Outcome: Int] = [:]
        for i in 0 ..< 2_000 {
            var bytes = base
            let part = parts[i % parts.count]
            let start = section.offset + part.lowerBound + rng.below(part.count)
            switch i / parts.count % 3 {
            case 0: for _ in 0 ..< 1 + rng.below(4) { bytes[section.offset + part.lowerBound + rng.below(part.count)] ^= UInt8(1 << rng.below(8)) }
            case 1: for j in start ..< min(section.offset + part.upperBound, start + 1 + rng.below(64)) { bytes[j] = UInt8(truncatingIfNeeded: rng.next()) }
            default: for j in start ..< min(section.offset + part.upperBound, start + 1 + rng.below(512)) { bytes[j] = 0 }
            }
            Self.rechecksum(&bytes)
            let outcome = Self.exercise(bytes, path: path, check: i % 10 == 0)
            outcomes[outcome, default: 0] += 1
            // Every record read either returns or throws; never out of bounds.
            if let r = try? IndexReader(path: path) {
                for d in stride(from: i % 7, to: r.documentCount, by: 37) { _ = try? r.record(d) }
            }
        }
        print("TEXTS fuzz: " + Outcome.allCases.map { "\($0.rawValue) \(outcomes[$0] ?? 0)" }.joined(separator: ", "))
        #expect((outcomes[.malformedAnswer] ?? 0) == 0)
    }
}

extension UInt32 {
    /// CRC of `prefix ++ bytes` given CRC(prefix) = `after`: recomputed directly.
    func combined(after prefixCRC: UInt32, bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { CRC32.checksum($0.baseAddress!, count: $0.count, continuing: prefixCRC) }
    }
}

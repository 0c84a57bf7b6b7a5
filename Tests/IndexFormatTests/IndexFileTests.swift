import Analysis
import Corpus
import Foundation
import IndexFormat
import Platform
import TestSupport
import Search
import Testing

enum IndexFixtures {
    static func records(_ n: Int, seed: UInt64 = 3) -> [ProgramRecord] {
        let zips = [ZipCentroid(zip: "60601", city: "Chicago", state: "IL", latitude: 41.886456, longitude: -87.62325),
                    ZipCentroid(zip: "73301", city: "Austin", state: "TX", latitude: 30.26, longitude: -97.74),
                    ZipCentroid(zip: "99501", city: "Anchorage", state: "AK", latitude: 61.21, longitude: -149.88)]
        return SampleCorpusGenerator(zips: zips, seed: seed).generate(count: n)
    }

    static let zips = [ZipCentroid(zip: "60601", city: "Chicago", state: "IL", latitude: 41.886456, longitude: -87.62325),
                       ZipCentroid(zip: "02139", city: "Cambridge", state: "MA", latitude: 42.36, longitude: -71.1)]

    static func directory() -> String { ProjectPaths.temporaryDirectory("index-tests") }

    static func write(_ bytes: [UInt8], name: String = "x.sfidx") -> String {
        let path = directory() + "/" + name
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    /// 600 records with every term of at least 1/32 of them dense (no minimum index size): the
    /// file's bytes and a reader over them.
    static func denseIndex() throws -> (bytes: [UInt8], reader: IndexReader) {
        var writer = IndexWriter(corpusName: "dense", isSampleData: true, note: "", zips: zips)
        writer.denseMinimumDocuments = 0
        let bytes = try writer.serialize(records(600, seed: 5)).0
        return (bytes, try IndexReader(path: write(bytes)))
    }

    static func serialized(_ n: Int = 300) -> [UInt8] {
        try! IndexWriter(corpusName: "fixture", isSampleData: true, note: "fixture note", zips: zips).serialize(records(n)).0
    }
}

@Suite("Index file: write, open, read")
struct IndexFileTests {
    @Test("every record reads back field for field; ids, terms, cells and ZIPs are consistent")
    func roundTrip() throws {
        let records = IndexFixtures.records(500)
        let dir = IndexFixtures.directory()
        let summary = try IndexWriter(corpusName: "fixture", isSampleData: true, note: "n", zips: IndexFixtures.zips)
            .write(records, to: dir + "/a.sfidx")
        #expect(summary.documents == 500)
        let reader = try IndexReader(path: dir + "/a.sfidx")
        #expect(reader.documentCount == 500 && reader.isSampleData && reader.corpusName == "fixture" && reader.note == "n")
        var back: [ProgramRecord] = []
        for d in 0 ..< reader.documentCount { back.append(try reader.record(d)) }
        #expect(Set(back.map(\.id)) == Set(records.map(\.id)))
        let byID = Dictionary(uniqueKeysWithValues: records.map { ($0.id, $0) })
        for r in back { #expect(byID[r.id] == r) }
        // Ranks order ids ascending.
        for k in 0 ..< reader.documentCount - 1 { #expect(reader.id(rank: k)! < reader.id(rank: k + 1)!) }
        // Every term's postings decode to its document frequency, ascending.
        for i in 0 ..< reader.terms.count {
            let info = reader.terms.termInfo(at: i)!
            let c = reader.terms.cursor(info)!
            var docs: [UInt32] = []
            var d = c.first()
            while d != PostingsCursor.exhausted { docs.append(d); d = c.next() }
            #expect(docs.count == info.documentFrequency && docs == docs.sorted() && !c.isCorrupt)
        }
        #expect(reader.zips.zipCentroid("60601")?.city == "Chicago")
        #expect(reader.zips.zipCentroid("02139")?.state == "MA")
        #expect(reader.zips.zipCentroid("00000") == nil)
        let sound = IndexChecker.check(reader).allSatisfy { $0.isOK }
        #expect(sound)
    }

    @Test("institution rows that share an id form one group; rows with different ids never share one")
    func institutionGroups() throws {
        // A third of the programs list their school under a campus name: a second row, same id.
        var records = IndexFixtures.records(300)
        for i in stride(from: 0, to: records.count, by: 3) { records[i].institutionName += " North Campus" }
        let reader = try IndexReader(path: IndexFixtures.write(
            IndexWriter(corpusName: "groups", isSampleData: true, note: "", zips: IndexFixtures.zips).serialize(records).0, name: "groups.sfidx"))
        let groups = reader.institutionGroups
        let ids = (0 ..< reader.institutionCount).map { reader.string(reader.rows.institutionField($0, .id))! }
        #expect(Set(ids).count < reader.institutionCount, "the fixture has rows sharing an id")
        #expect(groups.count == Set(ids).count)
        for a in 0 ..< reader.institutionCount {
            #expect((0 ..< groups.count).contains(groups.group(ofRow: a)))
            for b in a + 1 ..< reader.institutionCount {
                #expect((groups.group(ofRow: a) == groups.group(ofRow: b)) == (ids[a] == ids[b]), "rows \(a) and \(b)")
            }
        }
        // Groups are numbered by their first row.
        var seen = -1
        for row in 0 ..< reader.institutionCount where groups.group(ofRow: row) > seen {
            #expect(groups.group(ofRow: row) == seen + 1)
            seen += 1
        }
    }

    @Test("keyword columns give every document its state (lowercased, one ordinal per name) and CIP code")
    func keywordColumns() throws {
        // Some schools spell their state in lowercase: a second string, the same `state:` term.
        var records = IndexFixtures.records(300)
        for i in stride(from: 1, to: records.count, by: 4) {
            records[i].state = records[i].state.lowercased()
            records[i].institutionName += " Annex" // a row of its own, with the lowercase state
        }
        let reader = try IndexReader(path: IndexFixtures.write(
            IndexWriter(corpusName: "columns", isSampleData: true, note: "", zips: IndexFixtures.zips).serialize(records).0, name: "columns.sfidx"))
        let state = try #require(reader.keywordColumn(.state))
        let cip = try #require(reader.keywordColumn(.cip))
        #expect(Set(state.names) == Set(records.map { $0.state.lowercased() }) && Set(state.names).count == state.names.count)
        #expect(Set(cip.names) == Set(records.map(\.cipCode)) && Set(cip.names).count == cip.names.count)
        for d in 0 ..< reader.documentCount {
            let r = try reader.record(d)
            #expect(state.names[state.ordinal(d)] == r.state.lowercased())
            #expect(cip.names[cip.ordinal(d)] == r.cipCode)
        }
        // Built once: the same column again.
        #expect(reader.keywordColumn(.state)?.names == state.names)
    }

    @Test("cursor seek equals a linear scan, forward and backward, on random lists (property)")
    func seekProperty() throws {
        // Build lists of many sizes by indexing records whose text holds chosen words.
        var records = IndexFixtures.records(3000)
        var s: UInt64 = 5
        func r(_ n: Int) -> Int { s = s &* 6364136223846793005 &+ 1442695040888963407; return Int((s >> 33) % UInt64(n)) }
        for i in records.indices {
            var words: [String] = []
            if r(2) == 0 { words.append("half") }
            if r(50) == 0 { words.append("rare") }
            if r(400) == 0 { words.append("veryrare") }
            records[i].description = words.joined(separator: " ") + " " + String(repeating: "tf ", count: 1 + r(3))
        }
        // Postings everywhere, then bitmaps for the dense words ("half", "tf", levels).
        for bitmaps in [false, true] {
            let path = IndexFixtures.directory() + "/s.sfidx"
            var writer = IndexWriter(corpusName: "s", isSampleData: false, note: "", zips: [])
            if bitmaps { writer.denseMinimumDocuments = 0 }
            try writer.write(records, to: path)
            let reader = try IndexReader(path: path)
            #expect(try #require(reader.terms.lookup("half")).hasBitmaps == bitmaps)
            for word in ["half", "rare", "veryrare", "tf", "level:bachelor"] {
                guard let info = reader.terms.lookup(word) else { continue }
                let all: [UInt32] = {
                    let c = reader.terms.cursor(info)!
                    var out: [UInt32] = []
                    var d = c.first()
                    while d != PostingsCursor.exhausted { out.append(d); d = c.next() }
                    return out
                }()
                let c = reader.terms.cursor(info)!
                for _ in 0 ..< 2000 {
                    let target = UInt32(r(reader.documentCount + 5))
                    let expected = all.first { $0 >= target } ?? PostingsCursor.exhausted
                    #expect(c.seek(target) == expected, "\(word) seek \(target)")
                    if r(3) == 0, expected != PostingsCursor.exhausted {
                        let i = all.firstIndex(of: expected)!
                        #expect(c.next() == (i + 1 < all.count ? all[i + 1] : PostingsCursor.exhausted))
                    }
                }
            }
        }
    }

    @Test("duplicate ids and invalid records are left out and reported, first occurrence kept")
    func duplicates() throws {
        var records = IndexFixtures.records(20)
        var dup = records[3]
        dup.title = "Changed"
        records.append(dup)
        var bad = records[4]
        bad.id = "ZZZ"
        bad.cipCode = "5107"
        records.append(bad)
        let (bytes, summary) = try IndexWriter(corpusName: "d", isSampleData: false, note: "", zips: []).serialize(records)
        #expect(summary.documents == 20)
        #expect(summary.report.skipped.map(\.line) == [22, 21])
        let reader = try IndexReader(path: IndexFixtures.write(bytes))
        let titles = try (0 ..< 20).map { try reader.record($0) }.filter { $0.id == records[3].id }.map(\.title)
        #expect(titles == [records[3].title])
    }

    @Test("an empty corpus is refused")
    func empty() {
        #expect(throws: IndexFormatError.emptyCorpus) { try IndexWriter(corpusName: "e", isSampleData: false, note: "", zips: []).serialize([]) }
    }
}

@Suite("Index file: refusing damage")
struct IndexRefusalTests {
    @Test("missing file, not an index, wrong version, truncation and bad checksums each give their typed error")
    func refusals() throws {
        let good = IndexFixtures.serialized()
        #expect(throws: IndexFormatError.fileNotFound(path: "/nonexistent/x.sfidx")) { try IndexReader(path: "/nonexistent/x.sfidx") }
        let text = IndexFixtures.write(Array("hello, world\n".utf8))
        #expect(throws: IndexFormatError.notAnIndex(path: text)) { try IndexReader(path: text) }
        let empty = IndexFixtures.write([])
        #expect(throws: IndexFormatError.notAnIndex(path: empty)) { try IndexReader(path: empty) }

        let current = IndexLayout.formatVersion
        var future = good
        future[8] = UInt8(current + 1)
        IndexFuzzTests.rechecksum(&future) // a consistent header of a newer version: upgrade
        let f = IndexFixtures.write(future)
        #expect(throws: IndexFormatError.tooNew(path: f, version: current + 1, supported: current)) { try IndexReader(path: f) }
        var past = good
        past[8] = UInt8(current - 1)
        let p = IndexFixtures.write(past)
        #expect(throws: IndexFormatError.tooOld(path: p, version: current - 1, supported: current)) { try IndexReader(path: p) }

        let cut = IndexFixtures.write(Array(good.prefix(good.count / 2)))
        #expect(throws: IndexFormatError.truncated(path: cut, expected: good.count, actual: good.count / 2)) { try IndexReader(path: cut) }

        var flipped = good
        flipped[30] ^= 0x01 // a reserved header byte, covered by the header checksum
        let h = IndexFixtures.write(flipped)
        #expect(throws: IndexFormatError.corrupt(path: h, section: "HEADER", detail: "header checksum mismatch")) { try IndexReader(path: h) }
    }

    @Test("a damaged version field says damaged, not newer: stale header checksum, or far ahead of a valid current header")
    func damagedVersion() throws {
        let good = IndexFixtures.serialized()
        let current = IndexLayout.formatVersion
        var flipped = good
        flipped[8] ^= 0x40 // 5 → 69, header checksum now stale
        let a = IndexFixtures.write(flipped)
        #expect(throws: IndexFormatError.corrupt(path: a, section: "HEADER",
                                                 detail: "header checksum mismatch (its version field reads \(current ^ 0x40); this build writes \(current))")) {
            try IndexReader(path: a)
        }
        var far = good
        far[8] = 77
        IndexFuzzTests.rechecksum(&far) // consistent, but 77 with a valid current table
        let b = IndexFixtures.write(far)
        #expect(throws: IndexFormatError.corrupt(path: b, section: "HEADER",
                                                 detail: "version field reads 77, but the header is a valid version \(current) header; the version field is damaged")) {
            try IndexReader(path: b)
        }
        var other = good
        other[8] = 77
        other[12] = 40 // 40 sections: not this build's layout, so a newer format it is
        let c = IndexFixtures.write(other)
        #expect(throws: IndexFormatError.tooNew(path: c, version: 77, supported: current)) { try IndexReader(path: c) }
    }

    @Test("sections lie in the file in fileOrder, packed 8-byte aligned after the table; a reader takes any order but refuses two that overlap")
    func sectionLayout() throws {
        let good = IndexFixtures.serialized()
        let reader = try IndexReader(path: IndexFixtures.write(good))
        // The writer's layout: fileOrder, each at the next multiple of 8, zeros between.
        var end = IndexLayout.sectionEntryOffset(IndexLayout.Section.allCases.count)
        for section in IndexLayout.Section.fileOrder {
            let info = try #require(reader.sections.first { $0.section == section })
            #expect(info.offset == (end + 7) & ~7, "\(section.name) at \(info.offset), expected \((end + 7) & ~7)")
            #expect(good[end ..< info.offset].allSatisfy { $0 == 0 })
            end = info.offset + info.length
        }
        #expect(end == good.count)
        #expect(IndexLayout.Section.fileOrder.first == .texts && Set(IndexLayout.Section.fileOrder) == Set(IndexLayout.Section.allCases)
                && IndexLayout.Section.fileOrder.count == IndexLayout.Section.allCases.count)

        // Two sections made to overlap (the table names one's bytes inside the other's; every
        // checksum made to agree): refused on open, whichever comes first in the table.
        let entry = { (s: IndexLayout.Section) in IndexLayout.sectionEntryOffset(Int(s.rawValue) - 1) + IndexLayout.SectionEntryField.offset.rawValue }
        for (moved, onto) in [(IndexLayout.Section.lengths, IndexLayout.Section.ranks), (.ranks, .texts), (.blockSums, .texts)] {
            let target = try #require(reader.sections.first { $0.section == onto })
            var bytes = good
            let newOffset = UInt64(target.offset + 8) // inside the other, still 8-byte aligned
            for i in 0 ..< 8 { bytes[entry(moved) + i] = UInt8(truncatingIfNeeded: newOffset >> (8 * UInt64(i))) }
            IndexFuzzTests.rechecksum(&bytes)
            let path = IndexFixtures.write(bytes)
            do {
                _ = try IndexReader(path: path)
                Issue.record("\(moved.name) moved into \(onto.name): opened")
            } catch let error {
                guard case let .corrupt(_, _, detail) = error else { Issue.record("\(error)"); continue }
                #expect(detail.hasPrefix("section overlaps "), "\(detail)")
            }
        }
    }

    @Test("a flipped byte inside a data section opens but `check` names the damaged section")
    func checkFindsDamage() throws {
        var bytes = IndexFixtures.serialized()
        let reader0 = try IndexReader(path: IndexFixtures.write(bytes))
        let postings = reader0.sections.first { $0.section == .postings }!
        bytes[postings.offset + postings.length / 2] ^= 0x40
        let path = IndexFixtures.write(bytes)
        let reports = try IndexChecker.check(path: path)
        let bad = reports.filter { !$0.isOK }.map(\.section)
        #expect(bad == ["POSTINGS"])
        #expect(reports.first { $0.section == "POSTINGS" }!.verdict.hasPrefix("DAMAGED: checksum mismatch"))
    }

    @Test("damage inside a queried postings list is refused at query time, even with section checksums fixed up")
    func postingsChecksum() throws {
        let good = IndexFixtures.serialized(500)
        let reader = try IndexReader(path: IndexFixtures.write(good))
        let info = try #require(reader.terms.lookup("health"))
        let postings = reader.sections.first { $0.section == .postings }!
        #expect(try Searcher(reader: reader).search(SearchQuery(text: "health")).total == info.documentFrequency)
        for flip in [info.length - 1, info.length / 2, 4 + 8 * ((info.documentFrequency + 127) / 128) + 1] {
            var bytes = good
            bytes[postings.offset + info.offset + flip] ^= 0x04
            IndexFuzzTests.rechecksum(&bytes) // the section CRCs now agree with the damage
            let damaged = try IndexReader(path: IndexFixtures.write(bytes))
            #expect(throws: SearchError.self) { try Searcher(reader: damaged).search(SearchQuery(text: "health")) }
            #expect(try Searcher(reader: damaged).search(SearchQuery(text: "nursing")).total == reader.terms.lookup("nursing")!.documentFrequency)
            #expect(IndexChecker.check(damaged).contains { !$0.isOK && $0.section == "POSTINGS" })
        }
    }

    @Test("every term's cursor, postings or bitmaps, gives the analyzer's documents and frequencies; dense terms are bitmaps only (property)",
          arguments: [0, 1_000, 10_000])
    func denseBitmaps(denseMinimumDocuments: Int) throws {
        let records = IndexFixtures.records(1_500, seed: 29)
        var writer = IndexWriter(corpusName: "dense", isSampleData: true, note: "", zips: IndexFixtures.zips)
        writer.denseMinimumDocuments = denseMinimumDocuments
        let reader = try IndexReader(path: IndexFixtures.write(try writer.serialize(records).0))
        let n = reader.documentCount
        // The reference: each document's record, analyzed again, and its keyword values.
        var reference: [String: [Int: UInt32]] = [:]
        for d in 0 ..< n {
            let r = try reader.record(d)
            for token in Analyzer.tokens(r.title) + Analyzer.tokens(r.description) + Analyzer.tokens(r.institutionName) {
                reference[token, default: [:]][d, default: 0] += 1
            }
            // Field terms (`Schema`): title and institution tokens again, counted in their field.
            for token in Analyzer.tokens(r.title) { reference["title:" + token, default: [:]][d, default: 0] += 1 }
            for token in Analyzer.tokens(r.institutionName) { reference["inst:" + token, default: [:]][d, default: 0] += 1 }
            // FIELDLENGTHS: the title and institution lengths, the description's the rest.
            let lengths = reader.rows.fieldLengths(d)
            #expect(lengths.title == UInt32(Analyzer.tokens(r.title).count))
            #expect(lengths.institution == UInt32(Analyzer.tokens(r.institutionName).count))
            #expect(lengths.description == UInt32(Analyzer.tokens(r.description).count))
            var keywords = ["level:" + r.level.rawValue, "delivery:" + r.delivery.rawValue, "state:" + r.state.lowercased()]
            keywords += CIPCode.prefixes(of: r.cipCode).map { "cip:" + $0 } + r.accreditors.map { "acc:" + $0.lowercased() }
            for k in keywords { reference[k, default: [:]][d] = 0 }
        }
        #expect(reader.terms.count == reference.count)
        var withBitmaps = 0
        for i in 0 ..< reader.terms.count {
            let info = reader.terms.termInfo(at: i)!
            let term = reader.terms.termString(at: i)!
            let expected = try #require(reference[term], "term \(term)")
            // The writer's rule: at least 1/32 of the documents, in an index of at least the minimum.
            let shouldBeDense = n >= denseMinimumDocuments
                && (info.documentFrequency * IndexLayout.denseFraction >= n || term.hasPrefix("level:") || term.hasPrefix("delivery:") || term.hasPrefix("acc:"))
            #expect(info.hasBitmaps == shouldBeDense, "term \(term)")
            #expect(info.documentFrequency == expected.count)
            let maxFrequency = expected.values.max() ?? 0
            #expect(info.maxFrequency == min(maxFrequency, 255))
            // The cursor, walked and sought, equals the reference.
            let c = try #require(reader.terms.cursor(info))
            var seen: [Int: UInt32] = [:]
            var d = c.first()
            while d != PostingsCursor.exhausted {
                seen[Int(d)] = info.hasFrequencies ? c.frequency : 0
                d = c.next()
            }
            #expect(seen == expected, "term \(term)")
            for doc in expected.keys.sorted().reversed().prefix(20) { #expect(c.seek(UInt32(doc)) == UInt32(doc)) }
            guard info.hasBitmaps else { #expect(reader.terms.bitmaps(info) == nil); continue }
            withBitmaps += 1
            let b = try #require(reader.terms.bitmaps(info))
            #expect(b.words == (n + 63) / 64)
            for doc in 0 ..< b.words * 64 {
                let present = b.presentWord(doc >> 6) & (1 << UInt64(doc & 63)) != 0
                #expect(present == (expected[doc] != nil))
                if doc < n { #expect(b.isRepeated(doc) == ((expected[doc] ?? 0) > 1)) }
                if let f = expected[doc], f > 1 { #expect(b.repeatedFrequency(doc) == min(f, 255)) }
            }
            // A repeated bitmap only where some frequency is ≥ 2; best documents for text terms.
            #expect((b.repeated != nil) == (info.hasFrequencies && maxFrequency >= 2))
            #expect((b.best != nil) == info.hasFrequencies)
            // Length peaks: per LENGTHS byte, the largest frequency (saturating) of the term's documents.
            #expect((b.lengthPeaks != nil) == (b.repeated != nil))
            if let peaks = b.lengthPeaks {
                var want = [UInt8](repeating: 0, count: IndexLayout.lengthPeakCount)
                for (doc, f) in expected {
                    let byte = Int(min(reader.rows.field(doc, .length), 255))
                    want[byte] = max(want[byte], UInt8(min(f, 255)))
                }
                #expect((0 ..< IndexLayout.lengthPeakCount).allSatisfy { peaks.u8($0) == want[$0] }, "term \(term)")
            }
            if info.hasFrequencies {
                // Best documents: per 64, the document BM25 (default k1, b; weight 1) scores
                // highest, the lowest on a tie; none where the word holds no document.
                let bm25 = BM25(averageDocumentLength: reader.averageDocumentLength)
                for w in 0 ..< b.words {
                    var best = Int(IndexLayout.noBestDocument), top = -Double.infinity
                    for doc in (w * 64) ..< min(n, w * 64 + 64) {
                        guard let f = expected[doc] else { continue }
                        let s = bm25.score(frequency: f, norm: bm25.documentNorm(length: reader.rows.field(doc, .length)), weight: 1)
                        if s > top { top = s; best = doc & 63 }
                    }
                    #expect(b.bestBit(w) == best, "term \(term), documents \(w * 64)…")
                }
            }
        }
        if denseMinimumDocuments <= n { #expect(withBitmaps > 10) } else { #expect(withBitmaps == 0) }
        for w in 0 ..< IndexLayout.bitmapWords(documentCount: n) {
            #expect(reader.rows.minimumRank(word: w) == (w * 64 ..< min(n, w * 64 + 64)).map { reader.rows.rank($0) }.min())
        }
        #expect(IndexChecker.check(reader).allSatisfy { $0.isOK })
    }

    @Test("damage to a dense list is caught by `check`: by consistency with every checksum fixed up, else by its CRC-32")
    func bitmapDamage() throws {
        let (good, reader) = try IndexFixtures.denseIndex()
        let info = try #require(reader.terms.lookup("health"))
        #expect(info.hasBitmaps)
        let postings = reader.sections.first { $0.section == .postings }!
        // Dense lists are bitmaps only (Present, Repeated, rank directory,
        // frequencies, length peaks, Best, overflow): damage that keeps them consistent with each
        // other — a changed frequency byte — is caught by the list's CRC-32 alone. Damage they
        // contradict is caught by `check` even with every checksum fixed up: a repeated bit (doc
        // 24), a padding bit past the last document (600 of 640 used), a rank
        // directory entry, a length peak (any change of one is wrong), a best-document byte.
        // FIELDPEAKS is recomputed from the lists, so it may disagree too.
        let b = try #require(reader.terms.bitmaps(info))
        let words = IndexLayout.bitmapWords(documentCount: reader.documentCount)
        #expect(info.maxFrequency >= 3, "a term with several repeated frequencies")
        let directory = 16 * words, frequencies = directory + 4 * (IndexLayout.rankGroups(words: words) + 1)
        let peaks = frequencies + b.repeatedCount, best = peaks + IndexLayout.lengthPeakCount
        #expect(b.repeatedCount > 0 && info.length == best + words + 4)
        let cases: [(at: Int, fixListCRC: Bool, expected: String)] = [
            (8 * words + 3, true, "bitmaps of \"health\""), (8 * words - 1, true, "\"health\""),
            (directory + 4, true, "bitmaps of \"health\""), (peaks + 30, true, "length peaks of \"health\""),
            (best + 3, true, "best documents of \"health\""),
            (frequencies, false, "\"health\" do not fit or fail their checksum"),
        ]
        for c in cases {
            var bytes = good
            let o = postings.offset + info.offset + c.at
            bytes[o] ^= 0x01
            // Fix the list's own CRC in its term entry (or not), then the section and header CRCs.
            if c.fixListCRC { IndexFuzzTests.fixListChecksum(&bytes, of: info, in: reader) }
            IndexFuzzTests.rechecksum(&bytes)
            let damaged = try IndexReader(path: IndexFixtures.write(bytes))
            let reports = IndexChecker.check(damaged)
            let failing = reports.filter { !$0.isOK }.map(\.section)
            #expect(failing.first == "POSTINGS" && Set(failing).isSubset(of: ["POSTINGS", "FIELDPEAKS"]), "byte \(c.at): \(failing)")
            let verdict = reports.first { $0.section == "POSTINGS" }!.verdict
            #expect(verdict.contains(c.expected), "byte \(c.at): \(verdict)")
        }
    }

    @Test("damage to LENGTHBITS or META's length range is caught by `check` with every checksum fixed up")
    func derivedSectionDamage() throws {
        let (good, reader) = try IndexFixtures.denseIndex()
        #expect(IndexChecker.check(reader).allSatisfy { $0.isOK })
        func section(_ s: IndexLayout.Section) -> IndexReader.SectionInfo { reader.sections.first { $0.section == s }! }
        let cases: [(at: Int, delta: UInt8, section: String, expected: String)] = [
            (section(.lengthBits).offset + 8 * 64 + 3 * 8 + 1, 0x04, "LENGTHBITS", "length bits of documents 512…"),
            (section(.meta).offset + IndexLayout.MetaField.shortestLength.rawValue, 0xFF, "LENGTHS", "META's length range"),
        ]
        for c in cases {
            var bytes = good
            bytes[c.at] = bytes[c.at] &+ c.delta
            IndexFuzzTests.rechecksum(&bytes)
            let changed = try IndexReader(path: IndexFixtures.write(bytes))
            let reports = IndexChecker.check(changed)
            #expect(reports.filter { !$0.isOK }.map(\.section) == [c.section], "\(c.section): \(reports.filter { !$0.isOK }.map(\.verdict))")
            #expect(reports.first { $0.section == c.section }!.verdict.contains(c.expected), "\(reports.first { $0.section == c.section }!.verdict)")
        }
    }

    @Test("an atomic write replaces the file whole and leaves no temporary file")
    func atomicWrite() throws {
        let dir = IndexFixtures.directory()
        let path = dir + "/p.sfidx"
        try AtomicFile.write([1, 2, 3], to: path)
        try AtomicFile.write(IndexFixtures.serialized(50), to: path)
        #expect(try IndexReader(path: path).documentCount == 50)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["p.sfidx"])
        #expect(throws: IndexFormatError.self) { try AtomicFile.write([1], to: dir + "/no/such/dir/x.sfidx") }
    }

    @Test("a build that fails after its first sections went into the file leaves no temporary file and keeps the old index")
    func failedBuildLeavesNothing() throws {
        let dir = IndexFixtures.directory()
        let path = dir + "/p.sfidx"
        let old = IndexFixtures.serialized(50)
        try AtomicFile.write(old, to: path)
        var records = IndexFixtures.records(200)
        // A title of more words than FIELDLENGTHS holds: refused in the rows, after TEXTS is in the file.
        records[17].title = String(repeating: "word ", count: Schema.maximumStoredFieldLength + 1)
        let writer = IndexWriter(corpusName: "fails", isSampleData: true, note: "", zips: IndexFixtures.zips)
        do {
            _ = try writer.write(records, to: path)
            Issue.record("a title of \(Schema.maximumStoredFieldLength + 1) words was indexed")
        } catch {
            guard case let .cannotWrite(_, reason) = error else { Issue.record("\(error)"); return }
            #expect(reason.contains("has a title or institution name of more than \(Schema.maximumStoredFieldLength) words"), "\(reason)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["p.sfidx"])
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == old)
    }

    @Test("the sweep removes temp files of writers that are gone, and only those")
    func sweepStaleTemporaries() throws {
        let dir = IndexFixtures.directory()
        let path = dir + "/p.sfidx"
        // A process id no process has: past the kernel's largest (2^22).
        let gone: Int32 = 4_194_999
        let own = SystemCalls.processID
        // A gone writer's files, named as now and as before format 14, go; the own process's,
        // a name with no process id, another index's and the index itself stay.
        let names = ["p.sfidx.tmp-\(gone)-8a1b2c3d", "p.sfidx.tmp-\(gone)", "p.sfidx.tmp-\(own)-9f00e1d2", "p.sfidx.tmp-x\(gone)",
                     "q.sfidx.tmp-\(gone)-8a1b2c3d", "p.sfidx", "notes.txt"]
        for name in names { try Data([7]).write(to: URL(fileURLWithPath: dir + "/" + name)) }
        #expect(AtomicFile.sweepStaleTemporaries(for: path) == 2)
        let left = try Set(FileManager.default.contentsOfDirectory(atPath: dir))
        #expect(left == Set(["p.sfidx.tmp-\(own)-9f00e1d2", "p.sfidx.tmp-x\(gone)", "q.sfidx.tmp-\(gone)-8a1b2c3d", "p.sfidx", "notes.txt"]))
    }
}

@Suite("Interrupt cleanup")
struct InterruptCleanupTests {
    /// (Other suites' index writes register and unregister their own files meanwhile: only
    /// this test's paths are checked.)
    @Test("a registered path is listed until it is unregistered; two registrations take two slots")
    func registry() {
        let pathA = "/tmp/a.sfidx.tmp-1-80000000", pathB = "/tmp/b.sfidx.tmp-1-80000001"
        let a = InterruptCleanup.register(pathA), b = InterruptCleanup.register(pathB)
        #expect(a != nil && b != nil && a != b)
        #expect(InterruptCleanup.registered.contains(pathA) && InterruptCleanup.registered.contains(pathB))
        InterruptCleanup.unregister(a!)
        #expect(!InterruptCleanup.registered.contains(pathA) && InterruptCleanup.registered.contains(pathB))
        InterruptCleanup.unregister(b!)
        #expect(!InterruptCleanup.registered.contains(pathB))
    }
}

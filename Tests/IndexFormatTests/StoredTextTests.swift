import Foundation
import Corpus
import Dispatch
import Synchronization
@testable import IndexFormat
import Testing
import TestSupport
import Analysis

/// TEXTS in an index: descriptions and tables round-trip through their compressed blocks, the
/// checker verifies every block, and damage is refused rather than shown.
@Suite("Stored text (TEXTS)")
struct StoredTextTests {
    /// 900 records whose descriptions vary from empty to longer than a block, with non-ASCII
    /// text; two tables, one of several blocks.
    static func fixture() throws -> (records: [ProgramRecord], tables: [(name: String, text: String)], bytes: [UInt8]) {
        var records = IndexFixtures.records(900, seed: 21)
        var rng = SplitMix64(seed: 22)
        let words = ["nursing", "théorie", "données", "clinical", "北京", "practice", "management", "students", "the", "of"]
        for i in records.indices {
            switch i % 9 {
            case 0: records[i].description = ""
            case 1: records[i].description = (0 ..< 3_000).map { _ in rng.pick(words) }.joined(separator: " ") // > one block
            case 2: records[i].description = (0 ..< 40 + rng.below(40)).map { _ in rng.pick(words) }.joined(separator: " ")
            default: break
            }
        }
        let tables = [(name: "small.tsv", text: "a\tb\n1\t2\n"),
                      (name: "large.tsv", text: (0 ..< 20_000).map { "\($0)\t\(rng.pick(words))\n" }.joined())]
        var writer = IndexWriter(corpusName: "texts", isSampleData: true, note: "n", zips: IndexFixtures.zips)
        writer.tables = tables
        return (records, tables, try writer.serialize(records).0)
    }

    @Test("descriptions and tables read back exactly; TEXTS is smaller than its texts; the checker passes")
    func roundTrip() throws {
        let (records, tables, bytes) = try Self.fixture()
        let reader = try IndexReader(path: IndexFixtures.write(bytes, name: "texts.sfidx"))
        let byID = Dictionary(uniqueKeysWithValues: records.map { ($0.id, $0.description) })
        for d in 0 ..< reader.documentCount {
            let r = try reader.record(d)
            #expect(r.description == byID[r.id], "document \(d)")
        }
        for t in tables { #expect(reader.table(named: t.name) == t.text) }
        let layout = reader.storedTextLayout
        #expect(layout.count == Set(records.map(\.description)).count + tables.count)
        #expect(layout.blockCount > 2)
        let raw = Set(records.map(\.description)).reduce(0) { $0 + $1.utf8.count } + tables.reduce(0) { $0 + $1.text.utf8.count }
        #expect(reader.texts.count * 2 < raw, "TEXTS \(reader.texts.count) bytes for \(raw) bytes of text")
        // Every block holds at most the block size, unless it is a single longer text.
        for b in 0 ..< layout.blockCount {
            let block = try #require(reader.storedTextBlock(b))
            #expect(block.decodedLength <= IndexLayout.textBlockSize || block.texts.count == 1)
        }
        let damaged = IndexChecker.check(reader).filter { !$0.isOK }.map(\.verdict)
        #expect(damaged.isEmpty, "\(damaged)")
    }

    /// `write(_:to:)` puts each section into the file as it is made (`IndexFileOutput`, TEXTS
    /// first) and the header last: the file must be `serialize`'s bytes exactly, and nothing but
    /// the index is left in the folder.
    @Test("an index written to a file (each section as it is made, the header last) is serialize's bytes; no temporary file is left")
    func writtenFileIsSerializedBytes() throws {
        let (records, tables, bytes) = try Self.fixture()
        let directory = ProjectPaths.temporaryDirectory("written")
        var writer = IndexWriter(corpusName: "texts", isSampleData: true, note: "n", zips: IndexFixtures.zips)
        writer.tables = tables
        let path = directory + "/written.sfidx"
        _ = try writer.write(records, to: path)
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == bytes)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["written.sfidx"])
    }

    /// Writes `records` through a text pass of its own, taking the records whole
    /// (`IndexTextPass.add(records:)`, what the writer does given no pass), its sample
    /// `sampledRecords` records.
    static func writeWithOwnPass(_ records: [ProgramRecord], writer: IndexWriter, sampledRecords: Int, to path: String) throws -> IndexWriter.Summary {
        var pass = IndexTextPass(for: writer)
        pass.sampledRecords = sampledRecords
        var copy = records
        copy.withUnsafeMutableBufferPointer { pass.add(records: $0) }
        return try writer.write(pass, to: path)
    }

    @Test("records streamed to a text pass as parsed (several files, pieces and runs) give the same index, byte for byte, as the records whole")
    func streamedTextsEqualWhole() throws {
        var records = try Self.fixture().records
        records[7].id = records[3].id                      // a duplicate id: left out (its text stored, unreferenced)
        records[11].state = "Illinois"                     // invalid: refused by the reader
        records[12].description = "Ça coûte 1 000 € — naïve “quotes”\n\tand a backslash \\ with an escape."
        let lines = records.map(JSONLRecordFormat.line(for:))
        let directory = IndexFixtures.directory()
        let paths = [directory + "/streamed-a.jsonl", directory + "/streamed-b.jsonl"]
        try (lines[..<500].joined(separator: "\n") + "\n").write(toFile: paths[0], atomically: true, encoding: .utf8)
        try (lines[500...].joined(separator: "\n") + "\n").write(toFile: paths[1], atomically: true, encoding: .utf8)
        // The project's synonyms beside them: their phrases are compounded in both paths.
        try FileManager.default.copyItem(atPath: ProjectPaths.root + "/Corpus/" + SynonymDictionary.tableName,
                                         toPath: directory + "/" + SynonymDictionary.tableName)
        let wholeLoad = try CorpusLoader.load(directory)
        let whole = wholeLoad.records
        let synonyms = try #require(wholeLoad.synonyms)
        var writer = IndexWriter(corpusName: "texts", isSampleData: true, note: "n", zips: IndexFixtures.zips)
        writer.threads = 3
        writer.synonyms = synonyms
        // Below the corpus (the sample taken mid-stream) and above it (taken at the end).
        for sampled in [100, IndexTextPass.defaultSampledRecords] {
            // Both files through the loader: pieces of the second counted after the first's records.
            var pass = IndexTextPass(for: writer)
            pass.sampledRecords = sampled
            var pieces: [(first: Int, count: Int)] = []
            // The records not kept: the pass holds all the writer needs of them.
            let loaded = try CorpusLoader.load(directory, keepingRecords: false) { piece, pieceSynonyms in
                #expect(pieceSynonyms == synonyms)
                for k in 0 ..< piece.count {
                    #expect(piece.descriptions.withBytes(of: k) { String(decoding: $0, as: UTF8.self) } == whole[piece.firstRecord + k].description)
                    #expect(piece.record(k).pointee.id == whole[piece.firstRecord + k].id && piece.record(k).pointee.description.isEmpty)
                }
                pieces.append((piece.firstRecord, piece.count))
                pass.add(piece)
            }
            #expect(pieces.count == 2 && pieces[1].first == pieces[0].count && pass.count == whole.count)
            #expect(loaded.records.isEmpty && loaded.recordCount == whole.count)
            let wholePath = directory + "/whole-\(sampled).sfidx", streamedPath = directory + "/streamed-\(sampled).sfidx"
            let wholeSummary = try Self.writeWithOwnPass(whole, writer: writer, sampledRecords: sampled, to: wholePath)
            let streamedSummary = try writer.write(pass, to: streamedPath)
            #expect(streamedSummary.report.skippedCount == wholeSummary.report.skippedCount && wholeSummary.report.skippedCount > 0)
            #expect(try Data(contentsOf: URL(fileURLWithPath: wholePath)) == Data(contentsOf: URL(fileURLWithPath: streamedPath)), "sample of \(sampled)")
            // One file in small pieces, several runs each, on 3 threads.
            let one = IndexFixtures.directory() + "/one.jsonl" // not beside the two files the loader reads
            try (lines.joined(separator: "\n") + "\n").write(toFile: one, atomically: true, encoding: .utf8)
            var small = IndexTextPass(for: writer)
            small.sampledRecords = sampled
            var smallPieces = 0
            let read = try JSONLRecordFormat.read(path: one, threads: 3, pieceBytes: 40_000) { piece in smallPieces += 1; small.add(piece) }
            // Kept, the records have no descriptions (the handler had them).
            #expect(smallPieces > 4 && read.records.count == whole.count && read.records.allSatisfy { $0.description.isEmpty })
            try writer.write(small, to: directory + "/small-\(sampled).sfidx")
            #expect(try Data(contentsOf: URL(fileURLWithPath: wholePath)) == Data(contentsOf: URL(fileURLWithPath: directory + "/small-\(sampled).sfidx")))
            if sampled == IndexTextPass.defaultSampledRecords {
                // What the writer does given no pass.
                try writer.write(whole, to: directory + "/writer.sfidx")
                #expect(try Data(contentsOf: URL(fileURLWithPath: wholePath)) == Data(contentsOf: URL(fileURLWithPath: directory + "/writer.sfidx")))
            }
            let reader = try IndexReader(path: streamedPath)
            let byID = Dictionary(whole.map { ($0.id, $0.description) }, uniquingKeysWith: { first, _ in first })
            for d in 0 ..< reader.documentCount {
                let r = try reader.record(d)
                #expect(r.description == byID[r.id], "document \(d)")
            }
            #expect(IndexChecker.check(reader).allSatisfy { $0.isOK })
        }
        // A pass made for other tables or synonyms is refused, not guessed at.
        var copy = whole
        for other in [IndexTextPass(synonyms: .empty, threads: 3), IndexTextPass(synonyms: synonyms, tables: [("careers.tsv", "a\tb")], threads: 3)] {
            var pass = other
            copy.withUnsafeMutableBufferPointer { pass.add(records: $0) }
            #expect(throws: IndexFormatError.self) { try writer.write(pass, to: directory + "/bad.sfidx") }
        }
    }

    @Test("20,000 records streamed on one thread in pieces: the same index as whole, with repeated ids and invalid rows spread over the file")
    func streamedPiecesOnOneThread() throws {
        // Pieces of 300 KB, about 340 records: the pass's units, storage chunks (2^14
        // documents) and the sample (5,000 records) all end inside pieces.
        var records = IndexFixtures.records(20_000, seed: 41)
        for i in stride(from: 97, to: records.count, by: 997) { records[i].state = "Nowhere" }
        for i in stride(from: 503, to: records.count, by: 1_499) { records[i].id = records[i - 1].id }
        records[records.count - 1].state = "Nowhere"
        let directory = IndexFixtures.directory()
        let path = directory + "/pieces.jsonl"
        try (records.map(JSONLRecordFormat.line(for:)).joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let whole = try JSONLRecordFormat.read(path: path, threads: 1, pieceBytes: 300_000)
        var writer = IndexWriter(corpusName: "pieces", isSampleData: true, note: "", zips: IndexFixtures.zips)
        writer.threads = 1
        var pass = IndexTextPass(for: writer)
        pass.sampledRecords = 5_000
        var pieces = 0
        let read = try JSONLRecordFormat.read(path: path, threads: 1, pieceBytes: 300_000) { piece in pieces += 1; pass.add(piece) }
        #expect(pieces > 40 && read.records.count == whole.records.count)
        _ = try Self.writeWithOwnPass(whole.records, writer: writer, sampledRecords: 5_000, to: directory + "/pieces-whole.sfidx")
        _ = try writer.write(pass, to: directory + "/pieces-streamed.sfidx")
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory + "/pieces-whole.sfidx"))
            == Data(contentsOf: URL(fileURLWithPath: directory + "/pieces-streamed.sfidx")))
        let reader = try IndexReader(path: directory + "/pieces-streamed.sfidx")
        let byID = Dictionary(whole.records.map { ($0.id, $0.description) }, uniquingKeysWith: { first, _ in first })
        for d in stride(from: 0, to: reader.documentCount, by: 7) {
            let r = try reader.record(d)
            #expect(r.description == byID[r.id], "document \(d)")
        }
    }

    @Test("two spellings of one text (composed, decomposed) are two stored texts: each record reads back its own bytes")
    func canonicallyEqualTextsStayApart() throws {
        var records = IndexFixtures.records(40, seed: 43)
        for i in records.indices { records[i].description = i % 2 == 0 ? "Caf\u{E9} management" : "Cafe\u{301} management" }
        var writer = IndexWriter(corpusName: "spellings", isSampleData: true, note: "", zips: IndexFixtures.zips)
        writer.threads = 2
        let reader = try IndexReader(path: IndexFixtures.write(try writer.serialize(records).0, name: "spellings.sfidx"))
        let byID = Dictionary(uniqueKeysWithValues: records.map { ($0.id, Array($0.description.utf8)) })
        for d in 0 ..< reader.documentCount {
            let r = try reader.record(d)
            #expect(Array(r.description.utf8) == byID[r.id], "document \(d)")
        }
        #expect(reader.storedTextLayout.count == 2)
    }

    @Test("distinct descriptions stop being interned after 4,096; a later repeat is stored again and every record reads back")
    func distinctTextsStopInterning() throws {
        var records = IndexFixtures.records(6_000, seed: 31)
        for i in records.indices {
            // 5,800 distinct descriptions, and 200 repeating some of them (in document order they are
            // spread out, so the first 4,096 lookups find few repeats).
            records[i].description = "Distinct description number \(i < 5_800 ? i : i - 5_800) of a program."
        }
        var writer = IndexWriter(corpusName: "distinct", isSampleData: true, note: "", zips: IndexFixtures.zips)
        writer.threads = 2
        let reader = try IndexReader(path: IndexFixtures.write(try writer.serialize(records).0, name: "distinct.sfidx"))
        let byID = Dictionary(uniqueKeysWithValues: records.map { ($0.id, $0.description) })
        for d in 0 ..< reader.documentCount {
            let r = try reader.record(d)
            #expect(r.description == byID[r.id], "document \(d)")
        }
        // Interning stopped: more texts than distinct descriptions.
        #expect(reader.storedTextLayout.count > 5_800)
        #expect(IndexChecker.check(reader).allSatisfy { $0.isOK })
    }

    /// TEXTS blocks are compressed in batches on Dispatch workers while the writer goes on
    /// (`TextCompressionQueue`); whichever worker takes a batch, in whatever order they finish,
    /// the file is the same.
    @Test("the file is byte-identical whatever the number of compression threads")
    func compressionThreadsDoNotChangeTheFile() throws {
        let (records, tables, _) = try Self.fixture()
        func file(threads: Int) throws -> [UInt8] {
            var writer = IndexWriter(corpusName: "texts", isSampleData: true, note: "n", zips: IndexFixtures.zips)
            writer.tables = tables
            writer.threads = threads
            return try writer.serialize(records).0
        }
        let one = try file(threads: 1)
        let reader = try IndexReader(path: IndexFixtures.write(one, name: "texts-one.sfidx"))
        #expect(reader.storedTextLayout.blockCount > 3 * 64, "several batches of 64 blocks")
        for threads in [2, 3, 8] { #expect(try file(threads: threads) == one, "\(threads) threads") }
    }

    @Test("eight threads decode descriptions at once and agree with one thread")
    func concurrentDecodes() throws {
        let (_, _, bytes) = try Self.fixture()
        let reader = try IndexReader(path: IndexFixtures.write(bytes, name: "texts-threads.sfidx"))
        let expected = (0 ..< reader.documentCount).map { (try? reader.record($0).description) ?? "?" }
        let mismatches = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 8) { t in
            var bad = 0
            for k in 0 ..< 2_000 {
                let d = (k * 7 + t * 131) % reader.documentCount
                if (try? reader.record(d).description) != expected[d] { bad += 1 }
            }
            mismatches.withLock { $0 += bad }
        }
        #expect(mismatches.withLock { $0 } == 0)
    }

    /// The byte range of block `b`'s compressed bytes in the file.
    static func compressedRange(_ reader: IndexReader, block b: Int) throws -> Range<Int> {
        let section = try #require(reader.sections.first { $0.section == .texts })
        let block = try #require(reader.storedTextBlock(b))
        return section.offset + block.compressed.lowerBound ..< section.offset + block.compressed.upperBound
    }

    @Test("a damaged compressed block: refused on read, found by check (CRCs, and decoding when they are rewritten)")
    func damagedBlock() throws {
        let (_, _, bytes) = try Self.fixture()
        let reader = try IndexReader(path: IndexFixtures.write(bytes, name: "texts-sound.sfidx"))
        let range = try Self.compressedRange(reader, block: 1)
        let victims = try #require(reader.storedTextBlock(1)).texts
        // The documents whose descriptions are in block 1.
        let hit = (0 ..< reader.documentCount).filter {
            let id = reader.rows.field($0, .description)
            return id & IndexLayout.storedTextFlag != 0 && victims.contains(Int(id & ~IndexLayout.storedTextFlag))
        }
        #expect(!hit.isEmpty)

        // Garbage in the middle of the block, checksums left as they were.
        var damaged = bytes
        for i in range.lowerBound + range.count / 2 ..< range.upperBound { damaged[i] = 0xFF }
        let plain = try IndexReader(path: IndexFixtures.write(damaged, name: "texts-damaged.sfidx"))
        for d in hit {
            #expect(throws: IndexFormatError.self) { _ = try plain.record(d) }
        }
        let reports = IndexChecker.check(plain)
        #expect(reports.first { $0.section == "TEXTS" }?.isOK == false)
        #expect(reports.first { $0.section == "TEXTS" }?.verdict.contains("CRC") == true
            || reports.first { $0.section == "TEXTS" }?.verdict.contains("checksum") == true)

        // The same garbage with every checksum rewritten: only decoding can tell.
        IndexFuzzTests.rechecksum(&damaged)
        let disguised = try IndexReader(path: IndexFixtures.write(damaged, name: "texts-disguised.sfidx"))
        let texts = try #require(IndexChecker.check(disguised).first { $0.section == "TEXTS" })
        #expect(texts.verdict.contains("block 1 ") && texts.verdict.contains("does not decode"), "\(texts.verdict)")
        for d in hit {
            // The error names TEXTS, where the damage is, not the document's row.
            do { _ = try disguised.record(d); Issue.record("document \(d) read") } catch {
                guard case let .corrupt(_, section, detail) = error else { Issue.record("\(error)"); continue }
                #expect(section == "TEXTS" && detail.contains("does not decode"), "\(detail)")
            }
        }
    }

    @Test("a damaged text end or block entry is found by check and refused on read")
    func damagedTables() throws {
        let (_, _, bytes) = try Self.fixture()
        let reader = try IndexReader(path: IndexFixtures.write(bytes, name: "texts-sound2.sfidx"))
        let section = try #require(reader.sections.first { $0.section == .texts })
        let layout = reader.storedTextLayout
        // Text 3's end pushed past its block's length.
        var damaged = bytes
        let end = section.offset + IndexLayout.textsHeaderSize + 3 * 4
        damaged[end + 3] = 0x7F
        IndexFuzzTests.rechecksum(&damaged)
        let r1 = try IndexReader(path: IndexFixtures.write(damaged, name: "texts-ends.sfidx"))
        #expect(IndexChecker.check(r1).first { $0.section == "TEXTS" }?.isOK == false)
        #expect(throws: IndexFormatError.self) { _ = try r1.checkedStoredText(3) }
        // Block 1's first text moved past block 2's.
        damaged = bytes
        let entry = section.offset + layout.blockTable + IndexLayout.textBlockEntrySize
        damaged[entry + 2] = 0x7F
        IndexFuzzTests.rechecksum(&damaged)
        let r2 = try IndexReader(path: IndexFixtures.write(damaged, name: "texts-blocks.sfidx"))
        #expect(IndexChecker.check(r2).first { $0.section == "TEXTS" }?.isOK == false)
    }

    @Test("damaged codes: lengths that are no code are found by check and refused on read; a changed but valid code fails the blocks")
    func damagedCodes() throws {
        let (_, _, bytes) = try Self.fixture()
        let reader = try IndexReader(path: IndexFixtures.write(bytes, name: "texts-sound3.sfidx"))
        let codes = try #require(reader.sections.first { $0.section == .texts }).offset + reader.storedTextLayout.codes
        let token = TextEntropyCodes.Alphabet.token.rawValue * HuffmanCode.symbolCount
        // A code length of 13 (no code has one) in the token alphabet.
        var damaged = bytes
        damaged[codes + token] = 13
        IndexFuzzTests.rechecksum(&damaged)
        let r1 = try IndexReader(path: IndexFixtures.write(damaged, name: "texts-codes.sfidx"))
        let verdict = try #require(IndexChecker.check(r1).first { $0.section == "TEXTS" }).verdict
        #expect(verdict.contains("codes are not Huffman codes"), "\(verdict)")
        // Text 1: the second record's long description (text 0 is the first record's, empty).
        do { _ = try r1.checkedStoredText(1); Issue.record("text 1 read") } catch {
            guard case let .corrupt(_, section, detail) = error else { Issue.record("\(error)"); return }
            #expect(section == "TEXTS" && detail.contains("codes are damaged"), "\(detail)")
        }
        // The commonest token's code length swapped with a rarest one's: still a code, but not
        // the blocks' one.
        damaged = bytes
        let lengths = (0 ..< 256).map { bytes[codes + token + $0] }
        let common = try #require((0 ..< 256).min { lengths[$0] < lengths[$1] })
        let rare = try #require((0 ..< 256).max { lengths[$0] < lengths[$1] })
        #expect(lengths[common] < lengths[rare])
        damaged.swapAt(codes + token + common, codes + token + rare)
        IndexFuzzTests.rechecksum(&damaged)
        let r2 = try IndexReader(path: IndexFixtures.write(damaged, name: "texts-codes2.sfidx"))
        #expect(IndexChecker.check(r2).first { $0.section == "TEXTS" }?.verdict.contains("does not decode") == true)
        // A symbol without a code: still a prefix code a reader takes, but not one the writer
        // makes (every symbol coded, the code space full), so the checker names it.
        damaged = bytes
        damaged[codes + token + rare] = 0
        IndexFuzzTests.rechecksum(&damaged)
        let r3 = try IndexReader(path: IndexFixtures.write(damaged, name: "texts-codes3.sfidx"))
        let incomplete = try #require(IndexChecker.check(r3).first { $0.section == "TEXTS" }).verdict
        #expect(incomplete.contains("token code does not give all 256 symbols"), "\(incomplete)")
        // A code byte changed with the checksums left as they were: the read checks the codes'
        // checksum block before using them.
        damaged = bytes
        damaged[codes + token + common] ^= 1
        let r4 = try IndexReader(path: IndexFixtures.write(damaged, name: "texts-codes4.sfidx"))
        do { _ = try r4.checkedStoredText(1); Issue.record("text 1 read") } catch {
            guard case let .corrupt(_, _, detail) = error else { Issue.record("\(error)"); return }
            #expect(detail.contains("checksum"), "\(detail)")
        }
    }

    @Test("the codes' training sample holds no text of the dictionary's sample, with a stride above 1 and of 1")
    func trainingSampleAvoidsTheDictionary() {
        // Distinct texts of 100 bytes: 400 texts (40 KB) sample with a stride of 8 for a
        // 4,000-byte dictionary; 40 texts (4 KB) sample every text for a 500-byte one.
        for (count, size) in [(400, 4_000), (40, 500)] {
            let texts = (0 ..< count).map { i in String(repeating: "t\(i) ", count: 40).prefix(100) }.map(String.init)
            let dictionary = StoredTextPool.sampledTexts(texts: texts, size: size, phase: 0)
            let training = StoredTextPool.sampledTexts(texts: texts, size: size, phase: 0.5)
            #expect(!dictionary.isEmpty && training.count == dictionary.count, "\(count) texts")
            let chunks = { (b: [UInt8]) in Set(stride(from: 0, to: b.count, by: 100).map { Array(b[$0 ..< min(b.count, $0 + 100)]) }) }
            #expect(chunks(dictionary).isDisjoint(with: chunks(training)), "\(count) texts")
        }
    }
}

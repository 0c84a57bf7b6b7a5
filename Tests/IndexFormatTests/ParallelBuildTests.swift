import Analysis
import Corpus
import Foundation
@testable import IndexFormat
import TestSupport
import Testing

/// The parallel build's pieces against plain references: the byte-keyed vocabulary against a
/// dictionary, the inversion against per-document appends, the document analysis against the
/// analyzer and `PhraseCompounder`, and the whole file against itself on one thread.
@Suite("Parallel index build")
struct ParallelBuildTests {
    static let dictionary = SynonymDictionary.parse("""
        health information, him
        health care, healthcare
        medical records => ehr
        cyber security, cybersecurity, information assurance
        nurse practitioner, np
        """).dictionary

    static func realisticRecords(_ n: Int, seed: UInt64) -> [ProgramRecord] {
        SampleCorpusGenerator(zips: IndexFixtures.zips, seed: seed, text: .realistic).generate(count: n)
    }

    @Test("TokenInterner gives each distinct byte string one dense id, in order of first sight")
    func internerMatchesDictionary() {
        var rng = SplitMix64(seed: 7)
        var interner = TokenInterner(expectedKeys: 4)
        var reference: [[UInt8]: Int32] = [:]
        for _ in 0 ..< 20_000 {
            let length = Int(rng.next() % 6)
            let key = (0 ..< length).map { _ in UInt8(0x61 + rng.next() % 4) }
            let expected = reference[key] ?? Int32(reference.count)
            reference[key] = expected
            #expect(interner.id(of: key) == expected)
        }
        #expect(interner.count == reference.count)
        for (key, id) in reference { #expect(Array(interner.key(Int(id))) == key) }
    }

    @Test("InvertedLists.invert equals appending each document's counted terms in order, for any thread count")
    func inversionMatchesAppends() {
        var rng = SplitMix64(seed: 11)
        let termCount = 300, documentCount = 9_000
        let documents: [[Int32]] = (0 ..< documentCount).map { _ in
            (0 ..< Int(rng.next() % 40)).map { _ in Int32(min(rng.next() % UInt64(termCount), rng.next() % UInt64(termCount))) }
        }
        var docs = [[UInt32]](repeating: [], count: termCount), freqs = docs
        for (d, terms) in documents.enumerated() {
            for (t, n) in Dictionary(terms.map { ($0, 1) }, uniquingKeysWith: +).sorted(by: { $0.key < $1.key }) {
                docs[Int(t)].append(UInt32(d))
                freqs[Int(t)].append(UInt32(n))
            }
        }
        // Segments of one document, of a few, not dividing the count, and one for all.
        for (threads, segment) in [(1, InvertedLists.defaultSegmentDocuments), (2, 1), (5, 7), (2, 1_000), (3, 4_096)] {
            let lists = InvertedLists.invert(documentCount: documentCount, termCount: termCount, threads: threads,
                                             segmentDocuments: segment) { d, out in
                out.append(contentsOf: documents[d])
            }
            #expect(lists.termCount == termCount)
            #expect(lists.postingCount == docs.reduce(0) { $0 + $1.count })
            for t in 0 ..< termCount {
                #expect(lists.documentCount(t) == docs[t].count)
                let (d, f) = lists.postings(t)
                #expect(d == docs[t], "term \(t), \(threads) threads, segments of \(segment)")
                #expect(f == freqs[t], "term \(t), \(threads) threads, segments of \(segment)")
            }
        }
        let empty = InvertedLists.invert(documentCount: 0, termCount: 3, threads: 2) { _, _ in }
        #expect(empty.documentCount(0) == 0 && empty.postings(2).documents.isEmpty)
    }

    @Test("InvertedLists keeps gaps of millions of documents and frequencies past every varint width exactly")
    func inversionExtremes() {
        // One segment. Term 0 in the first and last document only (a gap of 2,199,999: its code,
        // 4,399,996, a 4-byte varint), term 1 in every document with frequency d % 5 + 1, term 2
        // in three documents with frequencies 255, 16,386 and 2,100,000 (stored less 2: two-,
        // three- and four-byte varints).
        let documentCount = 2_200_000
        let heavy: [Int: Int] = [5: 255, 1_100_000: 16_386, 2_199_998: 2_100_000]
        let lists = InvertedLists.invert(documentCount: documentCount, termCount: 4, threads: 2, segmentDocuments: documentCount) { d, out in
            if d == 0 || d == documentCount - 1 { out.append(0) }
            for _ in 0 ... d % 5 { out.append(1) }
            if let n = heavy[d] { out.append(contentsOf: repeatElement(2, count: n)) }
        }
        #expect(lists.postings(0).documents == [0, UInt32(documentCount - 1)])
        #expect(lists.postings(0).frequencies == [1, 1])
        let every = lists.postings(1)
        #expect(every.documents.count == documentCount)
        #expect(every.documents.enumerated().allSatisfy { $0.element == UInt32($0.offset) })
        #expect(every.frequencies.enumerated().allSatisfy { $0.element == UInt32($0.offset % 5 + 1) })
        #expect(lists.postings(2).documents == heavy.keys.sorted().map(UInt32.init))
        #expect(lists.postings(2).frequencies == heavy.keys.sorted().map { UInt32(heavy[$0]!) })
        #expect(lists.documentCount(3) == 0 && lists.postings(3).documents.isEmpty)
    }

    @Test("DocumentTokens: each field's tokens are the analyzer's, then the compounds PhraseCompounder appends")
    func documentTokensMatchAnalyzer() {
        var records = Self.realisticRecords(3_000, seed: 21)
        records[5].description = "Health information and health care: medical records for the nurse practitioner. Cyber security!"
        records[6].title = "Café Résumé Nurses"
        let order = Array(records.indices.reversed())
        let compounder = Self.dictionary.compounder
        for threads in [1, 3] {
            var terms = TermTable()
            let tokens = DocumentTokens(records: records, order: order, phrases: Self.dictionary.phrases, threads: threads, terms: &terms)
            #expect(tokens.count == records.count)
            for d in [0, 1, 2, 2_993, 2_994, 2_999] + Array(stride(from: 3, to: 2_990, by: 97)) {
                let r = records[order[d]]
                var all: [Int32] = [-1] // appended after what the buffer holds
                let counts = tokens.appendTokens(of: d, to: &all)
                #expect(all.count == 1 + counts.title + counts.description + counts.institution && all[0] == -1)
                let title = all[1 ..< 1 + counts.title], description = all[1 + counts.title ..< all.count - counts.institution]
                let institution = all[(all.count - counts.institution)...]
                for (ids, text) in [(title, r.title), (description, r.description), (institution, r.institutionName)] {
                    let expected = compounder.appendingCompounds(Analyzer.tokens(text))
                    #expect(ids.map { terms.keys[Int($0)] } == expected, "document \(d), \(threads) threads")
                }
            }
        }
    }

    @Test("DocumentTokens fed in batches cut anywhere (inside and at the ends of its 2^14-document chunks) equals the analyzer; appendNameTokens gives its name tokens and counts")
    func documentTokensInBatches() {
        var records = Self.realisticRecords(40_000, seed: 5)
        for i in stride(from: 0, to: records.count, by: 777) { records[i].description = ""; records[i].institutionName = "" }
        records[16_384].description = "Health information management and nurse practitioner training"
        let compounder = Self.dictionary.compounder
        let cuts = [0, 1, 7, 16_380, 16_384, 16_385, 20_000, 32_767, 32_768, 32_769, 32_770, 39_999, 40_000]
        for threads in [1, 3] {
            var terms = TermTable()
            var tokens = DocumentTokens(phrases: Self.dictionary.phrases)
            records.withUnsafeBufferPointer { all in
                for c in 0 ..< cuts.count - 1 {
                    tokens.analyze(.records(UnsafeBufferPointer(rebasing: all[cuts[c] ..< cuts[c + 1]])), threads: threads, terms: &terms)
                }
            }
            #expect(tokens.count == records.count)
            var wrong: [Int] = [], wrongNames: [Int] = []
            var all: [Int32] = [], names: [Int32] = []
            for (d, r) in records.enumerated() {
                all.removeAll(keepingCapacity: true)
                let counts = tokens.appendTokens(of: d, to: &all)
                let expected = [r.title, r.description, r.institutionName].map { compounder.appendingCompounds(Analyzer.tokens($0)) }
                if counts.title != expected[0].count || counts.description != expected[1].count || counts.institution != expected[2].count
                    || all.map({ terms.keys[Int($0)] }) != expected.flatMap({ $0 }) { wrong.append(d) }
                // The name tokens alone (title, then institution), the description only counted.
                names.removeAll(keepingCapacity: true)
                let nameCounts = tokens.appendNameTokens(of: d, to: &names)
                if nameCounts != counts || names != Array(all[..<counts.title] + all[(all.count - counts.institution)...]) { wrongNames.append(d) }
            }
            #expect(wrong.isEmpty, "\(wrong.count) documents differ, first \(wrong.prefix(5)); \(threads) threads")
            #expect(wrongNames.isEmpty, "appendNameTokens: \(wrongNames.count) documents differ, first \(wrongNames.prefix(5)); \(threads) threads")
        }
    }

    @Test("ParallelSort.sorted equals sorted(by:) for any split, on random values with many ties (property)")
    func parallelSortEqualsSort() {
        var rng = SplitMix64(seed: 41)
        for trial in 0 ..< 60 {
            let keys = (0 ..< rng.below(2_000)).map { _ in rng.below(trial % 2 == 0 ? 10 : 100_000) }
            // Ties broken by index: a strict total order, as the writer's id order is.
            let order: @Sendable (Int, Int) -> Bool = { a, b in keys[a] == keys[b] ? a < b : keys[a] < keys[b] }
            let indices = Array(keys.indices.shuffled(using: &rng))
            let expected = indices.sorted(by: order)
            for threads in [1, 2, 4] {
                #expect(ParallelSort.sorted(indices, threads: threads, minimumCount: 1, by: order) == expected, "\(keys.count) values, \(threads) threads")
            }
        }
    }

    /// Ids are compared by their bytes, as IDS stores and the reader finds them: two Unicode
    /// spellings of one id (composed "é", decomposed "e" + U+0301) are two ids, both kept and
    /// both found; a repeat of the same bytes is a duplicate.
    @Test("ids in two Unicode spellings are two ids; the same bytes twice is a duplicate")
    func idsCompareByBytes() throws {
        var records = IndexFixtures.records(6, seed: 9)
        let composed = "caf\u{E9}-1", decomposed = "cafe\u{301}-1"
        #expect(composed == decomposed && !composed.utf8.elementsEqual(decomposed.utf8)) // what makes them tricky
        records[0].id = composed
        records[1].id = "cafe-2"
        records[2].id = decomposed
        records[3].id = "caf\u{E9}-0"
        records[4].id = composed // the same bytes as records[0]: a duplicate
        var writer = IndexWriter(corpusName: "ids", isSampleData: true, note: "", zips: IndexFixtures.zips)
        writer.threads = 1
        let (one, summary) = try writer.serialize(records)
        #expect(summary.documents == 5 && summary.report.skippedCount == 1)
        writer.threads = 2
        #expect(try writer.serialize(records).0 == one)
        let reader = try IndexReader(path: IndexFixtures.write(one, name: "ids.sfidx"))
        for id in [composed, decomposed, "cafe-2", "caf\u{E9}-0"] {
            let d = try #require(reader.document(id: id), "\(Array(id.utf8))")
            #expect(try reader.record(d).id.utf8.elementsEqual(id.utf8))
        }
    }

    @Test("a title's tokens are its own bytes' tokens, whichever canonically equal spelling came first in the analysis chunk")
    func cachedTitlesByBytes() throws {
        // Equal as Swift strings, different bytes, and the analyzer (which works on bytes) cuts
        // them differently: a cache keyed by `String` gave the second the first one's tokens.
        let ascii = "Kelvin Institute", kelvinSign = "\u{212A}elvin Institute"
        #expect(ascii == kelvinSign && Analyzer.tokens(ascii) != Analyzer.tokens(kelvinSign))
        for titles in [[ascii, kelvinSign], [kelvinSign, ascii]] {
            var records = IndexFixtures.records(2, seed: 12)
            for i in records.indices { records[i].title = titles[i] }
            var writer = IndexWriter(corpusName: "titles", isSampleData: true, note: "", zips: IndexFixtures.zips)
            writer.threads = 1
            let reader = try IndexReader(path: IndexFixtures.write(try writer.serialize(records).0, name: "titles.sfidx"))
            for title in titles {
                for token in Analyzer.tokens(title) {
                    #expect(reader.terms.lookup(Schema.TextField.title.term(token)!)?.documentFrequency == (token == "institute" ? 2 : 1),
                            "title:\(token) of \(Array(title.unicodeScalars))")
                }
            }
        }
    }

    /// A writer with the phrase dictionary, on `threads` threads.
    static func phraseWriter(threads: Int) -> IndexWriter {
        var writer = IndexWriter(corpusName: "threads", isSampleData: true, note: "", zips: IndexFixtures.zips)
        writer.synonyms = dictionary
        writer.threads = threads
        return writer
    }

    /// 20,000 documents: enough for several analysis chunks (4,096 documents each at least) and
    /// inversion runs, so runs start in the middle of the dense lists and of the token stream.
    @Test("the index file is byte-for-byte the same built on one thread or several, with phrases",
          arguments: [(documents: 5_000, threads: 3), (documents: 20_000, threads: 8)])
    func fileIndependentOfThreads(documents: Int, threads: Int) throws {
        let records = Self.realisticRecords(documents, seed: 4)
        let one = try Self.phraseWriter(threads: 1).serialize(records).0
        let writer = Self.phraseWriter(threads: threads)
        #expect(try writer.serialize(records).0 == one)
        // And the file streamed to disk in parts is the same bytes.
        let path = IndexFixtures.directory() + "/threads-\(documents).sfidx"
        let summary = try writer.write(records, to: path)
        #expect(try Array(Data(contentsOf: URL(fileURLWithPath: path))) == one)
        #expect(summary.bytes == one.count)
        #expect(summary.phases.map(\.phase) == IndexWriter.BuildPhase.allCases)
    }
}

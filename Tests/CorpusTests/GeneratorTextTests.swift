import Analysis
import Corpus
import Testing
import TestSupport

/// FNV-1a over the bytes: a stable fingerprint of generated JSONL.
func fnv1a(_ text: String) -> UInt64 {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
    return h
}

func generatedJSONL(_ generator: SampleCorpusGenerator, count: Int) -> String {
    var text = ""
    generator.forEachRecord(count: count) { text += JSONLRecordFormat.line(for: $0) + "\n" }
    return text
}

/// The project's attributed ZIP table (not ../shared/data), so the fingerprints hold everywhere.
let projectZips: [ZipCentroid] = {
    let path = ProjectPaths.root + "/Corpus/zip-centroids.tsv"
    return try! ZipTable.read(FileBytes.read(path), path: path).0
}()

@Suite("Sample generator: repetitive and realistic text")
struct GeneratorTextTests {
    /// Fingerprints of the generator's output before `text` existed (commit bc03328's
    /// `schoolfinder generate --zips Corpus/zip-centroids.tsv`, header line excluded).
    @Test("repetitive text is byte-identical to the original generator", arguments: [
        (UInt64(20_260_101), 200, UInt64(15_301_990_541_099_366_596)),
        (UInt64(20_260_101), 5000, UInt64(12_368_136_912_034_372_203)),
        (UInt64(7), 1000, UInt64(8_320_363_305_516_924_404)),
    ])
    func repetitiveUnchanged(seed: UInt64, count: Int, fingerprint: UInt64) {
        #expect(fnv1a(generatedJSONL(SampleCorpusGenerator(zips: projectZips, seed: seed), count: count)) == fingerprint)
        #expect(fnv1a(generatedJSONL(SampleCorpusGenerator(zips: projectZips, seed: seed, text: .repetitive), count: count)) == fingerprint)
    }

    @Test("realistic text is deterministic for a seed and differs between seeds")
    func realisticDeterministic() {
        let a = SampleCorpusGenerator(zips: projectZips, seed: 11, text: .realistic).generate(count: 2000)
        let b = SampleCorpusGenerator(zips: projectZips, seed: 11, text: .realistic).generate(count: 2000)
        let c = SampleCorpusGenerator(zips: projectZips, seed: 12, text: .realistic).generate(count: 2000)
        #expect(a == b)
        #expect(a.map(\.description) != c.map(\.description))
        #expect(SampleCorpusGenerator.realisticQueryWords(count: 50, seed: 3) == SampleCorpusGenerator.realisticQueryWords(count: 50, seed: 3))
    }

    @Test("realistic text changes only the descriptions: the same schools, programs and filters")
    func sameStructure() {
        let r = SampleCorpusGenerator(zips: projectZips, seed: 5).generate(count: 3000)
        let t = SampleCorpusGenerator(zips: projectZips, seed: 5, text: .realistic).generate(count: 3000)
        #expect(r.count == t.count)
        for (x, y) in zip(r, t) {
            #expect(x.id == y.id && x.institutionName == y.institutionName && x.cipCode == y.cipCode && x.title == y.title
                && x.level == y.level && x.accreditors == y.accreditors && x.delivery == y.delivery && x.latitude == y.latitude)
            #expect(x.description != y.description)
        }
        #expect(t.allSatisfy { $0.validationProblem == nil && $0.institutionName.hasPrefix("Sample") })
    }

    @Test("realistic text on 20k records: 30–60 words, avgdl ≈ 54, a growing long tail, no repeated descriptions")
    func realisticStatistics() {
        let records = SampleCorpusGenerator(zips: projectZips, seed: 20_260_101, text: .realistic).generate(count: 20_000)
        var totalTokens = 0
        var terms = Set<String>()
        var distinctAt: [Int: Int] = [:]
        var repeats: [String: Int] = [:]
        var wordCounts: [Int] = []
        for (i, r) in records.enumerated() {
            let words = r.description.split(separator: " ")
            wordCounts.append(words.count)
            // Every word is one analyzer token: the word count is the description's length in tokens.
            #expect(Analyzer.tokens(r.description).count == words.count)
            for text in [r.title, r.description, r.institutionName] {
                Analyzer.forEachToken(in: text) { totalTokens += 1; terms.insert($0) }
            }
            repeats[r.description, default: 0] += 1
            if [2000, 5000, 20_000].contains(i + 1) { distinctAt[i + 1] = terms.count }
        }
        #expect(wordCounts.allSatisfy { (30 ... 60).contains($0) })
        #expect(wordCounts.min() == 30 && wordCounts.max() == 60)
        let avgdl = Double(totalTokens) / Double(records.count)
        #expect(avgdl >= 50 && avgdl <= 58, "avgdl \(avgdl)")
        // The long tail: distinct terms keep growing with N (Zipf draws keep finding rare forms).
        let d2k = distinctAt[2000]!, d5k = distinctAt[5000]!, d20k = distinctAt[20_000]!
        #expect(d2k < d5k && d5k < d20k, "\(d2k) \(d5k) \(d20k)")
        #expect(Double(d20k) > 1.4 * Double(d5k) || d20k - d5k > 3000, "\(d5k) → \(d20k)")
        #expect(d20k > 10_000, "\(d20k) distinct terms at 20k")
        #expect(repeats.values.max()! <= 3)
    }

    @Test("realistic query words exist in the realistic text, and so do the query mix's domain words")
    func queryWordsExist() {
        let records = SampleCorpusGenerator(zips: projectZips, seed: 20_260_101, text: .realistic).generate(count: 20_000)
        var terms = Set<String>()
        for r in records { Analyzer.forEachToken(in: r.title + " " + r.description) { terms.insert($0) } }
        let words = SampleCorpusGenerator.realisticQueryWords(count: 400, seed: 20_260_101 ^ 0x5151)
        // Each word is one token; as a query it is analyzed ("students" → "student") like the text.
        #expect(words.count == 400 && words.allSatisfy { Analyzer.tokens($0).count == 1 })
        func indexed(_ word: String) -> Bool { Analyzer.tokens(word).allSatisfy(terms.contains) }
        // Half are drawn by frequency (nearly all present at 20k), half uniformly over the long
        // tail (most present at 20k; at 1M records every long-tail form occurs).
        #expect(words.prefix(200).filter(indexed).count >= 190)
        #expect(words.filter(indexed).count >= 300)
        for w in ["health", "information", "management", "informatics", "bioinformatics", "medical", "records", "coding",
                  "data", "nursing", "technology", "administration", "analytics", "ehr", "rhit", "rhia", "clinical",
                  "computer", "science", "public"] {
            #expect(indexed(w), "\(w)")
        }
    }
}

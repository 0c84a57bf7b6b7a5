import Corpus
import Foundation
import Geo
import IndexFormat
import Search
import TestSupport

/// Shared fixtures: the real ZIP table from ../shared/data (beside the project), a generated
/// corpus with stress records mixed in, and an index built from it in a temp directory.
enum TestCorpus {
    static let zips: [ZipCentroid] = {
        let path = ProjectPaths.zipTable
        return try! ZipTable.read(FileBytes.read(path), path: path).0
    }()

    /// Generated records plus records that stress the edges: poles, the antimeridian, the
    /// equator, diacritics, repeated words, duplicate ids, invalid rows.
    static func records(count: Int, seed: UInt64) -> [ProgramRecord] {
        var records = SampleCorpusGenerator(zips: zips, seed: seed).generate(count: count)
        var rng = SplitMix64(seed: seed ^ 0xABCDEF)
        let places: [(Double, Double)] = [(89.99, 10), (-89.9, -170), (64.8, 179.99), (64.8, -179.99), (0, 0), (51.5, -0.12),
                                          (21.3, -157.8), (61.2, -149.9), (18.4, -66.1), (90, 0), (-90, 180), (13.4, 144.7)]
        let words = ["café", "Saúde", "informática", "naïve", "HEALTH", "health-information", "data", "bioinformatics", "RHIT", "zoë"]
        for i in 0 ..< max(40, count / 200) {
            var r = records[rng.below(records.count)]
            r.id = "X\(i)-" + String(rng.below(1000))
            let p = places[i % places.count]
            r.latitude = p.0
            r.longitude = p.1
            r.description = (0 ..< (1 + rng.below(12))).map { _ in rng.pick(words) }.joined(separator: " ")
            if i % 7 == 0 { r.institutionName = "Université de Montréal Sample" }
            records.append(r)
        }
        // Same location, many programs: exact distance ties broken by id.
        for i in 0 ..< 30 {
            var r = records[i]
            r.id = "T\(String(i).leftPadded(3))"
            r.latitude = 41.886456
            r.longitude = -87.62325
            records.append(r)
        }
        // Long texts: lengths of 255 tokens or more are read from the document row, not LENGTHS.
        for i in 0 ..< 6 {
            var r = records[100 + i]
            r.id = "L\(i)"
            r.description = (0 ..< (250 + 20 * i)).map { _ in rng.pick(words) }.joined(separator: " ")
            records.append(r)
        }
        // Saturated frequencies: a word 255 times or more. Its frequency byte saturates; a dense
        // word's exact frequency is then in the overflow table, a sparse word's in its postings,
        // and its largest frequency (TERMS flags) no longer bounds a score.
        for (i, (word, n)) in [("health", 300), ("informatics", 260), ("zoë", 400)].enumerated() {
            var r = records[200 + i]
            r.id = "F\(i)"
            r.description = Array(repeating: word, count: n).joined(separator: " ")
            records.append(r)
        }
        records.append(records[5]) // duplicate id: the index keeps the first
        var bad = records[6]
        bad.id = "BAD1"
        bad.state = "ZZ"
        records.append(bad)
        return records
    }

    /// An index of `records` written to `temporaryPath(name)` (a suite's own name keeps suites
    /// that run at once from replacing each other's file), opened.
    static func buildIndex(_ records: [ProgramRecord], zips: [ZipCentroid] = [], name: String = "index") throws -> IndexReader {
        let path = temporaryPath(name)
        try IndexWriter(corpusName: "test", isSampleData: true, note: "test corpus", zips: zips).write(records, to: path)
        return try IndexReader(path: path)
    }

    static func temporaryPath(_ name: String) -> String {
        ProjectPaths.temporaryDirectory("search-tests") + "/\(name).sfidx"
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}

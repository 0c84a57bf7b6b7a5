import BenchmarkKit
import Corpus
import Foundation
import IndexFormat
import TestSupport
import Testing

/// The relevance test set of issue 11 (`Benchmarks/relevance/queries.tsv`), its parser and its
/// evaluator.
@Suite("Relevance test set")
struct RelevanceSetTests {
    static let setPath = ProjectPaths.root + "/Benchmarks/relevance/queries.tsv"

    static func loadSet() throws -> RelevanceQuerySet { try RelevanceQuerySet(contentsOf: setPath) }

    @Test("the set parses without a problem: at least 65 queries, unique ids, every kind used")
    func parses() throws {
        let set = try Self.loadSet()
        #expect(set.problems == [])
        #expect(set.queries.count >= 65)
        #expect(Set(set.queries.map(\.id)).count == set.queries.count)
        for kind in RelevanceQuery.Kind.allCases {
            #expect(set.queries.filter { $0.kind == kind }.count >= 5, "too few \(kind) queries")
        }
    }

    @Test("every CIP code or prefix of the set is in Corpus/cip.tsv")
    func codesExist() throws {
        let table = try FileBytes.read(ProjectPaths.root + "/Corpus/cip.tsv")
        var codes = Set<String>()
        FileBytes.forEachLine(table) { _, line in
            codes.insert(String(decoding: line.prefix { $0 != 0x09 }, as: UTF8.self))
        }
        #expect(codes.count > 2000)
        for q in try Self.loadSet().queries {
            for code in q.relevant { #expect(codes.contains(code), "\(q.id): \(code) is not in Corpus/cip.tsv") }
        }
    }

    @Test("the issue's examples are in the set, as typed")
    func issueExamples() throws {
        let texts = Set(try Self.loadSet().queries.map(\.text))
        let examples = [
            "bioinfromatics", "informatcs", "bioinf", "HIT", "RHIT eligible", "RN", "BSN", "MPH", "EHR", "informatics programs",
            "bioinformatics near 02139", "nurse practitioner", "cyber security", "cybersecurity", "nursing near 02139",
            "bioinformatics in Boston", "health information management", "health informatics", "medical coding",
            "x-ray technician", "ultrasound tech", "healthcare administration", "health care administration", "nurses",
            "medical records",
        ]
        for e in examples { #expect(texts.contains(e), "\(e) is missing") }
    }

    @Test("malformed lines are reported as path:line: reason and left out; the others are read")
    func malformedLines() {
        let text = [
            "# a comment",
            "id\tquery\toptions\trelevant\tkind\tnote",
            "ok\tnursing\t\t51.38\tplain\t",
            "short\tnursing\t51.38\tplain\t",
            "\tnursing\t\t51.38\tplain\t",
            "badkind\tnursing\t\t51.38\tstem\t",
            "badcip\tnursing\t\t51.3\tplain\t",
            "quote\tnursing\t--near \"Chicago\t51.38\tplain\t",
            "ok\tnurses\t\t51.38\tplural\t",
            "noquery\t \t\t51.38\tplain\t",
            "",
            "opts\tnursing in Chicago\t--near \"Chicago, IL\" --radius 50\t51.38, 51.39\tplace\twhy",
        ].joined(separator: "\r\n")
        let set = RelevanceQuerySet(bytes: Array(text.utf8), path: "set.tsv")
        #expect(set.problems == [
            "set.tsv:4: 5 tab-separated columns, expected 6 (id, query, options, relevant, kind, note)",
            "set.tsv:5: the id is empty",
            "set.tsv:6: query badkind: kind \"stem\" is not one of plain, synonym, abbreviation, typo, prefix, plural, filler, place, multiword",
            "set.tsv:7: query badcip: relevant \"51.3\" is not a CIP code or prefix (51, 51.38 or 51.3801)",
            "set.tsv:8: query quote: options \"--near \"Chicago\" leave a quote open (or end in a lone backslash)",
            "set.tsv:9: id \"ok\" is already used on line 3",
            "set.tsv:10: query noquery: the query is empty",
        ])
        #expect(set.queries == [
            RelevanceQuery(id: "ok", text: "nursing", relevant: ["51.38"], kind: .plain, line: 3),
            RelevanceQuery(id: "opts", text: "nursing in Chicago", options: ["--near", "Chicago, IL", "--radius", "50"],
                           relevant: ["51.38", "51.39"], kind: .place, note: "why", line: 12),
        ])
        #expect(set.queries[1].arguments == ["--near", "Chicago, IL", "--radius", "50", "nursing", "in", "Chicago"])
        #expect(set.queries[1].isRelevant(cip: "51.3901") && !set.queries[1].isRelevant(cip: "51.0707"))
    }

    @Test("options split as a shell splits them", arguments: [
        ("", [String]()),
        ("--near 02139 --radius 25", ["--near", "02139", "--radius", "25"]),
        ("--near \"Chicago, IL\"  --level associate", ["--near", "Chicago, IL", "--level", "associate"]),
        ("--near 'St. Louis, MO'", ["--near", "St. Louis, MO"]),
        ("--near \"a \\\"b\\\"\" c\\ d", ["--near", "a \"b\"", "c d"]),
        ("--cip ''", ["--cip", ""]),
    ])
    func shellWords(line: String, words: [String]) {
        #expect(ShellWords.split(line) == words)
    }

    @Test("an open quote or a lone backslash at the end is not a line of words")
    func shellWordsRefused() {
        #expect(ShellWords.split("--near \"Chicago") == nil)
        #expect(ShellWords.split("--near 'Chicago") == nil)
        #expect(ShellWords.split("nursing \\") == nil)
    }
}

extension RelevanceSetTests {
    @Suite("Relevance evaluation")
    struct Evaluation {
        @Test("P@10 counts relevant hits of the first 10 over 10; P(returned) over the hits; refusals are no result with the CLI's line")
        func measures() throws {
            let dir = ProjectPaths.temporaryDirectory("relevance-tiny")
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let path = dir + "/tiny.sfidx"
            _ = try IndexWriter(corpusName: "tiny", isSampleData: false, note: "", zips: TinyRealCorpus.zips).write(TinyRealCorpus.records, to: path)
            let evaluation = try RelevanceEvaluation(indexPath: path)
            let set = RelevanceQuerySet(bytes: Array("""
                nursing\tnursing\t\t51.3801\tplain\t
                health\thealth\t\t51.0707\tplain\t
                near\tnursing\t--zip 60601 --radius 10\t51.3801\tplace\t
                none\tbioinformatics\t\t26.1103\tplain\t
                refused\tnursing\t--level sophomore\t51.38\tplain\t

                """.utf8), path: "tiny.tsv")
            let report = evaluation.run(set)
            let o = Dictionary(uniqueKeysWithValues: report.outcomes.map { ($0.query.id, $0) })
            // Three nursing programs: all relevant, a short page.
            #expect(o["nursing"]?.relevantHits == 3 && o["nursing"]?.returned == 3 && o["nursing"]?.total == 3)
            #expect(o["nursing"]?.precisionAtDepth == 0.3 && o["nursing"]?.precisionOfReturned == 1)
            #expect(o["nursing"]?.firstHit?.cip == "51.3801")
            // "health" is in the HIM and nursing texts: one of four relevant.
            #expect(o["health"]?.returned == 4 && o["health"]?.relevantHits == 1 && o["health"]?.precisionOfReturned == 0.25)
            // The options go through the CLI's request: the ZIP is resolved, the radius applies.
            #expect(o["near"]?.error == nil && o["near"]?.total == 1 && o["near"]?.relevantHits == 1)
            #expect(o["none"]?.isEmpty == true && o["none"]?.precisionAtDepth == 0 && o["none"]?.precisionOfReturned == nil)
            #expect(o["refused"]?.isEmpty == true)
            #expect(o["refused"]?.error?.hasPrefix("--level \"sophomore\" is not an award level") == true)
            let all = report.overall
            #expect(all.queries == 5 && all.noResult == 2 && all.noResultShare == 0.4)
            #expect(abs(all.meanPrecisionAtDepth - (0.3 + 0.1 + 0.1) / 5) < 1e-12)
            #expect(abs(all.meanPrecisionOfReturned! - (1 + 0.25 + 1) / 3) < 1e-12)
            #expect(report.perKind.map(\.kind) == [.plain, .place])
            #expect(report.emptyQueries.map(\.query.id) == ["none", "refused"])
            #expect(report.text.contains("no result          2 of 5 (40.0%)"))
        }
    }
}

/// The real corpus's index for the regression floor, cached under `.build/` so the suite stays
/// quick: building it takes about 30 s in a debug build, opening it milliseconds. The cache is
/// used only when it is newer than every corpus file and than this test executable (which is
/// relinked whenever the analyzer, the index writer or the search changes); otherwise it is
/// built again (and on systems without /proc/self/exe, always).
enum RelevanceIndexFixture {
    static let path: String = {
        let corpus = ProjectPaths.root + "/Corpus"
        let dir = ProjectPaths.root + "/.build/relevance-fixture"
        let path = dir + "/real.sfidx"
        let executable = "/proc/self/exe"
        if CorpusLoader.modificationTime(executable) != nil, let built = CorpusLoader.modificationTime(path),
           let newestInput = (CorpusLoader.corpusFiles(corpus) + [executable]).compactMap(CorpusLoader.modificationTime).max(),
           built > newestInput, (try? IndexReader(path: path)) != nil {
            return path
        }
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        do { _ = try RealCorpusIndex.build(corpus: corpus, to: path) } catch { preconditionFailure("indexing the real corpus failed: \(error)") }
        return path
    }()
}

extension RelevanceSetTests {
    @Suite("Relevance on the real corpus")
    struct RealCorpus {
        // Regression floors, a little under the figures measured when issue 11 landed
        // (Benchmarks/relevance/README.md): the tuning set 0.901 and no query without a result
        // (before issue 11: 0.414 and 50 of 110); the held-out set 0.845 and none without a result
        // (0.658 and 2 of 40 when first run, before the changes it prompted). A change that
        // lowers P@10 below these or leaves a query with no result fails here.
        static let meanPrecisionFloor = 0.88
        static let noResultShareCeiling = 0.0
        static let heldOutPrecisionFloor = 0.82

        @Test("the held-out set on the real corpus: mean P@10 and no query without a result")
        func heldOutFloors() throws {
            let set = try RelevanceQuerySet(contentsOf: ProjectPaths.root + "/Benchmarks/relevance/heldout.tsv")
            #expect(set.problems == [] && set.queries.count == 40)
            let report = try RelevanceEvaluation(indexPath: RelevanceIndexFixture.path).run(set)
            #expect(report.overall.meanPrecisionAtDepth >= Self.heldOutPrecisionFloor, "mean P@10 \(report.overall.meanPrecisionAtDepth)")
            #expect(report.overall.noResult == 0, "no result \(report.overall.noResult) of \(report.overall.queries)")
        }

        @Test("the whole set on the real corpus: mean P@10 and the no-result share no worse than when issue 11 landed")
        func floors() throws {
            let set = try RelevanceSetTests.loadSet()
            let report = try RelevanceEvaluation(indexPath: RelevanceIndexFixture.path).run(set)
            let all = report.overall
            #expect(all.queries == set.queries.count)
            // Every query is answered as `schoolfinder search` answers it: none is refused.
            for o in report.outcomes { #expect(o.error == nil, "\(o.query.id): \(o.error ?? "")") }
            #expect(all.meanPrecisionAtDepth >= Self.meanPrecisionFloor, "mean P@10 \(all.meanPrecisionAtDepth)")
            #expect(all.noResultShare <= Self.noResultShareCeiling + 1e-9, "no result \(all.noResult) of \(all.queries)")
        }
    }
}

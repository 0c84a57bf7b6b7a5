import Corpus
import Foundation
import IndexFormat
import SchoolFinderCLI
import TestSupport
import Testing

/// The commands a student runs, on the real default corpus (`Corpus/`, indexed once here).
enum RealCorpusFixture {
    static let directory = ProjectPaths.temporaryDirectory("real-cli")
    static let indexPath: String = {
        let path = directory + "/real.sfidx"
        let io = CommandIO()
        let code = SchoolFinderCommand.run(["index", "--corpus", ProjectPaths.root + "/Corpus", "--out", path], io: io)
        precondition(code == 0, "indexing the real corpus failed: \(io.standardError)")
        return path
    }()

    static func run(_ command: String, _ args: [String]) -> (code: Int32, out: String, err: String) {
        let io = CommandIO()
        let code = SchoolFinderCommand.run([command, "--index", indexPath] + args, io: io)
        return (code, io.standardOutput, io.standardError)
    }
}

@Suite("CLI on the real corpus: what a student sees")
struct RealCorpusCLITests {
    @Test("the real corpus indexes without a skipped row, is not sample data, and carries careers and the accreditor legend")
    func indexes() throws {
        let reader = try IndexReader(path: RealCorpusFixture.indexPath)
        #expect(!reader.isSampleData && reader.corpusName == "schoolfinder-us-programs")
        #expect(reader.documentCount > 200_000 && reader.zips.count > 40_000)
        #expect(Set(reader.tableNames) == ["cip.tsv", "careers.tsv", "occupations.tsv", "wages.tsv", "accreditors.tsv", "synonyms.txt"])
    }

    @Test("health information near Chicago: HIM programs first, every hit within the radius and levels, no word of sample data")
    func healthInformationNearChicago() throws {
        let r = RealCorpusFixture.run("search", ["--near", "Chicago, IL", "--radius", "50", "--level", "bachelor,master", "health information", "--format", "json", "--limit", "20"])
        #expect(r.code == 0, "\(r.err)")
        #expect(!r.out.contains("SAMPLE") && !r.out.contains("fictional"))
        let v = try JSONValue.parse(r.out)
        #expect(v["sample_data"] == .bool(false) && v["query"]?["place"] == .string("Chicago, IL"))
        guard case let .array(hits)? = v["hits"] else { Issue.record("no hits"); return }
        #expect(hits.count >= 5)
        #expect(hits.first?["cip"]?.stringValue?.hasPrefix("51.07") == true)
        for h in hits {
            #expect((h["distance_mi"]?.numberValue ?? 99) <= 50)
            #expect(["bachelor", "master"].contains(h["level"]?.stringValue ?? ""))
            #expect(h["median_earnings"] != .number(0) && h["median_debt"] != .number(0), "unknown outcomes must be null, not 0")
        }
    }

    @Test("nursing near 02139 with ACEN or CCNE: every hit carries one of them and lies within 10 miles")
    func accreditedNursing() throws {
        let r = RealCorpusFixture.run("search", ["--near", "02139", "--radius", "10", "--accredited", "ACEN,CCNE", "nursing", "--format", "json"])
        #expect(r.code == 0, "\(r.err)")
        let v = try JSONValue.parse(r.out)
        guard case let .array(hits)? = v["hits"] else { Issue.record("no hits"); return }
        #expect(!hits.isEmpty)
        for h in hits {
            guard case let .array(acc)? = h["accreditors"] else { Issue.record("no accreditors"); continue }
            #expect(acc.contains(.string("ACEN")) || acc.contains(.string("CCNE")))
            #expect((h["distance_mi"]?.numberValue ?? 99) <= 10)
            #expect(h["cip"]?.stringValue?.hasPrefix("51.3") == true)
        }
    }

    @Test("show prints the full card: institution, outcomes, careers with state and US wages, accreditors by name")
    func show() {
        let r = RealCorpusFixture.run("show", ["145600-51.0706-bachelor"])
        #expect(r.code == 0, "\(r.err)")
        for part in ["University of Illinois Chicago, Chicago, IL", "(CIP 51.0706) — Bachelor's", "School accreditation:    HLC",
                     "Median earnings:", "Careers it leads to", "IL median", "Medical records specialists", "HLC = Higher Learning Commission",
                     "accreditation from ED DAPIP (2020 snapshot)"] {
            #expect(r.out.contains(part), "card lacks \(part)")
        }
        #expect(r.out.split(separator: "\n").allSatisfy { $0.count <= 100 })
    }

    @Test("CAHIIM is not in the public data: the answer says so and how to import a list, exit 2")
    func cahiim() {
        let r = RealCorpusFixture.run("search", ["--accredited", "CAHIIM", "health information"])
        #expect(r.code == 2 && r.out.isEmpty)
        #expect(r.err.contains("no CAHIIM data") && r.err.contains("--accreditations FILE") && r.err.split(separator: "\n").count == 1)
    }

    @Test("a misspelt city gets a suggestion; a city in many states lists them")
    func places() {
        let typo = RealCorpusFixture.run("search", ["--near", "Chicgo, IL", "nursing"])
        #expect(typo.code == 2 && typo.err.contains("did you mean \"Chicago, IL\"?"))
        let many = RealCorpusFixture.run("search", ["--near", "Springfield", "nursing"])
        #expect(many.code == 2 && many.err.contains("Springfield, IL") && many.err.contains("Springfield, MA"))
    }
}

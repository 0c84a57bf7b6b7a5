import Corpus
import SchoolFinderCLI
import TestSupport
import Testing

@Suite("CLI: input a newcomer got wrong, answered in one line")
struct CLIInputTests {
    @Test("a value given twice, or an empty list, is refused; a LIST may be given twice and adds up", arguments: [
        (["--zip", "60601", "--radius", "50", "--radius", "10", "x"], "--radius is given twice (50, 10); give it once"),
        (["--level", "", "nursing"], "--level \"\" lists nothing; give at least one value"),
        (["--state", " , ", "nursing"], "--state \" , \" lists nothing"),
    ] as [([String], String)])
    func refused(args: [String], message: String) {
        let r = CLIFixture.search(args)
        #expect(r.code == 2 && r.out.isEmpty && r.err.split(separator: "\n").count == 1)
        #expect(r.err.contains(message), "got: \(r.err)")
    }

    @Test("--level given twice adds up, as one comma list does")
    func listsAddUp() {
        let twice = CLIFixture.search(["--level", "bachelor", "--level", "master", "health", "--format", "csv", "--limit", "200"])
        let once = CLIFixture.search(["--level", "bachelor,master", "health", "--format", "csv", "--limit", "200"])
        #expect(twice.code == 0 && twice.out == once.out)
    }

    @Test("--limit 0 counts and says so; a point without a place name is written in degrees")
    func limitZeroAndCoordinates() {
        let r = CLIFixture.search(["--lat", "41.88", "--lon", "-87.63", "--radius", "10", "--limit", "0"])
        #expect(r.code == 0)
        #expect(r.out.contains("near 41.8800° N, 87.6300° W, within 10 mi"))
        #expect(r.out.contains("(--limit 0: counted, none shown)"))
        let all = CLIFixture.search(["--limit", "1"])
        #expect(all.out.contains("12,000 programs (no filter)"))
    }

    @Test("a state written out, and a ZIP that lost its leading zero")
    func places() {
        let named = CLIFixture.search(["--near", "Chicago, Illinois", "--radius", "5", "--limit", "0"])
        #expect(named.code == 0 && named.out.contains("near Chicago, IL"))
        let zero = CLIFixture.search(["--near", "2139", "nursing"])
        #expect(zero.code == 2 && zero.err.contains("did you mean ZIP 02139?"))
    }

    @Test("doctoral degree names are doctorate levels", arguments: ["MD", "JD", "PharmD", "DPT", "DVM", "PsyD"])
    func doctoralAliases(name: String) {
        #expect(AwardLevel(parsing: name) == .doctorate)
    }
}

@Suite("CLI on the real corpus: gaps in the data are said, not answered with 0")
struct RealCorpusGapTests {
    @Test("--delivery online: IPEDS publishes no delivery mode, so the answer says so, exit 2")
    func delivery() {
        let r = RealCorpusFixture.run("search", ["--delivery", "online", "nursing"])
        #expect(r.code == 2 && r.err.contains("no program in this corpus has a known delivery mode"))
    }

    @Test("the search card names the school's institutional accreditor, or says there is none; outcomes say their CIP series")
    func cards() {
        let r = RealCorpusFixture.run("search", ["--near", "Chicago, IL", "--radius", "5", "--level", "bachelor", "health information"])
        #expect(r.code == 0)
        #expect(r.out.contains("school: HLC"))
        #expect(!r.out.contains("ACPE-CPE"), "programmatic accreditations of the school belong to show, not the card")
        #expect(r.out.contains("(all 51.07 programs here)"))
    }
}

import Corpus
import Foundation
import IndexFormat
import Requests
@testable import SchoolFinderCLI
import TestSupport
import Testing

@Suite("CLI conventions: version, strict numbers, batch input, exit statuses")
struct CLIConventionTests {
    @Test("--version prints `schoolfinder X.Y.Z` from the one version constant")
    func version() {
        let r = CLIFixture.run(["--version"])
        #expect(r.code == 0 && r.err == "")
        #expect(r.out == "schoolfinder \(SchoolFinderVersion.current)\n")
        let parts = SchoolFinderVersion.current.split(separator: ".")
        #expect(parts.count == 3 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) })
    }

    @Test("numbers are plain decimals: other notations are refused in one line naming the value", arguments: [
        "0x10", "1e3", "inf", "-inf", "nan", " 5", "5 ", "+5", ".5", "5.", "", "1,5", "٣",
    ])
    func strictNumbers(value: String) {
        for (option, extra) in [("radius", ["--zip", "60601"]), ("lat", ["--lon", "0"]), ("lon", ["--lat", "0"]),
                                ("limit", []), ("offset", [])] {
            let r = CLIFixture.search(extra + ["--\(option)", value, "health"])
            #expect(r.code == 2 && r.out == "", "--\(option) \(value)")
            #expect(r.err.hasPrefix("error: --\(option) \"\(value)\" is not") && r.err.contains("plain"), "\(r.err)")
            #expect(r.err.split(separator: "\n").count == 1, "\(r.err)")
        }
    }

    @Test("the strict parser: what it reads, and decimal text that reads back exactly")
    func decimalArgument() {
        #expect(DecimalArgument.number("50") == 50 && DecimalArgument.number("-87.63") == -87.63 && DecimalArgument.number("0.5") == 0.5)
        #expect(DecimalArgument.wholeNumber("10") == 10 && DecimalArgument.wholeNumber("1.0") == nil)
        #expect(DecimalArgument.wholeNumber("99999999999999999999") == nil) // does not fit an Int
        for d in [0, 1e-5, 1.5e-7, 123456.789, -87.63, 1e20, 2.5e15, 41.886456, 0.1 + 0.2] {
            let text = DecimalArgument.text(d)
            #expect(!text.contains("e") && DecimalArgument.number(text) == d, "\(d) → \(text)")
        }
        #expect(DecimalArgument.text(.infinity) == "inf" && DecimalArgument.number(DecimalArgument.text(.nan)) == nil)
    }

    @Test("accepted numbers still work, and a search with no matches exits 0")
    func acceptedNumbers() {
        let r = CLIFixture.search(["--lat", "41.88", "--lon", "-87.63", "--radius", "25.5", "--limit", "3", "--offset", "0", "health"])
        #expect(r.code == 0, "\(r.err)")
        let none = CLIFixture.search(["--zip", "60601", "--radius", "0", "zzzzqqq"])
        #expect(none.code == 0 && none.out.contains("0 matches"), "\(none.err)")
    }

    @Test("--batch - reads standard input; an unknown key is that line's error, naming it and the known keys")
    func batchFromStandardInput() throws {
        let input = #"{"id":"a","text":"nursing","limit":1}"# + "\n" + #"{"id":"b","radius":5,"zip":"60601"}"# + "\n"
        let io = CommandIO(standardInput: Array(input.utf8))
        let code = SchoolFinderCommand.run(["search", "--index", CLIFixture.indexPath, "--batch", "-"], io: io)
        #expect(code == 0)
        let lines = try io.standardOutput.split(separator: "\n").map { try JSONValue.parse(String($0)) }
        #expect(lines.count == 2)
        #expect(lines[0]["id"] == .string("a") && lines[0]["total"] != nil)
        #expect(lines[1]["id"] == .string("b") && lines[1]["total"] == nil)
        #expect(lines[1]["error"] == .string("stdin:2: unknown key \"radius\"; known keys: id, class, text, near, zip, lat, lon, radius_mi, levels, states, cip_prefix, accreditor, delivery, sort, ranking, weights, decay_miles, group, facets, explain, exact, limit, offset"))
    }

    @Test("batch numbers go through the same strict parser, written back as plain decimals")
    func batchNumbers() throws {
        let input = #"{"id":"tiny","lat":0.00001,"lon":-87.5,"radius_mi":1e-5}"# + "\n" + #"{"id":"huge","limit":1e400}"# + "\n" + #"{"id":"half","limit":2.5}"# + "\n"
        let io = CommandIO(standardInput: Array(input.utf8))
        #expect(SchoolFinderCommand.run(["search", "--index", CLIFixture.indexPath, "--batch", "-"], io: io) == 0)
        let lines = try io.standardOutput.split(separator: "\n").map { try JSONValue.parse(String($0)) }
        #expect(lines[0]["total"] == .number(0), "\(lines[0])") // 1e-5 is a radius, not an error
        #expect(lines[1]["error"]?.stringValue?.contains("--limit \"inf\" is not valid") == true, "\(lines[1])")
        #expect(lines[2]["error"]?.stringValue?.contains("--limit \"2.5\" is not valid") == true, "\(lines[2])")
    }

    @Test("a query option beside --batch, or --timing without it, is refused in one line (exit 2)", arguments: [
        (["--batch", "q.jsonl", "--zip", "60601"], "--zip does not apply to --batch: each query line gives its own; put \"zip\" in the lines, or drop --zip"),
        (["--batch", "q.jsonl", "--level", "master"], "--level does not apply to --batch: each query line gives its own; put \"levels\" in the lines, or drop --level"),
        (["--batch", "q.jsonl", "--limit", "3"], "--limit does not apply to --batch: each query line gives its own; put \"limit\" in the lines, or drop --limit"),
        (["--timing", "health"], "--timing times each query of a batch; use it with --batch FILE, or drop it"),
    ] as [([String], String)])
    func batchOptions(args: [String], message: String) {
        let r = CLIFixture.search(args)
        #expect(r.code == 2 && r.out == "")
        #expect(r.err == "error: \(message)\n")
    }

    @Test("check: a damaged header is damage found by check (exit 1), not a usage error")
    func checkHeaderDamage() throws {
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: CLIFixture.indexPath)))
        bytes[30] ^= 0x01
        let path = CLIFixture.directory + "/header-damaged.sfidx"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let r = CLIFixture.run(["check", path])
        #expect(r.code == 1)
        #expect(r.out == "checking \(path)\nDAMAGED: \(path) is corrupt in section HEADER: header checksum mismatch; rebuild it with `schoolfinder index --out \(path)`\n")
        #expect(CLIFixture.run(["check", CLIFixture.directory + "/none.sfidx"]).code == 2)
    }

    @Test("an index built without a ZIP table warns that --zip will not work, and --zip then says so plainly")
    func noZipTable() throws {
        let corpus = CLIFixture.directory + "/no-zips.jsonl"
        let zips = [ZipCentroid(zip: "60601", city: "Chicago", state: "IL", latitude: 41.886456, longitude: -87.62325)]
        let records = SampleCorpusGenerator(zips: zips, seed: 3).generate(count: 50)
        try (records.map(JSONLRecordFormat.line(for:)).joined(separator: "\n") + "\n").write(toFile: corpus, atomically: true, encoding: .utf8)
        let out = CLIFixture.directory + "/no-zips.sfidx"
        let built = CLIFixture.run(["index", "--corpus", corpus, "--out", out])
        #expect(built.code == 0)
        #expect(built.err == "warning: no ZIP table given: --zip and --near will not work with \(out); add --zips FILE (zip, city, state, lat, lon) or zip-centroids.tsv in the corpus directory\n")
        let r = CLIFixture.run(["search", "--index", out, "--zip", "60601", "health"])
        #expect(r.code == 2)
        #expect(r.err == "error: --zip: \(out) has no ZIP table (it was built without one); rebuild it with `schoolfinder index --zips FILE`, or give --lat and --lon\n")
        #expect(CLIFixture.run(["search", "--index", out, "--lat", "41.88", "--lon", "-87.63", "health"]).code == 0)
    }

    @Test("a file that is not a corpus: the first 20 malformed rows, a count of the rest, and one error naming the fix")
    func notACorpus() throws {
        let path = CLIFixture.directory + "/notes.md"
        try (0 ..< 30).map { "# note \($0)" }.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let out = CLIFixture.directory + "/notes.sfidx"
        let r = CLIFixture.run(["index", "--corpus", path, "--out", out])
        #expect(r.code == 2)
        let lines = r.err.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(Array(lines.prefix(20)) == (1 ... 20).map { "skipped \(path):\($0): invalid JSON at byte 0: expected a value" })
        #expect(Array(lines.dropFirst(20)) == [
            "… and 10 more skipped rows (--verbose lists them all)",
            "ingest: 0 accepted, 30 skipped",
            "error: \(path): no valid records to index (30 malformed rows skipped, the first reported above); pass a corpus directory (Corpus/, with programs.tsv), a JSON Lines file of program records, or a directory of .jsonl files",
            "",
        ])
        #expect(!FileManager.default.fileExists(atPath: out))
        let verbose = CLIFixture.run(["index", "--corpus", path, "--out", out, "--verbose"])
        #expect(verbose.code == 2)
        #expect(verbose.err.split(separator: "\n").filter { $0.hasPrefix("skipped ") }.count == 30)
        #expect(!verbose.err.contains("more skipped rows"))
    }

    @Test("an --out in a missing directory, under a file, or naming a directory, is refused before the corpus is read: one line with the fix, exit 2")
    func unwritableOutput() throws {
        // A corpus that would take a while and report skipped rows: none of that happens.
        let corpus = CLIFixture.directory + "/out-check.jsonl"
        try (0 ..< 30).map { "# not a record \($0)" }.joined(separator: "\n").write(toFile: corpus, atomically: true, encoding: .utf8)
        let missing = CLIFixture.directory + "/no-such-dir/sub/x.sfidx"
        let r = CLIFixture.run(["index", "--corpus", corpus, "--out", missing])
        #expect(r.code == 2)
        let directory = CLIFixture.directory + "/no-such-dir/sub"
        #expect(r.err == "error: cannot write index file \(missing): its directory \(directory) does not exist; create it (mkdir -p \(directory)) or pass --out FILE in an existing directory\n")
        #expect(r.out.isEmpty)
        let folder = CLIFixture.directory
        let d = CLIFixture.run(["index", "--corpus", corpus, "--out", folder])
        #expect(d.code == 2)
        #expect(d.err == "error: cannot write index file \(folder): it names a directory; pass --out FILE, a file in it (e.g. \(folder)/programs.sfidx)\n")
        let slash = CLIFixture.directory + "/new-dir/"
        #expect(CLIFixture.run(["index", "--corpus", corpus, "--out", slash]).err
                == "error: cannot write index file \(slash): it names a directory; pass --out FILE, a file in it (e.g. \(slash)programs.sfidx)\n")
        let underFile = corpus + "/x.sfidx"
        #expect(CLIFixture.run(["index", "--corpus", corpus, "--out", underFile]).err
                == "error: cannot write index file \(underFile): \(corpus) is not a directory; pass --out FILE in a directory\n")
        #expect(CLIFixture.run(["index", "--corpus", corpus, "--out", corpus + "/"]).err
                == "error: cannot write index file \(corpus)/: \(corpus) is not a directory; pass --out FILE in a directory\n")
        let deeper = corpus + "/sub/x.sfidx"
        #expect(CLIFixture.run(["index", "--corpus", corpus, "--out", deeper]).err
                == "error: cannot write index file \(deeper): its directory \(corpus)/sub cannot be reached (Not a directory); pass --out FILE in a directory you can write to\n")
        #expect(!FileManager.default.fileExists(atPath: CLIFixture.directory + "/no-such-dir"))
    }

    @Test("blank query text is no text: `search \"\"`, `search \"   \"` and a bare search answer alike, on the command line and in a batch")
    func blankText() throws {
        let index = CLIFixture.indexPath
        /// The output without its timing.
        func untimed(_ s: String) -> String { s.replacingOccurrences(of: #""took_ms":[0-9.e+-]+"#, with: "", options: .regularExpression) }
        let bare = CLIFixture.run(["search", "--index", index, "--limit", "3", "--format", "json"])
        #expect(bare.code == 0 && bare.out.contains("\"took_ms\":"))
        for blank in ["", "   ", "\t \n"] {
            let r = CLIFixture.run(["search", "--index", index, "--limit", "3", "--format", "json", blank])
            #expect(r.code == 0 && untimed(r.out) == untimed(bare.out), "\(blank.debugDescription): \(r.err)")
        }
        let batch = CLIFixture.directory + "/blank-batch.jsonl"
        try "{\"id\":1,\"text\":\"  \",\"limit\":3}\n{\"id\":2,\"limit\":3}\n".write(toFile: batch, atomically: true, encoding: .utf8)
        let b = CLIFixture.run(["search", "--index", index, "--batch", batch])
        let lines = b.out.split(separator: "\n").map { untimed(String($0)).replacingOccurrences(of: "\"id\":\"1\"", with: "\"id\":\"2\"") }
        #expect(b.code == 0 && lines.count == 2 && lines[0] == lines[1], "\(b.out)\(b.err)")
    }

    @Test("a CIP prefix no program of the index has: the empty answer says so and lists the families it has")
    func absentCIPFamily() throws {
        let r = CLIFixture.search(["nursing", "--cip", "99"])
        #expect(r.code == 0)
        let reader = try IndexReader(path: CLIFixture.indexPath)
        let families = reader.terms.termEntries(withPrefix: "cip:").compactMap { reader.terms.termString(at: $0) }
            .filter { $0.utf8.count == 6 }.map { String($0.dropFirst(4)) }
        #expect(!families.isEmpty && !families.contains("99"))
        let said = r.out.split(separator: "\n").drop { !$0.hasPrefix("(no program in this index") }.joined(separator: " ")
        #expect(said == "(no program in this index has a CIP code starting 99; its families: \(families.joined(separator: ", ")))")
        // A family the index has, with words nothing matches there: no such line.
        let present = CLIFixture.search(["zzqqxxyy", "--cip", families[0], "--exact"])
        #expect(present.code == 0 && present.out.contains("\n0 matches for"))
        #expect(!present.out.contains("no program in this index has a CIP code"))
    }
}

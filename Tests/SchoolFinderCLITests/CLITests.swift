import BenchmarkKit
import Corpus
import Foundation
import IndexFormat
import SchoolFinderCLI
import Search
import TestSupport
import Testing

/// Runs the CLI in-process against an index built from a generated sample corpus: 12,000
/// deterministic records (the generator the benchmarks use), so these tests pin the CLI's
/// behaviour on fixed data; `RealCorpusCLITests` runs the commands on the real corpus.
enum CLIFixture {
    static let projectRoot = ProjectPaths.root
    static let directory = ProjectPaths.temporaryDirectory("cli-tests")

    /// The generated sample corpus (JSONL with its header line).
    static let corpusPath: String = {
        let path = directory + "/sample.jsonl"
        let io = CommandIO()
        let code = SchoolFinderCommand.run(["generate", "--records", "12000", "--seed", "20260101", "--zips", ProjectPaths.zipTable, "--out", path], io: io)
        precondition(code == 0, "generating the sample corpus failed: \(io.standardError)")
        return path
    }()

    /// The sample corpus, indexed once for all CLI tests, with the shared ZIP table.
    static let indexPath: String = {
        let path = directory + "/programs.sfidx"
        let io = CommandIO()
        let code = SchoolFinderCommand.run(["index", "--corpus", corpusPath, "--zips", ProjectPaths.zipTable, "--out", path], io: io)
        precondition(code == 0, "indexing the sample corpus failed: \(io.standardError)")
        return path
    }()

    static func run(_ args: [String]) -> (code: Int32, out: String, err: String) {
        let io = CommandIO()
        let code = SchoolFinderCommand.run(args, io: io)
        return (code, io.standardOutput, io.standardError)
    }

    static func search(_ args: [String]) -> (code: Int32, out: String, err: String) {
        run(["search", "--index", indexPath] + args)
    }
}

@Suite("CLI: the issue's example commands")
struct CLIExampleTests {
    @Test("the generated sample corpus indexes with no skipped rows and says it is sample data")
    func sampleCorpus() throws {
        let io = CommandIO()
        let code = SchoolFinderCommand.run(["index", "--corpus", CLIFixture.corpusPath, "--zips", ProjectPaths.zipTable, "--out", CLIFixture.directory + "/again.sfidx"], io: io)
        #expect(code == 0)
        #expect(io.standardError == "")
        #expect(io.standardOutput.hasPrefix("indexed 12000 programs"))
        let reader = try IndexReader(path: CLIFixture.indexPath)
        #expect(reader.isSampleData && reader.note.contains("SAMPLE DATA"))
        #expect(reader.zips.count > 40_000)
    }

    @Test("table: header with total, place and time, then a three-line card per hit within 100 columns")
    func table() {
        let r = CLIFixture.search(["--zip", "60601", "--radius", "50", "--level", "bachelor,master", "health", "information"])
        #expect(r.code == 0)
        let lines = r.out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0].hasPrefix("NOTE: SAMPLE DATA"))
        let header = lines.first { $0.contains(" matches for ") } ?? ""
        #expect(header.contains("matches for \"health information\", near 60601 (Chicago, IL), within 50 mi, level bachelor|master in"))
        #expect(lines.allSatisfy { $0.count <= 100 }, "a line is wider than 100 columns")
        // Cards: "N. Title (CIP) — Level", then "Institution, City, ST · D mi", facts, then "id … · score …".
        let total = Int(header.split(separator: " ")[0].filter(\.isNumber))!
        let heads = lines.filter { $0.first?.isNumber == true && $0.contains(" — ") }
        #expect(total > 0 && heads.count == min(10, total))
        for head in heads { #expect(head.hasSuffix("— Bachelor's") || head.hasSuffix("— Master's"), "\(head)") }
        let places = lines.filter { $0.hasPrefix("   ") && $0.hasSuffix(" mi") }
        #expect(places.count == heads.count)
        for place in places {
            let miles = Double(place.split(separator: "·").last!.dropLast(3).trimmingCharacters(in: .whitespaces))!
            #expect(miles <= 50)
        }
        #expect(lines.filter { $0.hasPrefix("   id ") && $0.contains(" · score ") }.count == heads.count)
    }

    @Test("json: one document with the query echo, total, and every record field plus score and distance")
    func json() throws {
        let r = CLIFixture.search(["--lat", "41.88", "--lon", "-87.63", "--radius", "25", "bioinformatics", "--format", "json"])
        #expect(r.code == 0)
        let v = try JSONValue.parse(r.out)
        #expect(v["query"]?["text"] == .string("bioinformatics"))
        #expect(v["query"]?["radius_mi"] == .number(25))
        #expect(v["sample_data"] == .bool(true))
        guard case let .array(hits)? = v["hits"], case let .number(total)? = v["total"] else { Issue.record("no hits/total"); return }
        #expect(Int(total) >= hits.count)
        for h in hits {
            for key in ["id", "institution_id", "institution", "city", "state", "zip", "lat", "lon", "cip", "title", "description",
                        "level", "accreditors", "delivery", "preaccreditors", "institution_accreditors", "website", "control",
                        "completers", "median_earnings", "median_debt", "score", "distance_mi"] {
                #expect(h[key] != nil, "hit lacks \(key)")
            }
            #expect((h["distance_mi"]?.numberValue ?? 99) <= 25)
            #expect(h["cip"] == .string("26.1103"))
        }
    }

    @Test("csv: header plus one row per hit; filters by state, CIP and accreditor hold")
    func csv() {
        let r = CLIFixture.search(["--state", "TX", "--cip", "51.07", "--accredited", "CAHIIM", "health", "information", "--format", "csv", "--limit", "50"])
        #expect(r.code == 0)
        let lines = r.out.split(separator: "\n")
        #expect(lines[0].hasPrefix("rank,id,title,level,institution_id,institution,city,state,zip"))
        #expect(lines.count > 1)
        for line in lines.dropFirst() {
            #expect(line.contains(",TX,"))
            #expect(line.contains(",51.07"))
            #expect(line.contains("CAHIIM"))
        }
    }

    @Test("distance sort: hits in non-decreasing miles; zip lookup prints the centroid")
    func distanceAndZip() {
        let r = CLIFixture.search(["--zip", "94103", "--radius", "100", "--sort", "distance", "--level", "associate", "--format", "csv", "--limit", "40"])
        #expect(r.code == 0)
        let miles = r.out.split(separator: "\n").dropFirst().map { line -> Double in
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            return Double(f[f.count - 3])!
        }
        #expect(!miles.isEmpty && miles == miles.sorted() && miles.allSatisfy { $0 <= 100 })
        let z = CLIFixture.run(["zip", "60601", "--index", CLIFixture.indexPath])
        #expect(z.code == 0 && z.out == "60601  Chicago, IL  lat 41.886456  lon -87.62325\n")
    }

    @Test("batch: one result line per query, bad lines answered with an error for their id")
    func batch() throws {
        let file = CLIFixture.directory + "/q.jsonl"
        let lines = [
            #"{"id":"a","text":"health information","zip":"60601","radius_mi":50,"levels":["bachelor","master"],"limit":3}"#,
            #"{"id":"b","zip":"99999","radius_mi":10}"#,
            #"not json"#,
            #"{"id":"d","text":"nursing","states":["IL"],"sort":"id","limit":2}"#,
        ]
        try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let r = CLIFixture.search(["--batch", file, "--format", "jsonl", "--timing"])
        #expect(r.code == 0)
        let out = try r.out.split(separator: "\n").map { try JSONValue.parse(String($0)) }
        #expect(out.count == 4)
        #expect(out[0]["id"] == .string("a") && out[0]["total"] != nil && out[0]["took_us"] != nil)
        #expect(out[0]["sample_data"] == .bool(true))
        #expect(out[1]["error"]?.stringValue?.contains("99999") == true)
        #expect(out[2]["error"]?.stringValue?.contains("q.jsonl:3") == true)
        if case let .array(hits)? = out[3]["hits"] { #expect(hits.count == 2) } else { Issue.record("no hits for d") }
        // The same query gives the same hits through the CLI and through batch.
        let single = CLIFixture.search(["health", "information", "--zip", "60601", "--radius", "50", "--level", "bachelor,master", "--limit", "3", "--format", "json"])
        let v = try JSONValue.parse(single.out)
        if case let .array(a)? = v["hits"], case let .array(b)? = out[0]["hits"] {
            #expect(a.map { $0["id"] } == b.map { $0["id"] })
        }
    }
}

@Suite("CLI: places in batch lines")
struct CLIBatchPlaceTests {
    @Test("a batch line's \"near\" takes a ZIP or a city, as --near does; an ambiguous city is that line's error")
    func near() throws {
        let file = CLIFixture.directory + "/near.jsonl"
        try [#"{"id":"city","text":"nursing","near":"Chicago, IL","radius_mi":25,"limit":3}"#,
             #"{"id":"zip","text":"nursing","near":"60601","radius_mi":25,"limit":3}"#,
             #"{"id":"vague","text":"nursing","near":"Springfield"}"#].joined(separator: "\n")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let r = CLIFixture.search(["--batch", file])
        #expect(r.code == 0)
        let out = try r.out.split(separator: "\n").map { try JSONValue.parse(String($0)) }
        #expect(out.count == 3 && out[0]["error"] == nil && out[1]["error"] == nil)
        let single = try JSONValue.parse(CLIFixture.search(["nursing", "--near", "Chicago, IL", "--radius", "25", "--limit", "3", "--format", "json"]).out)
        #expect(out[0]["total"] == single["total"])
        if case let .array(a)? = single["hits"], case let .array(b)? = out[0]["hits"] { #expect(a.map { $0["id"] } == b.map { $0["id"] }) }
        #expect(out[2]["error"]?.stringValue?.contains("add the state") == true)
    }
}

@Suite("CLI: the benchmark's query mix as batch input")
struct CLIQueryMixTests {
    @Test("every line the bench writes (--write-queries) answers through `search --batch` as the searcher answers it in-process")
    func mixThroughBatch() throws {
        let reader = try IndexReader(path: CLIFixture.indexPath)
        let zipPath = ProjectPaths.zipTable
        let zips = try ZipTable.read(FileBytes.read(zipPath), path: zipPath).0
        let vocabulary = (0 ..< reader.terms.count).compactMap { reader.terms.termString(at: $0) }.filter { !$0.contains(":") }
        let mix = QueryMix(count: 140, seed: 77, vocabulary: vocabulary, zips: zips)
        let file = CLIFixture.directory + "/mix.jsonl"
        try mix.items.enumerated().map { QueryMix.batchLine($0.element, id: $0.offset) }.joined(separator: "\n")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let r = CLIFixture.search(["--batch", file, "--format", "jsonl"])
        #expect(r.code == 0)
        let out = try r.out.split(separator: "\n").map { try JSONValue.parse(String($0)) }
        #expect(out.count == mix.items.count)
        let searcher = Searcher(reader: reader)
        for (i, line) in out.enumerated() {
            #expect(line["error"] == nil, "line \(i): \(line["error"]?.stringValue ?? "")")
            let expected = try searcher.search(mix.items[i].query)
            #expect(line["total"]?.numberValue == Double(expected.total), "line \(i)")
            guard case let .array(hits)? = line["hits"] else { Issue.record("line \(i) has no hits"); continue }
            #expect(hits.map { $0["id"]?.stringValue } == expected.hits.map { reader.id(rank: Int(reader.rows.rank($0.document))) }, "line \(i)")
        }
    }
}

@Suite("CLI: bad input gets one clear line and exit code 2")
struct CLIErrorTests {
    @Test("each bad input names the value and the fix", arguments: [
        (["--zip", "00000", "--radius", "5"], "--zip 00000 is not in the ZIP table"),
        (["--zip", "6060", "x"], "--zip \"6060\" is not a 5-digit ZIP code"),
        (["--zip", "60601", "--radius", "-5"], "--radius \"-5\" is not valid"),
        (["--zip", "60601", "--radius", "nan"], "--radius \"nan\" is not valid"),
        (["--level", "phd2", "x"], "--level \"phd2\" is not an award level; accepted: certificate"),
        (["--radius", "10", "x"], "--radius needs a point"),
        (["--lat", "41"], "--lat and --lon go together"),
        (["--lat", "91", "--lon", "0"], "--lat \"91\" is not a latitude"),
        (["--state", "XX"], "--state \"XX\" is not a USPS state code"),
        (["--cip", "51.7"], "--cip \"51.7\" is not a CIP prefix"),
        (["--sort", "distance"], "--sort distance needs a point"),
        (["--sort", "best"], "--sort \"best\" is not one of blended, relevance, distance, id"),
        (["--limit", "-1"], "--limit \"-1\" is not valid"),
        (["--format", "xml"], "--format \"xml\" is not one of table, json, csv, jsonl"),
        (["--radious", "5"], "unknown option '--radius'"),
        (["--delivery", "mail"], "--delivery \"mail\" is not one of campus, online, hybrid, unknown"),
        (["!!!"], "query text \"!!!\" has no searchable words"),
    ] as [([String], String)])
    func searchErrors(args: [String], message: String) {
        let r = CLIFixture.search(args)
        #expect(r.code == 2)
        #expect(r.out == "")
        #expect(r.err.hasPrefix("error: "))
        #expect(r.err.split(separator: "\n").count == 1, "not one line: \(r.err)")
        if message.hasPrefix("unknown option") {
            #expect(r.err.contains("unknown option '--radious'") && r.err.contains("Did you mean '--radius'?"))
        } else {
            #expect(r.err.contains(message), "got: \(r.err)")
        }
    }

    @Test("a missing index file says how to build it")
    func missingIndex() {
        let r = CLIFixture.run(["search", "--index", "/nonexistent/dir/x.sfidx", "health"])
        #expect(r.code == 2)
        #expect(r.err == "error: index file /nonexistent/dir/x.sfidx does not exist; build it with `schoolfinder index --out /nonexistent/dir/x.sfidx`\n")
    }

    @Test("a corrupt index file is refused in one line naming the damage")
    func corruptIndex() throws {
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: CLIFixture.indexPath)))
        bytes[40] ^= 0xFF
        let path = CLIFixture.directory + "/corrupt.sfidx"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let r = CLIFixture.run(["search", "--index", path, "health"])
        #expect(r.code == 2)
        #expect(r.err == "error: \(path) is corrupt in section HEADER: header checksum mismatch; rebuild it with `schoolfinder index --out \(path)`\n")
        let garbage = CLIFixture.directory + "/garbage.sfidx"
        try Data("not an index".utf8).write(to: URL(fileURLWithPath: garbage))
        let g = CLIFixture.run(["search", "--index", garbage, "health"])
        #expect(g.code == 2 && g.err.contains("is not a schoolfinder index"))
        // Any file can be named by mistake: the hint must not offer to write over it.
        #expect(g.err == "error: \(garbage) is not a schoolfinder index (bad magic number); point --index at a .sfidx file (`schoolfinder index --out FILE.sfidx` builds one)\n")
    }

    @Test("a damaged CELLS block refuses queries with a point in one line (no wrong count); text alone still answers")
    func damagedCells() throws {
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: CLIFixture.indexPath)))
        let cells = try IndexReader(path: CLIFixture.indexPath).sections.first { $0.section == .cells }!
        bytes[cells.offset + cells.length / 2] ^= 0x10 // a cell's key or range; BLOCKSUMS left as it was
        let path = CLIFixture.directory + "/cells.sfidx"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let block = (cells.length / 2) / IndexLayout.checksumBlockSize * IndexLayout.checksumBlockSize
        let end = min(cells.length, block + IndexLayout.checksumBlockSize)
        for place in [["--lat", "41.88", "--lon", "-87.63", "--radius", "50"], ["--lat", "41.88", "--lon", "-87.63"]] {
            let r = CLIFixture.run(["search", "--index", path, "health"] + place)
            #expect(r.code == 2 && r.out.isEmpty, "\(place)")
            #expect(r.err == "error: \(path) is damaged: CELLS block \(block / IndexLayout.checksumBlockSize) (bytes \(block)..<\(end)) fails its checksum; rebuild it with `schoolfinder index --out \(path)` (and run `schoolfinder check \(path)`)\n")
        }
        let text = CLIFixture.run(["search", "--index", path, "health"])
        #expect(text.code == 0 && text.out.contains("matches for \"health\""))
    }

    @Test("check: exit 0 on a sound index, 1 naming the damaged section")
    func check() throws {
        let ok = CLIFixture.run(["check", CLIFixture.indexPath])
        #expect(ok.code == 0 && ok.out.contains("ok: all \(IndexLayout.Section.allCases.count) sections verified"))
        #expect(ok.out.hasPrefix("checking \(CLIFixture.indexPath) (format \(IndexLayout.formatVersion))\n"))
        #expect(ok.out.contains("LENGTHS"))
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: CLIFixture.indexPath)))
        let zips = try IndexReader(path: CLIFixture.indexPath).sections.first { $0.section == .zips }!
        bytes[zips.offset + zips.length / 2] ^= 0x10
        let path = CLIFixture.directory + "/flipped.sfidx"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let bad = CLIFixture.run(["check", path])
        #expect(bad.code == 1)
        #expect(bad.out.contains("ZIPS") && bad.out.contains("DAMAGED: checksum mismatch"))
    }

    @Test("unknown commands and help")
    func commands() {
        let r = CLIFixture.run(["serch"])
        #expect(r.code == 2 && r.err.contains("unknown command 'serch'; did you mean 'search'?"))
        // No guess when nothing is near; a prefix of one option is that option; a far one is no option.
        let far = CLIFixture.run(["frobnicate"])
        #expect(far.code == 2 && far.err.hasPrefix("error: unknown command 'frobnicate'. Commands: ") && !far.err.contains("did you mean"))
        #expect(CLIFixture.run(["search", "--lim", "3", "nursing"]).err.contains("unknown option '--lim' for search. Did you mean '--limit'?"))
        let json = CLIFixture.run(["search", "--json", "nursing"])
        #expect(json.code == 2 && json.err.contains("unknown option '--json' for search. (see") && !json.err.contains("Did you mean"))
        let h = CLIFixture.run(["search", "--help"])
        #expect(h.code == 0)
        for o in ["--zip", "--lat", "--lon", "--radius", "--level", "--state", "--cip", "--accredited", "--delivery", "--sort", "--limit", "--offset", "--format", "--batch"] {
            #expect(h.out.contains(o))
        }
        #expect(CLIFixture.run([]).out.contains("COMMANDS:"))
    }
}

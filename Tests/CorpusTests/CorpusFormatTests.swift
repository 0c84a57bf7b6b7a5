import Foundation
import TestSupport
@testable import Corpus
import Testing

@Suite("JSONL corpus format")
struct JSONLFormatTests {
    static let good = ProgramRecord(id: "R1", institutionID: "I1", institutionName: "Sample College of Springfield", city: "Springfield",
                                    state: "IL", zip: "62701", latitude: 39.8, longitude: -89.65, cipCode: "51.0707",
                                    title: "Health Information/Medical Records Technology/Technician",
                                    description: "Line one.\nQuote \" and tab\t and café.", level: .associate,
                                    accreditors: ["CAHIIM"], delivery: .hybrid)

    @Test("a record survives write then read unchanged (round trip)")
    func roundTrip() {
        let text = JSONLRecordFormat.line(for: SampleCorpusGenerator.header) + "\n" + JSONLRecordFormat.line(for: Self.good) + "\n"
        let result = JSONLRecordFormat.read(Array(text.utf8), path: "p.jsonl")
        #expect(result.records == [Self.good])
        #expect(result.header == SampleCorpusGenerator.header)
        #expect(result.report.skippedCount == 0)
    }

    @Test("malformed lines are skipped and reported with file:line and the reason")
    func malformed() {
        let lines = [
            JSONLRecordFormat.line(for: Self.good),
            "{\"id\":\"R2\"", // truncated
            "[1,2]",
            "{\"id\":\"R3\",\"institution\":\"X\",\"state\":\"IL\",\"lat\":1,\"lon\":2,\"cip\":\"51.0707\",\"title\":\"T\",\"level\":\"phd2\"}",
            "{\"id\":\"R4\",\"institution\":\"X\",\"state\":\"Illinois\",\"lat\":1,\"lon\":2,\"cip\":\"51.0707\",\"title\":\"T\",\"level\":\"BS\"}",
            "{\"id\":\"R5\",\"institution\":\"X\",\"state\":\"IL\",\"lat\":91,\"lon\":2,\"cip\":\"51.0707\",\"title\":\"T\",\"level\":\"BS\"}",
            "{\"id\":\"R6\",\"institution\":\"X\",\"state\":\"IL\",\"lat\":1,\"lon\":2,\"cip\":\"5107\",\"title\":\"T\",\"level\":\"BS\"}",
            "",
            "{\"id\":\"R7\",\"institution\":\"X\",\"state\":\"il\",\"lat\":1,\"lon\":2,\"cip\":\"51.07\",\"title\":\"T\",\"level\":\"Bachelors\",\"delivery\":\"Online\"}",
        ]
        let result = JSONLRecordFormat.read(Array(lines.joined(separator: "\r\n").utf8), path: "c.jsonl")
        #expect(result.records.map(\.id) == ["R1", "R7"])
        #expect(result.records[1].level == .bachelor && result.records[1].state == "IL" && result.records[1].cipCode == "51.0700")
        let reasons = result.report.skipped.map(\.description)
        #expect(reasons.count == 6)
        #expect(reasons[0].hasPrefix("c.jsonl:2: invalid JSON"))
        #expect(reasons[1] == "c.jsonl:3: expected a JSON object per line")
        #expect(reasons[2].hasPrefix("c.jsonl:4: level \"phd2\" is not an award level"))
        #expect(reasons[3].hasPrefix("c.jsonl:5: state \"ILLINOIS\""))
        #expect(reasons[4].hasPrefix("c.jsonl:6: lat/lon"))
        #expect(reasons[5].hasPrefix("c.jsonl:7: cip \"5107\""))
    }

    @Test("award level spellings", arguments: [
        ("bachelors", AwardLevel.bachelor), ("BS", .bachelor), ("B.A.", .bachelor), ("AAS", .associate), ("AS", .associate),
        ("MS", .master), ("Masters", .master), ("phd", .doctorate), ("Ph.D.", .doctorate), ("post-bacc", .postbaccCertificate),
        ("cert", .certificate), ("postmaster-certificate", .postmasterCertificate),
    ])
    func levels(text: String, level: AwardLevel) { #expect(AwardLevel(parsing: text) == level) }

    @Test("unknown award levels are refused", arguments: ["phd2", "", "grad", "bachelor of arts"])
    func badLevels(text: String) { #expect(AwardLevel(parsing: text) == nil) }

    @Test("CIP normalisation", arguments: [
        ("51.0707", "51.0707"), ("=\"51.0707\"", "51.0707"), ("1.0000", "01.0000"), ("510707", "51.0707"), ("51.07", "51.0700"),
    ])
    func cip(raw: String, code: String) { #expect(CIPCode.normalize(raw) == code) }

    @Test("a level's and a delivery's file code is its position in allCases, and reads back; raw values and valid CIP codes parse as themselves")
    func fileCodes() {
        for (i, level) in AwardLevel.allCases.enumerated() {
            #expect(Int(level.code) == i && AwardLevel(code: level.code) == level)
            // The raw value takes a shortcut; spelt otherwise it goes through the aliases, which
            // must agree (so the shortcut changes no answer).
            #expect(AwardLevel(parsing: level.rawValue) == level)
            #expect(AwardLevel(parsing: level.rawValue.uppercased()) == level, "\(level.rawValue)")
        }
        for code in ["51.0707", " 51.0707", "=\"51.0707\"", "51.07", "5.1", "510707"] {
            #expect(CIPCode.normalize(code).map(CIPCode.isValid) == true, "\(code)")
        }
        #expect(CIPCode.normalize("51.0707") == "51.0707" && CIPCode.normalize("5.1") == "05.1000")
        for (i, delivery) in Delivery.allCases.enumerated() {
            #expect(Int(delivery.code) == i && Delivery(code: delivery.code) == delivery)
        }
    }

    @Test("IPEDS AWLEVEL codes map to levels")
    func awlevel() {
        #expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 17, 18, 19, 20, 21].map { AwardLevel(ipedsAWLEVEL: $0)! } ==
            [.certificate, .certificate, .associate, .certificate, .bachelor, .postbaccCertificate, .master,
             .postmasterCertificate, .doctorate, .doctorate, .doctorate, .doctorate, .certificate, .certificate])
        #expect(AwardLevel(ipedsAWLEVEL: 10) == nil)
    }
}

@Suite("JSON parser")
struct JSONParserTests {
    @Test("numbers equal strtod's (Double(String)) bit for bit: decimals read exactly, and the ones past the exact path (property)")
    func numbersMatchStrtod() throws {
        func check(_ text: String) throws {
            guard case let .number(n) = try JSONValue.parse(text), let want = Double(text) else {
                Issue.record("\(text) did not parse as a number"); return
            }
            #expect(n.bitPattern == want.bitPattern, "\(text): \(n) vs \(want)")
        }
        // Edges of the exact path: signed zeros, 2⁵³ ± 1, 18 and 19 digits, 22 and 23 fraction
        // digits, exponents, classic inexact decimals.
        for text in ["0", "-0", "0.0", "-0.0", "1", "-1", "0.1", "0.3", "-0.5", "41.423581", "-75.634492", "9007199254740991",
                     "9007199254740992", "9007199254740993", "123456789012345678", "1234567890123456789", "0.0000000000000000000001",
                     "0.00000000000000000000001", "1.0000000000000000000001", "17976931348623157e292", "1e5", "-2.5E-3", "4e-400",
                     "0.30000000000000004", "100000000000000000000000", "3.141592653589793238"] {
            try check(text)
        }
        var rng = SplitMix64(seed: 11)
        for _ in 0 ..< 20_000 {
            let digits = 1 + rng.below(19)
            var text = rng.below(2) == 0 ? "" : "-"
            let point = rng.below(digits + 1)
            for k in 0 ..< digits {
                if k == point && k > 0 { text += "." }
                text += String(k == 0 && digits > 1 && point != 1 ? 1 + rng.below(9) : rng.below(10))
            }
            try check(text)
        }
    }

    @Test("parses and escapes round-trip")
    func roundTrip() throws {
        var w = JSONWriter()
        w.beginObject()
        w.field("s", "a\"b\\c\n\u{1}é😀")
        w.field("n", 1.5)
        w.field("i", 3)
        w.field("a", ["x", "y"])
        w.endObject()
        let v = try JSONValue.parse(w.text)
        #expect(v["s"] == .string("a\"b\\c\n\u{1}é😀"))
        #expect(v["n"] == .number(1.5) && v["i"] == .number(3))
        #expect(v["a"] == .array([.string("x"), .string("y")]))
        #expect(try JSONValue.parse("\"\\ud83d\\ude00\"") == .string("😀"))
    }

    @Test("quoting equals a scalar-by-scalar reference on random strings of quotes, backslashes, controls, ASCII and non-ASCII, and parses back (property)")
    func quotingMatchesReference() throws {
        // The reference: each scalar escaped or appended on its own.
        func reference(_ s: String) -> String {
            var out = "\""
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                default:
                    if scalar.value < 0x20 {
                        let hex = String(scalar.value, radix: 16)
                        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
            return out + "\""
        }
        let pieces = ["\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1}", "\u{1F}", " ", "a", "Health", "é", "😀", "\u{7F}", "中文", "\u{2028}"]
        var rng = SplitMix64(seed: 0x0071)
        for trial in 0 ..< 2_000 {
            let s = (0 ..< rng.below(12)).map { _ in rng.pick(pieces) }.joined()
            var out = ""
            JSONWriter.appendQuoted(s, to: &out)
            #expect(out == reference(s), "trial \(trial): \(s.debugDescription)")
            #expect(try JSONValue.parse(out) == .string(s))
        }
    }

    @Test("a string's plain run (eight bytes a step) ends where a byte-by-byte scan ends it, and knows whether it was ASCII (property)")
    func plainRunMatchesByteScan() {
        let palette: [UInt8] = [0x22, 0x5C, 0x00, 0x01, 0x1F, 0x20, 0x21, 0x23, 0x5B, 0x5D, 0x7F, 0x80, 0xA9, 0xC3, 0xFF, 0x61, 0x41, 0x30]
        var rng = SplitMix64(seed: 0x0072)
        for trial in 0 ..< 5_000 {
            // Mostly letters, so runs cross several eight-byte words before a byte stops them.
            let bytes: [UInt8] = (0 ..< rng.below(40)).map { _ in rng.below(6) == 0 ? rng.pick(palette) : UInt8(0x61 + rng.below(26)) }
            let start = rng.below(bytes.count + 1)
            var end = start, ascii = true
            while end < bytes.count, bytes[end] != 0x22, bytes[end] != 0x5C, bytes[end] >= 0x20 { ascii = ascii && bytes[end] < 0x80; end += 1 }
            let run = bytes.withUnsafeBufferPointer { JSONParser.plainRun($0, from: start) }
            #expect(run.end == end && run.ascii == ascii, "trial \(trial): \(bytes) from \(start)")
        }
    }

    @Test("rejects malformed JSON without crashing", arguments: [
        "", "{", "{\"a\":}", "[1,]", "{\"a\" 1}", "\"\\ud800\"", "\"abc", "01x", "nul", "{\"a\":1}x", "\"\u{1}\"",
        String(repeating: "[", count: 10_000),
    ])
    func rejects(text: String) {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(text) }
    }

    @Test("invalid UTF-8 inside a string is an error, not a crash")
    func invalidUTF8() {
        #expect(throws: JSONParseError.self) { try JSONValue.parse([0x22, 0xFF, 0xFE, 0x22]) }
    }
}

@Suite("ZIP table and sample generator")
struct ZipAndGeneratorTests {
    @Test("ZIP normalisation", arguments: [("60601", "60601"), ("60601-1234", "60601"), (" 02139 ", "02139")])
    func normalize(text: String, zip: String) { #expect(ZipTable.normalize(text) == zip) }

    @Test("bad ZIPs are refused", arguments: ["6060", "606011", "60601-12", "abcde", "", "60601-abcd"])
    func badZip(text: String) { #expect(ZipTable.normalize(text) == nil) }

    @Test("ZIP table rows: malformed reported, sorted, duplicates dropped")
    func table() throws {
        let text = "zip\tcity\tstate\tlat\tlon\n60602\tChicago\tIL\t41.88\t-87.63\n60601\tChicago\tIL\t41.886456\t-87.62325\nbad\n1234\tX\tIL\t1\t2\n60601\tDup\tIL\t1\t2\n"
        let (zips, report) = try ZipTable.read(Array(text.utf8), path: "z.tsv")
        #expect(zips.map(\.zip) == ["60601", "60602"])
        #expect(report.skipped.map(\.line) == [4, 5])
    }

    @Test("the generator is deterministic, valid, marked as sample, and unique per id")
    func generator() {
        let zips = [ZipCentroid(zip: "60601", city: "CHICAGO", state: "IL", latitude: 41.886456, longitude: -87.62325),
                    ZipCentroid(zip: "94103", city: "San Francisco", state: "CA", latitude: 37.77, longitude: -122.41)]
        let a = SampleCorpusGenerator(zips: zips, seed: 7).generate(count: 500)
        let b = SampleCorpusGenerator(zips: zips, seed: 7).generate(count: 500)
        let c = SampleCorpusGenerator(zips: zips, seed: 8).generate(count: 500)
        #expect(a == b)
        #expect(a != c)
        #expect(a.count == 500 && Set(a.map(\.id)).count == 500)
        #expect(a.allSatisfy { $0.validationProblem == nil && $0.institutionName.hasPrefix("Sample") })
        #expect(Set(a.map(\.cipCode)).count > 10)
        #expect(a.contains { $0.accreditors.contains("CAHIIM") })
    }
}

/// Reading a JSON Lines file in pieces gives what reading it whole gives: records, header,
/// and every skipped line with its number, whatever the piece size.
@Suite("JSON Lines read in pieces")
struct JSONLPieceReadTests {
    @Test("pieces put back together are the file; each but the last ends with a line feed; a one-byte piece size cuts after every line",
          arguments: [true, false])
    func piecesRebuildTheFile(mapping: Bool) throws {
        var rng = SplitMix64(seed: 0x0073)
        let directory = ProjectPaths.temporaryDirectory("file-pieces")
        for trial in 0 ..< 60 {
            // Lines of 0–60 bytes (some longer than a piece), with or without a final line feed.
            var bytes: [UInt8] = []
            for _ in 0 ..< rng.below(30) {
                bytes += (0 ..< rng.below(60)).map { _ in UInt8(0x61 + rng.below(26)) }
                bytes.append(0x0A)
            }
            if rng.below(2) == 0 { bytes += [0x7A, 0x7A] }
            let path = directory + "/p\(trial)-\(mapping).txt"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let feeds = bytes.filter { $0 == 0x0A }.count
            for pieceBytes in [1, 5, 16, 1 << 20] {
                var pieces: [[UInt8]] = [], firsts: [Bool] = []
                try FileBytes.forEachPiece(path, pieceBytes: pieceBytes, mapping: mapping) { piece, isFirst, size in
                    pieces.append(Array(piece))
                    firsts.append(isFirst)
                    #expect(size == bytes.count)
                }
                #expect(Array(pieces.joined()) == bytes, "trial \(trial), pieces of \(pieceBytes)")
                #expect(firsts == [true] + Array(repeating: false, count: pieces.count - 1))
                for piece in pieces.dropLast() { #expect(piece.last == 0x0A) }
                // A mapped piece is at most the piece size, or one line longer than it.
                if mapping { for piece in pieces { #expect(piece.count <= pieceBytes || !piece.dropLast().contains(0x0A), "trial \(trial), pieces of \(pieceBytes)") } }
                if pieceBytes == 1 {
                    #expect(pieces.count == max(1, feeds + (bytes.last == 0x0A || bytes.isEmpty ? 0 : 1)), "trial \(trial)")
                }
            }
        }
    }

    @Test("a pipe (no size, not mapped) is read in pieces that put back together are what was written")
    func pipeReadsInPieces() throws {
        let path = ProjectPaths.temporaryDirectory("file-pieces") + "/fifo"
        _ = unlink(path)
        #expect(mkfifo(path, 0o600) == 0)
        defer { _ = unlink(path) }
        // Longer than a pipe's buffer and than `PieceReader.unknownSizeRead`, in lines of 1–120 bytes.
        var rng = SplitMix64(seed: 0x0074)
        var bytes: [UInt8] = []
        while bytes.count < 3 * PieceReader.unknownSizeRead {
            bytes += (0 ..< 1 + rng.below(120)).map { _ in UInt8(0x61 + rng.below(26)) }
            bytes.append(0x0A)
        }
        let written = bytes
        let writer = DispatchGroup()
        DispatchQueue.global().async(group: writer) {
            let fd = open(path, O_WRONLY)
            guard fd >= 0 else { return }
            written.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                    if n <= 0 { break }
                    offset += n
                }
            }
            close(fd)
        }
        var pieces: [[UInt8]] = []
        try FileBytes.forEachPiece(path, pieceBytes: 100_000) { piece, _, size in
            pieces.append(Array(piece))
            #expect(size == 0)
        }
        writer.wait()
        #expect(Array(pieces.joined()) == bytes)
        #expect(pieces.count > 2)
        for piece in pieces.dropLast() { #expect(piece.last == 0x0A && piece.count > 100_000 - 121) } // cut after the last whole line read
    }

    @Test("read(path:) in pieces of any size equals read(bytes:)")
    func piecesEqualWhole() throws {
        let good = JSONLRecordFormat.line(for: SampleCorpusGenerator(zips: [ZipCentroid(zip: "60601", city: "Chicago", state: "IL", latitude: 41.9, longitude: -87.6)], seed: 2).generate(count: 1)[0])
        var lines = ["\u{FEFF}" + JSONLRecordFormat.line(for: SampleCorpusGenerator.header)]
        for k in 0 ..< 40 {
            switch k % 7 {
            case 1: lines.append("{not json")
            case 2: lines.append("   ")
            case 3: lines.append(JSONLRecordFormat.line(for: SampleCorpusGenerator.header)) // header not first
            case 4: lines.append(good.replacingOccurrences(of: "\"id\":\"", with: "\"id\":\"k\(k)-") + "\r")
            default: lines.append(good.replacingOccurrences(of: "\"id\":\"", with: "\"id\":\"n\(k)-"))
            }
        }
        for ending in ["", "\n"] {
            let text = lines.joined(separator: "\n") + ending
            let path = ProjectPaths.temporaryDirectory("jsonl-pieces") + "/c.jsonl"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let whole = JSONLRecordFormat.read(Array(text.utf8), path: path)
            #expect(whole.records.count > 20 && whole.header != nil && !whole.report.skipped.isEmpty)
            for piece in [1, 7, 100, 1_000, 1 << 20] {
                for mapping in [true, false] { // the file mapped, or read as a pipe would be
                    let read = try JSONLRecordFormat.read(path: path, threads: 2, pieceBytes: piece, mapping: mapping)
                    #expect(read.records == whole.records, "piece \(piece), mapping \(mapping)")
                    #expect(read.header == whole.header, "piece \(piece)")
                    #expect(read.report.skipped.map(\.description) == whole.report.skipped.map(\.description), "piece \(piece)")
                    #expect(read.report.accepted == whole.report.accepted)
                }
            }
        }
        #expect(throws: CorpusError.self) { try JSONLRecordFormat.read(path: "/nonexistent/c.jsonl") }
    }
}

@Suite("Repeated strings")
struct RepeatedStringsTests {
    @Test("sharing never changes a value, and gives up on a field whose values are distinct")
    func sharingKeepsValues() {
        var sharing = RepeatedStrings()
        var rng = SplitMix64(seed: 5)
        for k in 0 ..< 10_000 {
            // Titles repeat (20 of them); descriptions are all distinct; short values stay inline.
            var title = "Program title number \(rng.next() % 20) of the catalog", description = "A distinct description \(k) of a program", city = "Troy"
            let (t, d, c) = (title, description, city)
            sharing.share(&title, as: .title)
            sharing.share(&description, as: .description)
            sharing.share(&city, as: .city)
            #expect(title == t && description == d && city == c)
        }
        #expect(sharing.isSharing(.title))
        #expect(!sharing.isSharing(.description))
        #expect(sharing.isSharing(.city)) // never looked up: "Troy" is inline
    }
}

@Suite("Record lines scanned by member")
struct RecordFieldsTests {
    @Test("every member name a record reads is found by its bytes, and no other name is")
    func memberNames() {
        for key in RecordKey.allCases {
            let bytes = Array(key.name.utf8)
            #expect(bytes.withUnsafeBufferPointer { RecordKey.named($0) } == key, "\(key.name)")
            for cut in [bytes.dropLast(), bytes + [0x73], [0x78] + bytes.dropFirst()] {
                let other = Array(cut)
                #expect(other.withUnsafeBufferPointer { RecordKey.named($0) } == nil, "\(String(decoding: other, as: UTF8.self))")
            }
        }
        for name in ["", "ID", "corpus", "note", "sample_data", "outcomes_cip_series", "lan", "zap"] {
            #expect(Array(name.utf8).withUnsafeBufferPointer { RecordKey.named($0) } == nil)
        }
    }

    /// Lines near a valid record: the scan (or its fall-back) must give exactly what parsing
    /// the whole line gives — the same record, the same problem text, the same header.
    @Test("a scanned line gives what the whole-line parse gives, on 6,000 mutated lines")
    func scanAgreesWithWholeLineParse() {
        let zips = [ZipCentroid(zip: "60601", city: "Chicago", state: "IL", latitude: 41.886456, longitude: -87.62325)]
        let bases = SampleCorpusGenerator(zips: zips, seed: 9).generate(count: 40).map(JSONLRecordFormat.line(for:))
            + [JSONLRecordFormat.line(for: JSONLFormatTests.good), JSONLRecordFormat.line(for: SampleCorpusGenerator.header)]
        let splices = ["{\"id\":\"dup\",", "\"id\":null,", "\"i\\u0064\":\"esc\",", "\"lat\":\"41.5\",", "\"lon\":\"west\",",
                       "\"completers\":12.5,", "\"completers\":-1,", "\"accreditors\":\"cahiim, abhes\",", "\"accreditors\":[1],",
                       "\"unknown\":{\"a\":[1,{\"b\":null}]},", "\"caf\u{E9}\":1,", "\"level\":\"BS\",", "\"level\":7,",
                       "\"corpus\":\"c\",", "\"title\":\"T\\\"q\\u00e9\",", "\"state\":\" ny \",", "\"cip\":51.07,", "  ", "\"note\":true,"]
        let bytesToPlant: [UInt8] = [0x22, 0x5C, 0x7B, 0x7D, 0x5B, 0x5D, 0x3A, 0x2C, 0xFF, 0xC3, 0x20, 0x6E, 0x75, 0x00, 0x31, 0x2D, 0x65]
        var rng = SplitMix64(seed: 12)
        var scanned = 0
        for k in 0 ..< 6_000 {
            var line = Array(bases[Int(rng.next() % UInt64(bases.count))].utf8)
            for _ in 0 ..< Int(rng.next() % 3) {
                switch rng.next() % 5 {
                case 0: // a member spliced in after the opening brace (or a new opening)
                    let splice = Array(splices[Int(rng.next() % UInt64(splices.count))].utf8)
                    if splice.first == 0x7B { line = splice + line.dropFirst() } else { line.insert(contentsOf: splice, at: 1) }
                case 1: line[Int(rng.next() % UInt64(line.count))] = bytesToPlant[Int(rng.next() % UInt64(bytesToPlant.count))]
                case 2: line.insert(bytesToPlant[Int(rng.next() % UInt64(bytesToPlant.count))], at: Int(rng.next() % UInt64(line.count + 1)))
                case 3: line = Array(line.prefix(Int(rng.next() % UInt64(line.count + 1))))
                default: line += Array([" ", "x", "}", "\t"][Int(rng.next() % 4)].utf8)
                }
            }
            guard !line.isEmpty else { continue }
            line.withUnsafeBufferPointer { slice in
                if RecordFields.scan(slice) != nil { scanned += 1 }
                #expect(JSONLRecordFormat.outcome(of: slice) == JSONLRecordFormat.wholeLineOutcome(of: slice),
                        "line \(k): \(String(decoding: line, as: UTF8.self))")
            }
        }
        #expect(scanned > 1_000, "most lines take the scan") // the fall-back alone would pass the comparison
    }
}

@Suite("Lines of a file")
struct FileLinesTests {
    /// The lines by a byte-at-a-time split: what `forEachLine` must give.
    static func naiveLines(_ bytes: [UInt8], atFileStart: Bool) -> [[UInt8]] {
        var body = bytes[...]
        if atFileStart, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        var lines: [[UInt8]] = [], current: [UInt8] = []
        for b in body {
            if b == 0x0A {
                lines.append(current.last == 0x0D ? Array(current.dropLast()) : current)
                current = []
            } else {
                current.append(b)
            }
        }
        if !current.isEmpty { lines.append(current.last == 0x0D ? Array(current.dropLast()) : current) }
        return lines
    }

    @Test("forEachLine splits at every line feed (eight bytes at a time) as a byte-by-byte split does (property)")
    func linesAgreeWithNaiveSplit() {
        var rng = SplitMix64(seed: 31)
        let alphabet: [UInt8] = [0x0A, 0x0D, 0x0B, 0x09, 0x8A, 0x0A ^ 0x80, 0x41, 0x00, 0xFF, 0xEF, 0xBB, 0xBF, 0x7B]
        for trial in 0 ..< 600 {
            let n = trial < 40 ? trial : rng.below(300)
            var bytes = (0 ..< n).map { _ in alphabet[rng.below(alphabet.count)] }
            if trial % 7 == 0 { bytes = [0xEF, 0xBB, 0xBF] + bytes }
            for atFileStart in [true, false] {
                var lines: [[UInt8]] = [], numbers: [Int] = []
                FileBytes.forEachLine(bytes, firstLine: 5, atFileStart: atFileStart) { number, line in
                    numbers.append(number)
                    lines.append(Array(line))
                }
                #expect(lines == Self.naiveLines(bytes, atFileStart: atFileStart), "\(bytes)")
                #expect(numbers == Array(5 ..< 5 + lines.count))
            }
        }
    }
}

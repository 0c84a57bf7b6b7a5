import Corpus
import Geo
import IndexFormat
import Requests

/// `schoolfinder zip ZIP`: the centroid the index holds for a ZIP code.
enum ZipCommand {
    static let options = [OptionSpec(name: "index", valueName: "FILE", help: "Index file (default: Index/programs.sfidx).")]

    static func run(_ args: [String], io: CommandIO) throws -> Int32 {
        if args.contains("--help") { io.out(helpText(usage: "schoolfinder zip ZIP [--index FILE]", abstract: "Show a ZIP code's centroid.", options: options)); return 0 }
        let p = try ParsedArguments.parse(args, options: options, command: "zip")
        guard p.positionals.count == 1 else { throw UsageError("zip takes exactly one ZIP code, e.g. `schoolfinder zip 60601`") }
        guard let zip = ZipTable.normalize(p.positionals[0]) else {
            throw UsageError("ZIP \"\(p.positionals[0])\" is not a 5-digit ZIP code (e.g. 60601 or 60601-1234)")
        }
        var reader = try IndexOpener.open(p, io: io)
        if reader.zips.count == 0 { throw UsageError(noZipTable("zip \(zip)", reader: reader)) }
        let found = try IndexOpener.retryingOnDamage(p, io: io, reader: &reader) { reader in try reader.zips.checkedZipCentroid(zip) }
        guard let z = found else { throw UsageError("ZIP \(zip) is not in the ZIP table; check it, or try a nearby ZIP") }
        io.out("\(z.zip)  \(z.city), \(z.state)  lat \(z.latitude)  lon \(z.longitude)\n")
        return 0
    }
}

/// `schoolfinder check FILE`: full verification, one line per section.
enum CheckCommand {
    static func run(_ args: [String], io: CommandIO) throws -> Int32 {
        if args.contains("--help") {
            io.out("Verify every section checksum and the structure of an index file.\n\nUSAGE: schoolfinder check FILE\n\n" + ExitStatus.help)
            return 0
        }
        let p = try ParsedArguments.parse(args, options: [], command: "check")
        guard p.positionals.count == 1 else { throw UsageError("check takes one index file, e.g. `schoolfinder check Index/programs.sfidx`") }
        let path = p.positionals[0]
        let reports: [IndexChecker.SectionReport]
        do { reports = try IndexChecker.check(path: path) } catch {
            switch error {
            case .corrupt, .truncated: // damage found before the sections could be listed
                io.out("checking \(path)\nDAMAGED: \(error)\n")
                return 1
            default: throw error
            }
        }
        // The file opened, so it is this build's format (`IndexReader` refuses any other).
        io.out("checking \(path) (format \(IndexLayout.formatVersion))\n")
        for r in reports {
            io.out("  " + r.section.padding(toWidth: 13) + String(r.bytes).leftPadding(toWidth: 12) + " bytes  " + r.verdict + "\n")
        }
        let bad = reports.filter { !$0.isOK }
        io.out(bad.isEmpty ? "ok: all \(reports.count) sections verified\n" : "DAMAGED: \(bad.count) of \(reports.count) sections failed; rebuild with `schoolfinder index`\n")
        return bad.isEmpty ? 0 : 1
    }
}

/// `schoolfinder generate`: the deterministic sample corpus.
enum GenerateCommand {
    static let options: [OptionSpec] = [
        OptionSpec(name: "records", valueName: "N", help: "Number of program records (default: 12000)."),
        OptionSpec(name: "seed", valueName: "N", help: "Random seed (default: 20260101)."),
        OptionSpec(name: "zips", valueName: "FILE", help: "ZIP centroid table (default: Corpus/zip-centroids.tsv)."),
        OptionSpec(name: "text", valueName: "KIND", help: "Descriptions: repetitive (a few fixed sentences per program) or realistic (30-60 words of varied sentences, a long-tail vocabulary; the benchmark's default). Default: repetitive."),
        OptionSpec(name: "out", valueName: "FILE", help: "Output JSONL (default: standard output)."),
    ]

    static func run(_ args: [String], io: CommandIO) throws -> Int32 {
        if args.contains("--help") { io.out(helpText(usage: "schoolfinder generate [--records N] [--seed N] [--zips FILE] [--text KIND] [--out FILE]", abstract: "Write a sample corpus.", options: options)); return 0 }
        let p = try ParsedArguments.parse(args, options: options, command: "generate")
        let count = try positiveInt(p.value("records") ?? "12000", option: "records")
        let seedText = p.value("seed") ?? "20260101"
        guard DecimalArgument.isPlainDecimal(seedText, fraction: false), !seedText.hasPrefix("-"), let seed = UInt64(seedText) else {
            throw UsageError("--seed \"\(seedText)\" is not a whole number ≥ 0 in plain digits (e.g. --seed 7)")
        }
        let textName = p.value("text") ?? "repetitive"
        guard let textKind = SampleCorpusGenerator.Text(rawValue: textName) else {
            throw UsageError("--text \"\(textName)\" is not valid: give repetitive or realistic")
        }
        let zipPath = p.value("zips") ?? SchoolFinderCommand.defaultCorpusPath + "/" + CorpusLoader.zipFileName
        let zips = try ZipTable.read(FileBytes.read(zipPath), path: zipPath).0
        guard !zips.isEmpty else { throw UsageError("\(zipPath) holds no ZIP centroids") }
        var text = JSONLRecordFormat.line(for: SampleCorpusGenerator.header) + "\n"
        SampleCorpusGenerator(zips: zips, seed: seed, text: textKind).forEachRecord(count: count) { text += JSONLRecordFormat.line(for: $0) + "\n" }
        if let out = p.value("out") {
            try AtomicFile.write(Array(text.utf8), to: out)
            io.err("wrote \(count) records to \(out)\n")
        } else {
            io.out(text)
        }
        return 0
    }
}

/// The one line for a ZIP lookup in an index built without a ZIP table.
func noZipTable(_ what: String, reader: IndexReader) -> String {
    "\(what): \(reader.path) has no ZIP table (it was built without one); rebuild it with `schoolfinder index --zips FILE`, or give --lat and --lon"
}

import Analysis
import Corpus
import IndexFormat
import Platform

/// `schoolfinder index`: corpus or IPEDS files → one index file, written atomically.
enum IndexCommand {
    static let options: [OptionSpec] = [
        OptionSpec(name: "corpus", valueName: "PATH", help: "A derived corpus directory (Corpus/: programs.tsv and its tables), a JSONL file, or a directory of .jsonl files (default: Corpus)."),
        OptionSpec(name: "out", valueName: "FILE", help: "Index file to write (default: Index/programs.sfidx)."),
        OptionSpec(name: "zips", valueName: "FILE", help: "ZIP centroid table (default: <corpus>/zip-centroids.tsv)."),
        OptionSpec(name: "ipeds-hd", valueName: "FILE", help: "IPEDS institution directory HD20xx.csv (with the next two)."),
        OptionSpec(name: "ipeds-completions", valueName: "FILE", help: "IPEDS completions C20xx_A.csv."),
        OptionSpec(name: "cip-titles", valueName: "FILE", help: "NCES CIP titles CSV (CIPCode, CIPTitle, CIPDefinition)."),
        OptionSpec(name: "verbose", valueName: nil, help: "List every malformed row (default: the first \(IndexCommand.skippedShown); at most \(IngestReport.retainLimit) are kept)."),
    ]

    /// Malformed rows listed without `--verbose` (by `index`, and per source by `corpus`); a
    /// count stands for the rest.
    static let skippedShown = 20

    static func run(_ args: [String], io: CommandIO) throws -> Int32 {
        if args.contains("--help") {
            io.out(helpText(usage: "schoolfinder index [--corpus PATH] [--out FILE] [--zips FILE] [--ipeds-hd F --ipeds-completions F --cip-titles F] [--verbose]",
                            abstract: "Build the index file. Malformed rows are reported as file:line and skipped.", options: options))
            return 0
        }
        let p = try ParsedArguments.parse(args, options: options, command: "index")
        if let extra = p.positionals.first { throw UsageError("unexpected argument '\(extra)' for index; use --corpus PATH") }
        let out = p.value("out") ?? SchoolFinderCommand.defaultIndexPath
        let ipeds = [p.value("ipeds-hd"), p.value("ipeds-completions"), p.value("cip-titles")]
        if ipeds.contains(where: { $0 != nil }) {
            guard let hd = ipeds[0], let comp = ipeds[1], let cip = ipeds[2] else {
                throw UsageError("IPEDS ingest needs all three files: --ipeds-hd, --ipeds-completions and --cip-titles")
            }
            return try buildIPEDS(hd: hd, completions: comp, cipTitles: cip, zips: p.value("zips"), out: out, io: io,
                                  verbose: p.has("verbose"))
        }
        return try build(corpus: p.value("corpus") ?? SchoolFinderCommand.defaultCorpusPath, zips: p.value("zips"), out: out, io: io,
                         quiet: false, verbose: p.has("verbose"))
    }

    /// Refuses, before any input is read, an `out` the index cannot be written to: a
    /// directory (or a path ending in "/"), or a path whose directory does not exist, is not a
    /// directory, or cannot be entered and written (the file is written beside it first,
    /// `<out>.tmp-<pid>-…`). One line naming the path and the fix.
    static func checkOutput(_ out: String) throws(IndexFormatError) {
        if out.hasSuffix("/"), out.count > 1, let named = SystemCalls.status(String(out.dropLast())), !named.isDirectory {
            throw .cannotWrite(path: out, reason: "\(out.dropLast()) is not a directory; pass --out FILE in a directory")
        }
        if out.hasSuffix("/") || SystemCalls.status(out)?.isDirectory == true {
            let folder = out.hasSuffix("/") ? out : out + "/"
            throw .cannotWrite(path: out, reason: "it names a directory; pass --out FILE, a file in it (e.g. \(folder)programs.sfidx)")
        }
        let directory = AtomicFile.directory(of: out)
        guard let status = SystemCalls.status(directory) else {
            if SystemCalls.lastError == SystemCalls.noSuchFile {
                throw .cannotWrite(path: out, reason: "its directory \(directory) does not exist; create it (mkdir -p \(directory)) or pass --out FILE in an existing directory")
            }
            throw .cannotWrite(path: out, reason: "its directory \(directory) cannot be reached (\(SystemCalls.lastErrorDescription)); pass --out FILE in a directory you can write to")
        }
        guard status.isDirectory else {
            throw .cannotWrite(path: out, reason: "\(directory) is not a directory; pass --out FILE in a directory")
        }
        guard SystemCalls.isWritableDirectory(directory) else {
            throw .cannotWrite(path: out, reason: "its directory \(directory) cannot be written (\(SystemCalls.lastErrorDescription)); pass --out FILE in a directory you can write to")
        }
    }

    static func build(corpus: String, zips: String?, out: String, io: CommandIO, quiet: Bool, verbose: Bool = false) throws -> Int32 {
        let start = monotonicSeconds()
        try checkOutput(out)
        InterruptCleanup.installHandlers() // a Ctrl-C removes the index's temporary file
        // A JSON Lines corpus is analyzed and its descriptions stored as it is parsed, a piece
        // at a time (`IndexTextPass`, which keeps the rest of each record compact), so neither
        // its descriptions nor its parsed records are ever all in memory; a derived corpus
        // calls no handler, keeps its records, and the writer makes its own pass.
        var texts: IndexTextPass?
        var loaded = try CorpusLoader.load(corpus, zipsPath: zips, keepingRecords: false) { piece, synonyms in
            if texts == nil { texts = IndexTextPass(synonyms: synonyms ?? .empty) }
            texts!.add(piece)
        }
        report(loaded.report, io: io, verbose: verbose)
        guard loaded.recordCount > 0 else { throw CorpusError.noRecords(path: corpus, skipped: loaded.report.skippedCount) }
        let h = loaded.header
        var tables = loaded.careers.isEmpty && loaded.cipTexts.isEmpty ? []
            : DerivedCorpusFiles.encodeCareerTables(loaded.careers, cipTexts: loaded.cipTexts).map { ($0.name, String(decoding: $0.bytes, as: UTF8.self)) }
        if let legend = loaded.accreditorLegend { tables.append((AccreditorLegend.tableName, String(decoding: legend, as: UTF8.self))) }
        // Hand the records (a derived corpus's) or the pass over: the writer frees each once
        // it is done with it.
        var records: [ProgramRecord] = []
        swap(&records, &loaded.records)
        var pass: IndexTextPass? = nil
        swap(&pass, &texts)
        return try write(consume records, texts: consume pass, zips: loaded.zips, name: h?.name ?? corpus, sample: h?.isSampleData ?? false,
                         note: h?.note ?? "", tables: tables, synonyms: loaded.synonyms ?? .empty, out: out, started: start, io: io, quiet: quiet,
                         verbose: verbose)
    }

    static func buildIPEDS(hd: String, completions: String, cipTitles: String, zips: String?, out: String, io: CommandIO,
                           verbose: Bool = false) throws -> Int32 {
        let start = monotonicSeconds()
        try checkOutput(out)
        InterruptCleanup.installHandlers() // a Ctrl-C removes the index's temporary file
        let (institutions, r1) = try IPEDSFiles.readInstitutions(FileBytes.read(hd), path: hd)
        let (rows, r2) = try IPEDSFiles.readCompletions(FileBytes.read(completions), path: completions)
        let (titles, r3) = try IPEDSFiles.readCIPTitles(FileBytes.read(cipTitles), path: cipTitles)
        var (records, r4) = IPEDSFiles.assemble(institutions: institutions, completions: rows, titles: titles, completionsPath: completions)
        for r in [r1, r2, r3] { r4.merge(r) }
        report(r4, io: io, verbose: verbose)
        var zipTable: [ZipCentroid] = []
        if let zips { zipTable = try ZipTable.read(FileBytes.read(zips), path: zips).0 }
        records.sort { $0.id < $1.id }
        return try write(consume records, zips: zipTable, name: "ipeds", sample: false, note: "IPEDS (NCES), US public domain",
                         out: out, started: start, io: io, quiet: false, verbose: verbose)
    }

    static func write(_ records: consuming [ProgramRecord], texts: consuming IndexTextPass? = nil,
                      zips: [ZipCentroid], name: String, sample: Bool, note: String,
                      tables: [(name: String, text: String)] = [], synonyms: SynonymDictionary = .empty, out: String, started: Double, io: CommandIO, quiet: Bool,
                      verbose: Bool = false) throws -> Int32 {
        if zips.isEmpty {
            io.err("warning: no ZIP table given: --zip and --near will not work with \(out); add --zips FILE (zip, city, state, lat, lon) or \(CorpusLoader.zipFileName) in the corpus directory\n")
        }
        AtomicFile.sweepStaleTemporaries(for: out)
        var writer = IndexWriter(corpusName: name, isSampleData: sample, note: note, zips: zips)
        writer.tables = tables
        writer.synonyms = synonyms
        // A pass (a JSON Lines corpus, taken as it was parsed) holds every record; else the records do.
        // (Taken out of the optional, not bound: a second reference would keep its tokens alive.)
        let summary = if texts != nil { try writer.write(texts.take()!, to: out) } else { try writer.write(consume records, to: out) }
        report(summary.report, io: io, acceptedLabel: false, verbose: verbose)
        let seconds = monotonicSeconds() - started
        let line = "indexed \(summary.documents) programs at \(summary.institutions) institutions, \(summary.terms) terms, \(zips.count) ZIP codes → \(out) (\(summary.bytes) bytes, \(formatSeconds(seconds)))\n"
        if quiet { io.err(line) } else { io.out(line) }
        return 0
    }

    /// Prints skipped rows (file:line: reason) — the first `skippedShown`, or with `verbose` every
    /// one the report kept — and a summary line to stderr.
    static func report(_ r: IngestReport, io: CommandIO, acceptedLabel: Bool = true, verbose: Bool = false) {
        let shown = verbose ? r.skipped.count : min(r.skipped.count, skippedShown)
        for s in r.skipped.prefix(shown) { io.err("skipped \(s)\n") }
        if r.skippedCount > shown {
            let more = verbose ? "" : " (--verbose lists \(r.skipped.count < r.skippedCount ? "the first \(r.skipped.count)" : "them all"))"
            io.err("… and \(r.skippedCount - shown) more skipped rows\(more)\n")
        }
        for w in r.warnings { io.err("warning \(w)\n") }
        if acceptedLabel && (r.skippedCount > 0 || r.warningCount > 0) { io.err("ingest: \(r.summary)\n") }
    }
}

func formatSeconds(_ s: Double) -> String {
    s < 1 ? "\(Int((s * 1000).rounded())) ms" : "\((s * 100).rounded() / 100) s"
}

import Corpus
import IndexFormat
import Platform

/// `schoolfinder corpus build`: the official files in ../shared/data → the derived real corpus
/// in `Corpus/` (tab-separated tables, docs/CORPUS_FORMAT.md), deterministically, with an ingest
/// summary per source on stderr.
enum CorpusCommand {
    static let defaultDataPath = "../shared/data"
    static let defaultMappingPath = SchoolFinderCommand.defaultCorpusPath + "/mapping"

    static let options: [OptionSpec] = [
        OptionSpec(name: "data", valueName: "DIR", help: "Official files, laid out as ../shared/data (default: ../shared/data)."),
        OptionSpec(name: "out", valueName: "DIR", help: "Where to write the tables (default: Corpus)."),
        OptionSpec(name: "mapping", valueName: "DIR", help: "Accreditor and program-accreditation tables (default: Corpus/mapping)."),
        OptionSpec(name: "accreditations", valueName: "FILE", help: "Import an accreditation list (CSV, docs/ACCREDITATION_IMPORT.md); repeatable.", repeatable: true),
        OptionSpec(name: "verbose", valueName: nil, help: "List every malformed row (default: the first \(IndexCommand.skippedShown) per source)."),
    ]

    static let usage = "schoolfinder corpus build [--data DIR] [--out DIR] [--mapping DIR] [--accreditations FILE]…"

    static func run(_ args: [String], io: CommandIO) throws -> Int32 {
        if args.contains("--help") || args.isEmpty {
            io.out(helpText(usage: usage, abstract: "Build the real default corpus from the official data files (IPEDS, CIP, Scorecard, DAPIP, BLS, ZIPs).", options: options))
            return 0
        }
        let p = try ParsedArguments.parse(args, options: options, command: "corpus")
        guard p.positionals == ["build"] else {
            throw UsageError("corpus takes one subcommand, build (got '\(p.positionals.joined(separator: " "))'); e.g. `\(usage)`")
        }
        let data = p.value("data") ?? defaultDataPath
        let out = p.value("out") ?? SchoolFinderCommand.defaultCorpusPath
        guard CorpusLoader.isDirectory(data) else {
            throw UsageError("--data \"\(data)\" is not a directory; give the folder of official files (e.g. ../shared/data)")
        }
        guard CorpusLoader.isDirectory(out) || SystemCalls.makeDirectory(out) else {
            throw UsageError("--out \"\(out)\" is not a directory and cannot be created (\(SystemCalls.lastErrorDescription)); pass a folder you can write")
        }
        let start = monotonicSeconds()
        let imports = p.values["accreditations"] ?? []
        let builder = RealCorpusBuilder(dataDirectory: data, mappingDirectory: p.value("mapping") ?? defaultMappingPath,
                                        accreditationImports: imports)
        let (corpus, summaries) = try builder.build()
        let limit = p.has("verbose") ? Int.max : IndexCommand.skippedShown
        for s in summaries {
            for issue in s.report.skipped.prefix(limit) { io.err("skipped \(issue)\n") }
            if s.report.skippedCount > min(limit, s.report.skipped.count) {
                io.err("… and \(s.report.skippedCount - min(limit, s.report.skipped.count)) more malformed rows in \(s.file)\n")
            }
            for w in s.report.warnings.prefix(limit) { io.err("warning \(w)\n") }
        }
        for s in summaries { io.err(s.line + "\n") }
        let built = monotonicSeconds() - start
        var bytes = 0
        for (name, table) in DerivedCorpusFiles.encode(corpus) {
            try AtomicFile.write(table, to: out + "/" + name)
            bytes += table.count
        }
        let seconds = monotonicSeconds() - start
        let withEarnings = corpus.programs.lazy.filter { $0.medianEarnings != nil }.count
        let accredited = corpus.programs.lazy.filter { !$0.accreditors.isEmpty }.count
        func n(_ x: Int) -> String { SourceSummary.grouped(x) }
        var line = "corpus: \(n(corpus.programs.count)) programs at \(n(corpus.institutions.count)) institutions"
        line += " (\(n(withEarnings)) with median earnings, \(n(accredited)) with programmatic accreditation), "
        line += "\(n(corpus.careers.occupations.count)) occupations, \(n(corpus.zips.count)) ZIP codes → \(out)/ "
        line += "(\(bytes / 1024) KiB in \(DerivedCorpusFiles.tableNames.count) tables; built in \(formatSeconds(built)), "
        line += "written in \(formatSeconds(seconds - built)); peak memory \(SystemCalls.peakResidentBytes() / (1024 * 1024)) MiB)\n"
        io.out(line)
        return 0
    }
}

import Corpus
import IndexFormat

/// `schoolfinder show ID`: one program's full card — title and CIP code, level, institution,
/// place, website, accreditation (institutional and programmatic), completers, median earnings
/// and debt, the CIP definition, and the careers it leads to with state and national median wage
/// and national projected growth.
enum ShowCommand {
    static let options: [OptionSpec] = [
        OptionSpec(name: "index", valueName: "FILE", help: "Index file (default: Index/programs.sfidx, built from Corpus/ if missing)."),
        OptionSpec(name: "format", valueName: "FORMAT", help: "text (default) or json."),
    ]

    static func run(_ args: [String], io: CommandIO) throws -> Int32 {
        if args.contains("--help") {
            io.out(helpText(usage: "schoolfinder show ID [--index FILE] [--format text|json]",
                            abstract: "Show one program's full card. IDs are printed by `search` (e.g. 100654-51.0707-associate).", options: options))
            return 0
        }
        let p = try ParsedArguments.parse(args, options: options, command: "show")
        guard p.positionals.count == 1 else {
            throw UsageError("show takes exactly one program id, e.g. `schoolfinder show 100654-51.0707-associate` (ids are printed by search)")
        }
        var formatText = (p.value("format") ?? "text").lowercased()
        if formatText == "table" { formatText = "text" } // search's name for the human format
        guard formatText == "text" || formatText == "json" else { throw UsageError("--format \"\(formatText)\" is not one of text (or table), json") }
        let id = p.positionals[0]
        var reader = try IndexOpener.open(p, io: io)
        let found = try IndexOpener.retryingOnDamage(p, io: io, reader: &reader) { reader throws -> ProgramRecord? in
            try reader.document(checkedID: id).map { doc throws in try reader.record(doc) }
        }
        guard let record = found else {
            throw UsageError("no program has id \"\(id)\"; ids look like UNITID-CIP-level (e.g. 100654-51.0707-associate): copy one from `schoolfinder search` output")
        }
        var report = IngestReport()
        let (careers, cipTexts) = try DerivedCorpusFiles.decodeCareerTables({ (name: String) throws(CorpusError) -> [UInt8]? in
            reader.table(named: name).map { Array($0.utf8) }
        }, label: { "\(reader.path):TABLES/\($0)" }, report: &report)
        let legend = reader.table(named: AccreditorLegend.tableName).map { AccreditorLegend(tsv: Array($0.utf8)) } ?? AccreditorLegend()
        let card = ProgramCard(record: record, careers: careers, cipTexts: cipTexts, legend: legend, note: reader.note, sample: reader.isSampleData)
        io.out(formatText == "json" ? card.json() : card.text(width: io.width))
        return 0
    }
}

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
                            abstract: "Show one program's full card. IDs are printed by `search` (e.g. 145600-51.0706-bachelor).", options: options))
            return 0
        }
        let p = try ParsedArguments.parse(args, options: options, command: "show")
        guard p.positionals.count == 1 else {
            throw UsageError("show takes exactly one program id, e.g. `schoolfinder show 145600-51.0706-bachelor` (ids are printed by search)")
        }
        var formatText = (p.value("format") ?? "text").lowercased()
        if formatText == "table" { formatText = "text" } // search's name for the human format
        guard formatText == "text" || formatText == "json" else { throw UsageError("--format \"\(formatText)\" is not one of text (or table), json") }
        let id = p.positionals[0]
        var reader = try IndexOpener.open(p, io: io)
        // Everything the card shows is read (and verified) inside one retry: damage anywhere
        // rebuilds the default index and the card is read again from the new one.
        let card = try IndexOpener.retryingOnDamage(p, io: io, reader: &reader) { reader throws -> ProgramCard? in
            guard let doc = try reader.document(checkedID: id) else { return nil }
            let record = try reader.record(doc)
            guard record.id == id else {
                throw IndexFormatError.corrupt(path: reader.path, section: "RANKS", detail: "id \(id) leads to the record of \(record.id)")
            }
            var tables: [String: [UInt8]] = [:]
            for name in DerivedCorpusFiles.careerTableNames + [AccreditorLegend.tableName] {
                if let text = try reader.checkedTable(named: name) { tables[name] = Array(text.utf8) }
            }
            var report = IngestReport()
            let (careers, cipTexts) = try DerivedCorpusFiles.decodeCareerTables({ (name: String) throws(CorpusError) -> [UInt8]? in tables[name] },
                                                                                label: { "\(reader.path):TABLES/\($0)" }, report: &report)
            let legend = tables[AccreditorLegend.tableName].map { AccreditorLegend(tsv: $0) } ?? AccreditorLegend()
            return ProgramCard(record: record, careers: careers, cipTexts: cipTexts, legend: legend, note: reader.note, sample: reader.isSampleData)
        }
        guard let card else {
            throw UsageError("no program has id \"\(id)\"; ids look like UNITID-CIP-level (e.g. 145600-51.0706-bachelor): copy one from `schoolfinder search` output")
        }
        io.out(formatText == "json" ? card.json() : card.text(width: io.width))
        return 0
    }
}

/// One row of the NCES CIP 2020 file (CIPCode2020.csv): a two-digit family ("51"), a
/// four-digit series ("51.07") or a six-digit program code ("51.0707").
public struct CIPEntry: Sendable, Equatable {
    /// "NN", "NN.NN" or "NN.NNNN".
    public var code: String
    /// CIPTitle without its trailing period. Family titles are ALL CAPS in the file and are kept so.
    public var title: String
    /// CIPDefinition, trimmed; "" when blank.
    public var definition: String
    /// The Examples column as published ("Examples: - Agroeconomics"), trimmed; "" when none.
    public var examples: String
    /// 1-based line of the row in its file, for reports.
    public var line: Int

    public init(code: String, title: String, definition: String, examples: String, line: Int) {
        self.code = code
        self.title = title
        self.definition = definition
        self.examples = examples
        self.line = line
    }

    /// 2 for a family, 4 for a series, 6 for a program code.
    public var digitCount: Int { code.utf8.count == 2 ? 2 : code.utf8.count == 5 ? 4 : 6 }
}

extension IPEDSFiles {
    /// Reads every row of the CIP 2020 file (columns CIPCode, CIPTitle; CIPDefinition and
    /// Examples when present): families, series and codes alike, in file order, including rows
    /// whose Action is "Moved to" or "Deleted" (the file keeps them; so does this reader).
    /// Codes written `="51.0706"`, `51.0706`, `510706`, `51.07`, `5107` or `51` are normalised
    /// to "NN.NNNN", "NN.NN" or "NN"; a one-digit family from a spreadsheet ("1.0101") is padded.
    /// A code that is not 2, 4 or 6 digits, or an empty title, is reported and skipped.
    public static func readCIPCatalog(_ bytes: [UInt8], path: String) throws(CorpusError) -> ([CIPEntry], IngestReport) {
        var report = IngestReport()
        var out: [CIPEntry] = []
        try CSVReader.readTable(bytes, path: path, requiring: ["CIPCode", "CIPTitle"], optional: ["CIPDefinition", "Examples"], report: &report) { cols, extra, row, rep in
            let defCol = extra[0], examplesCol = extra[1]
            let f = row.fields
            let raw = f[cols[0]]
            guard let code = CIPCatalogCode.normalize(raw) else {
                rep.skip(IngestIssue(file: path, line: row.line, reason: "CIPCode \"\(raw)\" is not a 2-, 4- or 6-digit CIP code")); return
            }
            var title = f[cols[1]].trimmingASCIIWhitespace()
            if title.hasSuffix(".") { title.removeLast() }
            guard !title.isEmpty else {
                rep.skip(IngestIssue(file: path, line: row.line, reason: "CIPTitle of \(code) is empty")); return
            }
            out.append(CIPEntry(code: code, title: title,
                                definition: defCol.map { f[$0].trimmingASCIIWhitespace() } ?? "",
                                examples: examplesCol.map { f[$0].trimmingASCIIWhitespace() } ?? "",
                                line: row.line))
            rep.accept()
        }
        return (out, report)
    }
}

/// CIP codes at any depth, as the catalog writes them.
enum CIPCatalogCode {
    /// "NN", "NN.NN" or "NN.NNNN" from `="51.0706"`, `51.0706`, `510706`, `51.07`, `5107`, `51`,
    /// `1.0101`; `nil` for anything else.
    static func normalize(_ raw: String) -> String? {
        var s = raw.trimmingASCIIWhitespace()
        if s.hasPrefix("=") { s.removeFirst() }
        if s.utf8.contains(UInt8(ascii: "\"")) { s.removeAll { $0 == "\"" } }
        s = s.trimmingASCIIWhitespace()
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.allSatisfy({ FieldParsing.isDigits(String($0)) }) else { return nil }
        switch parts.count {
        case 1:
            let d = String(parts[0])
            switch d.utf8.count {
            case 2: return d
            case 4: return String(d.prefix(2)) + "." + String(d.suffix(2))
            case 6: return String(d.prefix(2)) + "." + String(d.suffix(4))
            default: return nil
            }
        case 2:
            var family = String(parts[0])
            let rest = String(parts[1])
            guard family.utf8.count <= 2, rest.utf8.count == 2 || rest.utf8.count == 4 else { return nil }
            if family.utf8.count == 1 { family = "0" + family }
            return family + "." + rest
        default:
            return nil
        }
    }
}

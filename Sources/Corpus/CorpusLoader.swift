import Analysis
import Platform

/// Loads a corpus: a derived corpus directory (`programs.tsv` and the other tables of
/// `DerivedCorpusFiles`), a JSONL file, or a directory whose `*.jsonl` files (sorted by name)
/// are read in turn. `zip-centroids.tsv` in the directory, if present, is the ZIP table.
public enum CorpusLoader {
    public struct Loaded: Sendable {
        public var header: JSONLRecordFormat.Header?
        public var records: [ProgramRecord]
        /// Records read: `records.count`, unless a handler took them and they were not kept
        /// (`load(_:zipsPath:keepingRecords:handingPiecesTo:)`).
        public var recordCount = 0
        public var zips: [ZipCentroid]
        public var report: IngestReport
        /// Files the corpus was read from (the records' files first).
        public var files: [String]
        /// Careers per CIP (empty for JSONL corpora).
        public var careers = CareerCatalog()
        /// CIP texts of the derived corpus, families and series included (empty for JSONL).
        public var cipTexts: [DerivedCorpus.CIPText] = []
        /// The accreditor legend (`mapping/accreditors.tsv` beside a derived corpus), or `nil`.
        public var accreditorLegend: [UInt8]?
        /// The synonym dictionary (`synonyms.txt` in the corpus directory), or `nil`. Lines it
        /// cannot read are in `report` as skipped (file:line).
        public var synonyms: SynonymDictionary?
    }

    /// What `load` hands a JSON Lines corpus's pieces to as they are parsed: the piece (its
    /// `firstRecord` counted over the corpus's files) and the corpus's synonym dictionary
    /// (read before the records), or `nil` when it has none. It is called on a Dispatch queue
    /// of the reader's, one piece at a time and in order, while the next piece is parsed
    /// (`JSONLRecordFormat.read(path:…)`): it may use what `load`'s caller owns, not state
    /// other threads use.
    public typealias PieceHandler = (JSONLRecordFormat.ParsedPiece, SynonymDictionary?) -> Void

    /// Reads `synonyms.txt` in `directory` into `loaded` when the file exists.
    static func loadSynonyms(in directory: String, into loaded: inout Loaded) throws(CorpusError) {
        let path = directory + "/" + SynonymDictionary.tableName
        guard fileExists(path) else { return }
        let (dictionary, problems) = SynonymDictionary.parseNamingAwardLevels(String(decoding: try FileBytes.read(path), as: UTF8.self))
        for p in problems { loaded.report.skip(IngestIssue(file: path, line: p.line, reason: p.message)) }
        loaded.synonyms = dictionary
        loaded.files.append(path)
    }

    /// The legend of accreditor short names a derived corpus carries, relative to its directory.
    public static let accreditorLegendFile = "mapping/accreditors.tsv"

    /// The files whose content makes up the corpus at `path` (what a derived index depends on):
    /// a derived corpus's tables and legend, a JSONL directory's `*.jsonl` and ZIP table, or the file itself.
    public static func corpusFiles(_ path: String) -> [String] {
        guard isDirectory(path) else { return [path] }
        if DerivedCorpusFiles.isDerivedCorpus(path) {
            return (DerivedCorpusFiles.tableNames + [accreditorLegendFile, SynonymDictionary.tableName]).map { path + "/" + $0 }.filter(fileExists)
        }
        return listDirectory(path).filter { $0.hasSuffix(".jsonl") || $0 == zipFileName || $0 == SynonymDictionary.tableName }.sorted().map { path + "/" + $0 }
    }

    public static let zipFileName = "zip-centroids.tsv"

    /// With a `handler`, a JSON Lines corpus's records are handed to it piece by piece as they
    /// are parsed, with their descriptions, which the loaded records then lack (see
    /// `JSONLRecordFormat.read(path:threads:pieceBytes:keepingRecords:handingPiecesTo:)`); a derived corpus
    /// keeps its descriptions in its records and calls no handler. With a handler and
    /// `keepingRecords` false, a JSON Lines corpus's records are dropped once handed over
    /// (`records` stays empty, `recordCount` counts them): the handler keeps what it needs.
    public static func load(_ path: String, zipsPath: String? = nil, keepingRecords: Bool = true,
                            handingPiecesTo handler: PieceHandler? = nil) throws(CorpusError) -> Loaded {
        var files: [String] = []
        var zipFile = zipsPath
        if isDirectory(path) && DerivedCorpusFiles.isDerivedCorpus(path) {
            let (corpus, report) = try DerivedCorpusFiles.read(path)
            let (records, joinReport) = corpus.records(programsPath: path + "/" + DerivedCorpusFiles.programsFile)
            var loaded = Loaded(header: corpus.header, records: records, zips: corpus.zips, report: report,
                                files: DerivedCorpusFiles.tableNames.map { path + "/" + $0 })
            loaded.recordCount = loaded.records.count
            loaded.report.merge(joinReport) // the programs accepted and the rows left out
            loaded.careers = corpus.careers
            loaded.cipTexts = corpus.cipTexts
            if fileExists(path + "/" + accreditorLegendFile) {
                loaded.accreditorLegend = try FileBytes.read(path + "/" + accreditorLegendFile)
                loaded.files.append(path + "/" + accreditorLegendFile)
            }
            if let zipsPath {
                let (zips, zipReport) = try ZipTable.read(try FileBytes.read(zipsPath), path: zipsPath)
                loaded.zips = zips
                for issue in zipReport.skipped { loaded.report.warn(issue) }
            }
            try loadSynonyms(in: path, into: &loaded)
            return loaded
        }
        if isDirectory(path) {
            let names = listDirectory(path).filter { $0.hasSuffix(".jsonl") }.sorted()
            files = names.map { path + "/" + $0 }
            if zipFile == nil && fileExists(path + "/" + zipFileName) { zipFile = path + "/" + zipFileName }
            if files.isEmpty { throw .cannotRead(path: path, reason: "the directory holds neither a derived corpus (programs.tsv and its tables) nor .jsonl corpus files") }
        } else {
            files = [path]
        }
        var loaded = Loaded(header: nil, records: [], zips: [], report: IngestReport(), files: files)
        // The synonyms first: a handler analyzing the records as they come needs the phrases.
        if isDirectory(path) { try loadSynonyms(in: path, into: &loaded) }
        let synonyms = loaded.synonyms
        for f in files {
            let before = loaded.recordCount
            let result = try JSONLRecordFormat.read(path: f, keepingRecords: keepingRecords, handingPiecesTo: handler.map { handler in
                { piece in
                    var piece = piece
                    piece.firstRecord += before
                    handler(piece, synonyms)
                }
            })
            if loaded.header == nil { loaded.header = result.header }
            if loaded.records.isEmpty { loaded.records = result.records } else { loaded.records += result.records }
            loaded.recordCount += result.count
            loaded.report.merge(result.report)
        }
        if let zipFile {
            let (zips, report) = try ZipTable.read(try FileBytes.read(zipFile), path: zipFile)
            loaded.zips = zips
            for issue in report.skipped { loaded.report.warn(issue) }
            loaded.files.append(zipFile)
        }
        return loaded
    }

    public static func isDirectory(_ path: String) -> Bool {
        SystemCalls.status(path)?.isDirectory == true
    }

    public static func fileExists(_ path: String) -> Bool {
        SystemCalls.status(path) != nil
    }

    /// Modification time in seconds since the epoch (with nanoseconds), or `nil` if absent.
    public static func modificationTime(_ path: String) -> Double? {
        SystemCalls.status(path)?.modificationTime
    }

    public static func listDirectory(_ path: String) -> [String] {
        SystemCalls.directoryEntries(path)
    }
}

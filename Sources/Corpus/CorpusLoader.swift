import Platform

/// Loads a corpus: a JSONL file, or a directory whose `*.jsonl` files (sorted by name) are read
/// in turn. `zip-centroids.tsv` in the directory, if present, is the ZIP table.
public enum CorpusLoader {
    public struct Loaded: Sendable {
        public var header: JSONLRecordFormat.Header?
        public var records: [ProgramRecord]
        public var zips: [ZipCentroid]
        public var report: IngestReport
        /// Files read, in order.
        public var files: [String]
    }

    public static let zipFileName = "zip-centroids.tsv"

    public static func load(_ path: String, zipsPath: String? = nil) throws(CorpusError) -> Loaded {
        var files: [String] = []
        var zipFile = zipsPath
        if isDirectory(path) {
            let names = listDirectory(path).filter { $0.hasSuffix(".jsonl") }.sorted()
            files = names.map { path + "/" + $0 }
            if zipFile == nil && fileExists(path + "/" + zipFileName) { zipFile = path + "/" + zipFileName }
            if files.isEmpty { throw .cannotRead(path: path, reason: "the directory has no .jsonl corpus files") }
        } else {
            files = [path]
        }
        var loaded = Loaded(header: nil, records: [], zips: [], report: IngestReport(), files: files)
        for f in files {
            let result = JSONLRecordFormat.read(try FileBytes.read(f), path: f)
            if loaded.header == nil { loaded.header = result.header }
            loaded.records += result.records
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

/// Why an index file could not be opened, written or read. Every message names the file and
/// says what to do.
public enum IndexFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    case fileNotFound(path: String)
    case cannotOpen(path: String, reason: String)
    case notAnIndex(path: String)
    case tooNew(path: String, version: UInt32, supported: UInt32)
    case tooOld(path: String, version: UInt32, supported: UInt32)
    case truncated(path: String, expected: Int, actual: Int)
    case corrupt(path: String, section: String, detail: String)
    case cannotWrite(path: String, reason: String)
    case emptyCorpus

    public var description: String {
        /// The rebuild command for the file at `path` (`schoolfinder index` alone writes the
        /// default index, not a file named with --index).
        func rebuild(_ path: String) -> String { "rebuild it with `schoolfinder index --out \(path)`" }
        switch self {
        case let .fileNotFound(path):
            return "index file \(path) does not exist; build it with `schoolfinder index --out \(path)`"
        case let .cannotOpen(path, reason):
            return "cannot open index file \(path): \(reason)"
        case let .notAnIndex(path):
            // No rebuild command naming `path`: the file may be anything (a README), and
            // `index --out` would overwrite it.
            return "\(path) is not a schoolfinder index (bad magic number); point --index at a .sfidx file (`schoolfinder index --out FILE.sfidx` builds one)"
        case let .tooNew(path, version, supported):
            return "\(path) is format \(version), newer than this build (reads \(supported)); upgrade schoolfinder or \(rebuild(path))"
        case let .tooOld(path, version, supported):
            return "\(path) is format \(version), older than this build (reads \(supported)); \(rebuild(path))"
        case let .truncated(path, expected, actual):
            return "\(path) is truncated: header says \(expected) bytes, file has \(actual); \(rebuild(path))"
        case let .corrupt(path, section, detail):
            return "\(path) is corrupt in section \(section): \(detail); \(rebuild(path))"
        case let .cannotWrite(path, reason):
            return "cannot write index file \(path): \(reason)"
        case .emptyCorpus:
            return "no valid records to index; check the corpus files and the problems reported above"
        }
    }
}

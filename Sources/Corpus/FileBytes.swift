import Platform

/// Whole-file reads at the I/O edge, with errors that name the path and the fix.
public enum FileBytes {
    /// The bytes of the file at `path`. Throws `CorpusError.cannotRead` naming the path and errno.
    public static func read(_ path: String) throws(CorpusError) -> [UInt8] {
        try withOpenFile(path) { fd, status throws(CorpusError) in
            guard let bytes = SystemCalls.readToEnd(fd, sizeHint: status.size) else {
                throw .cannotRead(path: path, reason: SystemCalls.lastErrorDescription)
            }
            return bytes
        }
    }

    /// Reads the file at `path` in pieces that end after a line feed, calling
    /// `body(piece, isFirst, fileSize)` for each in order (the last piece: whatever is left,
    /// possibly empty; a file with no bytes gives one empty piece). `piece` is valid only during
    /// the call. Throws `CorpusError.cannotRead` as `read` does.
    ///
    /// A regular file is mapped (`mapping`, the default) and each piece is a slice of the
    /// mapping, cut after the last line feed within `pieceBytes` of where it starts (after the
    /// next one when a line is longer): no byte is copied or zeroed on its way to the parser,
    /// the next piece's pages are asked for while one is handled, and a handled piece's pages
    /// leave the resident set. A file that cannot be mapped (a pipe, a device; `mapping` false)
    /// is read (`PieceReader`): each piece cut after the last line feed once at least
    /// `pieceBytes` are read, the next read while `body` handles the one before.
    ///
    /// A mapped file that shrinks while it is read ends the process (SIGBUS), as for any map:
    /// corpus files are not written while an index is built from them.
    /// - Complexity: O(file bytes); memory two pieces at most.
    public static func forEachPiece(_ path: String, pieceBytes: Int, mapping: Bool = true,
                                    _ body: (UnsafeBufferPointer<UInt8>, _ isFirst: Bool, _ fileSize: Int) -> Void) throws(CorpusError) {
        try withOpenFile(path) { fd, status throws(CorpusError) in
            let size = status.size
            if mapping, status.isRegularFile, size > 0, let map = SystemCalls.mapReadOnly(fd, length: size) {
                defer { SystemCalls.unmap(map, length: size) }
                forEachMappedPiece(UnsafeBufferPointer(start: UnsafeRawPointer(map).assumingMemoryBound(to: UInt8.self), count: size),
                                   pieceBytes: max(1, pieceBytes), body)
                return
            }
            let reader = PieceReader(descriptor: fd, pieceBytes: pieceBytes, fileSize: size)
            var isFirst = true
            while true {
                switch reader.next() {
                case let .failed(reason):
                    throw .cannotRead(path: path, reason: reason)
                case let .bytes(piece, isLast):
                    if !isLast { reader.readAhead() }
                    if !piece.isEmpty || isFirst { piece.withUnsafeBufferPointer { body($0, isFirst, size) } }
                    if isLast { return }
                    isFirst = false
                }
            }
        }
    }

    /// `forEachPiece`'s walk over a mapped file's bytes (`file`, not empty).
    private static func forEachMappedPiece(_ file: UnsafeBufferPointer<UInt8>, pieceBytes: Int,
                                           _ body: (UnsafeBufferPointer<UInt8>, _ isFirst: Bool, _ fileSize: Int) -> Void) {
        let size = file.count, base = UnsafeRawPointer(file.baseAddress!)
        func advise(_ use: SystemCalls.MappingUse, _ range: Range<Int>) {
            SystemCalls.advise(use, mapping: base, mappingLength: size, pointer: base + range.lowerBound, length: range.count)
        }
        advise(.sequential, 0 ..< size)
        var start = 0
        while start < size {
            var end = min(size, start + pieceBytes)
            if end < size {
                // After the last line feed in the window, else after the first one past it.
                if let feed = file[start ..< end].lastIndex(of: 0x0A) {
                    end = feed + 1
                } else if let feed = nextLineFeed(in: UnsafeRawBufferPointer(file), from: end) {
                    end = feed + 1
                } else {
                    end = size
                }
            }
            if end < size { advise(.soon, end ..< min(size, end + pieceBytes)) }
            body(UnsafeBufferPointer(rebasing: file[start ..< end]), start == 0, size)
            advise(.done, start ..< end)
            start = end
        }
    }

    /// Opens `path` for reading, refuses a directory, and runs `body(descriptor, size in bytes)`;
    /// the descriptor is closed after it.
    private static func withOpenFile<T>(_ path: String, _ body: (SystemCalls.Descriptor, SystemCalls.FileStatus) throws(CorpusError) -> T) throws(CorpusError) -> T {
        let fd = SystemCalls.openForReading(path)
        guard fd >= 0 else { throw .cannotRead(path: path, reason: SystemCalls.lastErrorDescription) }
        defer { SystemCalls.close(fd) }
        guard let st = SystemCalls.status(fd) else { throw .cannotRead(path: path, reason: SystemCalls.lastErrorDescription) }
        if st.isDirectory { throw .cannotRead(path: path, reason: "is a directory") }
        return try body(fd, st)
    }

    /// Splits `bytes` into lines (LF or CRLF), calling `body(lineNumber, line)` with 1-based numbers.
    /// A UTF-8 byte-order mark at the start is skipped. A final line without LF is still a line.
    /// `firstLine` numbers the first line (a later piece of a file read in pieces starts where
    /// the one before ended, and skips no byte-order mark: `atFileStart` false).
    public static func forEachLine(_ bytes: [UInt8], firstLine: Int = 1, atFileStart: Bool = true,
                                   _ body: (Int, ArraySlice<UInt8>) throws -> Void) rethrows {
        _ = try bytes.withUnsafeBufferPointer { buffer in
            try forEachLineRange(buffer, firstLine: firstLine, atFileStart: atFileStart) { line, range in try body(line, bytes[range]) }
        }
    }

    /// `forEachLine` over bytes in place: `body(lineNumber, range)`, the line being
    /// `bytes[range]` (its CR and LF left out). Returns the number the next line would have.
    @discardableResult
    public static func forEachLineRange(_ bytes: UnsafeBufferPointer<UInt8>, firstLine: Int = 1, atFileStart: Bool = true,
                                        _ body: (Int, Range<Int>) throws -> Void) rethrows -> Int {
        var start = 0
        if atFileStart, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        var line = firstLine
        while let i = nextLineFeed(in: UnsafeRawBufferPointer(bytes), from: start) {
            var end = i
            if end > start, bytes[end - 1] == 0x0D { end -= 1 }
            try body(line, start ..< end)
            line += 1
            start = i + 1
        }
        if start < bytes.count {
            var end = bytes.count
            if bytes[end - 1] == 0x0D { end -= 1 }
            try body(line, start ..< end)
            line += 1
        }
        return line
    }

    /// The index of the first line feed (0x0A) in `raw` at or after `from`, or nil.
    /// Eight bytes at a time (a word's zero bytes after XOR with 0x0A…0A), so a 1 GB corpus file
    /// is split into lines in a fraction of a second. - Complexity: O(bytes scanned).
    @inline(__always)
    static func nextLineFeed(in raw: UnsafeRawBufferPointer, from: Int) -> Int? {
        let n = raw.count
        var i = from
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        while i + 8 <= n {
            let v = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) ^ (ones &* 0x0A)
            let zeros = (v &- ones) & ~v & highs // the lowest set bit marks the first zero byte exactly
            if zeros != 0 { return i + zeros.trailingZeroBitCount / 8 }
            i += 8
        }
        while i < n {
            if raw[i] == 0x0A { return i }
            i += 1
        }
        return nil
    }

    /// Decodes text that may be UTF-8 or Latin-1 (as NCES files are): valid UTF-8 is taken as is,
    /// anything else is read byte-for-byte as ISO-8859-1. Never fails.
    public static func decodeText<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        if let s = String(validating: bytes, as: UTF8.self) { return s }
        var scalars = String.UnicodeScalarView()
        for b in bytes { scalars.append(Unicode.Scalar(b)) }
        return String(scalars)
    }
}

/// Errors that stop an ingest as a whole (a malformed row is an `IngestIssue`, not an error).
public enum CorpusError: Error, Sendable, Equatable, CustomStringConvertible {
    case cannotRead(path: String, reason: String)
    case missingColumns(path: String, columns: [String], found: [String])
    case emptyFile(path: String)
    /// Nothing to index; `skipped` rows were malformed (0: the corpus had no rows at all).
    case noRecords(path: String, skipped: Int)

    public var description: String {
        switch self {
        case let .cannotRead(path, reason):
            "cannot read \(path): \(reason) (check the path, or pass the right file)"
        case let .missingColumns(path, columns, found):
            "\(path): missing required column(s) \(columns.joined(separator: ", ")) in the header (found: \(found.prefix(12).joined(separator: ", "))\(found.count > 12 ? ", …" : "")); is this the right file?"
        case let .emptyFile(path):
            "\(path): the file is empty (expected a header row)"
        case let .noRecords(path, skipped):
            "\(path): no valid records to index"
                + (skipped > 0 ? " (\(skipped) malformed \(skipped == 1 ? "row" : "rows") skipped, the first reported above)" : "")
                + "; pass a corpus directory (Corpus/, with programs.tsv), a JSON Lines file of program records, or a directory of .jsonl files"
        }
    }
}

/// One input row that was skipped (or accepted with a caveat), with where it was.
public struct IngestIssue: Sendable, Equatable, CustomStringConvertible {
    public let file: String
    /// 1-based line number of the row's first line.
    public let line: Int
    public let reason: String

    public init(file: String, line: Int, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    public var description: String { "\(file):\(line): \(reason)" }
}

/// What an ingest read: rows accepted, rows skipped with reasons, and caveats.
/// Keeps the first `retainLimit` messages of each kind; the counts are always exact.
public struct IngestReport: Sendable {
    public static let retainLimit = 1000
    public private(set) var accepted = 0
    public private(set) var skippedCount = 0
    public private(set) var warningCount = 0
    public private(set) var skipped: [IngestIssue] = []
    public private(set) var warnings: [IngestIssue] = []
    /// Rows that were not records by design (IPEDS CIPCODE 99 totals), not errors.
    public var ignoredTotals = 0

    public init() {}

    public mutating func accept(_ n: Int = 1) { accepted += n }
    public mutating func skip(_ issue: IngestIssue) {
        skippedCount += 1
        if skipped.count < Self.retainLimit { skipped.append(issue) }
    }
    public mutating func warn(_ issue: IngestIssue) {
        warningCount += 1
        if warnings.count < Self.retainLimit { warnings.append(issue) }
    }
    public mutating func merge(_ other: IngestReport) {
        accepted += other.accepted
        ignoredTotals += other.ignoredTotals
        for s in other.skipped { skip(s) }
        skippedCount += other.skippedCount - other.skipped.count
        for w in other.warnings { warn(w) }
        warningCount += other.warningCount - other.warnings.count
    }

    /// "12,345 accepted, 3 skipped (malformed), 1 warning".
    public var summary: String {
        var s = "\(accepted) accepted, \(skippedCount) skipped"
        if warningCount > 0 { s += ", \(warningCount) warning\(warningCount == 1 ? "" : "s")" }
        if ignoredTotals > 0 { s += ", \(ignoredTotals) total rows ignored" }
        return s
    }
}

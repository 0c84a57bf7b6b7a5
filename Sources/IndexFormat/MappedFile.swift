import Corpus
import Platform

/// A read-only memory mapping of a whole file, unmapped when released. Opening costs one
/// `open`, `fstat` and `mmap`, whatever the file's size; pages load on first touch.
public final class MappedFile: @unchecked Sendable {
    public let path: String
    public let region: ByteRegion
    private let mapping: UnsafeMutableRawPointer?
    private let mappedLength: Int
    /// Backing storage when the file is empty or mapping is not possible.
    private let fallback: UnsafeMutableRawPointer?

    public init(path: String) throws(IndexFormatError) {
        self.path = path
        let fd = SystemCalls.openForReading(path)
        if fd < 0 {
            if SystemCalls.lastError == SystemCalls.noSuchFile { throw .fileNotFound(path: path) }
            throw .cannotOpen(path: path, reason: SystemCalls.lastErrorDescription)
        }
        defer { SystemCalls.close(fd) }
        guard let st = SystemCalls.status(fd) else { throw .cannotOpen(path: path, reason: SystemCalls.lastErrorDescription) }
        if st.isDirectory { throw .cannotOpen(path: path, reason: "it is a directory") }
        let size = st.size
        if size == 0 {
            fallback = UnsafeMutableRawPointer.allocate(byteCount: 8, alignment: 8)
            mapping = nil
            mappedLength = 0
            region = ByteRegion(base: UnsafeRawPointer(fallback!), count: 0)
            return
        }
        guard let p = SystemCalls.mapReadOnly(fd, length: size) else { throw .cannotOpen(path: path, reason: SystemCalls.lastErrorDescription) }
        mapping = p
        mappedLength = size
        fallback = nil
        region = ByteRegion(base: UnsafeRawPointer(p), count: size)
    }

    deinit {
        if let mapping { SystemCalls.unmap(mapping, length: mappedLength) }
        fallback?.deallocate()
    }
}

/// Writes a file atomically: the bytes go to a temporary file in the same directory, which is
/// fsynced and then renamed over the target (and the directory fsynced), so a reader sees either
/// the old file or the complete new one, never a torn write. The temp file is removed on failure.
public enum AtomicFile {
    /// A new temporary file beside `path`, `<path>.tmp-<pid>-<8 hex digits>` (random, created
    /// only if absent: two writers of one path in one process never share one), open for
    /// writing, and registered with `InterruptCleanup` (before it is made, so no moment is left
    /// where an interruption would leave it; the caller unregisters `cleanupSlot` once the file
    /// is renamed or removed); `sweepStaleTemporaries` removes those of processes that are
    /// gone. Throws when it cannot be made (no such directory, no permission).
    static func createTemporary(for path: String) throws(IndexFormatError) -> (fd: SystemCalls.Descriptor, path: String, cleanupSlot: Int?) {
        while true {
            let tmp = "\(path).tmp-\(SystemCalls.processID)-" + String(UInt32.random(in: 0 ... .max) | 1 << 31, radix: 16)
            let slot = InterruptCleanup.register(tmp)
            let fd = SystemCalls.createNew(tmp)
            if fd >= 0 { return (fd, tmp, slot) }
            let exists = SystemCalls.lastErrorWasExists
            let reason = SystemCalls.lastErrorDescription
            if let slot { InterruptCleanup.unregister(slot) } // not ours, or not made
            if !exists { throw .cannotWrite(path: path, reason: "cannot create \(tmp): \(reason)") }
        }
    }

    public static func write(_ bytes: [UInt8], to path: String) throws(IndexFormatError) {
        try Self.write([bytes], to: path)
    }

    /// Writes `parts`, one after the other, as the file at `path`: into a temporary file beside
    /// it (`createTemporary`), fsynced, then renamed over `path`, so a reader sees the old file
    /// or the whole new one.
    public static func write(_ parts: [[UInt8]], to path: String) throws(IndexFormatError) {
        let (fd, tmp, slot) = try createTemporary(for: path)
        var ok = false, open = true
        defer {
            if !ok { if open { SystemCalls.close(fd) }; SystemCalls.remove(tmp) }
            if let slot { InterruptCleanup.unregister(slot) }
        }
        for part in parts {
            guard part.withUnsafeBytes({ SystemCalls.writeAll(fd, $0) }) else {
                throw .cannotWrite(path: path, reason: SystemCalls.lastErrorDescription)
            }
        }
        guard SystemCalls.synchronize(fd) else { throw .cannotWrite(path: path, reason: "fsync failed: \(SystemCalls.lastErrorDescription)") }
        open = false
        guard SystemCalls.close(fd) else { throw .cannotWrite(path: path, reason: "close failed: \(SystemCalls.lastErrorDescription)") }
        guard SystemCalls.rename(tmp, to: path) else {
            let reason = SystemCalls.lastErrorDescription
            SystemCalls.remove(tmp)
            ok = true
            throw .cannotWrite(path: path, reason: "rename failed: \(reason)")
        }
        ok = true
        SystemCalls.synchronizeDirectory(directory(of: path))
    }

    /// Removes the temporary files beside `path` (`<path>.tmp-<pid>-…`, or `<path>.tmp-<pid>`
    /// as builds before format 14 named them: an index being written, `IndexFileOutput`, or
    /// any other file `write` was writing) whose process no longer runs: a writer killed
    /// mid-build leaves one. Returns how many were removed.
    @discardableResult
    public static func sweepStaleTemporaries(for path: String) -> Int {
        let dir = directory(of: path)
        let prefix = (path.split(separator: "/").last.map(String.init) ?? path) + ".tmp-"
        var removed = 0
        for name in CorpusLoader.listDirectory(dir) {
            guard name.hasPrefix(prefix), let pid = Int32(name.dropFirst(prefix.count).prefix { $0 != "-" }) else { continue }
            if pid == SystemCalls.processID || SystemCalls.processExists(pid) { continue } // still running
            if SystemCalls.remove(dir + "/" + name) { removed += 1 }
        }
        return removed
    }

    /// The directory `path` is in: what precedes its last "/", "." for a bare name, "/" for a file at the root.
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let d = String(path[..<slash])
        return d.isEmpty ? "/" : d
    }
}

import Corpus
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { throw .fileNotFound(path: path) }
            throw .cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw .cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw .cannotOpen(path: path, reason: "it is a directory") }
        let size = Int(st.st_size)
        if size == 0 {
            fallback = UnsafeMutableRawPointer.allocate(byteCount: 8, alignment: 8)
            mapping = nil
            mappedLength = 0
            region = ByteRegion(base: UnsafeRawPointer(fallback!), count: 0)
            return
        }
        let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0)
        guard let p, p != MAP_FAILED else { throw .cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        mapping = p
        mappedLength = size
        fallback = nil
        region = ByteRegion(base: UnsafeRawPointer(p), count: size)
    }

    deinit {
        if let mapping { munmap(mapping, mappedLength) }
        fallback?.deallocate()
    }
}

/// Writes a file atomically: the bytes go to a temporary file in the same directory, which is
/// fsynced and then renamed over the target (and the directory fsynced), so a reader sees either
/// the old file or the complete new one, never a torn write. The temp file is removed on failure.
public enum AtomicFile {
    /// Prefix of temporary files: `<target>.tmp-<pid>`; `sweepStaleTemporaries` removes leftovers.
    public static func temporaryPath(for path: String) -> String { "\(path).tmp-\(getpid())" }

    public static func write(_ bytes: [UInt8], to path: String) throws(IndexFormatError) {
        let tmp = temporaryPath(for: path)
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .cannotWrite(path: path, reason: "cannot create \(tmp): \(String(cString: strerror(errno)))") }
        var ok = false
        defer { if !ok { close(fd); unlink(tmp) } }
        var written = 0
        let failure: String? = bytes.withUnsafeBytes { raw -> String? in
            while written < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + written, min(raw.count - written, 1 << 26))
                if n < 0 { if errno == EINTR { continue }; return String(cString: strerror(errno)) }
                written += n
            }
            return nil
        }
        if let failure { throw .cannotWrite(path: path, reason: failure) }
        guard fsync(fd) == 0 else { throw .cannotWrite(path: path, reason: "fsync failed: \(String(cString: strerror(errno)))") }
        guard close(fd) == 0 else { throw .cannotWrite(path: path, reason: "close failed: \(String(cString: strerror(errno)))") }
        guard rename(tmp, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(tmp)
            ok = true
            throw .cannotWrite(path: path, reason: "rename failed: \(reason)")
        }
        ok = true
        let dir = directory(of: path)
        let dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 { fsync(dfd); close(dfd) }
    }

    /// Removes `<path>.tmp-<pid>` files whose process no longer runs (left by a killed writer).
    /// Returns how many were removed.
    @discardableResult
    public static func sweepStaleTemporaries(for path: String) -> Int {
        let dir = directory(of: path)
        let prefix = (path.split(separator: "/").last.map(String.init) ?? path) + ".tmp-"
        var removed = 0
        for name in CorpusLoader.listDirectory(dir) {
            guard name.hasPrefix(prefix), let pid = Int32(name.dropFirst(prefix.count)), pid != getpid() else { continue }
            if kill(pid, 0) == 0 || errno == EPERM { continue } // still running
            if unlink(dir + "/" + name) == 0 { removed += 1 }
        }
        return removed
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let d = String(path[..<slash])
        return d.isEmpty ? "/" : d
    }
}

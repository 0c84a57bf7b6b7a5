// The one file that talks to the operating system. Every other module calls these wrappers, so
// porting schoolfinder means reading this file only. Linux (Glibc) is built and tested; the
// Darwin branch is written beside it but cannot be built here: where the two spell a thing
// differently, both spellings sit next to each other under `#if canImport(Darwin)`. Plain C math
// (sin, cos, log …) is the same on both and is imported where it is used.
#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#endif

/// Thin wrappers over the POSIX calls schoolfinder uses: files, directories, memory maps,
/// processes and the monotonic clock. Functions that can fail return `nil`, `false` or a
/// negative count and leave the reason in `lastErrorDescription` (from `errno`).
public enum SystemCalls {
    /// A file descriptor (POSIX `int`).
    public typealias Descriptor = Int32

    // MARK: Errors

    /// `errno` after the last failed call on this thread.
    public static var lastError: Int32 { errno }
    /// `strerror(errno)`: the reason the last call failed, in words.
    public static var lastErrorDescription: String { String(cString: strerror(errno)) }
    /// `lastError` when the call was interrupted by a signal and should be retried.
    public static let interrupted: Int32 = EINTR
    /// `lastError` when the path does not exist.
    public static let noSuchFile: Int32 = ENOENT

    // MARK: Files

    /// Opens `path` read-only (close-on-exec). Returns a descriptor, or a negative number.
    public static func openForReading(_ path: String) -> Descriptor { open(path, O_RDONLY | O_CLOEXEC) }

    /// Creates or truncates `path` for writing, mode 0644. Returns a descriptor, or a negative number.
    public static func createForWriting(_ path: String) -> Descriptor {
        open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    }

    /// Creates `path` for writing, mode 0644, failing (`errno` EEXIST) when it exists
    /// (`O_EXCL`). Returns a descriptor, or a negative number.
    public static func createNew(_ path: String) -> Descriptor {
        open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    }

    /// Whether the last failed call found its file already there (`EEXIST`).
    public static var lastErrorWasExists: Bool { errno == EEXIST }

    /// Reads at most `buffer.count` bytes; returns the count, 0 at end of file, negative on error.
    public static func read(_ fd: Descriptor, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        #if canImport(Darwin)
        Darwin.read(fd, buffer.baseAddress, buffer.count)
        #else
        Glibc.read(fd, buffer.baseAddress, buffer.count)
        #endif
    }

    /// Reads until end of file, retrying after signals; `nil` on an error. `sizeHint` is the
    /// expected size (it only reserves capacity).
    public static func readToEnd(_ fd: Descriptor, sizeHint: Int = 0) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(max(0, sizeHint))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, into: $0) }
            if n < 0 { if errno == EINTR { continue }; return nil }
            if n == 0 { return out }
            out.append(contentsOf: chunk[0 ..< n])
        }
    }

    /// How `readAll` ended.
    public enum ReadOutcome { case complete, endOfFile, failed }

    /// Reads exactly `buffer.count` bytes at byte `offset` of `fd` (`pread`, retrying after
    /// signals): `.complete`, `.endOfFile` when the file ends first, or `.failed` (see
    /// `lastErrorDescription`).
    public static func readAll(_ fd: Descriptor, into buffer: UnsafeMutableRawBufferPointer, at offset: Int) -> ReadOutcome {
        var done = 0
        while done < buffer.count {
            let n = pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if n < 0 { if errno == EINTR { continue }; return .failed }
            if n == 0 { return .endOfFile }
            done += n
        }
        return .complete
    }

    /// Standard input's descriptor.
    public static let standardInput: Descriptor = 0
    /// Standard output's descriptor.
    public static let standardOutput: Descriptor = 1

    /// Writes at most `count` bytes from `bytes`; returns the count written, negative on error.
    public static func write(_ fd: Descriptor, _ bytes: UnsafeRawPointer, count: Int) -> Int {
        #if canImport(Darwin)
        Darwin.write(fd, bytes, count)
        #else
        Glibc.write(fd, bytes, count)
        #endif
    }

    /// Writes all of `bytes`, retrying after signals; `false` on an error (see `lastErrorDescription`).
    public static func writeAll(_ fd: Descriptor, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var written = 0
        while written < bytes.count {
            let n = write(fd, bytes.baseAddress! + written, count: min(bytes.count - written, 1 << 26))
            if n < 0 { if errno == EINTR { continue }; return false }
            if n == 0 { return false }
            written += n
        }
        return true
    }

    /// Writes all of `bytes` at byte `offset` of `fd` (`pwrite`, retrying after signals), not
    /// moving the file position; `false` on an error (see `lastErrorDescription`).
    public static func writeAll(_ fd: Descriptor, _ bytes: UnsafeRawBufferPointer, at offset: Int) -> Bool {
        var written = 0
        while written < bytes.count {
            let n = pwrite(fd, bytes.baseAddress! + written, min(bytes.count - written, 1 << 26), off_t(offset + written))
            if n < 0 { if errno == EINTR { continue }; return false }
            if n == 0 { return false }
            written += n
        }
        return true
    }

    /// Closes `fd`; `false` when the close reported an error.
    @discardableResult
    public static func close(_ fd: Descriptor) -> Bool {
        #if canImport(Darwin)
        Darwin.close(fd) == 0
        #else
        Glibc.close(fd) == 0
        #endif
    }

    /// Flushes `fd`'s data to the device. (On Darwin `fsync` reaches the drive's cache only;
    /// `F_FULLFSYNC` would go further. The atomic rename does not depend on it.)
    public static func synchronize(_ fd: Descriptor) -> Bool { fsync(fd) == 0 }

    /// Flushes a directory's entries (after a rename into it). Best effort: errors are ignored.
    public static func synchronizeDirectory(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 { _ = fsync(fd); _ = close(fd) }
    }

    /// Atomically replaces `destination` with `source` (same file system); `false` on error.
    public static func rename(_ source: String, to destination: String) -> Bool {
        #if canImport(Darwin)
        Darwin.rename(source, destination) == 0
        #else
        Glibc.rename(source, destination) == 0
        #endif
    }

    /// Removes the file at `path`; `false` on error.
    @discardableResult
    public static func remove(_ path: String) -> Bool { unlink(path) == 0 }

    // MARK: File status

    /// What `stat` says about a file.
    public struct FileStatus: Sendable, Equatable {
        /// Size in bytes.
        public var size: Int
        /// Whether the path names a directory.
        public var isDirectory: Bool
        /// Whether the path names a regular file (not a directory, pipe, socket or device): one
        /// whose size is its length, which can be mapped.
        public var isRegularFile: Bool = false
        /// Last modification, seconds since 1970-01-01 UTC, with nanoseconds.
        public var modificationTime: Double
    }

    /// `stat(path)`, or `nil` when the path does not exist or cannot be read.
    public static func status(_ path: String) -> FileStatus? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return FileStatus(st)
    }

    /// Whether this process may create files in the directory `path`: write and search
    /// permission (`access(W_OK | X_OK)`; see `lastErrorDescription` when not).
    public static func isWritableDirectory(_ path: String) -> Bool { access(path, W_OK | X_OK) == 0 }

    /// `fstat(fd)`, or `nil` on error.
    public static func status(_ fd: Descriptor) -> FileStatus? {
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        return FileStatus(st)
    }

    // MARK: Directories

    /// Entry names of the directory at `path` (without "." and ".."), unsorted; empty when it
    /// cannot be read.
    public static func directoryEntries(_ path: String) -> [String] {
        guard let d = opendir(path) else { return [] }
        defer { closedir(d) }
        var names: [String] = []
        let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        while let e = readdir(d) {
            // The name is read in place up to its NUL: a record can end before the 256 bytes
            // `d_name` declares, so copying the field would read past it (AddressSanitizer).
            let name = String(cString: UnsafeRawPointer(e).advanced(by: nameOffset).assumingMemoryBound(to: CChar.self))
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    // MARK: Memory maps

    /// Maps `length` bytes of `fd` read-only and private; `nil` on error.
    public static func mapReadOnly(_ fd: Descriptor, length: Int) -> UnsafeMutableRawPointer? {
        let p: UnsafeMutableRawPointer? = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, 0)
        guard let p, p != UnsafeMutableRawPointer(bitPattern: -1) else { return nil } // MAP_FAILED
        return p
    }

    /// Unmaps a mapping made by `mapReadOnly`.
    public static func unmap(_ pointer: UnsafeMutableRawPointer, length: Int) { _ = munmap(pointer, length) }

    /// What a mapping's pages are about to be used for (`madvise`); only a hint: the mapping's
    /// contents never change.
    public enum MappingUse: Sendable {
        /// Read once, front to back: the kernel reads further ahead and may drop pages behind.
        case sequential
        /// Read soon: the kernel starts reading the pages in now.
        case soon
        /// Done with: the pages leave this process's resident set (a file's stay in the page
        /// cache; touching them again maps them again).
        case done
    }

    /// Advises the kernel of `use` for the pages that hold `pointer ..< pointer + length` of a
    /// mapping made by `mapReadOnly` that starts at `mapping` (the range is widened to whole
    /// pages, within the mapping only for `soon` and `sequential`; `done` covers only the pages
    /// wholly inside it). A hint: errors are ignored.
    public static func advise(_ use: MappingUse, mapping: UnsafeRawPointer, mappingLength: Int, pointer: UnsafeRawPointer, length: Int) {
        let page = max(1, Int(sysconf(Int32(_SC_PAGESIZE))))
        let base = Int(bitPattern: mapping), first = Int(bitPattern: pointer) - base
        let last = min(mappingLength, first + length)
        let start: Int, end: Int
        switch use {
        case .done: start = (first + page - 1) / page * page; end = last == mappingLength ? mappingLength : last / page * page
        case .soon, .sequential: start = first / page * page; end = last
        }
        guard end > start, let p = UnsafeMutableRawPointer(bitPattern: base + start) else { return }
        let advice: Int32
        switch use {
        case .sequential: advice = Int32(MADV_SEQUENTIAL)
        case .soon: advice = Int32(MADV_WILLNEED)
        case .done: advice = Int32(MADV_DONTNEED)
        }
        _ = madvise(p, end - start, advice)
    }

    // MARK: Processes and time

    /// This process's id.
    public static var processID: Int32 { getpid() }

    /// Whether a process with id `pid` exists (it may belong to another user).
    public static func processExists(_ pid: Int32) -> Bool { kill(pid, 0) == 0 || errno == EPERM }

    /// Creates the directory `path` (one level, mode 0755); true when it exists afterwards.
    public static func makeDirectory(_ path: String) -> Bool {
        mkdir(path, 0o755) == 0 || status(path)?.isDirectory == true
    }

    /// The peak resident set size of this process in bytes (getrusage: ru_maxrss is kilobytes
    /// on Linux, bytes on Darwin); 0 when unavailable.
    public static func peakResidentBytes() -> Int {
        var usage = rusage()
        #if canImport(Darwin)
        return getrusage(RUSAGE_SELF, &usage) == 0 ? Int(usage.ru_maxrss) : 0
        #else
        return getrusage(RUSAGE_SELF.rawValue, &usage) == 0 ? Int(usage.ru_maxrss) * 1024 : 0
        #endif
    }

    /// Hands memory the allocator holds free back to the system (glibc's `malloc_trim(0)`, found
    /// at run time; nothing elsewhere). After millions of small blocks are freed (a corpus's
    /// strings), they would otherwise stay resident while later large arrays take new pages.
    public static func returnFreedMemory() {
        #if canImport(Glibc)
        typealias Trim = @convention(c) (Int) -> Int32
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") {
            _ = unsafeBitCast(symbol, to: Trim.self)(0)
        }
        #endif
    }

    /// The processors online (sysconf), at least 1: how many threads a parallel build uses.
    public static func processorCount() -> Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    // MARK: Terminal and environment

    /// The width in columns of the terminal `fd` writes to, or `nil` when `fd` is not a
    /// terminal (a pipe or a file) or reports no width (TIOCGWINSZ on both systems).
    public static func terminalColumns(_ fd: Descriptor) -> Int? {
        guard isatty(fd) == 1 else { return nil }
        var size = winsize()
        #if canImport(Darwin)
        let request = TIOCGWINSZ
        #else
        let request = UInt(TIOCGWINSZ)
        #endif
        guard ioctl(fd, request, &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// The value of the environment variable `name`, or `nil` when unset.
    public static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// Seconds on a clock that never goes back (CLOCK_MONOTONIC; macOS 10.12 and later).
    public static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// CPU seconds the calling thread has run (CLOCK_THREAD_CPUTIME_ID): on a shared machine a
    /// single-thread throughput measured on it leaves out the time other processes took.
    public static func threadCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

extension SystemCalls.FileStatus {
    init(_ st: stat) {
        #if canImport(Darwin)
        let modified = st.st_mtimespec // Darwin's name for st_mtim
        #else
        let modified = st.st_mtim
        #endif
        self.init(size: Int(st.st_size), isDirectory: (st.st_mode & S_IFMT) == S_IFDIR,
                  modificationTime: Double(modified.tv_sec) + Double(modified.tv_nsec) / 1e9)
        isRegularFile = (st.st_mode & S_IFMT) == S_IFREG
    }
}

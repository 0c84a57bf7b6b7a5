import Dispatch
import Platform

/// The index file being written: a temporary file beside the index
/// (`AtomicFile.createTemporary`), renamed over it once complete (`commit`), removed when it
/// never is (`discard`, or when the last reference goes). Room for the header and the
/// section table is left at the start; each section is appended after the last, 8-byte
/// aligned, in `IndexLayout.Section.fileOrder`, as soon as the build has it, and written on a
/// serial Dispatch queue while the build goes on. So TEXTS (on realistic text 88 bytes a
/// record, 880 MB at 10M records), then IDS, INSTITUTIONS, DOCUMENTS, DETAILS and STRINGS
/// (220 MB more at 10M) go out during the rows, the inversion and the postings do not share
/// memory with them, and no byte is written twice (format 13, whose file held the sections in
/// id order, spilled them to files of their own and copied them in at the end). The header,
/// which names every section's offset, length and CRC-32, is written last, at byte 0; then the
/// file is fsynced and renamed, so a reader sees the old index or the whole new one.
///
/// The temporary file is registered with `InterruptCleanup` while it exists, so a Ctrl-C
/// removes it where the host installed the handlers (`schoolfinder index` does); a process
/// killed outright leaves it, and `AtomicFile.sweepStaleTemporaries` removes it once that
/// process is gone.
/// - Complexity: O(bytes) written, on the queue; O(bytes) on the caller for the block
///   checksums (`append`), which so run while the section before is written.
final class IndexFileOutput: @unchecked Sendable {
    /// The index being written (named in errors).
    let path: String
    /// The file the bytes go to until `commit`.
    let temporaryPath: String
    private let fd: SystemCalls.Descriptor
    /// Where the file ends once everything appended is written: the next section starts at
    /// the next multiple of 8. Used on the caller's thread only.
    private(set) var end: Int
    /// The writes, in the order appended.
    private let queue = DispatchQueue(label: "schoolfinder.index-output")
    /// The first write that failed: set on the queue, read only after waiting for it.
    private var writeFailure: IndexFormatError?
    private var isOpen = true
    /// The temporary file's `InterruptCleanup` slot while it is registered.
    private var cleanupSlot: Int?
    /// Renamed over `path` (`commit`) or removed (`discard`): nothing left to clean up.
    private var isFinished = false

    /// The parts of a section being written, each let go once written (its memory goes as the
    /// file fills).
    private final class Parts: @unchecked Sendable {
        var parts: [[UInt8]]
        init(_ parts: [[UInt8]]) { self.parts = parts }
    }

    /// Creates the temporary file for the index at `path`; throws when it cannot be made (a
    /// missing directory, no permission).
    init(path: String) throws(IndexFormatError) {
        (fd, temporaryPath, cleanupSlot) = try AtomicFile.createTemporary(for: path)
        self.path = path
        end = IndexLayout.sectionEntryOffset(IndexLayout.Section.allCases.count)
    }

    /// Appends the concatenation of `parts` (emptied) as the next section: zero padding to a
    /// multiple of 8, then its bytes, written on the queue, each part let go once written. The
    /// CRC-32 of each `IndexLayout.checksumBlockSize` bytes (BLOCKSUMS) is taken first, on the
    /// caller. A write that fails (a full disk) is reported by `waitUntilWritten` or `commit`.
    /// Precondition: neither `commit` nor `discard` has been called.
    func append(_ parts: inout [[UInt8]]) -> PlacedSection {
        precondition(isOpen && !isFinished, "a section appended to an index file already committed or discarded")
        let offset = (end + 7) & ~7
        let padding = offset - end
        let count = parts.reduce(0) { $0 + $1.count }
        let sums = Self.blockSums(of: parts)
        let taken = Parts(parts)
        parts = []
        end = offset + count
        queue.async { [self] in
            guard writeFailure == nil else { return }
            var at = offset - padding
            let zeros = [UInt8](repeating: 0, count: padding)
            var ok = zeros.withUnsafeBytes { SystemCalls.writeAll(fd, $0, at: at) }
            at = offset
            for k in taken.parts.indices where ok {
                ok = taken.parts[k].withUnsafeBytes { SystemCalls.writeAll(fd, $0, at: at) }
                at += taken.parts[k].count
                taken.parts[k] = []
            }
            taken.parts = []
            if !ok { writeFailure = Self.writeError(path: path, temporaryPath: temporaryPath) }
        }
        return PlacedSection(offset: offset, count: count, blockSums: sums)
    }

    /// The CRC-32 of each `IndexLayout.checksumBlockSize` bytes of the concatenation of
    /// `parts`, in order (the last block may be shorter; none for no bytes).
    static func blockSums(of parts: [[UInt8]]) -> [UInt32] {
        var sums: [UInt32] = []
        var crc: UInt32 = 0, inBlock = 0
        let blockSize = IndexLayout.checksumBlockSize
        for part in parts {
            part.withUnsafeBytes { bytes in
                var at = 0
                while at < bytes.count {
                    let n = min(blockSize - inBlock, bytes.count - at)
                    crc = CRC32.checksum(bytes.baseAddress! + at, count: n, continuing: crc)
                    inBlock += n
                    at += n
                    if inBlock == blockSize { sums.append(crc); crc = 0; inBlock = 0 }
                }
            }
        }
        if inBlock > 0 { sums.append(crc) }
        return sums
    }

    /// The error for a write that failed, with its fix.
    private static func writeError(path: String, temporaryPath: String) -> IndexFormatError {
        let directory = AtomicFile.directory(of: path)
        return .cannotWrite(path: path, reason: "cannot write \(temporaryPath) (\(SystemCalls.lastErrorDescription)); the build needs about the index's size free in \(directory): free that much space there, or write the index to another directory")
    }

    /// Waits until everything appended is in the file (its memory let go); throws when a write
    /// failed.
    func waitUntilWritten() throws(IndexFormatError) {
        queue.sync {}
        if let writeFailure { throw writeFailure }
    }

    /// Writes `header` (the header and the section table, naming every section appended) at
    /// byte 0 once everything appended is written, fsyncs the file and renames it over `path`
    /// (then fsyncs the directory). Precondition: `header` is exactly the room left for it.
    func commit(header: [UInt8]) throws(IndexFormatError) {
        precondition(header.count == IndexLayout.sectionEntryOffset(IndexLayout.Section.allCases.count))
        try waitUntilWritten()
        guard header.withUnsafeBytes({ SystemCalls.writeAll(fd, $0, at: 0) }) else {
            throw Self.writeError(path: path, temporaryPath: temporaryPath)
        }
        guard SystemCalls.synchronize(fd) else { throw .cannotWrite(path: path, reason: "fsync failed: \(SystemCalls.lastErrorDescription)") }
        isOpen = false
        guard SystemCalls.close(fd) else { throw .cannotWrite(path: path, reason: "close failed: \(SystemCalls.lastErrorDescription)") }
        guard SystemCalls.rename(temporaryPath, to: path) else {
            throw .cannotWrite(path: path, reason: "rename failed: \(SystemCalls.lastErrorDescription)")
        }
        isFinished = true
        forgetCleanup()
        SystemCalls.synchronizeDirectory(AtomicFile.directory(of: path))
    }

    /// The temporary file is gone (renamed or removed): an interruption has nothing to remove.
    private func forgetCleanup() {
        if let slot = cleanupSlot { InterruptCleanup.unregister(slot); cleanupSlot = nil }
    }

    /// Gives up the file: waits for the writes under way (they cannot be stopped), then closes
    /// and removes it. A build that fails calls this before it reports the error, so nothing
    /// is left behind even when the process exits at once. Does nothing once committed.
    func discard() {
        queue.sync {}
        if isOpen { SystemCalls.close(fd); isOpen = false }
        if !isFinished { SystemCalls.remove(temporaryPath); isFinished = true }
        forgetCleanup()
    }

    /// After every queued write (they hold `self`): a file neither committed nor discarded is removed.
    deinit {
        if isOpen { SystemCalls.close(fd) }
        if !isFinished { SystemCalls.remove(temporaryPath) }
        forgetCleanup()
    }
}

/// A section appended to an `IndexFileOutput`: where it lies in the file, its length, and its
/// block checksums.
struct PlacedSection: Sendable {
    /// Its first byte in the file (8-byte aligned).
    let offset: Int
    /// Its length in bytes.
    let count: Int
    /// The CRC-32 of each `IndexLayout.checksumBlockSize` bytes, in order.
    let blockSums: [UInt32]
}

/// A section's bytes: in memory, or already in the file being written (`IndexFileOutput`).
enum SectionBytes {
    case memory([UInt8])
    case placed(PlacedSection)

    var count: Int {
        switch self {
        case let .memory(bytes): bytes.count
        case let .placed(section): section.count
        }
    }
}

/// An index file as the writer lays it out (`IndexWriter.assemble`): the header with the
/// section table, then each section at its offset, in file order.
struct AssembledFile {
    /// The header and the section table (`IndexLayout.sectionEntryOffset(sectionCount)` bytes).
    let header: [UInt8]
    /// The sections in `IndexLayout.Section.fileOrder`, each at its offset (8-byte aligned).
    let sections: [(offset: Int, bytes: SectionBytes)]
    /// The file's length in bytes.
    let length: Int

    /// The whole file, zero padding included. Precondition: every section is in memory.
    func bytes() -> [UInt8] {
        var out = header
        out.reserveCapacity(length)
        for (offset, section) in sections {
            guard case let .memory(bytes) = section else { preconditionFailure("a section already in a file") }
            out += repeatElement(0, count: offset - out.count)
            out += bytes
        }
        precondition(out.count == length)
        return out
    }
}

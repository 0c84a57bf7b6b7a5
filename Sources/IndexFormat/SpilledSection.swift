import Dispatch
import Platform

/// A section's bytes held in an unnamed file beside the index being written
/// (`SystemCalls.createUnnamedFile`) until the file is written, with the CRC-32 of each of its
/// checksum blocks (BLOCKSUMS) taken as they went out: once written (`waitUntilWritten`), the
/// build does not hold them.
/// A build writing to a file spills each section finished before the postings as soon as it
/// is made: TEXTS (on realistic text 88 bytes a record, 880 MB at 10M records), then IDS,
/// INSTITUTIONS, DOCUMENTS, DETAILS and STRINGS (220 MB more at 10M), which the rows, the
/// inversion and the postings would otherwise share memory with (issue 12).
///
/// The file has no name, so nothing is left behind however the process ends; it is closed
/// when the last reference goes. It is written on a Dispatch worker while the build goes on,
/// and read back (`forEachChunk`) once written. - Complexity: writing and reading back are
/// O(bytes), reading back in chunks of `chunkBytes`.
final class SpilledSection: @unchecked Sendable {
    private let fd: SystemCalls.Descriptor
    /// The index the section is for (named in errors).
    private let path: String
    /// The section's length in bytes.
    let count: Int
    /// The CRC-32 of each `IndexLayout.checksumBlockSize` bytes, in order (the last block may be shorter).
    let blockSums: [UInt32]
    /// Bytes read back at a time.
    static let chunkBytes = 1 << 24
    /// The write to the file, on a Dispatch worker: the builder goes on meanwhile (the rows of a
    /// 1M build overlap TEXTS's 88 MB going out). `writeFailure` is set before the group is
    /// left and read only after waiting for it.
    private let writing = DispatchGroup()
    private var writeFailure: IndexFormatError?

    /// The parts being written, each let go once written (its memory goes as the file fills).
    private final class Parts: @unchecked Sendable {
        var parts: [[UInt8]]
        init(_ parts: [[UInt8]]) { self.parts = parts }
    }

    /// Takes the concatenation of `parts` (emptied) for a new unnamed file in `directory`: its
    /// block checksums are taken now, and it is written on a worker, each part let go once
    /// written. Throws when the file cannot be made; one that cannot be written (a full disk)
    /// is reported when the section is read back (`forEachChunk`). Errors name `path`, the
    /// index it is for, and the fix.
    init(parts: inout [[UInt8]], directory: String, for path: String) throws(IndexFormatError) {
        let fd = SystemCalls.createUnnamedFile(inDirectory: directory)
        guard fd >= 0 else {
            throw .cannotWrite(path: path, reason: "cannot make a spill file in \(directory) (\(SystemCalls.lastErrorDescription)); \(Self.fix(directory))")
        }
        var sums: [UInt32] = []
        var crc: UInt32 = 0, inBlock = 0, total = 0
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
            total += part.count
        }
        if inBlock > 0 { sums.append(crc) }
        let taken = Parts(parts)
        parts = []
        self.fd = fd
        self.path = path
        count = total
        blockSums = sums
        DispatchQueue.global().async(group: writing) { [self] in
            for k in taken.parts.indices {
                let ok = taken.parts[k].withUnsafeBytes { SystemCalls.writeAll(fd, $0) }
                if !ok {
                    writeFailure = .cannotWrite(path: path, reason: "cannot write a spill file in \(directory) (\(SystemCalls.lastErrorDescription)); \(Self.fix(directory))")
                    break
                }
                taken.parts[k] = []
            }
            taken.parts = []
        }
    }

    /// The fix for a spill file in `directory` that cannot be made or written.
    private static func fix(_ directory: String) -> String {
        "the build keeps its finished sections in unnamed files in \(directory) until the index is written (about the index's size): free that much space there, or write the index to another directory"
    }

    /// Waits until the section is in its file (its memory let go); throws when it could not be
    /// written (a full disk), as `forEachChunk` would.
    func waitUntilWritten() throws(IndexFormatError) {
        writing.wait()
        if let writeFailure { throw writeFailure }
    }

    /// Calls `body` with the section's bytes, in order, a chunk at a time (each valid during its call).
    func forEachChunk(_ body: (UnsafeRawBufferPointer) throws(IndexFormatError) -> Void) throws(IndexFormatError) {
        try waitUntilWritten()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, min(count, Self.chunkBytes)), alignment: 16)
        defer { buffer.deallocate() }
        var at = 0
        while at < count {
            let n = min(Self.chunkBytes, count - at)
            let chunk = UnsafeMutableRawBufferPointer(rebasing: buffer[..<n])
            switch SystemCalls.readAll(fd, into: chunk, at: at) {
            case .complete: break
            case .endOfFile:
                throw .cannotWrite(path: path, reason: "its spill file ended at byte \(at) or after, before its \(count) bytes (was it truncated?); build the index again")
            case .failed:
                throw .cannotWrite(path: path, reason: "cannot read back its spill file (\(SystemCalls.lastErrorDescription)); build the index again")
            }
            try body(UnsafeRawBufferPointer(chunk))
            at += n
        }
    }

    /// The section's bytes, read back whole.
    func bytes() throws(IndexFormatError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count)
        try forEachChunk { out.append(contentsOf: $0) }
        return out
    }

    deinit { SystemCalls.close(fd) } // after the write: the worker holds `self` until it is done
}

/// A section's bytes, or a run of the index file's: in memory, or spilled (`SpilledSection`).
enum SectionBytes {
    case memory([UInt8])
    case spilled(SpilledSection)

    var count: Int {
        switch self {
        case let .memory(bytes): bytes.count
        case let .spilled(section): section.count
        }
    }
}

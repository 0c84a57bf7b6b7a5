import Dispatch
import Platform

/// Reads an open file in pieces that end after a line feed, each cut from at least
/// `pieceBytes` read (so a piece may be shorter; the last: whatever is left), for
/// `FileBytes.forEachPiece`. Each read goes straight into the piece's
/// own storage, and a piece is cut from what was read by truncation, so a byte is copied once
/// (by the kernel) on its way to the parser.
///
/// `readAhead()` starts reading the next piece on a Dispatch worker and `next()` waits for it,
/// so the file is read while the caller parses the piece before; one read is in flight at a
/// time, and only `next()`'s caller touches the reader otherwise.
/// `@unchecked Sendable`: `pending` and `result` are used by one thread at a time, handed over
/// by the Dispatch group (`readAhead` → the worker → `next`).
final class PieceReader: @unchecked Sendable {
    enum Piece {
        /// A piece and whether it is the file's last.
        case bytes([UInt8], isLast: Bool)
        /// A read failed; the reason, in words.
        case failed(String)
    }

    private let descriptor: SystemCalls.Descriptor
    private let pieceBytes: Int
    /// The file's size when opened, and the bytes read so far: reads ask for no more room than
    /// what is left (plus a little, should the file have grown), so a small file is not given
    /// a piece-sized buffer.
    private let fileSize: Int
    private var consumed = 0
    /// Bytes read past the last piece's final line feed.
    private var pending: [UInt8] = []
    private var result: Piece?
    private let group = DispatchGroup()

    init(descriptor: SystemCalls.Descriptor, pieceBytes: Int, fileSize: Int) {
        self.descriptor = descriptor
        self.pieceBytes = max(1, pieceBytes)
        self.fileSize = fileSize
    }

    /// Starts reading the next piece on a worker.
    func readAhead() {
        DispatchQueue.global().async(group: group) { self.result = self.readPiece() }
    }

    /// The piece `readAhead` read (reading it now if none is in flight).
    func next() -> Piece {
        group.wait()
        if let piece = result {
            result = nil
            return piece
        }
        return readPiece()
    }

    /// Bytes asked for per read when the file's size is unknown (a pipe).
    static let unknownSizeRead = 1 << 18

    /// `pending[..<feedFreeUpTo]` holds no line feed (what the last search found), so a search
    /// looks at the bytes read since: a line longer than a piece is not rescanned per read.
    private var feedFreeUpTo = 0

    /// Reads until `pending` holds at least `pieceBytes` and a line feed, or the file ends, then
    /// cuts the piece after the last line feed. Each read asks for what the piece still lacks
    /// (at least `min(pieceBytes, 1 MiB)`), and no more than what is left of the file, plus
    /// a little should it have grown (a file of unknown size, such as a pipe: `unknownSizeRead` a read).
    private func readPiece() -> Piece {
        let minimumRead = min(pieceBytes, 1 << 20), slack = 1 << 12
        while true {
            if pending.count >= pieceBytes {
                if let lastFeed = pending[feedFreeUpTo...].lastIndex(of: 0x0A) {
                    var piece = pending
                    pending = Array(piece[(lastFeed + 1)...])
                    feedFreeUpTo = pending.count // the rest follows the last line feed
                    piece.removeSubrange((lastFeed + 1)...) // `piece` is the only owner now: no copy
                    return .bytes(piece, isLast: false)
                }
                feedFreeUpTo = pending.count
            }
            // Room at the end of `pending`, read into directly (zeroed first: an array's bytes
            // are initialized). A file of unknown size — a pipe, whose reads return at most its
            // buffer, 64 KiB — gets `unknownSizeRead` at a time: room for the whole piece at
            // every read zeroed 64 MiB per 64 KiB read, which made a piped corpus 3× slower to index.
            let start = pending.count
            let wanted = max(pieceBytes - start, minimumRead)
            let room = fileSize > 0 ? max(1, min(wanted, max(0, fileSize - consumed) + slack)) : min(wanted, Self.unknownSizeRead)
            pending.append(contentsOf: repeatElement(0, count: room))
            let n = pending.withUnsafeMutableBytes { SystemCalls.read(descriptor, into: UnsafeMutableRawBufferPointer(rebasing: $0[start...])) }
            let error = n < 0 ? SystemCalls.lastError : 0 // before any other call can change errno
            let reason = n < 0 && error != SystemCalls.interrupted ? SystemCalls.lastErrorDescription : ""
            pending.removeLast(room - max(0, n))
            consumed += max(0, n)
            if n < 0 {
                if error == SystemCalls.interrupted { continue }
                return .failed(reason)
            }
            if n == 0 {
                let last = pending
                pending = []
                feedFreeUpTo = 0
                return .bytes(last, isLast: true)
            }
        }
    }
}

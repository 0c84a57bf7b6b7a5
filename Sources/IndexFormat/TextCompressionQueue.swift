import Dispatch

/// Compresses TEXTS blocks off the writer's thread (LZ sequences, `LZBlockCompressor`, then
/// written with the file's codes, `TextEntropyCodes`): `StoredTextPool` hands each batch of filled
/// blocks to `submit(_:)` and goes on interning texts while the batch is compressed on a
/// Dispatch worker, so the writer's text pass (the descriptions interned one after the other
/// between rounds of parallel analysis) and the compression share the machine's cores instead of
/// taking turns (issue 12: a single-threaded loop left one core idle).
///
/// - Invariant: at most `maximumInFlight` batches are queued or running; `submit` waits for a
///   slot, so the texts waiting uncompressed stay bounded (a few batches of
///   `StoredTextPool.batchBlocks` blocks of at most `IndexLayout.textBlockSize` bytes), however
///   far the compression falls behind.
/// - Each block's bytes depend only on the block, the dictionary, the codes and the search depth (every
///   `LZBlockCompressor` restores its tables after a block), so which worker compresses which
///   batch never changes the file.
///
/// `@unchecked Sendable`: its one mutable property, `state`, is only read and written inside
/// `withState`, on the serial queue `lock` (a Dispatch queue, not a `Mutex`: ThreadSanitizer,
/// which CI runs, sees `dispatch_sync` as synchronization but not the futex under `Mutex`, and
/// reported the workers' and the writer's turns at `state` as a race).
final class TextCompressionQueue: @unchecked Sendable {
    /// A batch's compressed blocks back to back (`bytes`), and the end of each in `bytes`.
    struct CompressedBatch: Sendable {
        var bytes: [UInt8] = []
        var ends: [Int] = []
    }
    private struct State {
        /// Compressors not in use by a running batch (one per possible concurrent batch).
        var idle: [LZBlockCompressor]
        /// Compressed batches by submission number: the blocks back to back, and where each ends.
        var done: [Int: CompressedBatch] = [:]
        var submitted = 0
        /// Batches handed back by `takeFinished`/`finish` (all before this number).
        var taken = 0
    }
    private var state: State
    private let lock = DispatchQueue(label: "schoolfinder.text-compression.state")
    private let slots: DispatchSemaphore
    private let group = DispatchGroup()
    /// The codes every compressed block is written with.
    private let codes: TextEntropyCodes

    /// A queue compressing against `dictionary` with `searchDepth`, running at most
    /// `maximumInFlight` (≥ 1) batches at once.
    init(dictionary: [UInt8], codes: TextEntropyCodes, searchDepth: Int, maximumInFlight: Int) {
        let n = max(1, maximumInFlight)
        self.codes = codes
        state = State(idle: (0 ..< n).map { _ in LZBlockCompressor(dictionary: dictionary, searchDepth: searchDepth) })
        slots = DispatchSemaphore(value: n)
    }

    /// Queues `blocks` to be compressed (each on its own); waits while `maximumInFlight`
    /// batches are pending. Batches come back from `finish()` in submission order.
    func submit(_ blocks: [[UInt8]]) {
        slots.wait()
        let number = withState { s in defer { s.submitted += 1 }; return s.submitted }
        DispatchQueue.global().async(group: group) { [self] in
            var compressor = withState { $0.idle.removeLast() }
            var out = CompressedBatch()
            out.bytes.reserveCapacity(blocks.reduce(0) { $0 + $1.count } / 4)
            for block in blocks {
                block.withUnsafeBytes { compressor.compress($0) { codes.encode($0, appendingTo: &out.bytes) } }
                out.ends.append(out.bytes.count)
            }
            withState { s in
                s.idle.append(compressor)
                s.done[number] = out
            }
            slots.signal()
        }
    }

    /// Runs `body` on `state`, alone (see the type's note on `lock`).
    private func withState<R>(_ body: (inout State) -> R) -> R {
        lock.sync { body(&state) }
    }

    /// Hands the batches finished so far, in submission order, to `body`, stopping at the
    /// first still running; each batch is handed over once.
    func takeFinished(_ body: (CompressedBatch) -> Void) {
        while let batch = withState({ s -> CompressedBatch? in
            guard let b = s.done.removeValue(forKey: s.taken) else { return nil }
            s.taken += 1
            return b
        }) {
            body(batch)
        }
    }

    /// Waits for every submitted batch, then hands the ones not yet taken to `body`, in
    /// submission order.
    func finish(_ body: (CompressedBatch) -> Void) {
        group.wait()
        takeFinished(body)
        withState { precondition($0.taken == $0.submitted && $0.done.isEmpty, "every TEXTS batch handed back once") }
    }
}

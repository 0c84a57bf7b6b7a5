import Synchronization

/// A fixed-size set of small integers that many threads may read and extend at once.
///
/// Each bit is one member; setting a bit is an atomic OR, testing it an atomic load, so the set
/// needs no lock and ThreadSanitizer can see every access. Members are in `0 ..< capacity`; bits
/// are only ever set, never cleared, so a member once seen stays seen.
final class AtomicBitset: @unchecked Sendable {
    /// Number of members the set can hold (bits), fixed at creation.
    let capacity: Int
    private let words: UnsafeMutablePointer<Atomic<UInt64>>
    private let wordCount: Int

    init(capacity: Int) {
        self.capacity = max(0, capacity)
        wordCount = (self.capacity + 63) / 64
        words = .allocate(capacity: max(1, wordCount))
        for i in 0 ..< wordCount { (words + i).initialize(to: Atomic(0)) }
    }

    deinit {
        words.deinitialize(count: wordCount)
        words.deallocate()
    }

    /// Whether `member` has been inserted; `false` for values outside `0 ..< capacity`.
    func contains(_ member: Int) -> Bool {
        guard member >= 0, member < capacity else { return false }
        let bit = UInt64(1) << UInt64(member & 63)
        return words[member >> 6].load(ordering: .acquiring) & bit != 0
    }

    /// Adds `member`; values outside `0 ..< capacity` are ignored.
    func insert(_ member: Int) {
        guard member >= 0, member < capacity else { return }
        let bit = UInt64(1) << UInt64(member & 63)
        words[member >> 6].bitwiseOr(bit, ordering: .releasing)
    }
}

/// Counts the distinct dictionary entries a walk reads. The walk reads entries in increasing
/// order, but its seeks also probe entries ahead of it: the entry a seek lands on is read again
/// by the walk, and a bisection's overshoot may be probed again by the next seek. So probed
/// entries are remembered until the walk passes them.
/// - Invariant: `probedAhead` holds the probed entries ≥ the last position passed; a seek probes
///   O(log skipped) entries, so it stays a few dozen at most.
struct ExaminedEntryCount {
    /// Distinct entries read so far.
    private(set) var count = 0
    private var probedAhead: [Int] = []

    init() { probedAhead.reserveCapacity(32) }

    /// Records the walk's read of `entry`, which is past every entry it read before.
    /// - Complexity: O(probedAhead).
    mutating func walk(_ entry: Int) {
        if !probedAhead.contains(entry) { count += 1 }
    }

    /// Records a seek's probe of `entry`. - Complexity: O(probedAhead).
    mutating func probe(_ entry: Int) {
        guard !probedAhead.contains(entry) else { return }
        count += 1
        probedAhead.append(entry)
    }

    /// Forgets the probes before `position`, where a seek landed: nothing reads them again.
    /// - Complexity: O(probedAhead).
    mutating func pass(_ position: Int) {
        if !probedAhead.isEmpty { probedAhead.removeAll { $0 < position } }
    }
}

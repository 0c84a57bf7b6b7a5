import Dispatch
import Platform

/// Sorting an array on two threads: each half sorted on its own thread, then one merge.
enum ParallelSort {
    /// `values` sorted by `areInIncreasingOrder`, a strict total order (so the result is the one
    /// `sorted(by:)` gives, whatever the split): on two threads when `threads` ≥ 2 and there are
    /// at least `minimumCount` values, else on this one.
    /// - Complexity: O(n log n) comparisons, half of them on each thread; O(n) more memory.
    static func sorted<T: Sendable>(_ values: [T], threads: Int, minimumCount: Int = 1 << 16,
                                    by areInIncreasingOrder: @escaping @Sendable (T, T) -> Bool) -> [T] {
        guard threads >= 2, values.count >= minimumCount else { return values.sorted(by: areInIncreasingOrder) }
        let middle = values.count / 2
        let halves = ConcurrentSlots<[T]>(count: 2)
        DispatchQueue.concurrentPerform(iterations: 2) { h in
            let part = h == 0 ? values[..<middle] : values[middle...]
            halves.store(part.sorted(by: areInIncreasingOrder), at: h)
        }
        let low = halves.take(0), high = halves.take(1)
        var out: [T] = []
        out.reserveCapacity(values.count)
        var i = 0, j = 0
        while i < low.count && j < high.count {
            if areInIncreasingOrder(high[j], low[i]) { out.append(high[j]); j += 1 } else { out.append(low[i]); i += 1 }
        }
        out.append(contentsOf: low[i...])
        out.append(contentsOf: high[j...])
        return out
    }
}

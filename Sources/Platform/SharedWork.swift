import Dispatch
import Synchronization

/// Items `0 ..< count` shared out to at most `threads` threads, each taking the next item not
/// yet taken when it is done with one (an atomic counter): items of unequal cost — a batch's
/// partial first and last analysis units, its few dense postings lists among a thousand small
/// ones — keep every thread busy to the end, where rounds of `threads` items or a fixed stride
/// left a thread idle while another ran the large one.
public enum SharedWork {
    /// Calls `body` once with each of `0 ..< count`, on the calling thread and Dispatch's
    /// workers (`concurrentPerform`), at most `threads` at a time, in no set order; returns when
    /// every call has. - Complexity: `count` calls plus one atomic increment each.
    public static func forEach(_ count: Int, threads: Int, _ body: @Sendable (Int) -> Void) {
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, count))) { _ in
            while true {
                let item = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard item < count else { return }
                body(item)
            }
        }
    }
}

/// A fixed row of optional values that the iterations of one `DispatchQueue.concurrentPerform`
/// fill, each iteration only its own slots, and that the caller empties after it returns.
///
/// Raw memory, not a Swift array: concurrent writes to distinct elements of one array value
/// would be concurrent mutations of that value. - Invariant: no two threads touch one slot.
public final class ConcurrentSlots<Element>: @unchecked Sendable {
    private let base: UnsafeMutablePointer<Element?>
    /// Slots `0 ..< count`.
    public let count: Int

    public init(count: Int) {
        self.count = count
        base = .allocate(capacity: max(1, count))
        base.initialize(repeating: nil, count: count)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    /// Puts `value` in slot `i`. - Precondition: `0 <= i < count`.
    public func store(_ value: Element, at i: Int) { base[i] = value }

    /// The value of slot `i`, leaving the slot empty (so the value's memory goes with the
    /// caller's copy). - Precondition: slot `i` was filled.
    public func take(_ i: Int) -> Element {
        base[i].take()!
    }
}

/// Carries a buffer pointer into `DispatchQueue.concurrentPerform`, whose iterations write
/// disjoint elements of it (the writer's parallel steps: TEXTS batches, the postings inversion).
/// - Invariant: the pointer outlives the `concurrentPerform` call, and no two iterations touch
///   one element.
struct UnsafeSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

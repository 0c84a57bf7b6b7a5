/// Carries a value that is not `Sendable` — a buffer pointer — into
/// `DispatchQueue.concurrentPerform`, whose iterations read it, or write disjoint elements of
/// it (the writer's parallel steps: TEXTS batches, the postings inversion; the JSON Lines
/// parser's runs reading one piece of a file).
/// - Invariant: the pointer outlives the `concurrentPerform` call, and no two iterations write
///   one element, nor one reads what another writes.
public struct UnsafeSendable<T>: @unchecked Sendable {
    public let value: T
    public init(_ value: T) { self.value = value }
}

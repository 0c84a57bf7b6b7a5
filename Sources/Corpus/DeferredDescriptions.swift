/// Record descriptions held as UTF-8 bytes outside the records, for a reader that asked for them
/// so (`JSONLRecordFormat.read(path:deferringDescriptions:)`): each parsing run's descriptions
/// back to back in one byte arena, the records' own `description` left empty.
///
/// Why: a description parsed into a `String` is a small heap allocation lying between the few
/// strings a record keeps for good (a school's name, seen first there), so freeing it gives
/// back no page; the index writer, which reads each description twice (to analyze it and to
/// store it) and then no more, could not shrink the process by letting the records' go. An
/// arena is one large allocation, released whole (`release(arena:)`) once every record in it
/// was read, so memory falls as the writer goes through the records in file order.
///
/// Record `i` of the records the descriptions were taken from has its bytes in arena
/// `arena(of: i)`; a record's arena never precedes the one before it (arenas follow file order).
public struct DeferredDescriptions: Sendable {
    /// Per arena, the descriptions of one run of records back to back; emptied by `release`.
    private var arenas: [[UInt8]] = []
    /// Per record: its arena, and where its bytes start and end there.
    private var spans: [Span] = []

    private struct Span: Sendable {
        var arena: UInt32
        var start: UInt32
        var end: UInt32
    }

    public init() {}

    /// Records described, `0 ..< count`.
    public var count: Int { spans.count }

    /// Arenas, released or not, `0 ..< arenaCount`.
    public var arenaCount: Int { arenas.count }

    /// The arena holding record `i`'s description.
    public func arena(of i: Int) -> Int { Int(spans[i].arena) }

    /// Calls `body` with record `i`'s description bytes (valid UTF-8; valid only during the call).
    /// - Precondition: its arena was not released.
    public func withBytes<R>(of i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let span = spans[i]
        return arenas[Int(span.arena)].withUnsafeBufferPointer { arena in
            precondition(Int(span.end) <= arena.count, "the description's arena was not released")
            return body(UnsafeBufferPointer(rebasing: arena[Int(span.start) ..< Int(span.end)]))
        }
    }

    /// Record `i`'s description's length in bytes (readable after its arena is released).
    public func byteCount(of i: Int) -> Int { Int(spans[i].end - spans[i].start) }

    /// Frees arena `a`: no description in it can be read afterwards.
    public mutating func release(arena a: Int) { arenas[a] = [] }

    /// Appends one arena and the spans of its records, in order (`ends[k]`: where the k-th
    /// record's bytes end; each starts where the one before ended, the first at 0).
    /// - Precondition: the arena is below 4 GiB; `ends` ascends to at most its count.
    mutating func append(arena: [UInt8], ends: [UInt32]) {
        precondition(arena.count <= Int(UInt32.max), "one run's descriptions stay below 4 GiB")
        let a = UInt32(arenas.count)
        var start: UInt32 = 0
        for end in ends {
            spans.append(Span(arena: a, start: start, end: end))
            start = end
        }
        arenas.append(arena)
    }

    /// Appends `other`'s arenas and records after this one's (a corpus of several files).
    public mutating func append(contentsOf other: DeferredDescriptions) {
        let shift = UInt32(arenas.count)
        arenas += other.arenas
        spans += other.spans.map { Span(arena: $0.arena + shift, start: $0.start, end: $0.end) }
    }
}

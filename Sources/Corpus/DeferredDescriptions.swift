/// The descriptions of one piece of a JSON Lines corpus, held as UTF-8 bytes outside the records
/// (`JSONLRecordFormat.read(path:threads:pieceBytes:keepingRecords:handingPiecesTo:)`): each parsing run's
/// descriptions back to back in one byte arena, the records' own `description` left empty.
///
/// Why: a description parsed into a `String` is a small heap allocation lying between the few
/// strings a record keeps for good (a school's name, seen first there), so freeing it gives
/// back no page; the index writer, which reads each description twice (to analyze it and to
/// store it) and then no more, could not shrink the process by letting the records' go. An
/// arena is one large allocation, freed whole with the piece once the handler has read it.
public struct DeferredDescriptions: Sendable {
    /// Per arena, the descriptions of one run of records back to back.
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

    /// Calls `body` with record `i`'s description bytes (valid UTF-8; valid only during the call).
    public func withBytes<R>(of i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let span = spans[i]
        return arenas[Int(span.arena)].withUnsafeBufferPointer { arena in
            body(UnsafeBufferPointer(rebasing: arena[Int(span.start) ..< Int(span.end)]))
        }
    }

    /// Record `i`'s description's length in bytes.
    public func byteCount(of i: Int) -> Int { Int(spans[i].end - spans[i].start) }

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
}

import IndexFormat

/// A document iterator over one required clause: a single postings list, or the union of
/// several (a filter's "any of" values). Supports seeking forward and backward.
///
/// Payloads are unmanaged so the hot loop does no reference counting; `Searcher.search` keeps
/// the cursors alive (`withExtendedLifetime`) for as long as any clause is used.
enum ClauseCursor {
    case postings(Unmanaged<PostingsCursor>)
    case union(Unmanaged<UnionCursor>)

    /// Estimated documents visited; the intersection leads with the cheapest clause.
    var cost: Int {
        switch self {
        case let .postings(p): p._withUnsafeGuaranteedRef { $0.documentFrequency }
        case let .union(u): u._withUnsafeGuaranteedRef { $0.cost }
        }
    }

    @inline(__always) func seek(_ target: UInt32) -> UInt32 {
        switch self {
        case let .postings(p): p._withUnsafeGuaranteedRef { $0.seek(target) }
        case let .union(u): u._withUnsafeGuaranteedRef { $0.seek(target) }
        }
    }

    @inline(__always) func next() -> UInt32 {
        switch self {
        case let .postings(p): p._withUnsafeGuaranteedRef { $0.next() }
        case let .union(u): u._withUnsafeGuaranteedRef { $0.next() }
        }
    }

    /// The number of documents in the clause when it is known without iterating: a single list's
    /// document frequency, or the sum for a union of values of a single-valued field.
    var exactCount: Int? {
        switch self {
        case let .postings(p): p._withUnsafeGuaranteedRef { $0.documentFrequency }
        case let .union(u): u._withUnsafeGuaranteedRef { $0.disjoint ? $0.cost : nil }
        }
    }

    var isCorrupt: Bool {
        switch self {
        case let .postings(p): p._withUnsafeGuaranteedRef { $0.isCorrupt }
        case let .union(u): u._withUnsafeGuaranteedRef { $0.parts.contains { $0._withUnsafeGuaranteedRef { $0.isCorrupt } } }
        }
    }
}

/// The union of postings lists: its document is the smallest current document of its parts.
final class UnionCursor {
    /// Unmanaged views of `owners`, iterated without reference counting.
    let parts: [Unmanaged<PostingsCursor>]
    private let owners: [PostingsCursor]
    let cost: Int
    /// True when no document is in two parts (values of a single-valued field such as level).
    let disjoint: Bool
    @exclusivity(unchecked) private(set) var doc = PostingsCursor.exhausted
    /// Starts at the maximum so the first seek positions every part (counts as backward).
    @exclusivity(unchecked) private var lastTarget: UInt32 = .max

    init(_ parts: [PostingsCursor], disjoint: Bool) {
        owners = parts
        self.parts = parts.map { Unmanaged.passUnretained($0) }
        self.disjoint = disjoint
        cost = parts.reduce(0) { $0 + $1.documentFrequency }
    }

    @inline(__always) func seek(_ target: UInt32) -> UInt32 {
        let backward = target < lastTarget
        lastTarget = target
        var m = PostingsCursor.exhausted
        for u in parts {
            let d = u._withUnsafeGuaranteedRef { p in (backward || p.doc < target) ? p.seek(target) : p.doc }
            if d < m { m = d }
        }
        doc = m
        return m
    }

    @inline(__always) func next() -> UInt32 {
        let current = doc
        if current == PostingsCursor.exhausted { return current }
        var m = PostingsCursor.exhausted
        for u in parts {
            let d = u._withUnsafeGuaranteedRef { p in p.doc == current ? p.next() : p.doc }
            if d < m { m = d }
        }
        doc = m
        lastTarget = current &+ 1
        return m
    }
}

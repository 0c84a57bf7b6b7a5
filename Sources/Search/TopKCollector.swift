/// Keeps the best `capacity` hits seen so far in a bounded binary heap whose root is the worst
/// kept hit. Never holds more than `capacity` entries, whatever the number of matches. Grouping
/// (`init(capacity:grouping:)`) keeps the best `capacity` groups, one best entry each.
///
/// Order (best first): `primary` descending, then `secondary` ascending, then `rank` ascending.
/// Relevance uses (score, distance, rank); distance uses (0, distance, rank); id uses (0, 0, rank).
/// Ranks are unique, so the order is total and the result deterministic.
/// - Complexity: O(log capacity) per offer; O(k log k) for `sortedHits`.
public struct TopKCollector {
    public struct Entry: Sendable {
        public var primary: Double
        public var secondary: Double
        public var rank: UInt32
        public var document: UInt32
        public var score: Double
        public var distance: Double
        /// The entry's group (an institution id's string id) when the collector groups; else 0.
        public var group: UInt32

        public init(primary: Double, secondary: Double, rank: UInt32, document: UInt32, score: Double, distance: Double,
                    group: UInt32 = 0) {
            self.primary = primary
            self.secondary = secondary
            self.rank = rank
            self.document = document
            self.score = score
            self.distance = distance
            self.group = group
        }
    }

    public let capacity: Int
    private(set) var heap: [Entry] = []

    /// Grouping: the heap position of each kept group. At most one entry per group is kept, its
    /// best; so the collector holds the best `capacity` groups ranked by their best entries, and
    /// its worst entry bounds what can still enter exactly as without groups (an entry below it
    /// can neither start a kept group nor improve one). `nil` when not grouping.
    private var positions: [UInt32: Int]?

    public init(capacity: Int, grouping: Bool = false) {
        self.capacity = max(0, capacity)
        heap.reserveCapacity(min(self.capacity, 1024))
        if grouping { positions = [:] }
    }

    public var count: Int { heap.count }
    public var isFull: Bool { heap.count >= capacity }
    /// The worst kept entry (heap root); `nil` when empty.
    public var worst: Entry? { heap.first }

    /// True when `a` ranks strictly before `b`.
    @inline(__always)
    public static func better(_ a: Entry, _ b: Entry) -> Bool {
        if a.primary != b.primary { return a.primary > b.primary }
        if a.secondary != b.secondary { return a.secondary < b.secondary }
        return a.rank < b.rank
    }

    /// Offers a hit; keeps it if there is room or it beats the worst kept.
    @inline(__always)
    public mutating func offer(_ e: Entry) {
        if positions != nil, let i = positions![e.group] {
            // A kept group: its best entry may improve, which moves it away from the root.
            if Self.better(e, heap[i]) { heap[i] = e; siftDown(i) }
            return
        }
        if heap.count < capacity {
            heap.append(e)
            siftUp(heap.count - 1)
        } else if capacity > 0, Self.better(e, heap[0]) {
            if positions != nil { positions![heap[0].group] = nil }
            heap[0] = e
            siftDown(0)
        }
    }

    @inline(__always) private mutating func place(_ e: Entry, at i: Int) {
        heap[i] = e
        if positions != nil { positions![e.group] = i }
    }


    private mutating func siftUp(_ i: Int) {
        var child = i
        let e = heap[child]
        while child > 0 {
            let parent = (child - 1) / 2
            // Root holds the worst: move up while e is worse than its parent.
            if Self.better(heap[parent], e) { place(heap[parent], at: child); child = parent } else { break }
        }
        place(e, at: child)
    }

    private mutating func siftDown(_ i: Int) {
        var parent = i
        let e = heap[parent]
        let n = heap.count
        while true {
            var worst = 2 * parent + 1
            if worst >= n { break }
            if worst + 1 < n, Self.better(heap[worst], heap[worst + 1]) { worst += 1 }
            if Self.better(e, heap[worst]) { place(heap[worst], at: parent); parent = worst } else { break }
        }
        place(e, at: parent)
    }

    /// Kept entries, best first.
    public func sortedEntries() -> [Entry] { heap.sorted(by: Self.better) }

    /// Checks the heap property; for tests and debug builds.
    public func checkInvariants() -> Bool {
        for i in 1 ..< max(1, heap.count) where Self.better(heap[(i - 1) / 2], heap[i]) { return false }
        if let positions {
            guard positions.count == heap.count else { return false }
            for (i, e) in heap.enumerated() where positions[e.group] != i { return false }
        }
        return heap.count <= capacity
    }
}

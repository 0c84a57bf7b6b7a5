import Dispatch

/// Every term's postings in three flat arrays (compressed sparse rows): term `t`'s documents
/// are `documents[offsets[t] ..< offsets[t + 1]]`, ascending, and `frequencies` holds each
/// posting's count in the same places. 8 bytes a posting and 8 a term, nothing per list.
///
/// Built by `invert` from the documents' analyzed tokens in two parallel passes over contiguous
/// runs of documents: the first counts each term's documents per run, a prefix sum turns the
/// counts into every run's write position per term, and the second writes the postings there.
/// A run only writes its own slots, so the lists come out in document order with no merge.
struct InvertedLists {
    /// Count = terms + 1; `offsets[0] == 0`, non-decreasing.
    private(set) var offsets: [Int] = [0]
    private(set) var documents: [UInt32] = []
    private(set) var frequencies: [UInt32] = []

    /// Postings of all terms.
    var postingCount: Int { documents.count }

    /// How many terms have lists (`0 ..< termCount`).
    var termCount: Int { offsets.count - 1 }

    /// How many documents term `t` has (0 for a term past `termCount`).
    func documentCount(_ t: Int) -> Int { t < termCount ? offsets[t + 1] - offsets[t] : 0 }

    /// Term `t`'s documents, ascending (a copy).
    func documents(_ t: Int) -> [UInt32] { t < termCount ? Array(documents[offsets[t] ..< offsets[t + 1]]) : [] }

    /// Term `t`'s frequencies, in document order (a copy).
    func frequencies(_ t: Int) -> [UInt32] { t < termCount ? Array(frequencies[offsets[t] ..< offsets[t + 1]]) : [] }

    /// The inverted lists of `documentCount` documents whose terms `termsOf(d, &scratch)` appends
    /// to `scratch` (term ids in `0 ..< termCount`, repeats counted as the frequency), on up to
    /// `threads` threads. `termsOf` is called twice per document and must give the same terms
    /// both times.
    /// - Complexity: O(tokens · log(tokens of a document)) split over the threads, plus
    ///   O(termCount · runs) for the positions; memory 8 bytes per posting.
    static func invert(documentCount: Int, termCount: Int, threads: Int,
                       termsOf: @escaping @Sendable (Int, inout [Int32]) -> Void) -> InvertedLists {
        let runs = max(1, min(threads * 4, (documentCount + 4095) / 4096))
        let runLength = max(1, (documentCount + runs - 1) / runs)
        let runCount = (documentCount + runLength - 1) / runLength
        @Sendable func documentsOf(_ run: Int) -> Range<Int> { run * runLength ..< min(documentCount, (run + 1) * runLength) }

        // Pass 1: per run, per term, how many of the run's documents hold it.
        let counts = SharedInts(count: runCount * termCount)
        DispatchQueue.concurrentPerform(iterations: runCount) { run in
            var scratch: [Int32] = []
            scratch.reserveCapacity(256)
            let base = run * termCount
            for d in documentsOf(run) {
                forEachDistinctTerm(of: d, termsOf, &scratch) { t, _ in counts[base + Int(t)] += 1 }
            }
        }
        // Positions: each term's list starts after the previous term's; within it, run r's
        // postings start after those of the runs before r. Counts become write positions.
        var lists = InvertedLists()
        lists.offsets = [Int](repeating: 0, count: termCount + 1)
        var total = 0
        for t in 0 ..< termCount {
            lists.offsets[t] = total
            for run in 0 ..< runCount {
                let n = counts[run * termCount + t]
                counts[run * termCount + t] = total
                total += n
            }
        }
        lists.offsets[termCount] = total

        // Pass 2: every run writes its postings at its positions.
        var documents = [UInt32](repeating: 0, count: total), frequencies = [UInt32](repeating: 0, count: total)
        if total > 0 {
            documents.withUnsafeMutableBufferPointer { documents in
                frequencies.withUnsafeMutableBufferPointer { frequencies in
                    let documents = UnsafeSendable(documents), frequencies = UnsafeSendable(frequencies)
                    DispatchQueue.concurrentPerform(iterations: runCount) { run in
                        var scratch: [Int32] = []
                        scratch.reserveCapacity(256)
                        let base = run * termCount
                        for d in documentsOf(run) {
                            forEachDistinctTerm(of: d, termsOf, &scratch) { t, frequency in
                                let at = counts[base + Int(t)]
                                documents.value[at] = UInt32(d)
                                frequencies.value[at] = frequency
                                counts[base + Int(t)] = at + 1
                            }
                        }
                    }
                }
            }
        }
        lists.documents = documents
        lists.frequencies = frequencies
        return lists
    }

    /// Calls `body` with each distinct term of document `d` and how many times it occurs.
    @inline(__always)
    private static func forEachDistinctTerm(of d: Int, _ termsOf: (Int, inout [Int32]) -> Void, _ scratch: inout [Int32],
                                            _ body: (Int32, UInt32) -> Void) {
        scratch.removeAll(keepingCapacity: true)
        termsOf(d, &scratch)
        scratch.sort()
        var k = 0
        while k < scratch.count {
            var e = k + 1
            while e < scratch.count && scratch[e] == scratch[k] { e += 1 }
            body(scratch[k], UInt32(e - k))
            k = e
        }
    }
}

/// A fixed array of `Int` shared by the threads of one `concurrentPerform`, each writing only
/// its own elements (raw memory, no Swift value shared).
private final class SharedInts: @unchecked Sendable {
    private let base: UnsafeMutablePointer<Int>
    private let count: Int
    init(count: Int) {
        self.count = count
        base = .allocate(capacity: max(1, count))
        base.initialize(repeating: 0, count: count)
    }
    deinit { base.deallocate() }
    subscript(i: Int) -> Int {
        get { base[i] }
        set { base[i] = newValue }
    }
}

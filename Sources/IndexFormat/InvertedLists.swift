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
    func documents(_ t: Int) -> [UInt32] { Array(documentSlice(t)) }

    /// Term `t`'s documents, ascending, where they lie (indices are `documents`'; no copy).
    func documentSlice(_ t: Int) -> ArraySlice<UInt32> { t < termCount ? documents[offsets[t] ..< offsets[t + 1]] : [] }

    /// Term `t`'s frequencies, in document order, where they lie (no copy).
    func frequencySlice(_ t: Int) -> ArraySlice<UInt32> { t < termCount ? frequencies[offsets[t] ..< offsets[t + 1]] : [] }

    /// Term `t`'s frequencies, in document order (a copy).
    func frequencies(_ t: Int) -> [UInt32] { Array(frequencySlice(t)) }

    /// The inverted lists of `documentCount` documents whose terms `termsOf(d, &scratch)` appends
    /// to `scratch` (term ids in `0 ..< termCount`, repeats counted as the frequency), on up to
    /// `threads` threads. `termsOf` is called twice per document and must give the same terms
    /// both times.
    /// - Complexity: O(tokens) split over the threads, plus O(termCount · runs) for the
    ///   positions; memory 8 bytes per posting (and 12 per term per run for `DistinctTerms`).
    static func invert(documentCount: Int, termCount: Int, threads: Int,
                       termsOf: @escaping @Sendable (Int, inout [Int32]) -> Void) -> InvertedLists {
        let runs = max(1, min(threads * 4, (documentCount + 4095) / 4096))
        let runLength = max(1, (documentCount + runs - 1) / runs)
        let runCount = (documentCount + runLength - 1) / runLength
        @Sendable func documentsOf(_ run: Int) -> Range<Int> { run * runLength ..< min(documentCount, (run + 1) * runLength) }

        // Pass 1: per run, per term, how many of the run's documents hold it.
        let counts = SharedInts(count: runCount * termCount)
        DispatchQueue.concurrentPerform(iterations: runCount) { run in
            var terms = DistinctTerms(termCount: termCount)
            let base = run * termCount
            for d in documentsOf(run) {
                terms.forEach(of: d, termsOf) { t, _ in counts[base + Int(t)] += 1 }
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

        // Pass 2: every run writes its postings at its positions. The positions cover
        // `0 ..< total` exactly once, so the arrays start uninitialized: no serial pass zeroes
        // (and faults in) their pages before the runs write them.
        var frequencies: [UInt32] = []
        let documents = [UInt32](unsafeUninitializedCapacity: total) { documents, documentsWritten in
            frequencies = [UInt32](unsafeUninitializedCapacity: total) { frequencies, frequenciesWritten in
                let documents = UnsafeSendable(documents), frequencies = UnsafeSendable(frequencies)
                DispatchQueue.concurrentPerform(iterations: total > 0 ? runCount : 0) { run in
                    var terms = DistinctTerms(termCount: termCount)
                    let base = run * termCount
                    for d in documentsOf(run) {
                        terms.forEach(of: d, termsOf) { t, frequency in
                            let at = counts[base + Int(t)]
                            documents.value[at] = UInt32(d)
                            frequencies.value[at] = frequency
                            counts[base + Int(t)] = at + 1
                        }
                    }
                }
                frequenciesWritten = total
            }
            documentsWritten = total
        }
        lists.documents = documents
        lists.frequencies = frequencies
        return lists
    }

}

/// One thread's tally of a document's distinct terms: per term id, the document that last
/// counted it and its count there, so a document's terms are counted in one pass over its
/// tokens with no sort (a sort per document, twice per document, was most of the inversion).
/// - Complexity: O(tokens of the document) per `forEach`; memory 12 bytes per term.
private struct DistinctTerms {
    /// Per term: 1 + the document that last counted it (0: none yet).
    private var stamps: [Int]
    private var counts: [UInt32]
    /// The document's distinct terms, in order of first occurrence.
    private var distinct: [Int32] = []
    private var scratch: [Int32] = []

    init(termCount: Int) {
        stamps = [Int](repeating: 0, count: termCount)
        counts = [UInt32](repeating: 0, count: termCount)
        distinct.reserveCapacity(256)
        scratch.reserveCapacity(256)
    }

    /// Calls `body` with each distinct term of document `d` (from `termsOf`) and how many
    /// times it occurs, in order of first occurrence.
    @inline(__always)
    mutating func forEach(of d: Int, _ termsOf: (Int, inout [Int32]) -> Void, _ body: (Int32, UInt32) -> Void) {
        scratch.removeAll(keepingCapacity: true)
        distinct.removeAll(keepingCapacity: true)
        termsOf(d, &scratch)
        let stamp = d + 1
        stamps.withUnsafeMutableBufferPointer { stamps in
            counts.withUnsafeMutableBufferPointer { counts in
                for t in scratch {
                    let i = Int(t)
                    if stamps[i] != stamp {
                        stamps[i] = stamp
                        counts[i] = 1
                        distinct.append(t)
                    } else {
                        counts[i] += 1
                    }
                }
            }
        }
        for t in distinct { body(t, counts[Int(t)]) }
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

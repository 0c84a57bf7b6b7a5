import Dispatch
import Platform

/// Every term's postings, held compressed in memory by segments of documents, so a build holds
/// about 1.5 bytes a posting rather than the 8 of a document id and a frequency in two arrays.
///
/// The documents are cut into segments of `segmentDocuments` (the last one shorter). Each
/// segment is inverted on its own, in two parallel passes over contiguous runs of its
/// documents: the first counts each term's documents per run, a prefix sum turns the counts
/// into every run's write position per term, and the second writes the postings there (a run
/// only writes its own slots, so the lists come out in document order with no merge). The
/// segment's lists are then encoded, in parallel over ranges of terms, into one byte buffer:
/// per posting one varint, (gap − 1) × 2 + (frequency > 1 ? 1 : 0), the gap counted from the
/// previous document of the list in the segment (from the segment's first document − 1 for its
/// first), followed by a varint of frequency − 2 when that bit is set. The uncompressed lists of
/// one segment are the only postings ever held at 8 bytes each.
///
/// A term's whole list is its segments' lists one after the other (segments are consecutive
/// runs of documents), decoded on demand (`postings`). Only a build uses this type.
struct InvertedLists {
    /// Documents per segment: 2^17, so a segment's uncompressed lists (about 60 postings a
    /// document on realistic text) take some 60 MB while it is encoded.
    static let defaultSegmentDocuments = 1 << 17

    /// How many terms have lists (`0 ..< termCount`).
    private(set) var termCount = 0
    /// Postings of all terms.
    private(set) var postingCount = 0
    /// Per term, its documents in all segments.
    private var documentCounts: [Int] = []
    private var segments: [Segment] = []

    /// One segment's lists: term `t`'s are `bytes[offsets[t] ..< offsets[t + 1]]`.
    private struct Segment {
        /// The segment's first document: its lists' gaps start from the one before.
        let firstDocument: Int
        /// Count = terms + 1; non-decreasing, `offsets[0] == 0`.
        let offsets: [UInt32]
        let bytes: [UInt8]
    }

    /// How many documents term `t` has (0 for a term past `termCount`).
    func documentCount(_ t: Int) -> Int { t < termCount ? documentCounts[t] : 0 }

    /// Term `t`'s documents (ascending) and their frequencies, decoded together from every
    /// segment; empty for a term past `termCount`. - Complexity: O(its postings + segments).
    func postings(_ t: Int) -> (documents: [UInt32], frequencies: [UInt32]) {
        let n = documentCount(t)
        guard n > 0 else { return ([], []) }
        var frequencies: [UInt32] = []
        let documents = [UInt32](unsafeUninitializedCapacity: n) { documents, documentsWritten in
            frequencies = [UInt32](unsafeUninitializedCapacity: n) { frequencies, frequenciesWritten in
                var k = 0
                for segment in segments {
                    let from = Int(segment.offsets[t]), to = Int(segment.offsets[t + 1])
                    guard from < to else { continue }
                    segment.bytes.withUnsafeBytes { raw in
                        let base = raw.baseAddress.unsafelyUnwrapped
                        var offset = from
                        var previous = UInt32(truncatingIfNeeded: segment.firstDocument &- 1)
                        while offset < to && k < n {
                            let code = VarInt.decodeUnchecked(base, &offset)
                            previous = previous &+ (code >> 1) &+ 1
                            documents[k] = previous
                            frequencies[k] = code & 1 == 0 ? 1 : VarInt.decodeUnchecked(base, &offset) &+ 2
                            k += 1
                        }
                        precondition(offset == to, "a term's segments hold its document count of postings")
                    }
                }
                precondition(k == n, "a term's segments hold its document count of postings")
                frequenciesWritten = n
            }
            documentsWritten = n
        }
        return (documents, frequencies)
    }

    /// The inverted lists of `documentCount` documents whose terms `termsOf(d, &scratch)` appends
    /// to `scratch` (term ids in `0 ..< termCount`, repeats counted as the frequency), on up to
    /// `threads` threads, a segment of `segmentDocuments` documents at a time. `termsOf` is
    /// called twice per document and must give the same terms both times.
    /// - Complexity: O(tokens) split over the threads, plus O(termCount · runs) per segment for
    ///   the positions; memory about 1.5 bytes per posting and 4 per term per segment, plus 8
    ///   bytes per posting of one segment (and 12 per term per run for `DistinctTerms`).
    static func invert(documentCount: Int, termCount: Int, threads: Int, segmentDocuments: Int = defaultSegmentDocuments,
                       termsOf: @escaping @Sendable (Int, inout [Int32]) -> Void) -> InvertedLists {
        var lists = InvertedLists()
        lists.termCount = termCount
        lists.documentCounts = [Int](repeating: 0, count: termCount)
        let length = max(1, segmentDocuments)
        var first = 0
        while first < documentCount {
            let end = min(documentCount, first + length)
            let (segment, counts) = invertSegment(first ..< end, termCount: termCount, threads: threads, termsOf: termsOf)
            for t in 0 ..< termCount { lists.documentCounts[t] += counts[t] }
            lists.postingCount += counts.reduce(0, +)
            lists.segments.append(segment)
            first = end
        }
        return lists
    }

    /// One segment: its documents `range` inverted (two passes over runs of them), then its lists
    /// encoded; with each term's document count in it.
    private static func invertSegment(_ range: Range<Int>, termCount: Int, threads: Int,
                                      termsOf: @escaping @Sendable (Int, inout [Int32]) -> Void) -> (Segment, [Int]) {
        let documentCount = range.count
        let runs = max(1, min(threads * 4, (documentCount + 4095) / 4096))
        let runLength = max(1, (documentCount + runs - 1) / runs)
        let runCount = (documentCount + runLength - 1) / runLength
        @Sendable func documentsOf(_ run: Int) -> Range<Int> {
            range.lowerBound + run * runLength ..< min(range.upperBound, range.lowerBound + (run + 1) * runLength)
        }

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
        var starts = [Int](repeating: 0, count: termCount + 1)
        var total = 0
        for t in 0 ..< termCount {
            starts[t] = total
            for run in 0 ..< runCount {
                let n = counts[run * termCount + t]
                counts[run * termCount + t] = total
                total += n
            }
        }
        starts[termCount] = total
        let termStarts = starts
        let termCounts = (0 ..< termCount).map { starts[$0 + 1] - starts[$0] }

        // Pass 2: every run writes its postings at its positions, which cover `0 ..< total`
        // exactly once.
        let documents = UnsafeMutablePointer<UInt32>.allocate(capacity: max(1, total))
        let frequencies = UnsafeMutablePointer<UInt32>.allocate(capacity: max(1, total))
        defer { documents.deallocate(); frequencies.deallocate() }
        let sendableDocuments = UnsafeSendable(documents), sendableFrequencies = UnsafeSendable(frequencies)
        DispatchQueue.concurrentPerform(iterations: total > 0 ? runCount : 0) { run in
            var terms = DistinctTerms(termCount: termCount)
            let base = run * termCount
            for d in documentsOf(run) {
                terms.forEach(of: d, termsOf) { t, frequency in
                    let at = counts[base + Int(t)]
                    sendableDocuments.value[at] = UInt32(d)
                    sendableFrequencies.value[at] = frequency
                    counts[base + Int(t)] = at + 1
                }
            }
        }

        // Encoding, in parallel over ranges of terms holding about equal postings: each term's
        // encoded length, the offsets, then the bytes written in place.
        let parts = max(1, min(threads * 4, termCount))
        var bounds = [0]
        for t in 0 ..< termCount where bounds.count < parts && starts[t + 1] * parts >= total * bounds.count { bounds.append(t + 1) }
        if bounds.last != termCount { bounds.append(termCount) }
        let partCount = bounds.count - 1
        let firstDocument = UInt32(truncatingIfNeeded: range.lowerBound &- 1)
        let lengths = SharedInts(count: termCount)
        let termBounds = bounds
        @Sendable func forEachPosting(of t: Int, _ body: (_ code: UInt32, _ frequency: UInt32) -> Void) {
            var previous = firstDocument
            for j in termStarts[t] ..< termStarts[t + 1] {
                let d = sendableDocuments.value[j], f = sendableFrequencies.value[j]
                body((d &- previous &- 1) << 1 | (f > 1 ? 1 : 0), f)
                previous = d
            }
        }
        DispatchQueue.concurrentPerform(iterations: partCount) { p in
            for t in termBounds[p] ..< termBounds[p + 1] {
                var n = 0
                forEachPosting(of: t) { code, f in n &+= VarInt.length(code) &+ (f > 1 ? VarInt.length(f &- 2) : 0) }
                lengths[t] = n
            }
        }
        var offsets = [UInt32](repeating: 0, count: termCount + 1)
        var byteCount = 0
        for t in 0 ..< termCount {
            offsets[t] = UInt32(byteCount)
            byteCount += lengths[t]
            precondition(byteCount <= Int(UInt32.max), "one segment's encoded postings stay below 4 GiB")
        }
        offsets[termCount] = UInt32(byteCount)
        let termOffsets = offsets
        let bytes = [UInt8](unsafeUninitializedCapacity: byteCount) { buffer, written in
            let out = UnsafeSendable(buffer)
            DispatchQueue.concurrentPerform(iterations: byteCount > 0 ? partCount : 0) { p in
                for t in termBounds[p] ..< termBounds[p + 1] {
                    var cursor = out.value.baseAddress.unsafelyUnwrapped + Int(termOffsets[t])
                    forEachPosting(of: t) { code, f in
                        VarInt.write(code, &cursor)
                        if f > 1 { VarInt.write(f &- 2, &cursor) }
                    }
                }
            }
            written = byteCount
        }
        return (Segment(firstDocument: range.lowerBound, offsets: offsets, bytes: bytes), termCounts)
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

import Dispatch
import Platform

/// PAIRS: for every two dense text terms and every pair of their frequency classes, the shortest
/// document that holds both (`Index/FORMAT.md`, "Pair lengths").
///
/// A document's BM25 score falls with its length, so "no document holding both *records* and
/// *medical* twice or more is shorter than 32 tokens" bounds every such document's score. The
/// searcher's class filter (`ScoreClassFilter`) uses it to rule out combinations of classes
/// that each word has on its own but no document has together — the bound that per-word
/// statistics cannot give.
///
/// Layout: `Count u32, pad u32, Terms[Count] u32` (TERMS entry indexes of the dense text terms,
/// ascending), then for each two positions a < b, 4 bytes at
/// `8 + 4·Count + 4·(b·(b − 1)/2 + a)` (`cellsOffset`): byte `2·ca + cb` (`cellIndex`) is the
/// smallest LENGTHS byte among the documents holding both terms with frequency class ca in term
/// a and cb in term b, 0 when there is none (a document holding two words has at least 2 tokens).
public enum PairLengthTable {
    /// Frequency classes: frequency 1 (not Repeated), and 2 or more (Repeated), the two a dense
    /// term's bitmaps tell apart.
    public static let classes = 2
    /// Bytes per pair of terms: one per pair of classes.
    public static let cellsPerPair = classes * classes
    /// At most this many dense text terms get pairs (a format constant; their positions fit the
    /// builder's 15 bits);
    /// an index with more writes an empty table, and queries bound scores without it.
    public static let maximumTerms = 16_383

    /// The class of a frequency (≥ 1): 0 for 1, 1 for 2 or more.
    @inlinable
    public static func frequencyClass(_ frequency: UInt32) -> Int { frequency > 1 ? 1 : 0 }

    /// Byte of a pair's cells for class `ca` of its lower term and `cb` of its higher one.
    @inlinable
    public static func cellIndex(_ ca: Int, _ cb: Int) -> Int { classes * ca + cb }

    /// Byte offset of the cells of the terms at positions a < b, in a table of `count` terms.
    @inlinable
    public static func cellsOffset(_ a: Int, _ b: Int, count: Int) -> Int {
        IndexLayout.u32EntryOffset(count) + cellsPerPair * (b * (b - 1) / 2 + a)
    }

    /// Section size for `count` terms.
    public static func size(count: Int) -> Int { cellsOffset(0, count, count: count) }

    /// Builds the section. `list(k)` gives the k-th dense text term's documents (ascending) and
    /// frequencies (`termCount` of them), as slices of the writer's postings (no copy), and
    /// `entries[k]` its TERMS entry index (ascending in k); `lengths` the LENGTHS bytes.
    /// Work: the sum over documents of (dense words)² / 2.
    ///
    /// The documents are split into `threads` runs. Each run gathers its documents' dense words
    /// from the lists (binary search for its part of each) and fills its own cells; the runs'
    /// cells are merged by taking each cell's smallest non-zero byte (the same table as one
    /// run). One run when the cells of every run would not fit `parallelCellBytes`.
    static func build(termCount: Int, list: @escaping @Sendable (Int) -> (documents: ArraySlice<UInt32>, frequencies: ArraySlice<UInt32>),
                      entries: [UInt32], lengths: [UInt8], threads: Int = 1) -> [UInt8] {
        let count = termCount <= maximumTerms ? termCount : 0
        var out = ByteWriter(capacity: size(count: count))
        out.countedHeader(UInt32(count))
        for k in 0 ..< count { out.u32(entries[k], at: IndexLayout.u32EntryOffset(k)) }
        guard count > 1 else { return out.bytes }
        let cellCount = cellsPerPair * count * (count - 1) / 2
        let runs = cellCount * max(1, threads) <= parallelCellBytes ? max(1, min(threads, lengths.count / 4096 + 1)) : 1
        let runCells = ConcurrentSlots<[UInt8]>(count: runs)
        let runLength = (lengths.count + runs - 1) / runs
        DispatchQueue.concurrentPerform(iterations: runs) { run in
            let documents = run * runLength ..< min(lengths.count, (run + 1) * runLength)
            let (starts, words) = denseWords(of: documents, termCount: count, list: list)
            var cells = [UInt8](repeating: 0, count: cellCount)
            fillCells(&cells, documents: documents, starts: starts, words: words, lengths: lengths)
            runCells.store(cells, at: run)
        }
        var cells = runCells.take(0)
        for run in 1 ..< runs {
            let other = runCells.take(run)
            for c in cells.indices where other[c] != 0 && (cells[c] == 0 || other[c] < cells[c]) { cells[c] = other[c] }
        }
        out.raw(cells)
        return out.bytes
    }

    /// For each document of `documents`, its dense words in position order with their classes,
    /// `(position << 1) | class`: document `documents.lowerBound + i` has
    /// `words[starts[i] ..< starts[i + 1]]`. - Complexity: O(the documents' dense postings +
    /// termCount · log(list length)).
    private static func denseWords(of documents: Range<Int>, termCount: Int,
                                   list: (Int) -> (documents: ArraySlice<UInt32>, frequencies: ArraySlice<UInt32>)) -> (starts: [Int], words: [UInt16]) {
        /// The first index of `docs` whose document is at least `d`.
        func lowerBound(_ docs: ArraySlice<UInt32>, _ d: Int) -> Int {
            var lo = docs.startIndex, hi = docs.endIndex
            while lo < hi {
                let mid = (lo + hi) / 2
                if Int(docs[mid]) < d { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        let base = documents.lowerBound
        var parts = [Range<Int>](repeating: 0 ..< 0, count: termCount) // each list's postings in `documents`
        var starts = [Int](repeating: 0, count: documents.count + 1)
        for k in 0 ..< termCount {
            let docs = list(k).documents
            parts[k] = lowerBound(docs, documents.lowerBound) ..< lowerBound(docs, documents.upperBound)
            for j in parts[k] { starts[Int(docs[j]) - base + 1] += 1 }
        }
        for i in 0 ..< documents.count { starts[i + 1] += starts[i] }
        var fill = starts
        var words = [UInt16](repeating: 0, count: starts[documents.count])
        for k in 0 ..< termCount {
            let (docs, frequencies) = list(k)
            for j in parts[k] {
                let i = Int(docs[j]) - base
                words[fill[i]] = UInt16(k << 1 | frequencyClass(frequencies[j]))
                fill[i] += 1
            }
        }
        return (starts, words)
    }

    /// Cells of all runs together at most this many bytes for the build to split the documents.
    static let parallelCellBytes = 1 << 24

    /// Lowers `cells` to the lengths of `documents`: every two of a document's dense words
    /// (`denseWords`: document `documents.lowerBound + i` has `words[starts[i] ..< starts[i + 1]]`).
    private static func fillCells(_ cells: inout [UInt8], documents: Range<Int>, starts: [Int], words: [UInt16], lengths: [UInt8]) {
        // Per word of a document: its cell offset as the lower term of a pair, 4·a + 2·ca.
        var lower = [Int](repeating: 0, count: 256)
        cells.withUnsafeMutableBufferPointer { cells in
            words.withUnsafeBufferPointer { words in
                for d in documents {
                    let length = lengths[d]
                    let first = starts[d - documents.lowerBound], end = starts[d - documents.lowerBound + 1]
                    if end - first > lower.count { lower = [Int](repeating: 0, count: end - first) }
                    lower.withUnsafeMutableBufferPointer { lower in
                        for i in first ..< end {
                            lower[i - first] = cellsPerPair &* Int(words[i] >> 1) &+ cellIndex(Int(words[i] & 1), 0)
                        }
                        // Each later word b with each earlier word a: cells b·(b − 1)/2 + a, class pair 2·ca + cb.
                        var j = first + 1
                        while j < end {
                            let b = Int(words[j] >> 1), cb = Int(words[j] & 1)
                            let row = cellsPerPair &* (b &* (b &- 1) / 2) &+ cb
                            for i in first ..< j {
                                let cell = row &+ lower[i - first]
                                let known = cells[cell]
                                if known == 0 || length < known { cells[cell] = length }
                            }
                            j += 1
                        }
                    }
                }
            }
        }
    }
}

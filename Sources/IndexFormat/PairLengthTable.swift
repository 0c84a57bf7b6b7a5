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

    /// Builds the section. `lists[k]` and `frequencies[k]` are the documents (ascending) and
    /// frequencies of the k-th dense text term, `entries[k]` its TERMS entry index (ascending in
    /// k); `lengths` the LENGTHS bytes. Work: the sum over documents of (dense words)² / 2.
    ///
    /// `list(k)` gives the k-th dense term's documents and frequencies (`termCount` of them),
    /// asked for one term at a time, twice, so no copy of every list is held at once.
    ///
    /// The documents are split into `threads` runs, each filling its own cells, merged by
    /// taking each cell's smallest non-zero byte (the same table as one run), when the cells of
    /// every run fit in `parallelCellBytes`; else one run.
    static func build(termCount: Int, list: (Int) -> (documents: [UInt32], frequencies: [UInt32]), entries: [UInt32], lengths: [UInt8],
                      threads: Int = 1) -> [UInt8] {
        let count = termCount <= maximumTerms ? termCount : 0
        var out = ByteWriter(capacity: size(count: count))
        out.countedHeader(UInt32(count))
        for k in 0 ..< count { out.u32(entries[k], at: IndexLayout.u32EntryOffset(k)) }
        guard count > 1 else { return out.bytes }
        // Per document, its dense text terms in position order with their classes: (position << 1) | class.
        var starts = [Int](repeating: 0, count: lengths.count + 1)
        for k in 0 ..< count { for d in list(k).documents { starts[Int(d) + 1] += 1 } }
        for d in 0 ..< lengths.count { starts[d + 1] += starts[d] }
        var fill = starts
        var words = [UInt16](repeating: 0, count: starts[lengths.count])
        for k in 0 ..< count {
            let (documents, frequencies) = list(k)
            for (j, d) in documents.enumerated() {
                words[fill[Int(d)]] = UInt16(k << 1 | frequencyClass(frequencies[j]))
                fill[Int(d)] += 1
            }
        }
        let cellCount = cellsPerPair * count * (count - 1) / 2
        let runs = cellCount * max(1, threads) <= parallelCellBytes ? max(1, min(threads, lengths.count / 4096 + 1)) : 1
        let runCells = ConcurrentSlots<[UInt8]>(count: runs)
        let runLength = (lengths.count + runs - 1) / runs
        let documentStarts = starts, documentWords = words
        DispatchQueue.concurrentPerform(iterations: runs) { run in
            var cells = [UInt8](repeating: 0, count: cellCount)
            fillCells(&cells, documents: run * runLength ..< min(lengths.count, (run + 1) * runLength),
                      starts: documentStarts, words: documentWords, lengths: lengths)
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

    /// Cells of all runs together at most this many bytes for the build to split the documents.
    static let parallelCellBytes = 1 << 24

    /// Lowers `cells` to the lengths of `documents`: every two of a document's dense words
    /// (`words[starts[d] ..< starts[d + 1]]`, `(position << 1) | class`, positions ascending).
    private static func fillCells(_ cells: inout [UInt8], documents: Range<Int>, starts: [Int], words: [UInt16], lengths: [UInt8]) {
        // Per word of a document: its cell offset as the lower term of a pair, 4·a + 2·ca.
        var lower = [Int](repeating: 0, count: 256)
        cells.withUnsafeMutableBufferPointer { cells in
            words.withUnsafeBufferPointer { words in
                for d in documents {
                    let length = lengths[d]
                    let first = starts[d], end = starts[d + 1]
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

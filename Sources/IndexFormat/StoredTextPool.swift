import Dispatch

/// The long per-record texts (descriptions, table texts), interned — each distinct text once —
/// and written to TEXTS compressed in blocks (`Index/FORMAT.md`, "Stored text"):
///
/// - texts are concatenated in id order and cut into blocks of whole texts of at most
///   `IndexLayout.textBlockSize` decoded bytes (a longer text is a block of its own);
/// - each block is compressed on its own (`LZBlockCompressor`) against one preset dictionary,
///   sampled from the texts and stored uncompressed, so a block needs nothing but itself and
///   the dictionary to decode, and a record needs its block only up to its own end.
struct StoredTextPool {
    private var ids: [String: UInt32] = [:]
    /// Every text's bytes, in id order.
    private var data: [UInt8] = []
    /// `ends[i]`: the end of text `i` in `data`.
    private var ends: [Int] = []

    var count: Int { ends.count }
    /// Decoded bytes of all texts.
    var byteCount: Int { data.count }

    /// The string id of `s` (`IndexLayout.storedTextFlag` set), adding it on first sight.
    mutating func intern(_ s: String) -> UInt32 {
        if let id = ids[s] { return id }
        let id = UInt32(ends.count) | IndexLayout.storedTextFlag
        ids[s] = id
        data.append(contentsOf: s.utf8)
        ends.append(data.count)
        return id
    }

    /// The preset dictionary: whole texts of at most 4 KiB taken at an even stride over the pool
    /// until `size` bytes, at most an eighth of the pool (a dictionary costs its own size, so a
    /// small pool gets a small one). Sampled text shares what the texts share (phrases,
    /// vocabulary, templates), which is what the first bytes of each block lack.
    /// - Complexity: O(size).
    static func sampledDictionary(data: [UInt8], ends: [Int], size: Int) -> [UInt8] {
        let target = min(size, data.count / 8)
        func range(_ i: Int) -> Range<Int> { (i == 0 ? 0 : ends[i - 1]) ..< ends[i] }
        // Long texts (tables) are left out of the sample and of the stride's average.
        let eligible = ends.indices.filter { range($0).count <= 4096 }
        let eligibleBytes = eligible.reduce(0) { $0 + range($1).count }
        guard target > 0, !eligible.isEmpty, eligibleBytes > 0 else { return [] }
        let average = max(1, eligibleBytes / eligible.count)
        let stride = max(1, eligible.count / max(1, target / average))
        var out: [UInt8] = []
        out.reserveCapacity(target)
        var k = 0
        while out.count < target && k < eligible.count {
            let r = range(eligible[k])
            out.append(contentsOf: data[r.lowerBound ..< min(r.upperBound, r.lowerBound + target - out.count)])
            k += stride
        }
        return out
    }

    /// The TEXTS section. Blocks are compressed on up to `threads` threads (each with its own
    /// compressor); the output does not depend on the thread count.
    /// - Complexity: O(bytes × `IndexLayout.textSearchDepth`).
    func serialize(blockSize: Int = IndexLayout.textBlockSize, dictionarySize: Int = IndexLayout.textDictionarySize,
                   searchDepth: Int = IndexLayout.textSearchDepth, threads: Int = 2) -> [UInt8] {
        // Blocks of whole texts: block b holds texts firstText[b] ..< firstText[b + 1].
        var firstText: [Int] = []
        var blockStart = 0 // byte where the current block starts
        for i in 0 ..< ends.count {
            let start = i == 0 ? 0 : ends[i - 1]
            if firstText.isEmpty || (ends[i] - blockStart > blockSize && start > blockStart) {
                firstText.append(i)
                blockStart = start
            }
        }
        let blockCount = firstText.count
        firstText.append(ends.count)
        let byteRanges: [Range<Int>] = (0 ..< blockCount).map { b in
            (firstText[b] == 0 ? 0 : ends[firstText[b] - 1]) ..< ends[firstText[b + 1] - 1]
        }
        let dictionary = Self.sampledDictionary(data: data, ends: ends, size: dictionarySize)

        // Compress: thread t takes blocks t, t + threads, …
        let workers = max(1, min(threads, blockCount))
        var compressed = [[[UInt8]]](repeating: [], count: workers)
        compressed.withUnsafeMutableBufferPointer { slots in
            let slots = UnsafeSendable(slots)
            data.withUnsafeBytes { raw in
                let raw = UnsafeSendable(raw)
                DispatchQueue.concurrentPerform(iterations: workers) { t in
                    var compressor = LZBlockCompressor(dictionary: dictionary, searchDepth: searchDepth)
                    var mine: [[UInt8]] = []
                    for b in stride(from: t, to: blockCount, by: workers) {
                        let r = byteRanges[b]
                        var out: [UInt8] = []
                        compressor.compress(UnsafeRawBufferPointer(rebasing: raw.value[r]), appendingTo: &out)
                        mine.append(out)
                    }
                    slots.value[t] = mine
                }
            }
        }

        let tableOffset = IndexLayout.textBlockTableOffset(texts: ends.count)
        let areaSize = compressed.reduce(0) { $0 + $1.reduce(0) { $0 + $1.count } }
        var w = ByteWriter(capacity: tableOffset + (blockCount + 1) * IndexLayout.textBlockEntrySize + dictionary.count + areaSize)
        w.u32(UInt32(ends.count))
        w.u32(UInt32(blockCount))
        w.u32(UInt32(dictionary.count))
        w.u32(0)
        for b in 0 ..< blockCount {
            let r = byteRanges[b]
            for i in firstText[b] ..< firstText[b + 1] { w.u32(UInt32(ends[i] - r.lowerBound)) }
        }
        w.align(8)
        var offset = 0
        for b in 0 ..< blockCount {
            w.u32(UInt32(firstText[b]))
            w.u32(UInt32(byteRanges[b].count))
            w.u64(UInt64(offset))
            offset += compressed[b % workers][b / workers].count
        }
        w.u32(UInt32(ends.count)); w.u32(0); w.u64(UInt64(offset))
        w.raw(dictionary)
        for b in 0 ..< blockCount { w.raw(compressed[b % workers][b / workers]) }
        return w.bytes
    }
}

/// Carries a pointer into `concurrentPerform`, whose iterations write disjoint slots.
private struct UnsafeSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

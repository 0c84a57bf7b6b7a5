import Dispatch

/// The long per-record texts (descriptions, table texts), interned — each distinct text once,
/// while texts repeat —
/// and written to TEXTS compressed in blocks (`Index/FORMAT.md`, "Stored text"):
///
/// - texts are concatenated in id order and cut into blocks of whole texts of at most
///   `IndexLayout.textBlockSize` decoded bytes (a longer text is a block of its own);
/// - each block is compressed on its own (`LZBlockCompressor`) against one preset dictionary,
///   sampled from the texts and stored uncompressed, and its sequences written with the
///   file's Huffman codes (`TextEntropyCodes`), trained on another sample of the texts and
///   stored beside the dictionary, so a block needs nothing but itself, the dictionary and the
///   codes to decode, and a record needs its block only up to its own end.
///
/// Blocks are compressed as they fill, a batch at a time on Dispatch workers while the writer
/// goes on (`TextCompressionQueue`), so the pool holds the texts compressed (about a quarter of
/// their size), not a copy of all of them, and the compression runs beside the writer's text
/// pass; the dictionary is therefore chosen before the first text
/// (`sampledTexts(count:length:text:size:phase:)`).
///
/// The pool owns its `TextCompressionQueue` (a class): use one pool, never a copy of it, whose
/// batches would go to the same queue.
struct StoredTextPool {
    /// The texts looked up for repeats, by their bytes (`TokenInterner`: two spellings of one text,
    /// composed and decomposed, are two texts, as a record's bytes must read back as given), and
    /// per interned key its text id.
    private var seen = TokenInterner(expectedKeys: 1024)
    private var seenIDs: [UInt32] = []
    /// The preset dictionary every block is compressed against.
    let dictionary: [UInt8]
    /// The codes every block's sequences are written with.
    let codes: TextEntropyCodes
    private let blockSize: Int
    /// Per text: its end within its block (decoded bytes).
    private var ends: [UInt32] = []
    /// Per block: its first text, and its decoded length.
    private var firstText: [Int] = [], blockLengths: [Int] = []
    /// The compressed blocks back to back, in order, in chunks of about `areaChunkBytes`, and
    /// where each block ends in the whole area. Chunked, the area never moves to grow (a
    /// doubling array holds its old and new storage at once) and the section's runs are these
    /// chunks (`serializedParts`), so the area is never copied whole: at 10M records it is 880 MB.
    private var areaChunks: [[UInt8]] = [], areaLength = 0, areaEnds: [Int] = []
    /// A chunk of the area: 16 MiB, or one batch when a batch is longer.
    private static let areaChunkBytes = 1 << 24
    /// The block being filled, and filled blocks not yet handed to `compression`.
    private var open: [UInt8] = [], waiting: [[UInt8]] = []
    /// Compresses the filled blocks, `batchBlocks` at a time, beside the writer.
    private let compression: TextCompressionQueue
    /// Filled blocks compressed together.
    private static let batchBlocks = 64

    /// A pool compressing against `dictionary` with codes trained on `training` (texts like
    /// those to come, not the dictionary's own: `sampledTexts`), in blocks of at most
    /// `blockSize` decoded bytes (a longer text is a block of its own), at most `threads`
    /// batches at once.
    init(dictionary: [UInt8] = [], training: [UInt8] = [], blockSize: Int = IndexLayout.textBlockSize,
         searchDepth: Int = IndexLayout.textSearchDepth, threads: Int = 2) {
        self.dictionary = dictionary
        self.blockSize = blockSize
        codes = Self.trainedCodes(training, dictionary: dictionary, blockSize: blockSize, searchDepth: searchDepth)
        compression = TextCompressionQueue(dictionary: dictionary, codes: codes, searchDepth: searchDepth, maximumInFlight: max(1, threads))
    }

    /// Codes for the LZ sequences of `training` cut into blocks of `blockSize` and compressed
    /// as the pool compresses its blocks. - Complexity: O(training.count × searchDepth).
    static func trainedCodes(_ training: [UInt8], dictionary: [UInt8], blockSize: Int, searchDepth: Int) -> TextEntropyCodes {
        var compressor = LZBlockCompressor(dictionary: dictionary, searchDepth: searchDepth)
        var blocks: [[UInt8]] = []
        var start = 0
        while start < training.count {
            let end = min(training.count, start + blockSize)
            blocks.append(training[start ..< end].withUnsafeBytes { b in
                var out: [UInt8] = []
                compressor.compress(b, appendingTo: &out)
                return out
            })
            start = end
        }
        return TextEntropyCodes(training: blocks)
    }

    /// Lookups and hits of `ids`: texts that turn out distinct (after 4,096 lookups, fewer than
    /// 1 in 16 seen before, as generated descriptions are) are no longer looked up, so a corpus
    /// of distinct texts pays no hash of each and keeps no table of them. A text repeated after
    /// that is stored again: a few bytes, never a wrong answer.
    private var lookups = 0, hits = 0

    /// The string id of `s` (`IndexLayout.storedTextFlag` set), adding it on first sight.
    mutating func intern(_ s: String) -> UInt32 {
        var s = s
        return s.withUTF8 { intern(utf8: $0) }
    }

    /// `intern(_:)` for a text's UTF-8 (valid UTF-8). Texts are equal when their bytes are.
    mutating func intern(utf8: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let interning = lookups < 4096 || hits * 16 >= lookups
        if interning {
            lookups += 1
            if let known = seen.existingID(of: utf8) { hits += 1; return seenIDs[Int(known)] }
        } else if !seenIDs.isEmpty {
            seen = TokenInterner(expectedKeys: 0)
            seenIDs = []
        }
        let id = UInt32(ends.count) | IndexLayout.storedTextFlag
        if interning {
            _ = seen.id(of: utf8)
            seenIDs.append(id)
        }
        // A new block when this text would take the open one past the block size, unless the open
        // block holds no text yet: a longer text is a block of its own, or shares it only with
        // empty texts before it.
        if firstText.isEmpty || (ends.count > firstText[firstText.count - 1] && open.count + utf8.count > blockSize) {
            startBlock(at: ends.count)
        }
        open.append(contentsOf: utf8)
        ends.append(UInt32(open.count))
        return id
    }

    /// Closes the open block (if any) and starts one whose first text is `text`.
    private mutating func startBlock(at text: Int) {
        if !firstText.isEmpty { closeBlock() }
        firstText.append(text)
    }

    private mutating func closeBlock() {
        blockLengths.append(open.count)
        waiting.append(open)
        open.removeAll(keepingCapacity: true)
        if waiting.count >= Self.batchBlocks { compressWaiting() }
    }

    /// Hands the waiting blocks to `compression`, and appends to the area what it has finished.
    private mutating func compressWaiting() {
        guard !waiting.isEmpty else { return }
        compression.submit(waiting)
        waiting.removeAll(keepingCapacity: true)
        compression.takeFinished { append($0) }
    }

    private mutating func append(_ batch: TextCompressionQueue.CompressedBatch) {
        if areaChunks.isEmpty || areaChunks[areaChunks.count - 1].count + batch.bytes.count > Self.areaChunkBytes {
            var chunk: [UInt8] = []
            chunk.reserveCapacity(max(Self.areaChunkBytes, batch.bytes.count))
            areaChunks.append(chunk)
        }
        areaChunks[areaChunks.count - 1].append(contentsOf: batch.bytes)
        for end in batch.ends { areaEnds.append(areaLength + end) }
        areaLength += batch.bytes.count
    }

    /// A sample of `texts` (the texts to be stored, in order, repeats included): distinct whole
    /// texts of at most 4 KiB taken at an even stride until `size` bytes, at most an eighth of
    /// their total (a dictionary costs its own size, so a small corpus gets a small one).
    /// Sampled text shares what the texts share (phrases, vocabulary, templates), which is what
    /// the first bytes of each block lack. - Complexity: O(texts).
    ///
    /// Phase 0 is the preset dictionary; phase ½ with the dictionary's size takes the texts halfway
    /// between the dictionary's, the codes' training sample (texts the dictionary does not
    /// hold, as most blocks' are). `phase` is in 0 ..< 1: how far into the stride to start.
    static func sampledTexts(texts: [String], size: Int, phase: Double) -> [UInt8] {
        sampledTexts(count: texts.count, length: { texts[$0].utf8.count }, text: { Array(texts[$0].utf8) }, size: size, phase: phase)
    }

    /// `sampledTexts(texts:size:phase:)` for `count` texts given by their byte length and bytes.
    static func sampledTexts(count: Int, length: (Int) -> Int, text: (Int) -> [UInt8], size: Int, phase: Double) -> [UInt8] {
        let total = (0 ..< count).reduce(0) { $0 + length($1) }
        let target = min(size, total / 8)
        // Long texts (tables) are left out of the sample and of the stride's average.
        let eligible = (0 ..< count).filter { length($0) <= 4096 }
        let eligibleBytes = eligible.reduce(0) { $0 + length($1) }
        guard target > 0, !eligible.isEmpty, eligibleBytes > 0 else { return [] }
        let average = max(1, eligibleBytes / eligible.count)
        let stride = max(1, eligible.count / max(1, target / average))
        var out: [UInt8] = []
        out.reserveCapacity(target)
        var taken = Set<[UInt8]>() // a text repeated across records is sampled once
        // Phase ½ starts half a stride in; with a stride of 1 (every text taken), half the texts in.
        var k = phase == 0 ? 0 : stride > 1 ? max(1, Int(Double(stride) * phase)) : Int(Double(eligible.count) * phase)
        while out.count < target && k < eligible.count {
            let bytes = text(eligible[k])
            if taken.insert(bytes).inserted { out.append(contentsOf: bytes.prefix(target - out.count)) }
            k += stride
        }
        return out
    }

    /// The TEXTS section as consecutive byte runs: its header, tables, dictionary and codes,
    /// then the compressed area's chunks, moved out of the pool, not copied (the pool is spent:
    /// call once, last). - Complexity: O(texts), plus compressing the last batch.
    mutating func serializedParts() -> [[UInt8]] {
        if !firstText.isEmpty { closeBlock() }
        compressWaiting()
        compression.finish { append($0) }
        let blockCount = firstText.count
        precondition(areaEnds.count == blockCount, "every TEXTS block compressed once")
        let tableOffset = IndexLayout.textBlockTableOffset(texts: ends.count)
        var w = ByteWriter(capacity: tableOffset + (blockCount + 1) * IndexLayout.textBlockEntrySize + dictionary.count
                                     + TextEntropyCodes.serializedSize)
        w.u32(UInt32(ends.count), at: IndexLayout.TextsHeaderField.count.rawValue)
        w.u32(UInt32(blockCount), at: IndexLayout.TextsHeaderField.blockCount.rawValue)
        w.u32(UInt32(dictionary.count), at: IndexLayout.TextsHeaderField.dictionaryLength.rawValue)
        w.pad(to: IndexLayout.textsHeaderSize)
        for (i, e) in ends.enumerated() { w.u32(e, at: IndexLayout.textEndOffset(i)) }
        // Blocks 0 ..< blockCount, then the final entry (Count, 0, AreaLength).
        func blockEntry(_ b: Int, first: Int, decodedLength: Int, compressedOffset: Int) {
            let e = tableOffset + b * IndexLayout.textBlockEntrySize
            w.u32(UInt32(first), at: e + IndexLayout.TextBlockField.firstText.rawValue)
            w.u32(UInt32(decodedLength), at: e + IndexLayout.TextBlockField.decodedLength.rawValue)
            w.u64(UInt64(compressedOffset), at: e + IndexLayout.TextBlockField.compressedOffset.rawValue)
            w.pad(to: e + IndexLayout.textBlockEntrySize)
        }
        for b in 0 ..< blockCount {
            blockEntry(b, first: firstText[b], decodedLength: blockLengths[b], compressedOffset: b == 0 ? 0 : areaEnds[b - 1])
        }
        blockEntry(blockCount, first: ends.count, decodedLength: 0, compressedOffset: areaLength)
        w.raw(dictionary)
        w.raw(codes.serialized())
        let parts = [w.bytes] + areaChunks
        areaChunks = []
        return parts
    }
}

import Corpus
import IndexFormat
import Platform

/// The stored-text figures of an index (TEXTS, `Index/FORMAT.md` "Stored text"): how much the
/// blocks shrink the texts, how fast they compress, and what reading one record's description
/// costs.
public struct StoredTextReport: Sendable {
    public var texts = 0
    public var blocks = 0
    /// Bytes of all the texts decoded, and of the TEXTS section (dictionary, tables and blocks).
    public var rawBytes = 0
    public var compressedBytes = 0
    public var dictionaryBytes = 0
    public var ratio: Double { compressedBytes == 0 ? 0 : Double(rawBytes) / Double(compressedBytes) }
    /// Decoded megabytes (10^6 bytes) per second of one `LZBlockCompressor` recompressing every
    /// block with the index's dictionary and the writer's depth, and writing its sequences with
    /// the index's codes (`TextEntropyCodes.encode`), one thread: per wall-clock
    /// second, and per second of the thread's CPU time (what the machine's other load does not
    /// change).
    public var compressionMegabytesPerSecond = 0.0
    public var compressionMegabytesPerCPUSecond = 0.0
    /// `IndexReader.checkedString` of the descriptions of sampled documents, µs: the first read
    /// of each (which also verifies the BLOCKSUMS blocks it touches, once per reader), and a
    /// second read of the same documents (the steady state).
    public var firstRead = LatencyStatistics(microseconds: [])
    public var decode = LatencyStatistics(microseconds: [])

    /// Measures `reader`'s TEXTS: every block recompressed (timed) and decoded, and the
    /// descriptions of `samples` documents drawn at random (seeded) read twice.
    public static func measure(_ reader: IndexReader, samples: Int = 1000, seed: UInt64 = 0x7E47) -> StoredTextReport {
        var report = StoredTextReport()
        let layout = reader.storedTextLayout
        report.texts = layout.count
        report.blocks = layout.blockCount
        report.compressedBytes = reader.texts.count
        report.dictionaryBytes = layout.dictionaryLength
        let dictionary = reader.storedTextDictionary
        var compressor = LZBlockCompressor(dictionary: Array(UnsafeRawBufferPointer(start: dictionary.base, count: dictionary.count)),
                                           searchDepth: IndexLayout.textSearchDepth)
        var largest = 0
        for b in 0 ..< layout.blockCount { largest = max(largest, reader.storedTextBlock(b)?.decodedLength ?? 0) }
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: largest + 1 + LZBlockDecompressor.outputSlack, alignment: 8)
        defer { buffer.deallocate() }
        let codes = reader.storedTextCodes
        var seconds = 0.0, cpuSeconds = 0.0
        var sequences: [UInt8] = [], out: [UInt8] = []
        for b in 0 ..< layout.blockCount {
            guard let n = reader.decodeStoredTextBlock(b, into: buffer) else { continue }
            report.rawBytes += n
            sequences.removeAll(keepingCapacity: true)
            out.removeAll(keepingCapacity: true)
            let t0 = benchClock(), c0 = SystemCalls.threadCPUSeconds()
            compressor.compress(UnsafeRawBufferPointer(start: buffer, count: n), appendingTo: &sequences)
            sequences.withUnsafeBytes { codes?.encode($0, appendingTo: &out) }
            seconds += benchClock() - t0
            cpuSeconds += SystemCalls.threadCPUSeconds() - c0
        }
        report.compressionMegabytesPerSecond = seconds > 0 ? Double(report.rawBytes) / seconds / 1e6 : 0
        report.compressionMegabytesPerCPUSecond = cpuSeconds > 0 ? Double(report.rawBytes) / cpuSeconds / 1e6 : 0
        guard reader.documentCount > 0 else { return report }
        var rng = SplitMix64(seed: seed)
        let documents = (0 ..< samples).map { _ in rng.below(reader.documentCount) }
        func timeReads() -> [Double] {
            documents.map { d in
                let id = reader.rows.field(d, .description)
                let t0 = benchClock()
                _ = try? reader.checkedString(id)
                return (benchClock() - t0) * 1e6
            }
        }
        report.firstRead = LatencyStatistics(microseconds: timeReads())
        report.decode = LatencyStatistics(microseconds: timeReads())
        return report
    }
}

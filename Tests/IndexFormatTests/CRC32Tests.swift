import Foundation
import Corpus
@testable import IndexFormat
import Platform
import Testing

/// CRC-32 as the file uses it: the check value, and combining two runs' CRCs into the CRC of
/// both (`CRC32.Zeros`), which the writer uses to get each section's CRC from its BLOCKSUMS.
@Suite("CRC-32")
struct CRC32Tests {
    @Test("the check value, and the empty input")
    func checkValue() {
        #expect(CRC32.checksum("123456789") == 0xCBF4_3926)
        #expect(CRC32.checksum([UInt8]()) == 0)
    }

    @Test("combine(crc(A), crc(B), |B|) == crc(A + B) for random A and B of 0 to 40,000 bytes (property)")
    func combineEqualsConcatenation() {
        var rng = SplitMix64(seed: 77)
        let lengths = [0, 1, 7, 8, 9, 255, 4_096, 16_383, 16_384, 16_385, 40_000]
        for trial in 0 ..< 120 {
            let a = (0 ..< (trial < 11 ? lengths[trial] : rng.below(40_001))).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let b = (0 ..< lengths[trial % lengths.count]).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            #expect(CRC32.combine(CRC32.checksum(a), CRC32.checksum(b), lengthB: b.count) == CRC32.checksum(a + b),
                    "|A| \(a.count), |B| \(b.count)")
        }
    }

    @Test("BLOCKSUMS' section checksums, combined from the blocks, equal each section's own CRC-32, for any thread count")
    func sectionChecksumsFromBlocks() throws {
        var rng = SplitMix64(seed: 78)
        let block = IndexLayout.checksumBlockSize
        // One size per section BLOCKSUMS covers (all but itself).
        // (Odd positions are placed in a file below: one of them empty.)
        let sizes = Array([0, 0, block - 1, block, block + 1, 3 * block, 5 * block + 17, 100, 1, 64 * block + 3,
                           2, block * 2, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18].prefix(IndexLayout.Section.allCases.count - 1))
        precondition(sizes.count == IndexLayout.Section.allCases.count - 1)
        let sections = sizes.map { n in (0 ..< n).map { _ in UInt8(truncatingIfNeeded: rng.next()) } }
        let (one, checksums) = IndexWriter.blockSums(sections.map(SectionBytes.memory), threads: 1)
        #expect(checksums == sections.map { CRC32.checksum($0) })
        for threads in [2, 3, 8] {
            let (section, sums) = IndexWriter.blockSums(sections.map(SectionBytes.memory), threads: threads)
            #expect(section == one && sums == checksums, "\(threads) threads")
        }
        // Sections placed in a file being written (every other one, given in runs cut anywhere,
        // across blocks) carry the block sums they took going in: the same BLOCKSUMS.
        let directory = IndexFixtures.directory()
        var output: IndexFileOutput? = try IndexFileOutput(path: directory + "/x.sfidx")
        let mixed = sections.enumerated().map { i, bytes -> SectionBytes in
            guard i % 2 == 1 else { return .memory(bytes) }
            var cuts = [0, bytes.count] + (0 ..< 3).map { _ in rng.below(bytes.count + 1) }
            cuts.sort()
            var parts = zip(cuts, cuts.dropFirst()).map { Array(bytes[$0 ..< $1]) }
            let placed = output!.append(&parts)
            #expect(parts.isEmpty && placed.count == bytes.count && placed.offset % 8 == 0)
            return .placed(placed)
        }
        for threads in [1, 3] {
            let (section, sums) = IndexWriter.blockSums(mixed, threads: threads)
            #expect(section == one && sums == checksums, "placed, \(threads) threads")
        }
        // Never committed: its temporary file goes with it.
        try output!.waitUntilWritten()
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
        #expect(names.count == 1 && names[0].hasPrefix("x.sfidx.tmp-\(SystemCalls.processID)-"), "\(names)")
        output = nil
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
    }
}

import Corpus
import Foundation
@testable import IndexFormat
import Testing

/// The bit-packing codec and the sparse postings lists built on it (`Index/FORMAT.md`,
/// "Postings blocks"): round trips at every width and list length, adversarial gaps and
/// frequencies, and damage the cursor and the checker must notice.
@Suite("Packed postings")
struct PackedPostingsTests {
    /// Unpacks `bytes` from an allocation of exactly their size (so a read past the block would
    /// leave it; the codec promises not to).
    static func unpack(_ bytes: [UInt8], width: Int) -> [UInt32] {
        let source = UnsafeMutableRawPointer.allocate(byteCount: max(1, bytes.count), alignment: 1)
        defer { source.deallocate() }
        bytes.withUnsafeBytes { if let b = $0.baseAddress { source.copyMemory(from: b, byteCount: bytes.count) } }
        var out = [UInt32](repeating: 0xDEAD_BEEF, count: BitPacking.blockLength)
        out.withUnsafeMutableBufferPointer { BitPacking.unpack(UnsafeRawPointer(source), width: width, into: $0.baseAddress!) }
        return out
    }

    @Test("bit packing round-trips 128 values at every width 0–32: random, all zero, all the largest, alternating (property)")
    func bitPackingRoundTrip() {
        var rng = SplitMix64(seed: 0xB17)
        for width in 0 ... 32 {
            let largest: UInt32 = width == 32 ? .max : (1 << UInt32(width)) - 1
            let random = (0 ..< 128).map { _ in UInt32(truncatingIfNeeded: rng.next()) & largest }
            let alternating = (0 ..< 128).map { $0 % 2 == 0 ? largest : 0 }
            let ramp = (0 ..< 128).map { UInt32($0) & largest }
            for values in [random, [UInt32](repeating: 0, count: 128), [UInt32](repeating: largest, count: 128), alternating, ramp] {
                var bytes: [UInt8] = []
                BitPacking.pack(values, width: width, to: &bytes)
                #expect(bytes.count == BitPacking.byteCount(width: width) && bytes.count == 16 * width)
                #expect(Self.unpack(bytes, width: width) == values, "width \(width)")
                #expect(BitPacking.width(ofLargest: values.max()!) <= width)
            }
            #expect(BitPacking.width(ofLargest: largest) == width)
        }
    }

    /// Writes a list with `SparsePostingsList` (block impacts: the block's first index as the
    /// rank, so they can be checked), reads it back with a cursor, and compares everything.
    static func roundTrip(_ docs: [UInt32], _ freqs: [UInt32]?, documentLimit: UInt32) -> Bool {
        var bytes: [UInt8] = []
        SparsePostingsList.append(docs, freqs ?? [], withFrequencies: freqs != nil, impact: { range in
            .init(minimumRank: UInt32(range.lowerBound), frequency: 7, length: 9, fieldPeak: UInt8(range.count))
        }, to: &bytes)
        return bytes.withUnsafeBytes { raw -> Bool in
            let region = ByteRegion(base: raw.baseAddress!, count: raw.count)
            guard let c = PostingsCursor(region: region, documentFrequency: docs.count, hasFrequencies: freqs != nil,
                                         documentLimit: documentLimit) else { return docs.isEmpty }
            var got: [UInt32] = [], gotFreqs: [UInt32] = []
            var d = c.first()
            while d != PostingsCursor.exhausted { got.append(d); gotFreqs.append(c.frequency); d = c.next() }
            guard !c.isCorrupt, got == docs, gotFreqs == (freqs ?? docs.map { _ in 1 }) else { return false }
            for b in 0 ..< c.blockCount {
                let packed = (b + 1) * 128 <= docs.count
                guard (c.packedWidths(b) != nil) == packed else { return false }
                if freqs != nil {
                    let i = c.blockImpact(b)
                    guard i.minimumRank == UInt32(b * 128), i.frequency == 7, i.length == 9,
                          c.blockFieldPeak(b) == UInt8(min(128, docs.count - b * 128)) else { return false }
                }
            }
            // Seeks from anywhere, backward too, land on the first document ≥ the target.
            for k in stride(from: docs.count - 1, through: 0, by: -max(1, docs.count / 37)) {
                guard c.seek(docs[k]) == docs[k], c.frequency == (freqs?[k] ?? 1) else { return false }
                if k > 0, docs[k] - docs[k - 1] > 1, c.seek(docs[k - 1] + 1) != docs[k] { return false }
            }
            return true
        }
    }

    @Test("postings round-trip for lists of 0, 1, 127, 128, 129, 256, 1,000 and 5,000 documents, tf 1 and large tf, text and keyword (property)",
          arguments: [0, 1, 127, 128, 129, 256, 1_000, 5_000])
    func postingsRoundTrip(length: Int) {
        var rng = SplitMix64(seed: UInt64(length) + 17)
        var docs: [UInt32] = []
        var d: UInt32 = UInt32(rng.below(50))
        for _ in 0 ..< length { docs.append(d); d += 1 + UInt32(rng.below(rng.chance(0.1) ? 100_000 : 40)) }
        let limit = d + 1
        let ones = docs.map { _ in UInt32(1) }
        let large = docs.map { _ in rng.chance(0.3) ? UInt32(256 + rng.below(1_000_000)) : UInt32(1 + rng.below(4)) }
        #expect(Self.roundTrip(docs, ones, documentLimit: limit))
        #expect(Self.roundTrip(docs, large, documentLimit: limit))
        #expect(Self.roundTrip(docs, nil, documentLimit: limit))
        // Consecutive documents: every gap − 1 is 0, so the packed documents take no bytes.
        let consecutive = (0 ..< UInt32(length)).map { $0 }
        #expect(Self.roundTrip(consecutive, ones, documentLimit: UInt32(length) + 1))
    }

    @Test("adversarial gaps and frequencies: the largest document, gaps near 2^32 and frequencies near 2^32 round-trip at width 32")
    func adversarialGaps() {
        let top = UInt32.max - 1 // the largest document of a list whose document limit is UInt32.max
        let lists: [[UInt32]] = [
            [top],
            [0, top],
            (0 ..< 127).map { UInt32($0) } + [top],                // a full block whose last gap − 1 needs 32 bits
            [top - 200] + (0 ..< 127).map { top - 127 + UInt32($0) + 1 }, // a first value of 32 bits
            (0 ..< 300).map { UInt32($0) * 14_000_000 },           // 24-bit gaps in every block
            (0 ..< 128).map { $0 == 0 ? 0 : top - 127 + UInt32($0) }, // one huge gap, then ones
        ]
        for (k, docs) in lists.enumerated() {
            #expect(Self.roundTrip(docs, nil, documentLimit: .max), "\(docs.prefix(3))…")
            // A text term's varint tail holds gap << 1, so its gaps stay below 2^31 (lists 0 and 1
            // are tails with a gap of 2^32 − 1: keyword terms only); packed blocks take any gap.
            guard k >= 2 else { continue }
            #expect(Self.roundTrip(docs, docs.map { _ in UInt32.max }, documentLimit: .max))
            #expect(Self.roundTrip(docs, docs.indices.map { $0 % 2 == 0 ? UInt32.max : 1 }, documentLimit: .max))
        }
    }

    @Test("frequencies unpacked on first read are right however the block was entered: by seek, by next, skipped unread, then by withBlock (property)")
    func deferredFrequencies() {
        var rng = SplitMix64(seed: 0xF4E0)
        let docs = (0 ..< 1_000).map { UInt32($0 * 7 + Int(rng.below(7))) }
        let freqs = docs.map { _ in rng.chance(0.2) ? UInt32(2 + rng.below(300)) : 1 }
        var bytes: [UInt8] = []
        SparsePostingsList.append(docs, freqs, withFrequencies: true, impact: { _ in .init(minimumRank: 0, frequency: 1, length: 1, fieldPeak: 1) }, to: &bytes)
        let ok = bytes.withUnsafeBytes { raw -> Bool in
            guard let c = PostingsCursor(region: ByteRegion(base: raw.baseAddress!, count: raw.count), documentFrequency: docs.count,
                                         hasFrequencies: true, documentLimit: 10_000) else { return false }
            for _ in 0 ..< 400 {
                let k = rng.below(docs.count)
                switch rng.below(3) {
                case 0: // a seek (forward or back), the frequency read or not
                    guard c.seek(docs[k]) == docs[k] else { return false }
                    if rng.chance(0.5), c.frequency != freqs[k] { return false }
                case 1: // a seek, then next() into whatever follows, possibly the next block
                    guard c.seek(docs[k]) == docs[k] else { return false }
                    let d = c.next()
                    if k + 1 < docs.count ? (d != docs[k + 1] || c.frequency != freqs[k + 1]) : d != PostingsCursor.exhausted { return false }
                default: // a whole block, its frequencies read from the buffer
                    let b = k / 128
                    let same = c.withBlock(b) { d, f in Array(d) == Array(docs[(b * 128) ..< min(docs.count, b * 128 + 128)])
                        && Array(f) == Array(freqs[(b * 128) ..< min(docs.count, b * 128 + 128)]) }
                    guard same == true else { return false }
                }
            }
            return !c.isCorrupt
        }
        #expect(ok)
    }

    @Test("a frequency of 0 in a width-32 packed block (a stored UInt32.max) is damage even for a walk that reads no frequency")
    func zeroFrequencyIsDamageUnread() {
        let docs = (0 ..< 128).map { UInt32($0 * 2) }
        var bytes: [UInt8] = []
        SparsePostingsList.append(docs, docs.map { $0 == 10 ? UInt32.max : 1 }, withFrequencies: true,
                                  impact: { _ in .init(minimumRank: 0, frequency: 1, length: 1, fieldPeak: 1) }, to: &bytes)
        // The block's frequencies are tf − 1 at width 32: turn the stored UInt32.max − 1 into UInt32.max (tf 0).
        let dataStart = 4 + IndexLayout.skipEntrySize(frequencies: true)
        let at = dataStart + IndexLayout.packedBlockHeaderSize(frequencies: true) + BitPacking.byteCount(width: Int(bytes[dataStart])) + 5 * 4
        #expect(bytes[dataStart + 1] == 32 && bytes[at] == 0xFE)
        bytes[at] = 0xFF
        let refused = bytes.withUnsafeBytes { raw -> Bool in
            guard let c = PostingsCursor(region: ByteRegion(base: raw.baseAddress!, count: raw.count), documentFrequency: docs.count,
                                         hasFrequencies: true, documentLimit: 1_000) else { return true }
            return c.first() == PostingsCursor.exhausted && c.isCorrupt
        }
        #expect(refused)
    }

    @Test("a damaged packed block is refused by the cursor: a changed value, width or offset never yields documents past the skip table's")
    func damagedBlockInCursor() {
        let docs = (0 ..< 300).map { UInt32($0 * 3) }
        var good: [UInt8] = []
        SparsePostingsList.append(docs, docs.map { _ in 2 }, withFrequencies: true, impact: { _ in .init(minimumRank: 0, frequency: 2, length: 1, fieldPeak: 1) }, to: &good)
        let dataStart = 4 + 3 * IndexLayout.skipEntrySize(frequencies: true)
        // The doc width, the freq width, a packed gap, a skip entry's end offset.
        for at in [dataStart, dataStart + 1, dataStart + 2 + 5, 4 + IndexLayout.SkipField.endOffset.rawValue] {
            var bytes = good
            bytes[at] ^= 0x01
            let ok = bytes.withUnsafeBytes { raw -> Bool in
                guard let c = PostingsCursor(region: ByteRegion(base: raw.baseAddress!, count: raw.count), documentFrequency: docs.count,
                                             hasFrequencies: true, documentLimit: 1_000) else { return false }
                var n = 0, d = c.first()
                while d != PostingsCursor.exhausted { n += 1; d = c.next() }
                return c.isCorrupt && n < docs.count
            }
            #expect(ok, "byte \(at)")
        }
    }

    @Test("`check` recomputes packed blocks and their field peaks: damage with every checksum fixed up is named")
    func checkerFindsDamagedBlock() throws {
        let good = IndexFixtures.serialized(500)
        let reader = try IndexReader(path: IndexFixtures.write(good))
        #expect(IndexChecker.check(reader).allSatisfy { $0.isOK })
        let info = try #require(reader.terms.lookup("health"))
        let blocks = (info.documentFrequency + 127) / 128
        #expect(!info.hasBitmaps && info.documentFrequency >= 128)
        let postings = reader.sections.first { $0.section == .postings }!
        let data = 4 + blocks * IndexLayout.skipEntrySize(frequencies: true)
        let cases: [(at: Int, expected: String)] = [
            (data + 2 + 3, "postings of \"health\" decode to"),          // a packed gap
            (data, "postings of \"health\" decode to"),                  // the doc width
            (4 + IndexLayout.SkipField.fieldPeak.rawValue, "block field peaks of \"health\""),
            (4 + IndexLayout.SkipField.bestLength.rawValue, "block impacts of \"health\""),
        ]
        for c in cases {
            var bytes = good
            bytes[postings.offset + info.offset + c.at] ^= 0x02
            IndexFuzzTests.fixListChecksum(&bytes, of: info, in: reader)
            IndexFuzzTests.rechecksum(&bytes)
            let damaged = try IndexReader(path: IndexFixtures.write(bytes))
            let reports = IndexChecker.check(damaged)
            let verdict = reports.first { $0.section == "POSTINGS" }!.verdict
            #expect(verdict.contains(c.expected), "byte \(c.at): \(verdict)")
        }
    }
}

import Platform

/// The term dictionary of an index: TERMS (one fixed-size entry per term in sorted key order,
/// then the key bytes), the POSTINGS lists the entries point into, and FIELDPEAKS (per dense
/// text term, a bound on its standard BM25F impact per 64 documents, `FieldImpact.peak`).
///
/// Part of an open `IndexReader` (`reader.terms`), sharing its mapping and life. On open the
/// reader checks, in O(1), that TERMS's count equals META's and its entry table fits, and that
/// FIELDPEAKS's size is its term count's; entries, keys and lists are bounds-checked when read,
/// so damage makes a read return `nil` (or a cursor set `isCorrupt`), never read outside the
/// mapping. Each postings list's CRC-32 is verified the first time it is used (`verifiedList`),
/// once for the life of the reader, in a lock-free set shared by every copy of this value, so
/// concurrent queries never wait on each other here. `IndexChecker` verifies all of it in full.
/// - Complexity: `lookup(_:)` and `termEntries(withPrefix:)` are O(log terms) key comparisons;
///   `termInfo(at:)` and the key reads O(1); `fieldPeaks(entry:)` O(log terms with peaks);
///   `cursor(_:)` and `bitmaps(_:)` O(1) once a list is verified, O(list length) the first time.
public struct TermDictionary: Sendable {
    /// TERMS: counted header, entries (`IndexLayout.TermField`), key bytes.
    public let region: ByteRegion
    /// POSTINGS: the lists, each where its entry says (`TermInfo.offset`, `TermInfo.length`).
    public let postings: ByteRegion
    /// FIELDPEAKS: the TERMS entries of the dense text terms (ascending), then per term one byte
    /// per 64 documents.
    public let fieldPeakRegion: ByteRegion
    /// Terms in the dictionary (META's term count).
    public let count: Int
    /// Terms with field peaks.
    public let fieldPeakTermCount: Int
    /// Documents in the index: the bound on a list's documents and the size of its bitmaps.
    let documentCount: Int
    /// Term entries whose postings CRC-32 has been verified (first use of each list).
    let verifiedPostings: AtomicBitset

    /// The dictionary over sections `IndexReader.init` has checked (see the type's comment).
    init(terms: ByteRegion, postings: ByteRegion, fieldPeaks: ByteRegion, count: Int, fieldPeakTermCount: Int, documentCount: Int) {
        region = terms
        self.postings = postings
        fieldPeakRegion = fieldPeaks
        self.count = count
        self.fieldPeakTermCount = fieldPeakTermCount
        self.documentCount = documentCount
        verifiedPostings = AtomicBitset(capacity: count)
    }

    /// A term dictionary entry.
    public struct TermInfo: Sendable, Equatable {
        /// Position in the sorted dictionary.
        public let entry: Int
        public let documentFrequency: Int
        public let hasFrequencies: Bool
        /// The list ends with a present bitmap (and, for text terms, a repeated bitmap).
        public let hasBitmaps: Bool
        /// The largest term frequency in the list, saturating at 255; 0 for keyword terms.
        public let maxFrequency: UInt32
        /// Region of the postings list inside POSTINGS.
        public let offset: Int
        public let length: Int
        /// CRC-32 of the postings list's bytes.
        public let crc32: UInt32
    }

    // MARK: Entries and keys

    /// The key bytes of entry `i`, or `nil` when out of bounds.
    func termKey(_ i: Int) -> ByteRegion? {
        let e = IndexLayout.termEntryOffset(i)
        let keysStart = IndexLayout.termKeysOffset(count: count)
        guard let ko = region.u32(e + IndexLayout.TermField.keyOffset.rawValue),
              let kl = region.u16(e + IndexLayout.TermField.keyLength.rawValue) else { return nil }
        return region.slice(keysStart + Int(ko), Int(kl))
    }

    /// The key of entry `i` as bytes inside the mapped file (no copy, no decoding), or `nil`
    /// when `i` is out of 0 ..< count or the key does not fit the section. The bytes stay valid
    /// while the reader lives. Dictionary walks compare and step through keys with it.
    /// - Complexity: O(1).
    public func termKeyBytes(at i: Int) -> UnsafeRawBufferPointer? {
        guard i >= 0, i < count, let key = termKey(i) else { return nil }
        return UnsafeRawBufferPointer(start: key.base, count: key.count)
    }

    /// Entry `i` of the term dictionary (sorted order).
    public func termInfo(at i: Int) -> TermInfo? {
        guard i >= 0, i < count else { return nil }
        let e = IndexLayout.termEntryOffset(i)
        func field(_ f: IndexLayout.TermField) -> Int { e + f.rawValue }
        guard let flags = region.u16(field(.flags)), let off = region.u64(field(.postingsOffset)),
              let df = region.u32(field(.documentFrequency)), let len = region.u32(field(.postingsLength)),
              let crc = region.u32(field(.crc32)), off <= UInt64(postings.count), UInt64(len) <= UInt64(postings.count) - off else { return nil }
        return TermInfo(entry: i, documentFrequency: Int(df), hasFrequencies: (flags & IndexLayout.termFlagHasFrequencies) != 0,
                        hasBitmaps: (flags & IndexLayout.termFlagHasBitmaps) != 0,
                        maxFrequency: UInt32(flags >> IndexLayout.termFlagMaxFrequencyShift),
                        offset: Int(off), length: Int(len), crc32: crc)
    }

    /// The key length in bytes of entry `i` (0 when out of bounds), without decoding the key.
    public func termKeyLength(at i: Int) -> Int {
        guard i >= 0, i < count else { return 0 }
        return Int(region.u16(IndexLayout.termEntryOffset(i) + IndexLayout.TermField.keyLength.rawValue) ?? 0)
    }

    /// The key of entry `i` as a string.
    public func termString(at i: Int) -> String? {
        guard i >= 0, i < count, let k = termKey(i) else { return nil }
        return String(decoding: UnsafeRawBufferPointer(start: k.base, count: k.count), as: UTF8.self)
    }

    /// The entries whose keys start with `prefix` (a contiguous range, keys being sorted).
    /// - Complexity: O(log terms).
    public func termEntries(withPrefix prefix: String) -> Range<Int> {
        func lowerBound(_ bytes: [UInt8]) -> Int {
            bytes.withUnsafeBytes { probe -> Int in
                var lo = 0, hi = count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    guard let k = termKey(mid) else { return lo }
                    if ByteComparison.order(UnsafeRawBufferPointer(start: k.base, count: k.count), probe) < 0 { lo = mid + 1 } else { hi = mid }
                }
                return lo
            }
        }
        let start = lowerBound(Array(prefix.utf8))
        return start ..< max(start, lowerBound(Array(prefix.utf8) + [0xFF]))
    }

    /// Looks `term` up by binary search over the sorted dictionary, comparing its UTF-8 in place
    /// (no copy of the key). - Complexity: O(log terms) comparisons.
    public func lookup(_ term: String) -> TermInfo? {
        var term = term
        return term.withUTF8 { key -> TermInfo? in
            let probe = UnsafeRawBufferPointer(key)
            var lo = 0, hi = count
            while lo < hi {
                let mid = (lo + hi) / 2
                guard let k = termKey(mid) else { return nil }
                let c = ByteComparison.order(UnsafeRawBufferPointer(start: k.base, count: k.count), probe)
                if c == 0 { return termInfo(at: mid) }
                if c < 0 { lo = mid + 1 } else { hi = mid }
            }
            return nil
        }
    }

    // MARK: Lists

    /// The bytes of `info`'s postings list, or `nil` when it does not fit POSTINGS or (checked
    /// the first time each list is used) its CRC-32 does not match.
    func verifiedList(_ info: TermInfo) -> ByteRegion? {
        guard let list = postings.slice(info.offset, info.length) else { return nil }
        if !verifiedPostings.contains(info.entry) {
            // Two threads may both verify a list the first time; the work is idempotent.
            guard list.crc32() == info.crc32 else { return nil }
            verifiedPostings.insert(info.entry)
        }
        return list
    }

    /// A cursor over the documents of `info` (its postings blocks, or a dense term's bitmaps), or
    /// `nil` when the list is damaged: its block table or bitmaps do not fit, or (checked the
    /// first time each list is used) its CRC-32 does not match.
    public func cursor(_ info: TermInfo) -> PostingsCursor? {
        if info.hasBitmaps {
            guard let b = bitmaps(info), info.documentFrequency > 0 else { return nil }
            return PostingsCursor(bitmaps: b, documentFrequency: info.documentFrequency, documentLimit: UInt32(documentCount))
        }
        guard let list = verifiedList(info) else { return nil }
        return PostingsCursor(region: list, documentFrequency: info.documentFrequency, hasFrequencies: info.hasFrequencies,
                              documentLimit: UInt32(documentCount))
    }

    /// The bitmaps of a dense term, or `nil` when `info` has none or its list is damaged (it
    /// does not fit, fails its checksum, or its length disagrees with the layout).
    public func bitmaps(_ info: TermInfo) -> TermBitmaps? {
        guard info.hasBitmaps, let list = verifiedList(info) else { return nil }
        let words = IndexLayout.bitmapWords(documentCount: documentCount)
        guard let present = list.slice(0, words * 8) else { return nil }
        guard info.hasFrequencies else {
            return list.count == words * 8 ? TermBitmaps(present: present, words: words) : nil
        }
        var offset = words * 8
        var repeated: ByteRegion?, directory: ByteRegion?, frequencies: ByteRegion?, peaks: ByteRegion?
        if info.maxFrequency >= 2 {
            guard let r = list.slice(offset, words * 8) else { return nil }
            repeated = r
            offset += words * 8
            let groups = IndexLayout.rankGroups(words: words)
            guard let d = list.slice(offset, 4 * (groups + 1)), let repeatedCount = d.u32(4 * groups),
                  let f = list.slice(offset + 4 * (groups + 1), Int(repeatedCount)),
                  let p = list.slice(offset + 4 * (groups + 1) + Int(repeatedCount), IndexLayout.lengthPeakCount) else { return nil }
            (directory, frequencies, peaks) = (d, f, p)
            offset += 4 * (groups + 1) + Int(repeatedCount) + IndexLayout.lengthPeakCount
        }
        guard let best = list.slice(offset, words), let overflowCount = list.u32(offset + words),
              let overflow = list.slice(offset + words + 4, IndexLayout.overflowEntrySize * Int(overflowCount)),
              list.count == offset + words + 4 + IndexLayout.overflowEntrySize * Int(overflowCount) else { return nil }
        return TermBitmaps(present: present, words: words, repeated: repeated, rankDirectory: directory, frequencies: frequencies, lengthPeaks: peaks, best: best, overflow: overflow)
    }

    // MARK: Field peaks

    /// The field peaks of the term at entry `entry` (one byte per 64 documents,
    /// `FieldImpact.peak`), or `nil` when it has none (not a dense text term).
    /// - Complexity: O(log terms with peaks).
    public func fieldPeaks(entry: Int) -> UnsafePointer<UInt8>? {
        var lo = 0, hi = fieldPeakTermCount
        while lo < hi {
            let mid = (lo + hi) >> 1
            if Int(fieldPeakRegion.u32Unchecked(IndexLayout.u32EntryOffset(mid))) < entry { lo = mid + 1 } else { hi = mid }
        }
        guard lo < fieldPeakTermCount, Int(fieldPeakRegion.u32Unchecked(IndexLayout.u32EntryOffset(lo))) == entry else { return nil }
        let start = IndexLayout.fieldPeaksHeaderSize(terms: fieldPeakTermCount) + lo * IndexLayout.bitmapWords(documentCount: documentCount)
        return (fieldPeakRegion.base + start).assumingMemoryBound(to: UInt8.self)
    }

    /// The entry of the `i`-th term with field peaks (ascending). Precondition: `i < fieldPeakTermCount`.
    public func fieldPeakTerm(_ i: Int) -> Int { Int(fieldPeakRegion.u32Unchecked(IndexLayout.u32EntryOffset(i))) }
}

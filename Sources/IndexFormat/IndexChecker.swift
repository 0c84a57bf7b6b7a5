import Dispatch
import Platform

/// Full verification of an index file, like Lucene's CheckIndex: every section's CRC-32, then
/// the structure inside each section. Slow (reads every byte); `IndexReader` does the cheap
/// checks on open.
public enum IndexChecker {
    /// The verdict on one section.
    public struct SectionReport: Sendable {
        public let section: String
        public let bytes: Int
        /// Problems found; empty means the section is sound.
        public let problems: [String]
        public var isOK: Bool { problems.isEmpty }
        /// "ok", or "DAMAGED: " and the problems.
        public var verdict: String { isOK ? "ok" : "DAMAGED: " + problems.joined(separator: "; ") }
    }

    /// Checks the file at `path`. Throws only when it cannot be opened at all (then the error
    /// says why); otherwise returns one report per section.
    public static func check(path: String) throws(IndexFormatError) -> [SectionReport] {
        let reader = try IndexReader(path: path)
        return check(reader)
    }

    /// Checks every section of `given`: first every section's CRC-32, then the structure of
    /// each sound one — DOCUMENTS's records (each read whole, the largest single part) in
    /// `documentParts` ranges of their own. With `threads` above 1 the sections and ranges run
    /// on Dispatch's workers (`concurrentPerform`, one a core); with 1, in order on the calling
    /// thread. The reports, and the problems in each, are the same either way, in section order.
    /// - Complexity: O(file bytes + documents + decoded texts), split over the threads.
    public static func check(_ given: IndexReader, threads: Int = SystemCalls.processorCount()) -> [SectionReport] {
        // Structures are read without block verification: each CRC is checked here, once.
        let reader = given.verifiesBlocks ? ((try? IndexReader(file: given.file, verifyingBlocks: false)) ?? given) : given
        let sections = reader.sections
        let crcProblems = ConcurrentSlots<[String]>(count: sections.count)
        forEach(sections.count, threads: threads) { i in
            let info = sections[i]
            guard let region = reader.file.region.slice(info.offset, info.length) else {
                crcProblems.store(["section lies outside the file"], at: i)
                return
            }
            let crc = region.crc32()
            crcProblems.store(crc != info.crc32 ? [String(format8: crc, expected: info.crc32)] : [], at: i)
        }
        let crcs = (0 ..< sections.count).map { crcProblems.take($0) }
        // Structure tasks: a section, or a range of DOCUMENTS's records; the parts first, as the
        // largest, so the threads end together.
        let n = reader.documentCount
        let parts = threads > 1 ? max(1, min(documentParts, n)) : 1
        var tasks: [(section: Int, documents: Range<Int>?)] = []
        for (i, info) in sections.enumerated() where crcs[i].isEmpty && info.section == .documents {
            for k in 0 ..< parts { tasks.append((i, n * k / parts ..< n * (k + 1) / parts)) }
        }
        for (i, info) in sections.enumerated() where crcs[i].isEmpty && info.section != .documents { tasks.append((i, nil)) }
        let found = ConcurrentSlots<[String]>(count: tasks.count)
        let taskList = tasks
        forEach(taskList.count, threads: threads) { t in
            let task = taskList[t]
            found.store(structure(of: sections[task.section].section, in: reader, documents: task.documents), at: t)
        }
        var problems = crcs
        var documentProblems: [String] = []
        for (t, task) in tasks.enumerated() {
            let got = found.take(t)
            guard let range = task.documents else { problems[task.section] += got; continue }
            documentProblems += got
            if range.upperBound == n {
                // As one pass gives them: the padding's (listed by the range from 0), then the
                // records' in order, up to 5 in all.
                let padding = structurePadding(of: .documents, in: reader).count
                problems[task.section] += documentProblems.prefix(max(5, padding))
            }
        }
        return sections.enumerated().map { i, info in SectionReport(section: info.section.name, bytes: info.length, problems: problems[i]) }
    }

    /// DOCUMENTS's records are checked in this many ranges at once (more than the threads, so a
    /// slow range does not hold the rest back).
    static let documentParts = 8

    /// Runs `body` for each of `0 ..< count`: in order on this thread when `threads` ≤ 1, else
    /// on Dispatch's workers.
    private static func forEach(_ count: Int, threads: Int, _ body: @Sendable (Int) -> Void) {
        if threads <= 1 || count <= 1 {
            for i in 0 ..< count { body(i) }
        } else {
            DispatchQueue.concurrentPerform(iterations: count, execute: body)
        }
    }

    /// A packed section's padding problems (`PackedColumns.paddingProblems`), which its
    /// structure check lists first.
    static func structurePadding(of section: IndexLayout.Section, in r: IndexReader) -> [String] {
        guard let columns = r.rows.packedColumns(section) else { return [] }
        return PackedColumns.paddingProblems(in: r.sectionRegions[Int(section.rawValue) - 1], columns: columns, rowCount: r.documentCount)
    }

    /// The problems inside one section whose CRC is sound (at most about 5 a kind); for
    /// DOCUMENTS, `documents` limits the records read to a range (the padding's problems are
    /// listed only with the range from 0).
    static func structure(of section: IndexLayout.Section, in r: IndexReader, documents: Range<Int>? = nil) -> [String] {
        var problems: [String] = []
        func limit() -> Bool { problems.count >= 5 }
        if (documents?.lowerBound ?? 0) == 0 { problems += structurePadding(of: section, in: r) }
        switch section {
        case .meta:
            if r.documentCount > 0 && r.totalTokens == 0 { problems.append("documents but no tokens") }
        case .strings:
            let base = IndexLayout.stringBytesOffset(count: r.stringCount)
            var previous: UInt32 = 0
            for i in 0 ... r.stringCount {
                guard let o = r.strings.u32(IndexLayout.u32EntryOffset(i)) else { problems.append("offset table truncated"); break }
                if o < previous || base + Int(o) > r.strings.count { problems.append("string \(i) offset \(o) out of order or past the end"); break }
                previous = o
            }
        case .institutions:
            for i in 0 ..< r.institutionCount where !limit() {
                let o = i * IndexLayout.institutionRowSize
                let stringFields: [IndexLayout.InstitutionField] = [.id, .name, .city, .state, .zip, .institutionAccreditors, .website, .otherSchoolAccreditors]
                for field in stringFields where r.string(r.institutions.u32Unchecked(o + field.rawValue)) == nil {
                    problems.append("institution \(i) field \(field) has a bad string id")
                }
                let control = r.institutions.u8(o + IndexLayout.InstitutionField.control.rawValue)!
                if control > 3 { problems.append("institution \(i) control code \(control) is not 0…3") }
                let padding = o + IndexLayout.InstitutionField.controlPadding.rawValue // 3 bytes, to the latitude
                if r.institutions.u8(padding)! != 0 || r.institutions.u16(padding + 1)! != 0
                    || r.institutions.u32(o + IndexLayout.InstitutionField.padding.rawValue)! != 0 {
                    problems.append("institution \(i) padding is not zero")
                }
                let lat = r.institutions.f64Unchecked(o + IndexLayout.InstitutionField.latitude.rawValue)
                let lon = r.institutions.f64Unchecked(o + IndexLayout.InstitutionField.longitude.rawValue)
                if !(abs(lat) <= 90 && abs(lon) <= 180) { problems.append("institution \(i) has invalid coordinates (\(lat), \(lon))") }
            }
        case .documents:
            for d in documents ?? 0 ..< r.documentCount where !limit() {
                do { _ = try r.record(d) } catch { problems.append("\(error)") }
            }
        case .ranks:
            var seen = [Bool](repeating: false, count: r.documentCount)
            for d in 0 ..< r.documentCount where !limit() {
                let k = Int(r.rows.rank(d))
                if k >= r.documentCount || seen[k] { problems.append("rank \(k) of document \(d) is out of range or repeated") } else { seen[k] = true }
            }
        case .ids:
            var previous: [UInt8]? = nil
            for k in 0 ..< r.documentCount where !limit() {
                guard let id = r.id(rank: k) else { problems.append("id of rank \(k) is unreadable"); continue }
                let b = Array(id.utf8)
                if let p = previous, !p.lexicographicallyPrecedes(b) { problems.append("id of rank \(k) is not after the previous one") }
                previous = b
            }
        case .terms:
            let terms = r.terms
            var previous: String? = nil
            for i in 0 ..< terms.count where !limit() {
                guard let key = terms.termString(at: i), terms.termInfo(at: i) != nil else { problems.append("term \(i) entry is out of bounds"); continue }
                if let p = previous, !p.utf8.lexicographicallyPrecedes(key.utf8) { problems.append("term \(i) \"\(key)\" is out of order") }
                previous = key
            }
        case .postings:
            let terms = r.terms
            for i in 0 ..< terms.count where !limit() {
                guard let info = terms.termInfo(at: i) else { continue }
                guard let c = terms.cursor(info) else { problems.append("postings of \"\(terms.termString(at: i) ?? "?")\" do not fit or fail their checksum"); continue }
                let name = terms.termString(at: i) ?? "?"
                let bitmaps = info.hasBitmaps ? terms.bitmaps(info) : nil
                if info.hasBitmaps && bitmaps == nil { problems.append("bitmaps of \"\(name)\" do not fit their list"); continue }
                var n = 0, repeatedPostings = 0, maxFrequency: UInt32 = 0, bitmapMismatch = false
                var d = c.first()
                var setForPostings = 0
                // Best documents, recomputed: per word, the largest impact and its lowest bit.
                let withBest = bitmaps?.best != nil
                var bestImpact = [Double](repeating: -1, count: withBest ? IndexLayout.bitmapWords(documentCount: r.documentCount) : 0)
                var bestBit = [Int](repeating: Int(IndexLayout.noBestDocument), count: bestImpact.count)
                let averageLength = r.averageDocumentLength
                // Length peaks, recomputed: per LENGTHS byte, the largest frequency (saturating).
                var peaks = [UInt8](repeating: 0, count: bitmaps?.lengthPeaks != nil ? IndexLayout.lengthPeakCount : 0)
                // Block impacts (sparse text terms), recomputed: smallest rank, best (tf, length),
                // and for a combined term the fielded peak from its field terms' frequencies.
                var blockRank = UInt32.max, blockImpact = -1.0, blockBest: (UInt32, UInt32) = (0, 0), impactMismatch = false
                var blockPeak: UInt8 = 0, peakMismatch = false
                let fielded = c.hasBlockImpacts && !Schema.isFieldTerm(name)
                let titleCursor = fielded ? terms.lookup(Schema.TextField.title.term(name)!).flatMap { terms.cursor($0) } : nil
                let institutionCursor = fielded ? terms.lookup(Schema.TextField.institution.term(name)!).flatMap { terms.cursor($0) } : nil
                let fieldAverages = r.averageFieldLengths
                func closeBlock(_ b: Int) {
                    let stored = c.blockImpact(b)
                    if stored.minimumRank != blockRank || stored.frequency != blockBest.0 || stored.length != blockBest.1 { impactMismatch = true }
                    if c.blockFieldPeak(b) != blockPeak { peakMismatch = true }
                    blockRank = .max; blockImpact = -1; blockPeak = 0
                }
                // Packed blocks: each width is the smallest that holds its values (gap − 1, tf − 1).
                var previousDoc: UInt32? = nil, largestGap: UInt32 = 0, largestFrequency: UInt32 = 0, widthMismatch = false
                func closeWidths(_ b: Int) {
                    if let w = c.packedWidths(b) {
                        if w.docs != BitPacking.width(ofLargest: largestGap)
                            || w.frequencies != (info.hasFrequencies ? BitPacking.width(ofLargest: largestFrequency) : 0) { widthMismatch = true }
                    }
                    largestGap = 0; largestFrequency = 0
                }
                while d != PostingsCursor.exhausted {
                    if !info.hasBitmaps {
                        largestGap = max(largestGap, previousDoc.map { d &- $0 &- 1 } ?? d)
                        largestFrequency = max(largestFrequency, c.frequency &- 1)
                        previousDoc = d
                        if (n + 1) % IndexLayout.postingsBlockSize == 0 || n + 1 == info.documentFrequency { closeWidths(n / IndexLayout.postingsBlockSize) }
                    }
                    if fielded {
                        let ft = titleCursor.map { $0.seek(d) == d ? $0.frequency : 0 } ?? 0
                        let fi = institutionCursor.map { $0.seek(d) == d ? $0.frequency : 0 } ?? 0
                        if ft + fi > c.frequency { peakMismatch = true } else {
                            let impact = FieldImpact.standardImpact(title: ft, description: c.frequency - ft - fi, institution: fi,
                                                                    lengths: r.rows.fieldLengths(Int(d)), averages: fieldAverages)
                            blockPeak = max(blockPeak, FieldImpact.peak(impact))
                        }
                    }
                    if c.hasBlockImpacts || withBest {
                        let length = r.rows.field(Int(d), .length)
                        let impact = BM25Impact.defaultImpact(frequency: c.frequency, length: length, averageLength: averageLength)
                        if withBest, impact > bestImpact[Int(d >> 6)] { bestImpact[Int(d >> 6)] = impact; bestBit[Int(d >> 6)] = Int(d & 63) }
                        if c.hasBlockImpacts {
                            if impact > blockImpact { blockImpact = impact; blockBest = (min(c.frequency, 255), min(length, 255)) }
                            blockRank = min(blockRank, r.rows.rank(Int(d)))
                            if (n + 1) % IndexLayout.postingsBlockSize == 0 || n + 1 == info.documentFrequency { closeBlock(n / IndexLayout.postingsBlockSize) }
                        }
                    }
                    if !peaks.isEmpty {
                        let b = Int(r.lengths.u8(Int(d)) ?? 255)
                        peaks[b] = max(peaks[b], UInt8(min(c.frequency, 255)))
                    }
                    n += 1
                    maxFrequency = max(maxFrequency, info.hasFrequencies ? c.frequency : 0)
                    if c.frequency > 1 { repeatedPostings += 1 }
                    if let b = bitmaps {
                        if b.presentWord(Int(d) >> 6) & (1 << UInt64(d & 63)) != 0 { setForPostings += 1 }
                        if b.isRepeated(Int(d)) != (c.frequency > 1) { bitmapMismatch = true }
                        if c.frequency > 1, b.repeatedFrequency(Int(d)) != min(c.frequency, 255) { bitmapMismatch = true }
                    }
                    d = c.next()
                }
                if c.isCorrupt || n != info.documentFrequency {
                    problems.append("postings of \"\(name)\" decode to \(n) documents, expected \(info.documentFrequency)")
                } else if min(maxFrequency, 255) != info.maxFrequency {
                    problems.append("term \"\(name)\" records max frequency \(info.maxFrequency), its postings have \(maxFrequency)")
                } else if impactMismatch {
                    problems.append("block impacts of \"\(name)\" disagree with its postings")
                } else if peakMismatch {
                    problems.append("block field peaks of \"\(name)\" disagree with its postings and field terms")
                } else if widthMismatch {
                    problems.append("packed blocks of \"\(name)\" are not at the smallest widths of their values")
                }
                if let b = bitmaps {
                    // Every present bit is a posting (the counts agree and each posting's bit is set).
                    // Repeated bits: exactly the postings with frequency ≥ 2.
                    var bits = 0, repeatedBits = 0
                    for w in 0 ..< b.words { bits += b.presentWord(w).nonzeroBitCount }
                    if let rep = b.repeated, let directory = b.rankDirectory {
                        for w in 0 ..< b.words {
                            if w % 8 == 0, directory.u32(w / 8 * 4) != UInt32(repeatedBits) { bitmapMismatch = true }
                            let word = rep.u64(w * 8)!
                            if word & ~b.presentWord(w) != 0 { bitmapMismatch = true } // repeated ⊆ present
                            repeatedBits += word.nonzeroBitCount
                        }
                        if directory.u32(directory.count - 4) != UInt32(repeatedBits) { bitmapMismatch = true }
                    }
                    // Overflow: one entry per saturated byte (the cursor looked each one up).
                    if let overflow = b.overflow, let frequencies = b.frequencies {
                        let saturated = (0 ..< frequencies.count).reduce(0) { $0 + (frequencies.u8($1) == 255 ? 1 : 0) }
                        if overflow.count / IndexLayout.overflowEntrySize != saturated { bitmapMismatch = true }
                    } else if let overflow = b.overflow, overflow.count != 0 {
                        bitmapMismatch = true
                    }
                    if let stored = b.lengthPeaks, (0 ..< IndexLayout.lengthPeakCount).contains(where: { stored.u8($0) != peaks[$0] }) {
                        problems.append("length peaks of \"\(name)\" are not the largest frequencies of its documents by length")
                    }
                    if withBest, (0 ..< b.words).contains(where: { b.bestBit($0) != bestBit[$0] }) {
                        problems.append("best documents of \"\(name)\" are not the largest impacts of its documents")
                    }
                    if bits != info.documentFrequency || setForPostings != info.documentFrequency || bitmapMismatch
                        || repeatedBits != repeatedPostings {
                        problems.append("bitmaps of \"\(name)\" are inconsistent (counts, repeated bits, rank directory or overflow)")
                    }
                }
            }
        case .cells:
            let cells = r.cells
            var expectedStart = 0
            var previousKey: UInt32? = nil
            for i in 0 ..< cells.count where !limit() {
                guard let c = cells.cell(i) else { problems.append("cell \(i) has an invalid range"); continue }
                if let p = previousKey, c.key <= p { problems.append("cell \(i) key out of order") }
                if c.documents.lowerBound != expectedStart || c.documents.isEmpty { problems.append("cell \(i) range does not continue the previous one") }
                expectedStart = c.documents.upperBound
                previousKey = c.key
            }
            if problems.isEmpty && expectedStart != r.documentCount { problems.append("cells cover \(expectedStart) documents, not \(r.documentCount)") }
        case .ranked:
            for k in 0 ..< r.documentCount where !limit() {
                let d = Int(r.rows.document(rank: k))
                if d >= r.documentCount || Int(r.rows.rank(d)) != k { problems.append("rank \(k) maps to document \(d), which does not map back") }
            }
        case .lengths:
            var long = false
            for d in 0 ..< r.documentCount where !limit() {
                let row = r.rows.field(d, .length), short = r.lengths.u8(d)!
                if UInt32(short) != min(row, 255) { problems.append("document \(d) has length byte \(short), its row says \(row)") }
                if short == 255 { long = true }
            }
            if long != r.hasLongDocuments { problems.append("META's flag says \(r.hasLongDocuments ? "a" : "no") document has 255 tokens or more; LENGTHS disagrees") }
            let short = (0 ..< r.documentCount).lazy.map { r.lengths.u8($0)! }.filter { $0 < 255 }
            let (shortest, longest) = (short.min() ?? 255, short.max() ?? 0)
            if (shortest, longest) != (r.shortestLength, r.longestLength) {
                problems.append("META's length range is \(r.shortestLength)–\(r.longestLength), LENGTHS has \(shortest)–\(longest)")
            }
        case .lengthBits:
            // Each plane word holds bit j of its 64 documents' LENGTHS bytes (0 past the last document).
            for w in 0 ..< IndexLayout.bitmapWords(documentCount: r.documentCount) where !limit() {
                for j in 0 ..< IndexLayout.lengthBitPlanes {
                    var expected: UInt64 = 0
                    for d in w * 64 ..< min(r.documentCount, w * 64 + 64) where (r.lengths.u8(d)! >> UInt8(j)) & 1 != 0 { expected |= 1 << UInt64(d & 63) }
                    if r.rows.lengthBitPlane(word: w, bit: j) != expected { problems.append("length bits of documents \(w * 64)… (bit \(j)) disagree with LENGTHS"); break }
                }
            }
        case .minRanks:
            for w in 0 ..< IndexLayout.bitmapWords(documentCount: r.documentCount) where !limit() {
                let smallest = (w * 64 ..< min(r.documentCount, w * 64 + 64)).map { r.rows.rank($0) }.min() ?? 0
                if r.rows.minimumRank(word: w) != smallest { problems.append("minimum rank of documents \(w * 64)… is \(r.rows.minimumRank(word: w)), their ranks give \(smallest)") }
            }
        case .details:
            for d in 0 ..< r.documentCount where !limit() {
                if r.string(r.rows.detail(d, .preaccreditors)) == nil {
                    problems.append("document \(d) details field preaccreditors has a bad string id")
                }
            }
        case .fieldPeaks:
            problems += fieldPeakProblems(r, limit: limit)
        case .fieldLengths:
            // Title and institution lengths fit the total, and add up to META's totals.
            var title: UInt64 = 0, institution: UInt64 = 0
            for d in 0 ..< r.documentCount where !limit() {
                let t = UInt64(r.rows.column(IndexLayout.FieldLengthColumn.title).value(d))
                let i = UInt64(r.rows.column(IndexLayout.FieldLengthColumn.institution).value(d))
                title += t
                institution += i
                if max(t, i) > UInt64(Schema.maximumStoredFieldLength) {
                    problems.append("document \(d) has a title or institution length above \(Schema.maximumStoredFieldLength)")
                }
                if t + i > UInt64(r.rows.length(d)) { problems.append("document \(d) title and institution lengths exceed its length") }
            }
            if title != r.titleTokens || institution != r.institutionTokens {
                problems.append("FIELDLENGTHS totals (\(title), \(institution)) disagree with META (\(r.titleTokens), \(r.institutionTokens))")
            }
        case .blockSums:
            // Every block of every section against its listed CRC (the reader checked the layout).
            // A section failing its own CRC is reported there; a sound section whose blocks
            // disagree means the listed block CRCs are what is damaged.
            for section in IndexLayout.Section.allCases where section != .blockSums && !limit() {
                let region = r.sectionRegions[Int(section.rawValue) - 1]
                guard region.crc32() == r.sections[Int(section.rawValue) - 1].crc32 else { continue }
                for b in 0 ..< IndexLayout.checksumBlocks(length: region.count) where !limit() && !r.blockMatches(section, block: b) {
                    problems.append("\(section.name) block \(b) fails its checksum")
                }
            }
        case .tables:
            for i in 0 ..< r.tableCount where !limit() {
                let e = IndexLayout.tableEntryOffset(i)
                for (f, field) in [IndexLayout.TableField.name, .text].enumerated() where r.string(r.tables.u32Unchecked(e + field.rawValue)) == nil {
                    problems.append("table \(i) field \(f) has a bad string id")
                }
            }
        case .texts:
            problems += storedTextProblems(r)
        case .zips:
            let zips = r.zips
            var previous: UInt32? = nil
            for i in 0 ..< zips.count where !limit() {
                let k = zips.region.u32Unchecked(IndexLayout.zipEntryOffset(i) + IndexLayout.ZipField.zip.rawValue)
                if let p = previous, k <= p { problems.append("ZIP entry \(i) out of order") }
                previous = k
            }
        }
        return problems
    }
}

extension IndexChecker {
    /// TERMS entries of the dense combined text terms (bitmaps and frequencies, not a `title:` or
    /// `inst:` field term), ascending: what FIELDPEAKS lists.
    static func denseTextTerms(_ r: IndexReader) -> [Int] {
        let terms = r.terms
        return (0 ..< terms.count).filter { i in
            guard let info = terms.termInfo(at: i), info.hasBitmaps, info.hasFrequencies, let key = terms.termString(at: i) else { return false }
            return !Schema.isFieldTerm(key)
        }
    }
}

extension String {
    init(format8 actual: UInt32, expected: UInt32) {
        self = "checksum mismatch: computed \(hex8(actual)), stored \(hex8(expected))"
    }
}

func hex8(_ v: UInt32) -> String {
    let h = String(v, radix: 16)
    return "0x" + String(repeating: "0", count: 8 - h.count) + h
}

extension IndexChecker {
    /// FIELDPEAKS: its terms are exactly the dense combined text terms, ascending; every peak is
    /// recomputed from the term's list, its title and institution field terms and FIELDLENGTHS.
    static func fieldPeakProblems(_ r: IndexReader, limit: () -> Bool) -> [String] {
        let terms = r.terms, dense = denseTextTerms(r)
        guard terms.fieldPeakTermCount == dense.count else {
            return ["FIELDPEAKS lists \(terms.fieldPeakTermCount) terms, the index has \(dense.count) dense text terms"]
        }
        var problems: [String] = []
        let words = IndexLayout.bitmapWords(documentCount: r.documentCount)
        let averages = r.averageFieldLengths
        for (k, entry) in dense.enumerated() where !limit() {
            guard terms.fieldPeakTerm(k) == entry, let stored = terms.fieldPeaks(entry: entry) else {
                problems.append("FIELDPEAKS term \(k) is entry \(terms.fieldPeakTerm(k)), expected \(entry)"); continue
            }
            guard let key = terms.termString(at: entry), let info = terms.termInfo(at: entry), let c = terms.cursor(info) else {
                problems.append("term \(entry) is unreadable"); continue
            }
            func fieldCursor(_ field: Schema.TextField) -> PostingsCursor? {
                terms.lookup(field.term(key)!).flatMap { terms.cursor($0) }
            }
            let title = fieldCursor(.title), institution = fieldCursor(.institution)
            var expected = [UInt8](repeating: 0, count: words)
            var d = c.first()
            while d != PostingsCursor.exhausted {
                let doc = Int(d)
                let ft = title.map { $0.seek(d) == d ? $0.frequency : 0 } ?? 0
                let fi = institution.map { $0.seek(d) == d ? $0.frequency : 0 } ?? 0
                let lengths = r.rows.fieldLengths(doc)
                guard ft + fi <= c.frequency else { problems.append("\(key): field frequencies exceed the word's in document \(doc)"); break }
                let impact = FieldImpact.standardImpact(title: ft, description: c.frequency - ft - fi, institution: fi,
                                                        lengths: lengths, averages: averages)
                expected[doc >> 6] = max(expected[doc >> 6], FieldImpact.peak(impact))
                d = c.next()
            }
            for w in 0 ..< words where stored[w] != expected[w] {
                problems.append("field peak of \"\(key)\" for documents \(w * 64)… is \(stored[w]), its documents give \(expected[w])")
                break
            }
        }
        return problems
    }
}

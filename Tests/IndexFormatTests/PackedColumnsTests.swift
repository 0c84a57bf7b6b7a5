import Corpus
@testable import IndexFormat
import Search
import Testing

/// The packed-column codec of DOCUMENTS, RANKS, RANKED, DETAILS and FIELDLENGTHS (`Index/FORMAT.md`,
/// "Packed columns"): round trips against the values written, the frame the writer picks, the
/// layouts a reader refuses, and the canonical-form check.
@Suite("Packed columns")
struct PackedColumnsTests {
    /// `columns` encoded, then read back from an allocation of exactly the section's size (so a
    /// read past a column's slack would leave it), every row of every column.
    static func roundTrip(_ columns: [[UInt32]], rows: Int) -> (values: [[UInt32]], widths: [Int], bytes: Int) {
        let section = PackedColumns.encode(columns, rowCount: rows)
        let copy = UnsafeMutableRawPointer.allocate(byteCount: section.count, alignment: 8)
        defer { copy.deallocate() }
        section.withUnsafeBytes { copy.copyMemory(from: $0.baseAddress!, byteCount: section.count) }
        let region = ByteRegion(base: UnsafeRawPointer(copy), count: section.count)
        guard case let .success(read) = PackedColumns.columns(in: region, expectedColumns: columns.count, rowCount: rows) else {
            return ([], [], section.count)
        }
        #expect(PackedColumns.paddingProblems(in: region, columns: read, rowCount: rows) == [])
        // Every value's 8-byte load ends inside its own column (the allocation's exact size
        // alone would not show an over-read without a sanitizer).
        for (c, column) in read.enumerated() where rows > 0 {
            let end = column.sectionOffset + PackedColumns.dataSize(rows: rows, width: column.width)
            #expect(column.byteOffset(row: rows - 1) + 8 <= end, "column \(c)")
            #expect(c + 1 == read.count || end == read[c + 1].sectionOffset)
        }
        return (read.map { c in (0 ..< rows).map { c.value($0) } }, read.map(\.width), section.count)
    }

    @Test("the writer's values (columns held at 0, 1, 2 or 4 bytes, widened as values come) read and encode as plain arrays do, in any order of sets (property)")
    func valuesMatchPlainColumns() {
        var rng = SplitMix64(seed: 0x7A1)
        for rows in [0, 1, 2, 9, 300, 1000] {
            // Per column, where its values come from: one constant, bytes, u16s, u32s, or the
            // detail-like mix of small counts and UInt32.max.
            let kinds = 0 ..< 6
            var plain = kinds.map { _ in [UInt32](repeating: 0, count: rows) }
            let values = PackedColumns.Values(columns: kinds.count, rows: rows)
            func draw(_ kind: Int) -> UInt32 {
                switch kind {
                case 0: 0
                case 1: UInt32.max
                case 2: UInt32(rng.below(256))
                case 3: UInt32(rng.below(70_000))
                case 4: UInt32(truncatingIfNeeded: rng.next())
                default: rng.below(4) == 0 ? .max : UInt32(rng.below(300))
                }
            }
            // Rows in order (as the writer sets them), then random overwrites.
            for r in 0 ..< rows { for c in kinds { let v = draw(c); values[c, r] = v; plain[c][r] = v } }
            for _ in 0 ..< rows / 3 {
                let c = rng.below(kinds.count), r = rng.below(rows), v = draw(c)
                values[c, r] = v; plain[c][r] = v
            }
            for c in kinds {
                #expect((0 ..< rows).map { values[c, $0] } == plain[c], "column \(c), \(rows) rows")
            }
            // The constant columns take no bytes; bytes take at most one.
            #expect(values.width(0) == 0 && values.width(1) == 0 && values.width(2) <= 1)
            #expect(values.encoded() == PackedColumns.encode(plain, rowCount: rows), "\(rows) rows")
        }
        // One value other than 0 on every row, set in order: no bytes; then a small value
        // elsewhere: widened to the constant's width.
        let v = PackedColumns.Values(columns: 1, rows: 4)
        for r in 0 ..< 3 { v[0, r] = 70_000 }
        #expect(v.width(0) == 0 && (0 ..< 4).map { v[0, $0] } == [70_000, 70_000, 70_000, 0])
        v[0, 3] = 70_000
        #expect(v.width(0) == 0 && v.encoded() == PackedColumns.encode([[70_000, 70_000, 70_000, 70_000]], rowCount: 4))
        v[0, 1] = 3
        #expect((0 ..< 4).map { v[0, $0] } == [70_000, 3, 70_000, 70_000] && v.width(0) == 4)
        // A row set out of order: the rows before it stay 0.
        let u = PackedColumns.Values(columns: 1, rows: 3)
        u[0, 2] = 300
        #expect((0 ..< 3).map { u[0, $0] } == [0, 0, 300] && u.width(0) == 2)
        u[0, 0] = 0
        #expect((0 ..< 3).map { u[0, $0] } == [0, 0, 300])
    }

    @Test("columns round-trip at every width 0–32, with the frame's base: random, constant, extremes, ramps and 0–200 rows (property)")
    func roundTrips() {
        var rng = SplitMix64(seed: 0xC01)
        for rows in [0, 1, 2, 7, 8, 63, 64, 65, 200] {
            var columns: [[UInt32]] = []
            for width in 0 ... 32 {
                let largest: UInt32 = width == 32 ? .max : (1 << UInt32(width)) - 1
                let base = UInt32(truncatingIfNeeded: rng.next())
                columns.append((0 ..< rows).map { _ in base &+ (UInt32(truncatingIfNeeded: rng.next()) & largest) })
            }
            columns.append([UInt32](repeating: 12_345, count: rows))
            columns.append((0 ..< rows).map { $0 % 2 == 0 ? .max : 0 })
            columns.append((0 ..< rows).map { UInt32($0) })
            let (values, _, bytes) = Self.roundTrip(columns, rows: rows)
            #expect(values == columns, "rows \(rows)")
            #expect(bytes == IndexLayout.packedColumnDataOffset(columns: columns.count)
                + columns.reduce(0) { $0 + PackedColumns.dataSize(rows: rows, width: $1.withUnsafeBufferPointer(PackedColumns.frame).width) })
        }
    }

    @Test("the frame: the smallest value as base; unknown (UInt32.max) among small numbers wraps to a few bits; flagged ids keep their flag in the base")
    func frames() {
        func frame(_ values: [UInt32]) -> (UInt32, Int) { let f = values.withUnsafeBufferPointer(PackedColumns.frame); return (f.base, f.width) }
        #expect(frame([]) == (0, 0))
        #expect(frame([7, 7, 7]) == (7, 0))
        #expect(frame([100, 103, 101]) == (100, 2))
        // Earnings with some unknown: base UInt32.max stores value + 1.
        #expect(frame([40_000, .max, 0, 150_000]) == (.max, 18))
        #expect(frame([.max, .max]) == (.max, 0))
        // TEXTS ids carry the stored-text flag (bit 31).
        let flag = IndexLayout.storedTextFlag
        #expect(frame([flag | 5, flag | 900, flag]) == (flag, 10))
        // Spread over the whole range: no frame saves a bit.
        #expect(frame([0, 1 << 31, .max]).1 == 32)
        let (values, widths, _) = Self.roundTrip([[40_000, .max, 0, 150_000]], rows: 4)
        #expect(values == [[40_000, .max, 0, 150_000]] && widths == [18])
    }

    @Test("a reader refuses a section whose counts, widths or offsets do not fit, naming what is wrong")
    func refusals() {
        let good = PackedColumns.encode([[1, 2, 3], [9, 9, 9]], rowCount: 3)
        func problem(_ bytes: [UInt8], columns: Int = 2, rows: Int = 3) -> String? {
            bytes.withUnsafeBytes { raw in
                let region = ByteRegion(base: raw.baseAddress!, count: raw.count)
                if case let .failure(p) = PackedColumns.columns(in: region, expectedColumns: columns, rowCount: rows) { return p.detail }
                return nil
            }
        }
        #expect(problem(good) == nil)
        #expect(problem(good, columns: 3) == "2 columns, expected 3")
        #expect(problem(good, rows: 4) == "3 rows, expected 4 from the counts in META")
        var wide = good
        wide[IndexLayout.packedColumnEntryOffset(1) + IndexLayout.PackedColumnField.width.rawValue] = 33
        #expect(problem(wide) == "column 1 has width 33, more than 32")
        var moved = good
        moved[IndexLayout.packedColumnEntryOffset(0) + IndexLayout.PackedColumnField.dataOffset.rawValue] &+= 8
        #expect(problem(moved) == "column 0 data at \(IndexLayout.packedColumnDataOffset(columns: 2) + 8), expected \(IndexLayout.packedColumnDataOffset(columns: 2))")
        #expect(problem(Array(good.dropLast())) == "column 1 data runs past the section's end")
        #expect(problem(good + [0, 0, 0, 0, 0, 0, 0, 0]) == "length \(good.count + 8), the columns take \(good.count)")
        #expect(problem(Array(good.prefix(4))) == "header does not fit")
        // A wider column is a longer section: the same bytes with one width changed no longer fit.
        var widened = good
        widened[IndexLayout.packedColumnEntryOffset(0) + IndexLayout.PackedColumnField.width.rawValue] = 30
        #expect(problem(widened) != nil)
    }

    @Test("check names nonzero bits past a column's last row and nonzero entry padding, every checksum fixed up")
    func canonicalForm() throws {
        let good = try IndexReader(path: DetailsFixtures.built.path)
        let section = try #require(good.sections.first { $0.section == .ranks })
        let end = section.offset + section.length
        var slack = DetailsFixtures.built.bytes
        slack[end - 1] = 1
        IndexFuzzTests.rechecksum(&slack)
        let dirty = try IndexReader(path: IndexFixtures.write(slack, name: "slack.sfidx"))
        #expect(IndexDetailsTests.problems(dirty, "RANKS") == ["column 0 has nonzero bits past its last row"])
        // The values still read as written: a reader never reads those bits.
        #expect((0 ..< good.documentCount).allSatisfy { dirty.rows.rank($0) == good.rows.rank($0) })

        // The bits after the last row inside its last byte: 3 values of 2 bits leave 2 of its 8.
        var section3 = PackedColumns.encode([[1, 2, 3]], rowCount: 3)
        let dataStart = IndexLayout.packedColumnDataOffset(columns: 1)
        #expect(section3[dataStart] == 0b10_01_00) // base 1: offsets 0, 1, 2, low bits first
        section3[dataStart] |= 0x40
        section3.withUnsafeBytes { raw in
            let region = ByteRegion(base: raw.baseAddress!, count: raw.count)
            guard case let .success(columns) = PackedColumns.columns(in: region, expectedColumns: 1, rowCount: 3) else { Issue.record(); return }
            #expect((0 ..< 3).map { columns[0].value($0) } == [1, 2, 3])
            #expect(PackedColumns.paddingProblems(in: region, columns: columns, rowCount: 3) == ["column 0 has nonzero bits past its last row"])
        }

        for padding in [IndexLayout.PackedColumnField.width.rawValue + 1, IndexLayout.PackedColumnField.base.rawValue + 4] {
            var padded = DetailsFixtures.built.bytes
            padded[section.offset + IndexLayout.packedColumnEntryOffset(0) + padding] = 1
            IndexFuzzTests.rechecksum(&padded)
            let unpadded = try IndexReader(path: IndexFixtures.write(padded, name: "padding.sfidx"))
            #expect(IndexDetailsTests.problems(unpadded, "RANKS") == ["column 0 entry padding is not zero"])
        }
    }

    /// 20,000 records: the last documents' values lie past the first 16 KiB checksum block of
    /// DOCUMENTS, RANKS and RANKED, where the column tables are.
    static let large: (bytes: [UInt8], path: String) = {
        let writer = IndexWriter(corpusName: "columns", isSampleData: true, note: "", zips: IndexFixtures.zips)
        let bytes = try! writer.serialize(IndexFixtures.records(20_000)).0
        return (bytes, IndexFixtures.write(bytes, name: "columns-20k.sfidx"))
    }()

    @Test("a damaged column table (its Base) with BLOCKSUMS stale: a record read whose value lies in another block refuses it, naming the section; check finds it")
    func damagedBase() throws {
        let good = try IndexReader(path: Self.large.path)
        let last = good.documentCount - 1
        for section in [IndexLayout.Section.documents, .ranks] {
            let column = section == .documents ? good.rows.column(IndexLayout.DocumentColumn.institution) : good.rows.rankColumn
            #expect(column.byteOffset(row: last) >= IndexLayout.checksumBlockSize) // else the value's own block covers the table
            let info = try #require(good.sections.first { $0.section == section })
            var bytes = Self.large.bytes
            bytes[info.offset + IndexLayout.packedColumnEntryOffset(0) + IndexLayout.PackedColumnField.base.rawValue] ^= 1
            let reader = try IndexReader(path: IndexFixtures.write(bytes, name: "base.sfidx"))
            #expect {
                _ = try reader.record(last)
            } throws: { e in
                guard case let IndexFormatError.corrupt(_, name, detail) = e else { return false }
                return name == section.name && detail.contains("checksum")
            }
            #expect(IndexChecker.check(reader).contains { $0.section == section.name && !$0.isOK })
        }
        // RANKED's table, through an id lookup that ends past its first block.
        let rank = last
        #expect(good.rows.rankedColumn.byteOffset(row: rank) >= IndexLayout.checksumBlockSize)
        let ranked = try #require(good.sections.first { $0.section == .ranked })
        var bytes = Self.large.bytes
        bytes[ranked.offset + IndexLayout.packedColumnEntryOffset(0) + IndexLayout.PackedColumnField.base.rawValue] ^= 1
        let reader = try IndexReader(path: IndexFixtures.write(bytes, name: "ranked-base.sfidx"))
        let id = try #require(good.id(rank: rank))
        #expect(throws: IndexFormatError.self) { _ = try reader.document(checkedID: id) }
    }

    @Test("institution indexes past INSTITUTIONS (every checksum fixed up): a grouped search refuses the index, it does not read past the section")
    func institutionOutOfRange() throws {
        let good = try IndexReader(path: DetailsFixtures.built.path)
        let info = try #require(good.sections.first { $0.section == .documents })
        var bytes = DetailsFixtures.built.bytes
        IndexDetailsTests.put32(0xFFFF_0000, &bytes, info.offset + IndexLayout.packedColumnEntryOffset(IndexLayout.DocumentColumn.institution.rawValue)
                                    + IndexLayout.PackedColumnField.base.rawValue)
        IndexFuzzTests.rechecksum(&bytes)
        let reader = try IndexReader(path: IndexFixtures.write(bytes, name: "institutions.sfidx"))
        var grouped = SearchQuery(text: "health")
        grouped.groupByInstitution = true
        #expect(throws: SearchError.self) { _ = try Searcher(reader: reader).search(grouped) }
        #expect(IndexDetailsTests.problems(reader, "DOCUMENTS").first?.contains("institution") == true)
    }

    @Test("a damaged DETAILS column table with BLOCKSUMS stale is refused on a record read")
    func damagedDetailsBase() throws {
        let good = try IndexReader(path: DetailsFixtures.built.path)
        for section in [IndexLayout.Section.details] {
            let info = try #require(good.sections.first { $0.section == section })
            var bytes = DetailsFixtures.built.bytes
            bytes[info.offset + IndexLayout.packedColumnEntryOffset(0) + IndexLayout.PackedColumnField.base.rawValue] ^= 1
            let reader = try IndexReader(path: IndexFixtures.write(bytes, name: "base.sfidx"))
            #expect {
                _ = try reader.record(7)
            } throws: { e in
                guard case let IndexFormatError.corrupt(_, name, detail) = e else { return false }
                return name == section.name && detail.contains("checksum")
            }
            #expect(IndexChecker.check(reader).contains { $0.section == section.name && !$0.isOK })
        }
    }

    @Test("an index's columns hold what the records say, in fewer bytes than rows of u32s; DETAILS unknowns read back as unknown")
    func indexColumns() throws {
        let reader = try IndexReader(path: DetailsFixtures.built.path)
        let byID = Dictionary(uniqueKeysWithValues: DetailsFixtures.records().map { ($0.id, $0) })
        var unknown = 0
        for d in 0 ..< reader.documentCount {
            let record = try reader.record(d)
            let expected = try #require(byID[record.id])
            #expect(record.completers == expected.completers && record.medianEarnings == expected.medianEarnings
                    && record.medianDebt == expected.medianDebt && record.level == expected.level)
            if expected.medianEarnings == nil { unknown += 1; #expect(reader.rows.detail(d, .earnings) == IndexLayout.detailUnknown) }
        }
        #expect(unknown > 0)
        let documents = try #require(reader.sections.first { $0.section == .documents })
        #expect(documents.length < reader.documentCount * 28)
    }
}

import Corpus
import Foundation
import IndexFormat
import Testing

/// Format v5: the details of a program (completers, earnings, debt, preaccreditors: the DETAILS
/// row; its school's accreditors, website and control: the INSTITUTIONS row since v10), the
/// TABLES section, and `document(id:)`.
enum DetailsFixtures {
    /// 200 generated records; every third carries every v5 field (0 and large numbers included),
    /// every third none, the rest a mix.
    static func records() -> [ProgramRecord] {
        var records = IndexFixtures.records(200, seed: 21)
        for i in records.indices {
            switch i % 3 {
            case 0:
                records[i].preaccreditors = ["ACEN", "CCNE"]
                records[i].institutionAccreditors = ["HLC"]
                records[i].otherSchoolAccreditors = ["APA", "JRCERT"]
                records[i].website = "https://www.example\(i).edu/"
                records[i].control = InstitutionControl.allCases[(i / 3) % 3]
                records[i].completers = i == 0 ? 0 : i * 7
                records[i].medianEarnings = i == 3 ? 3_999_999_999 : 40_000 + i
                records[i].medianDebt = i == 0 ? 0 : 9_000 + i
            case 1:
                records[i].preaccreditors = []
                records[i].institutionAccreditors = []
                records[i].website = ""
                records[i].control = nil
                records[i].completers = nil
                records[i].medianEarnings = nil
                records[i].medianDebt = nil
            default:
                records[i].institutionAccreditors = ["SACSCOC"]
                records[i].website = "www.example.edu/"
                records[i].control = .privateForProfit
                records[i].completers = 12
                records[i].medianEarnings = nil
                records[i].medianDebt = 12_345
            }
        }
        return records
    }

    static let tables: [(name: String, text: String)] = [
        ("cip.tsv", "code\ttitle\tdefinition\n51.0707\tHealth Information/Medical Records Technology/Technician\tA program …\n"),
        ("careers.tsv", "cip\tsoc\n51.0707\t29-2072\n"),
        ("occupations.tsv", "soc\ttitle\temployment\tmedian_wage\tgrowth_pct\topenings_k\teducation\n29-2072\tMedical records specialists\t194720\t51140\t7.1\t14.2\tPostsecondary nondegree award\n"),
        ("wages.tsv", "state\tsoc\temployment\tmedian_wage\nIL\t29-2072\t8000\t52000\n"),
        ("empty.tsv", ""),
    ]

    static let built: (bytes: [UInt8], path: String) = {
        var writer = IndexWriter(corpusName: "details", isSampleData: false, note: "v5", zips: IndexFixtures.zips)
        writer.tables = tables
        let bytes = try! writer.serialize(records()).0
        return (bytes, IndexFixtures.write(bytes, name: "details.sfidx"))
    }()
}

@Suite("Index v5: DETAILS, TABLES, document(id:)")
struct IndexDetailsTests {
    @Test("records with every new field, and with none, read back exactly")
    func detailsRoundTrip() throws {
        let reader = try IndexReader(path: DetailsFixtures.built.path)
        let expected = Dictionary(uniqueKeysWithValues: DetailsFixtures.records().map { ($0.id, $0) })
        #expect(reader.documentCount == expected.count)
        for d in 0 ..< reader.documentCount {
            let r = try reader.record(d)
            #expect(expected[r.id] == r, "record \(r.id) changed in the index")
        }
        let first = try reader.record(try #require(reader.document(id: DetailsFixtures.records()[0].id)))
        #expect(first.completers == 0 && first.medianDebt == 0)  // 0 is a value, not unknown
        let none = try reader.record(try #require(reader.document(id: DetailsFixtures.records()[1].id)))
        #expect(none.completers == nil && none.medianEarnings == nil && none.medianDebt == nil && none.control == nil)
        #expect(none.preaccreditors == [] && none.institutionAccreditors == [] && none.website == "")
    }

    @Test("TABLES: every named table reads back, in order; absent names are nil; an index without tables has none")
    func tablesRoundTrip() throws {
        let reader = try IndexReader(path: DetailsFixtures.built.path)
        #expect(reader.tableCount == DetailsFixtures.tables.count)
        #expect(reader.tableNames == DetailsFixtures.tables.map(\.name))
        for t in DetailsFixtures.tables { #expect(reader.table(named: t.name) == t.text) }
        #expect(reader.table(named: "nope.tsv") == nil)
        let plain = try IndexReader(path: IndexFixtures.write(IndexFixtures.serialized(50)))
        #expect(plain.tableCount == 0 && plain.tableNames == [] && plain.table(named: "careers.tsv") == nil)
    }

    @Test("document(id:) finds every id and refuses ids that are absent")
    func documentByID() throws {
        let reader = try IndexReader(path: DetailsFixtures.built.path)
        for d in 0 ..< reader.documentCount {
            let id = try reader.record(d).id
            #expect(reader.document(id: id) == d)
        }
        let ids = DetailsFixtures.records().map(\.id).sorted()
        for absent in ["", "0", ids[0] + "x", String(ids[0].dropLast()), ids.last! + "-", "zzzz", "100654-51.0707-associate "] where !ids.contains(absent) {
            #expect(reader.document(id: absent) == nil, "\"\(absent)\"")
        }
    }

    @Test("check passes the sound file")
    func soundFile() throws {
        let reports = try IndexChecker.check(path: DetailsFixtures.built.path)
        let damaged = reports.filter { !$0.isOK }.map { "\($0.section): \($0.verdict)" }
        #expect(damaged == [])
        #expect(reports.contains { $0.section == "DETAILS" } && reports.contains { $0.section == "TABLES" })
    }

    /// The file with `body` applied to the bytes of `section`, every checksum recomputed, opened.
    static func damaged(_ section: IndexLayout.Section, _ body: (inout [UInt8], Int) -> Void) throws -> IndexReader {
        let good = try IndexReader(path: DetailsFixtures.built.path)
        let offset = good.sections.first { $0.section == section }!.offset
        var bytes = DetailsFixtures.built.bytes
        body(&bytes, offset)
        IndexFuzzTests.rechecksum(&bytes)
        return try IndexReader(path: IndexFixtures.write(bytes, name: "damaged.sfidx"))
    }

    static func put32(_ v: UInt32, _ bytes: inout [UInt8], _ o: Int) {
        for i in 0 ..< 4 { bytes[o + i] = UInt8(truncatingIfNeeded: v >> (8 * UInt32(i))) }
    }

    static func problems(_ reader: IndexReader, _ section: String) -> [String] {
        IndexChecker.check(reader).filter { $0.section == section }.flatMap(\.problems)
    }

    @Test("check catches damage in DETAILS and in a school's INSTITUTIONS fields with the section CRC recomputed: bad string id, control code 7, non-zero padding")
    func detailsDamage() throws {
        // A column's Base (`PackedColumns`) moves every row's value: a preaccreditors base far
        // past the strings makes each document's id bad, and the checker stops at five.
        func base(_ column: IndexLayout.DetailColumn) -> Int {
            IndexLayout.packedColumnEntryOffset(column.rawValue) + IndexLayout.PackedColumnField.base.rawValue
        }
        let badList = try Self.damaged(.details) { b, o in Self.put32(0xFFFF_FFF0, &b, o + base(.preaccreditors)) }
        #expect(Self.problems(badList, "DETAILS") == (0 ..< 5).map { "document \($0) details field preaccreditors has a bad string id" })
        #expect(throws: IndexFormatError.self) { _ = try badList.record(5) }
        // Numbers are not checkable (any u32 is a count), but they read back as written: the
        // base that makes document 5's completers 77.
        let good = try IndexReader(path: DetailsFixtures.built.path)
        let completers = withExtendedLifetime(good) { good.rows.column(.completers) }
        let offset = withExtendedLifetime(good) { good.rows.detail(5, .completers) &- completers.base }
        let number = try Self.damaged(.details) { b, o in Self.put32(77 &- offset, &b, o + base(.completers)) }
        #expect(Self.problems(number, "DETAILS") == [])
        let back = try number.record(5)
        #expect(back.completers == 77)

        // Document 5's school: its accreditors, website and control are in its institution row.
        let school = withExtendedLifetime(good) { Int(good.rows.field(5, .institution)) }
        let inst = school * IndexLayout.institutionRowSize
        typealias School = IndexLayout.InstitutionField
        let badString = try Self.damaged(.institutions) { b, o in Self.put32(0xFFFF_FFF0, &b, o + inst + School.website.rawValue) }
        #expect(Self.problems(badString, "INSTITUTIONS") == ["institution \(school) field website has a bad string id"])
        #expect(throws: IndexFormatError.self) { _ = try badString.record(5) }

        let control = try Self.damaged(.institutions) { b, o in b[o + inst + School.control.rawValue] = 7 }
        #expect(Self.problems(control, "INSTITUTIONS") == ["institution \(school) control code 7 is not 0…3"])
        #expect(throws: IndexFormatError.self) { _ = try control.record(5) }

        let badOther = try Self.damaged(.institutions) { b, o in Self.put32(0xFFFF_FFF0, &b, o + inst + School.otherSchoolAccreditors.rawValue) }
        #expect(Self.problems(badOther, "INSTITUTIONS") == ["institution \(school) field otherSchoolAccreditors has a bad string id"])
        let badSchoolList = try Self.damaged(.institutions) { b, o in Self.put32(0xFFFF_FFF0, &b, o + inst + School.institutionAccreditors.rawValue) }
        #expect(Self.problems(badSchoolList, "INSTITUTIONS") == ["institution \(school) field institutionAccreditors has a bad string id"])

        let paddingBytes = [1, 2, 3].map { School.control.rawValue + $0 } + (0 ..< 4).map { School.padding.rawValue + $0 }
        for padding in paddingBytes {
            let pad = try Self.damaged(.institutions) { b, o in b[o + inst + padding] = 1 }
            #expect(Self.problems(pad, "INSTITUTIONS") == ["institution \(school) padding is not zero"], "padding byte \(padding)")
        }
    }

    @Test("check catches a bad string id in TABLES with the section CRC recomputed; the table then reads as absent")
    func tablesDamage() throws {
        // Entry 1 (careers.tsv): name id at 8 + 8, text id at 8 + 8 + 4.
        let badText = try Self.damaged(.tables) { b, o in Self.put32(0xFFFF_FFF0, &b, o + 8 + IndexLayout.tableEntrySize + 4) }
        #expect(Self.problems(badText, "TABLES") == ["table 1 field 1 has a bad string id"])
        #expect(badText.table(named: "careers.tsv") == nil)
        #expect(badText.table(named: "cip.tsv") == DetailsFixtures.tables[0].text)

        let badName = try Self.damaged(.tables) { b, o in Self.put32(0xFFFF_FFF0, &b, o + 8 + 2 * IndexLayout.tableEntrySize) }
        #expect(Self.problems(badName, "TABLES") == ["table 2 field 0 has a bad string id"])
        #expect(badName.tableNames == ["cip.tsv", "careers.tsv", "wages.tsv", "empty.tsv"])
    }

    @Test("without the CRC recomputed, damage in DETAILS or TABLES is caught by the section checksum")
    func checksumCatches() throws {
        let good = try IndexReader(path: DetailsFixtures.built.path)
        for section in [IndexLayout.Section.details, .tables] {
            var bytes = DetailsFixtures.built.bytes
            let info = good.sections.first { $0.section == section }!
            // DETAILS: the first byte of its columns' data (a header byte would be refused on open).
            let at = section == .details ? IndexLayout.packedColumnDataOffset(columns: IndexLayout.DetailColumn.allCases.count) : 9
            bytes[info.offset + at] ^= 0x40
            let reader = try IndexReader(path: IndexFixtures.write(bytes, name: "flipped.sfidx"))
            #expect(IndexChecker.check(reader).contains { $0.section == section.name && !$0.isOK })
        }
    }
}

@Suite("Block checksums: what a record read touches is verified first")
struct BlockChecksumTests {
    @Test("a flipped byte of stored text: the file opens, every read of that block is refused naming it, other blocks still read")
    func storedTextDamage() throws {
        let good = try IndexReader(path: DetailsFixtures.built.path)
        let strings = try #require(good.sections.first { $0.section == .strings })
        let website = "https://www.example3.edu/"
        let at = try #require(Array(DetailsFixtures.built.bytes[strings.offset ..< strings.offset + strings.length])
            .firstRange(of: Array(website.utf8))).lowerBound + strings.offset
        var bytes = DetailsFixtures.built.bytes
        bytes[at] ^= 0x20 // the section CRC is stale too, but only `check` reads it
        let reader = try IndexReader(path: IndexFixtures.write(bytes, name: "text-damage.sfidx"))
        let doc = try #require((0 ..< reader.documentCount).first { (try? good.record($0))?.website == website })
        #expect {
            _ = try reader.record(doc)
        } throws: { e in
            guard case let IndexFormatError.corrupt(_, section, detail) = e else { return false }
            return section == "STRINGS" && detail.contains("fails its checksum")
        }
        // A record whose bytes lie in other blocks reads as before.
        let block = (at - strings.offset) / IndexLayout.checksumBlockSize
        let blocks = IndexLayout.checksumBlocks(length: strings.length)
        if blocks > 1 {
            let elsewhere = (0 ..< reader.documentCount).first { d in (try? reader.record(d)) != nil }
            #expect(elsewhere != nil || block == 0)
        }
        #expect(IndexChecker.check(reader).contains { $0.section == "STRINGS" && !$0.isOK })
    }

    @Test("BLOCKSUMS lists ⌈length / 16 KiB⌉ blocks per section; a file whose list disagrees is refused on open")
    func layoutChecked() throws {
        let good = try IndexReader(path: DetailsFixtures.built.path)
        let sums = try #require(good.sections.first { $0.section == .blockSums })
        var bytes = DetailsFixtures.built.bytes
        bytes[sums.offset + 12] &+= 1 // FirstBlock[1]: STRINGS now starts a block late
        IndexFuzzTests.rechecksum(&bytes)
        #expect(throws: IndexFormatError.self) { try IndexReader(path: IndexFixtures.write(bytes, name: "sums-layout.sfidx")) }
    }

    /// Writes `value` as row `row` of the packed column `column` of the section at file offset
    /// `section` (`PackedColumns`' bit stream). Precondition: the column's width holds it.
    static func setPacked(_ value: Int, row: Int, of column: PackedColumn, in bytes: inout [UInt8], section: Int) {
        let stored = UInt64(UInt32(truncatingIfNeeded: value) &- column.base)
        precondition(stored < 1 << UInt64(column.width))
        for k in 0 ..< column.width {
            let bit = row * column.width + k, at = section + column.sectionOffset + bit / 8
            bytes[at] = bytes[at] & ~(1 << UInt8(bit % 8)) | UInt8((stored >> UInt64(k)) & 1) << UInt8(bit % 8)
        }
    }

    @Test("RANKED and RANKS disagreeing (every checksum fixed up): an id never leads to another program's record")
    func rankedDamage() throws {
        let good = try IndexReader(path: DetailsFixtures.built.path)
        let ranked = try #require(good.sections.first { $0.section == .ranked })
        var bytes = DetailsFixtures.built.bytes
        // Rank 1 now names rank 0's document (a value the column's width holds).
        let column = good.rows.rankedColumn
        Self.setPacked(Int(good.rows.document(rank: 0)), row: 1, of: column, in: &bytes, section: ranked.offset)
        IndexFuzzTests.rechecksum(&bytes)
        let reader = try IndexReader(path: IndexFixtures.write(bytes, name: "ranked.sfidx"))
        let id = try #require(good.id(rank: 1))
        #expect(throws: IndexFormatError.self) { _ = try reader.document(checkedID: id) }
        #expect(good.document(id: id).map { good.rows.rank($0) } == 1)
    }

}

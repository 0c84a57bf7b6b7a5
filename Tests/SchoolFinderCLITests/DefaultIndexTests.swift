import Corpus
import Foundation
import IndexFormat
import SchoolFinderCLI
import TestSupport
import Testing

/// The default index (`Index/programs.sfidx` under the working directory) is derived from
/// `Corpus/`: a real `schoolfinder` run in a scratch project builds it when missing and rebuilds
/// it, with a note saying why, when it is damaged, truncated or of an older format. A file of a
/// newer format is refused and left as it is.
@Suite("Default index: built and rebuilt from the corpus")
struct DefaultIndexTests {
    struct Run { var status: Int32; var err: String }

    static func run(_ args: [String], in dir: String) throws -> Run {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: AtomicIndexWriteTests.executable)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        let err = Pipe()
        p.standardOutput = FileHandle.nullDevice
        p.standardError = err
        try p.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, err: String(decoding: data, as: UTF8.self))
    }

    /// Rewrites the header's version and fixes the header checksum, so only the version differs.
    static func setVersion(_ version: UInt32, of path: String) throws {
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let versionOffset = IndexLayout.HeaderField.formatVersion.rawValue, crcOffset = IndexLayout.HeaderField.crc32.rawValue
        for k in 0 ..< 4 { bytes[versionOffset + k] = UInt8(truncatingIfNeeded: version >> (8 * UInt32(k))) }
        let tableEnd = IndexLayout.sectionEntryOffset(IndexLayout.Section.allCases.count)
        let crc = CRC32.checksum(Array(bytes[0 ..< crcOffset]) + Array(bytes[IndexLayout.headerSize ..< tableEnd]))
        for k in 0 ..< 4 { bytes[crcOffset + k] = UInt8(truncatingIfNeeded: crc >> (8 * UInt32(k))) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// A scratch project directory with `Corpus/` (300 generated records, two ZIP codes) and an
    /// empty `Index/`.
    static func scratchProject() throws -> String {
        try #require(FileManager.default.isExecutableFile(atPath: AtomicIndexWriteTests.executable))
        let dir = ProjectPaths.temporaryDirectory("default-index")
        try FileManager.default.createDirectory(atPath: dir + "/Corpus", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir + "/Index", withIntermediateDirectories: true)
        let zips = [ZipCentroid(zip: "60601", city: "Chicago", state: "IL", latitude: 41.886456, longitude: -87.62325),
                    ZipCentroid(zip: "73301", city: "Austin", state: "TX", latitude: 30.26, longitude: -97.74)]
        var tsv = "zip\tcity\tstate\tlat\tlon\n"
        for z in zips { tsv += "\(z.zip)\t\(z.city)\t\(z.state)\t\(z.latitude)\t\(z.longitude)\n" }
        try tsv.write(toFile: dir + "/Corpus/" + CorpusLoader.zipFileName, atomically: true, encoding: .utf8)
        let records = SampleCorpusGenerator(zips: zips, seed: 5).generate(count: 300)
        try (records.map(JSONLRecordFormat.line(for:)).joined(separator: "\n") + "\n")
            .write(toFile: dir + "/Corpus/programs.jsonl", atomically: true, encoding: .utf8)
        return dir
    }

    @Test("missing, damaged, truncated, not an index or older: rebuilt with a note; newer: refused, untouched")
    func rebuilds() throws {
        let dir = try Self.scratchProject()
        let index = dir + "/" + SchoolFinderCommand.defaultIndexPath
        let search = ["search", "--zip", "60601", "health"]

        var r = try Self.run(search, in: dir)
        #expect(r.status == 0 && r.err.contains("is missing; building it"), "\(r.err)")
        let good = try Data(contentsOf: URL(fileURLWithPath: index))

        func damagedThenRebuilt(_ damage: (inout Data) -> Void, _ note: String) throws {
            var bytes = good
            damage(&bytes)
            try bytes.write(to: URL(fileURLWithPath: index))
            let r = try Self.run(search, in: dir)
            #expect(r.status == 0 && r.err.contains(note), "\(r.err)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: index)) == good) // the same corpus gives the same bytes
        }
        try damagedThenRebuilt({ $0[30] ^= 0x01 }, "is damaged in section HEADER")
        try damagedThenRebuilt({ $0 = $0.prefix(1000) }, "is truncated (1000 of \(good.count) bytes)")
        try damagedThenRebuilt({ $0 = Data("hello\n".utf8) }, "is not a schoolfinder index")

        try Self.setVersion(IndexLayout.formatVersion - 1, of: index)
        r = try Self.run(search, in: dir)
        #expect(r.status == 0 && r.err.contains("has format version \(IndexLayout.formatVersion - 1), this build reads \(IndexLayout.formatVersion); rebuilding"), "\(r.err)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: index)) == good)

        try Self.setVersion(IndexLayout.formatVersion + 1, of: index)
        let newer = try Data(contentsOf: URL(fileURLWithPath: index))
        r = try Self.run(search, in: dir)
        #expect(r.status == 2 && r.err.contains("newer"), "\(r.err)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: index)) == newer)
    }

    @Test("a postings list failing its checksum while searching (opening does not read it): rebuilt with a note, and answered")
    func rebuildsOnQueryTimeDamage() throws {
        let dir = try Self.scratchProject()
        let index = dir + "/" + SchoolFinderCommand.defaultIndexPath
        let search = ["search", "--zip", "60601", "health"]
        #expect(try Self.run(search, in: dir).status == 0)
        let good = try Data(contentsOf: URL(fileURLWithPath: index))
        let reader = try IndexReader(path: index)
        let info = try #require(reader.terms.lookup("health"))
        try #require(!info.hasBitmaps) // a sparse list: its own CRC-32 is checked at first use
        let postings = try #require(reader.sections.first { $0.section == .postings })
        var bytes = good
        bytes[postings.offset + info.offset + info.length / 2] ^= 0x20 // the section's and the list's CRC are now stale
        try bytes.write(to: URL(fileURLWithPath: index))
        _ = try IndexReader(path: index) // still opens: only the header and META are checked then

        let r = try Self.run(search, in: dir)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.err.contains("note: \(SchoolFinderCommand.defaultIndexPath) failed a check while searching (postings of \"health\" are damaged (bounds or checksum)); rebuilding it from Corpus/"), "\(r.err)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: index)) == good)

        // With --index, the same damage is the error (exit 2), and the file is left alone.
        try bytes.write(to: URL(fileURLWithPath: index))
        let named = try Self.run(search + ["--index", index], in: dir)
        #expect(named.status == 2 && named.err.contains("\(index) is damaged: postings of \"health\""), "\(named.err)")
        #expect(named.err.contains("rebuild it with `schoolfinder index --out \(index)` (and run `schoolfinder check \(index)`)"), "\(named.err)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: index)) == bytes)
    }

    @Test("a byte of stored text failing its block checksum (the newcomer's edit, timestamp kept): search and show rebuild, --index refuses")
    func rebuildsOnStoredTextDamage() throws {
        let dir = try Self.scratchProject()
        let index = dir + "/" + SchoolFinderCommand.defaultIndexPath
        let search = ["search", "--zip", "60601", "--limit", "50", "health"]
        let before = try Self.run(search, in: dir)
        #expect(before.status == 0)
        let good = try Data(contentsOf: URL(fileURLWithPath: index))
        let reader = try IndexReader(path: index)
        let firstID = try #require(reader.id(rank: 0))
        let first = try reader.record(Int(reader.rows.document(rank: 0)))
        // Damage the first program's institution name where STRINGS stores it.
        let strings = try #require(reader.sections.first { $0.section == .strings })
        let name = Data(first.institutionName.utf8)
        let at = try #require(good[strings.offset ..< strings.offset + strings.length].range(of: name)).lowerBound
        var bytes = good
        bytes[at] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: index))
        let stamp = try FileManager.default.attributesOfItem(atPath: dir + "/Corpus/programs.jsonl")[.modificationDate] as! Date
        try FileManager.default.setAttributes([.modificationDate: stamp.addingTimeInterval(10)], ofItemAtPath: index)
        _ = try IndexReader(path: index) // opens: the damage is inside a section

        let shown = try Self.run(["show", firstID], in: dir)
        #expect(shown.status == 0, "\(shown.err)")
        #expect(shown.err.contains("failed a check while searching (section STRINGS: block"), "\(shown.err)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: index)) == good)

        // With --index, the damage is one error line (exit 2) and the file is left alone.
        try bytes.write(to: URL(fileURLWithPath: index))
        let named = try Self.run(["show", firstID, "--index", index], in: dir)
        #expect(named.status == 2 && named.err.contains("corrupt in section STRINGS: block") && named.err.split(separator: "\n").count == 1, "\(named.err)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: index)) == bytes)
    }
}

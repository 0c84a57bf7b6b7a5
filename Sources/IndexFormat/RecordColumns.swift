import Corpus
import Platform

/// What the index writer keeps of each record once its texts are analyzed and stored
/// (`IndexTextPass`): every other field, compact — strings interned as ids of their UTF-8
/// bytes, lists as ids of their encoded members, numbers as the DETAILS values the writer
/// writes, the id's bytes back to back.
///
/// A parsed `ProgramRecord` is 280 bytes inline plus its strings' storage; here a record is a
/// `Row` of 80 bytes plus its id's bytes and 4 bytes for where they end (≈ 108 bytes for the
/// generator's ids). At 10M records that is the difference between holding ~3.3 GB and ~1.1 GB
/// until the document rows are made (issue 12).
///
/// Strings are equal when their bytes are (two Unicode spellings of one name are two
/// strings), as STRINGS keeps them. A record's validity (`ProgramRecord.validationProblem`) is
/// judged as it is taken, the reason kept for the writer's report.
///
/// - Complexity: `append` is O(the record's string bytes) expected (one hash per string field);
///   memory ≈ 84 bytes per record plus its id and the distinct strings and lists.
public struct RecordColumns: Sendable {
    /// One record's fields but its id and texts. 80 bytes.
    struct Row: Sendable {
        var latitude: Double
        var longitude: Double
        /// String ids (`string(_:)`).
        var institutionID: UInt32, institutionName: UInt32, city: UInt32, state: UInt32, zip: UInt32
        var cipCode: UInt32, title: UInt32, website: UInt32
        /// List ids (`list(_:)`); `RecordColumns.emptyList` for none.
        var accreditors: UInt32, preaccreditors: UInt32, institutionAccreditors: UInt32, otherSchoolAccreditors: UInt32
        /// DETAILS values (`RecordColumns.detailValue(_:)`).
        var completers: UInt32, medianEarnings: UInt32, medianDebt: UInt32
        var level: AwardLevel
        var delivery: Delivery
        var control: InstitutionControl?
    }

    /// The list id of the empty list (interned first).
    static let emptyList: UInt32 = 0

    private var strings = TokenInterner(expectedKeys: 4096)
    /// Lists keyed by their members, each as `varint(byte count) bytes`: unambiguous whatever a
    /// member holds.
    private var lists = TokenInterner(expectedKeys: 256)
    /// The records in chunks of 2^`chunkShift`: rows, and ids back to back with where each
    /// ends within its chunk. Chunked so the columns never move to grow (an array doubling
    /// holds its old and new storage at once: at 10M records, 670 MB more for the rows alone).
    private struct Chunk: Sendable {
        var rows: [Row] = []
        var idBytes: [UInt8] = []
        var idEnds: [UInt32] = []
    }
    private var chunks: [Chunk] = []
    /// Records a chunk holds: 2^16 (5 MiB of rows).
    static let chunkShift = 16
    private static let chunkMask = (1 << chunkShift) - 1
    /// Records that fail validation, as taken: index and reason.
    private(set) var problems: [(record: Int, reason: String)] = []

    /// Records taken so far, `0 ..< count`.
    public private(set) var count = 0

    public init() {
        _ = lists.id(of: [UInt8]())
    }

    /// The DETAILS value of a record's number: saturated to `0 ..< IndexLayout.detailUnknown`,
    /// `detailUnknown` when unknown.
    static func detailValue(_ n: Int?) -> UInt32 {
        n.map { UInt32(clamping: min(max(0, $0), Int(IndexLayout.detailUnknown) - 1)) } ?? IndexLayout.detailUnknown
    }

    /// Takes the record at `r` (its description is not read).
    public mutating func append(_ r: UnsafePointer<ProgramRecord>) {
        let index = count
        if let problem = ProgramRecord.validationProblem(id: r.pointee.id, state: r.pointee.state, cipCode: r.pointee.cipCode,
                                                         latitude: r.pointee.latitude, longitude: r.pointee.longitude, title: r.pointee.title) {
            problems.append((index, "record \"\(r.pointee.id)\": \(problem)"))
        }
        if index & Self.chunkMask == 0 {
            var chunk = Chunk()
            chunk.rows.reserveCapacity(1 << Self.chunkShift)
            chunk.idEnds.reserveCapacity(1 << Self.chunkShift)
            chunks.append(chunk)
        }
        let last = chunks.count - 1
        var id = r.pointee.id
        id.withUTF8 { chunks[last].idBytes.append(contentsOf: $0) }
        chunks[last].idEnds.append(UInt32(chunks[last].idBytes.count))
        let row = Row(latitude: r.pointee.latitude, longitude: r.pointee.longitude,
                      institutionID: intern(r.pointee.institutionID), institutionName: intern(r.pointee.institutionName),
                      city: intern(r.pointee.city), state: intern(r.pointee.state), zip: intern(r.pointee.zip),
                      cipCode: intern(r.pointee.cipCode), title: intern(r.pointee.title), website: intern(r.pointee.website),
                      accreditors: internList(r.pointee.accreditors), preaccreditors: internList(r.pointee.preaccreditors),
                      institutionAccreditors: internList(r.pointee.institutionAccreditors),
                      otherSchoolAccreditors: internList(r.pointee.otherSchoolAccreditors),
                      completers: Self.detailValue(r.pointee.completers), medianEarnings: Self.detailValue(r.pointee.medianEarnings),
                      medianDebt: Self.detailValue(r.pointee.medianDebt),
                      level: r.pointee.level, delivery: r.pointee.delivery, control: r.pointee.control)
        chunks[last].rows.append(row)
        count += 1
    }

    private mutating func intern(_ s: String) -> UInt32 {
        var s = s
        return UInt32(s.withUTF8 { strings.id(of: $0) })
    }

    private mutating func internList(_ members: [String]) -> UInt32 {
        if members.isEmpty { return Self.emptyList }
        var key: [UInt8] = []
        for m in members {
            var m = m
            m.withUTF8 { bytes in
                VarInt.append(UInt32(bytes.count), to: &key)
                key.append(contentsOf: bytes)
            }
        }
        return UInt32(lists.id(of: key))
    }

    /// Record `i`'s row. - Precondition: `i < count`.
    @inline(__always)
    func row(_ i: Int) -> Row { chunks[i >> Self.chunkShift].rows[i & Self.chunkMask] }

    /// Calls `body` with record `i`'s id's UTF-8 bytes (valid during the call).
    @inline(__always)
    func withID<R>(_ i: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        let chunk = chunks[i >> Self.chunkShift], j = i & Self.chunkMask
        return chunk.idBytes.withUnsafeBytes { all in
            body(UnsafeRawBufferPointer(rebasing: all[(j == 0 ? 0 : Int(chunk.idEnds[j - 1])) ..< Int(chunk.idEnds[j])]))
        }
    }

    /// Record `i`'s id.
    func id(_ i: Int) -> String { withID(i) { String(decoding: $0, as: UTF8.self) } }

    /// How the ids of records `a` and `b` compare by their UTF-8 bytes: -1, 0 or 1.
    func compareIDs(_ a: Int, _ b: Int) -> Int {
        withID(a) { x in withID(b) { y in ByteComparison.order(x, y) } }
    }

    /// How many distinct strings (`string(_:)` takes `0 ..< stringCount`).
    var stringCount: Int { strings.count }

    /// The string with id `id`.
    func string(_ id: UInt32) -> String { String(decoding: strings.key(Int(id)), as: UTF8.self) }

    /// How many distinct lists, the empty one included (`list(_:)` takes `0 ..< listCount`).
    var listCount: Int { lists.count }

    /// The members of the list with id `id`, in order.
    func list(_ id: UInt32) -> [String] {
        let key = Array(lists.key(Int(id)))
        var members: [String] = []
        key.withUnsafeBytes { bytes in
            var at = 0
            while at < bytes.count {
                let length = Int(VarInt.decodeUnchecked(bytes.baseAddress!, &at))
                members.append(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[at ..< at + length]), as: UTF8.self))
                at += length
            }
        }
        return members
    }

    /// Record `i` as it was taken, with an empty description and its numbers as DETAILS keeps
    /// them (saturated). For tests and checks: the writer reads the columns.
    func record(_ i: Int) -> ProgramRecord {
        let w = row(i)
        func number(_ v: UInt32) -> Int? { v == IndexLayout.detailUnknown ? nil : Int(v) }
        var r = ProgramRecord(id: id(i), institutionID: string(w.institutionID), institutionName: string(w.institutionName),
                              city: string(w.city), state: string(w.state), zip: string(w.zip), latitude: w.latitude,
                              longitude: w.longitude, cipCode: string(w.cipCode), title: string(w.title), description: "",
                              level: w.level, accreditors: list(w.accreditors), delivery: w.delivery)
        r.preaccreditors = list(w.preaccreditors)
        r.institutionAccreditors = list(w.institutionAccreditors)
        r.otherSchoolAccreditors = list(w.otherSchoolAccreditors)
        r.website = string(w.website)
        r.control = w.control
        r.completers = number(w.completers)
        r.medianEarnings = number(w.medianEarnings)
        r.medianDebt = number(w.medianDebt)
        return r
    }
}

import Platform

/// The members of a JSONL record line that `JSONLRecordFormat` reads, by name.
enum RecordKey: Int, CaseIterable {
    case id, institutionID, institution, city, state, zip, lat, lon, cip, title, description, level
    case accreditors, delivery, preaccreditors, institutionAccreditors, otherSchoolAccreditors
    case website, control, completers, medianEarnings, medianDebt

    /// The member's name in a line (docs/CORPUS_FORMAT.md).
    var name: String { staticName.description }

    /// The member's name, as static UTF-8 (compared with a line's bytes without a `String`).
    var staticName: StaticString {
        switch self {
        case .id: "id"
        case .institutionID: "institution_id"
        case .institution: "institution"
        case .city: "city"
        case .state: "state"
        case .zip: "zip"
        case .lat: "lat"
        case .lon: "lon"
        case .cip: "cip"
        case .title: "title"
        case .description: "description"
        case .level: "level"
        case .accreditors: "accreditors"
        case .delivery: "delivery"
        case .preaccreditors: "preaccreditors"
        case .institutionAccreditors: "institution_accreditors"
        case .otherSchoolAccreditors: "other_school_accreditors"
        case .website: "website"
        case .control: "control"
        case .completers: "completers"
        case .medianEarnings: "median_earnings"
        case .medianDebt: "median_debt"
        }
    }

    /// Whether the UTF-8 bytes `name` are this member's name. - Complexity: one comparison of
    /// at most 24 bytes.
    @inline(__always)
    func isNamed(_ name: UnsafeRawBufferPointer) -> Bool {
        let known = staticName
        return ByteComparison.equal(UnsafeRawBufferPointer(start: known.utf8Start, count: known.utf8CodeUnitCount), name)
    }

    /// The key named by the UTF-8 bytes `name`, or nil for any other member.
    /// - Complexity: at most three comparisons of at most 24 bytes.
    static func named(_ name: UnsafeBufferPointer<UInt8>) -> RecordKey? {
        func matches(_ key: RecordKey) -> RecordKey? { key.isNamed(UnsafeRawBufferPointer(name)) ? key : nil }
        guard let first = name.first else { return nil }
        switch (name.count, first) {
        case (2, UInt8(ascii: "i")): return matches(.id)
        case (3, UInt8(ascii: "z")): return matches(.zip)
        case (3, UInt8(ascii: "l")): return matches(.lat) ?? matches(.lon)
        case (3, UInt8(ascii: "c")): return matches(.cip)
        case (4, UInt8(ascii: "c")): return matches(.city)
        case (5, UInt8(ascii: "s")): return matches(.state)
        case (5, UInt8(ascii: "t")): return matches(.title)
        case (5, UInt8(ascii: "l")): return matches(.level)
        case (7, UInt8(ascii: "w")): return matches(.website)
        case (7, UInt8(ascii: "c")): return matches(.control)
        case (8, UInt8(ascii: "d")): return matches(.delivery)
        case (10, UInt8(ascii: "c")): return matches(.completers)
        case (11, UInt8(ascii: "d")): return matches(.description)
        case (11, UInt8(ascii: "i")): return matches(.institution)
        case (11, UInt8(ascii: "a")): return matches(.accreditors)
        case (11, UInt8(ascii: "m")): return matches(.medianDebt)
        case (14, UInt8(ascii: "i")): return matches(.institutionID)
        case (14, UInt8(ascii: "p")): return matches(.preaccreditors)
        case (15, UInt8(ascii: "m")): return matches(.medianEarnings)
        case (23, UInt8(ascii: "i")): return matches(.institutionAccreditors)
        case (24, UInt8(ascii: "o")): return matches(.otherSchoolAccreditors)
        default: return nil
        }
    }
}

/// Where `JSONLRecordFormat.record(from:)` reads a line's members: the parsed `JSONValue` of
/// the line, or the `RecordFields` a record line scans to.
protocol RecordFieldSource {
    /// The value of the first member named `key`, `nil` when the line has none.
    subscript(key: RecordKey) -> JSONValue? { get }
}

extension JSONValue: RecordFieldSource {
    subscript(key: RecordKey) -> JSONValue? { self[key.name] }
}

/// The members of one record line that a record reads, scanned straight from the line's bytes:
/// no member list, no member-name strings, no lookup by name — the writer parses a million lines
/// for a 1M corpus (issue 12). Every value is parsed by `JSONParser.parseValue`, so it is the
/// value `JSONValue.parse` gives; a repeated member keeps its first value, as `JSONValue`'s
/// lookup does.
struct RecordFields: RecordFieldSource {
    private var values = [JSONValue?](repeating: nil, count: RecordKey.allCases.count)

    subscript(key: RecordKey) -> JSONValue? { values[key.rawValue] }

    /// The members of `line` if it is one JSON object with an `"id"` member and member names
    /// without escapes, followed by nothing but whitespace; else nil — a header line, an
    /// invalid line or an unusual one — and the caller parses it as a `JSONValue`, which gives
    /// the same record and says what is wrong. - Complexity: O(line bytes).
    static func scan(_ line: UnsafeBufferPointer<UInt8>) -> RecordFields? {
        var parser = JSONParser(bytes: line)
        var fields = RecordFields()
        guard (try? fields.scanObject(&parser)) == true else { return nil }
        parser.skipWhitespace()
        guard parser.index == parser.bytes.count, fields[.id] != nil else { return nil }
        return fields
    }

    /// Reads the object at the parser's position into `values` (`JSONParser.parseMembers`);
    /// false when there is no object, and a throw when it is not one the scan reads.
    private mutating func scanObject(_ parser: inout JSONParser) throws(JSONParseError) -> Bool {
        parser.skipWhitespace()
        guard parser.index < parser.bytes.count, parser.bytes[parser.index] == UInt8(ascii: "{") else { return false }
        // Lines written by `JSONLRecordFormat` (and most others) name the members in
        // `RecordKey` order: the name expected next is tried first, with one comparison.
        var expected = 0
        try parser.parseMembers(depth: 0, name: { (parser: inout JSONParser) throws(JSONParseError) -> RecordKey? in
            let key = try Self.memberKey(&parser, expected: expected)
            if let key { expected = key.rawValue + 1 }
            return key
        }) { key, value in
            if let key, values[key.rawValue] == nil { values[key.rawValue] = value }
        }
        return true
    }

    /// `expected`'s key when the member name at the parser's opening quote is its name,
    /// closing quote included (the parser left after it); nil otherwise, the parser unmoved.
    @inline(__always)
    private static func expectedKey(_ parser: inout JSONParser, expected: Int) -> RecordKey? {
        guard let key = RecordKey(rawValue: expected) else { return nil }
        let start = parser.index + 1, n = key.staticName.utf8CodeUnitCount
        let bytes = parser.bytes
        guard start + n < bytes.count, bytes[start + n] == 0x22,
              key.isNamed(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[start ..< start + n])) else { return nil }
        parser.index = start + n + 1
        return key
    }

    /// The record key named by the member name at the parser's opening quote (nil for another
    /// member), the parser left after its closing quote. A name with an escape, or another
    /// member's name holding non-ASCII bytes (whose UTF-8 must be checked), throws: such a line
    /// is left to the whole-line parse.
    private static func memberKey(_ parser: inout JSONParser, expected: Int) throws(JSONParseError) -> RecordKey? {
        if let key = expectedKey(&parser, expected: expected) { return key }
        let bytes = parser.bytes
        let start = parser.index + 1
        // The name's end: its closing quote, unless an escape or a control byte comes first
        // (eight bytes at a time, as a string value's run).
        let end = JSONParser.plainRun(bytes, from: start).end
        guard end < bytes.count, bytes[end] == 0x22 else { throw parser.fail("member name left to the whole-line parse") }
        let key = RecordKey.named(UnsafeBufferPointer(rebasing: bytes[start ..< end]))
        if key == nil, bytes[start ..< end].contains(where: { $0 >= 0x80 }) { throw parser.fail("member name left to the whole-line parse") }
        parser.index = end + 1
        return key
    }
}

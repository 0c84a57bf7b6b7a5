/// A parsed JSON value. The parser is strict RFC 8259 (no comments, no trailing commas) and
/// bounded: nesting deeper than `JSONValue.maxDepth` is an error, never a stack overflow.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static let maxDepth = 64

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case let (.bool(x), .bool(y)): x == y
        case let (.number(x), .number(y)): x == y
        case let (.string(x), .string(y)): x == y
        case let (.array(x), .array(y)): x == y
        case let (.object(x), .object(y)): x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    /// The member named `key` of an object (first one wins), else `nil`.
    public subscript(key: String) -> JSONValue? {
        if case let .object(members) = self { return members.first { $0.0 == key }?.1 }
        return nil
    }

    public var stringValue: String? { if case let .string(s) = self { return s }; return nil }
    public var numberValue: Double? { if case let .number(n) = self { return n }; return nil }

    /// Parses one JSON document from UTF-8 bytes; the whole input must be consumed.
    public static func parse<C: Collection>(_ bytes: C) throws(JSONParseError) -> JSONValue where C.Element == UInt8 {
        let buffer = Array(bytes)
        return try buffer.withUnsafeBufferPointer { (buffer) throws(JSONParseError) -> JSONValue in
            var parser = JSONParser(bytes: buffer)
            let value = try parser.parseValue(depth: 0)
            parser.skipWhitespace()
            if parser.index != buffer.count { throw JSONParseError(offset: parser.index, reason: "unexpected data after the JSON value") }
            return value
        }
    }

    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue { try parse(Array(text.utf8)) }
}

/// Why a JSON text did not parse; `offset` is the byte offset in the input.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public let offset: Int
    public let reason: String
    public var description: String { "invalid JSON at byte \(offset): \(reason)" }
}

/// A strict RFC 8259 parser over bytes that outlive it (the caller's buffer, borrowed for the
/// parse): no copy of the input, no bounds check per byte beyond the parser's own.
struct JSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func skipWhitespace() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D { index += 1 }
    }

    func fail(_ reason: String) -> JSONParseError { JSONParseError(offset: index, reason: reason) }

    mutating func parseValue(depth: Int) throws(JSONParseError) -> JSONValue {
        if depth > JSONValue.maxDepth { throw fail("nesting deeper than \(JSONValue.maxDepth)") }
        skipWhitespace()
        guard index < bytes.count else { throw fail("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            var members: [(String, JSONValue)] = []
            try parseMembers(depth: depth, name: { (p) throws(JSONParseError) in try p.parseString() }) { members.append(($0, $1)) }
            return .object(members)
        case UInt8(ascii: "["):
            index += 1
            var items: [JSONValue] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
            while true {
                items.append(try parseValue(depth: depth + 1))
                skipWhitespace()
                guard index < bytes.count else { throw fail("unterminated array") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
                throw fail("expected ',' or ']' in array")
            }
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default:
            return .number(try parseNumber())
        }
    }

    /// The members of the object whose `{` is at `index`, in order, up to its `}`: `name` reads
    /// each member's name from its opening quote, then `member` takes the name and the value
    /// (parsed at `depth + 1`). The object grammar of `parseValue` and of `RecordFields`' scan.
    mutating func parseMembers<Name>(depth: Int, name readName: (inout JSONParser) throws(JSONParseError) -> Name,
                                     _ member: (Name, JSONValue) -> Void) throws(JSONParseError) {
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a member name in quotes") }
            let name = try readName(&self)
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':' after member name") }
            index += 1
            member(name, try parseValue(depth: depth + 1))
            skipWhitespace()
            guard index < bytes.count else { throw fail("unterminated object") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; return }
            throw fail("expected ',' or '}' in object")
        }
    }

    mutating func literal(_ word: StaticString) throws(JSONParseError) {
        let n = word.utf8CodeUnitCount
        guard index + n <= bytes.count else { throw fail("unexpected end of input") }
        for i in 0 ..< n where bytes[index + i] != word.utf8Start[i] { throw fail("invalid literal") }
        index += n
    }

    mutating func parseNumber() throws(JSONParseError) -> Double {
        let start = index
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        func digits() -> Int { let s = index; while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 { index += 1 }; return index - s }
        guard digits() > 0 else { throw JSONParseError(offset: start, reason: "expected a value") }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { throw fail("expected digits after '.'") }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { throw fail("expected digits in exponent") }
        }
        if let value = Self.exactDecimal(bytes, start ..< index) { return value }
        let text = String(decoding: bytes[start ..< index], as: UTF8.self)
        guard let value = Double(text) else { throw JSONParseError(offset: start, reason: "number out of range") }
        return value
    }

    /// Powers of ten a `Double` holds exactly: 10⁰ … 10²².
    private static let exactPowersOfTen: [Double] = (0 ... 22).map { k in (0 ..< k).reduce(1.0) { x, _ in x * 10 } }

    /// The value of the number `bytes[range]` (a valid JSON number) when it has no exponent, at
    /// most 22 fraction digits and all its digits read as an integer below 2⁵³: that integer
    /// divided by a power of ten, both exact, so the one rounding of the division gives the
    /// correctly rounded value, the one `Double(String)` (strtod) gives (Clinger's fast path).
    /// `nil` otherwise. Coordinates and counts, the numbers of a corpus line, all qualify.
    @inline(__always)
    static func exactDecimal(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Double? {
        var i = range.lowerBound
        let negative = bytes[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        var mantissa: UInt64 = 0
        var digits = 0, fraction = -1 // digits after the point, -1 before it
        while i < range.upperBound {
            let b = bytes[i]
            if b == UInt8(ascii: ".") {
                fraction = 0
            } else if b >= 48 && b <= 57 {
                guard digits < 18 else { return nil } // 18 digits stay below 2⁶³: no overflow
                mantissa = mantissa &* 10 &+ UInt64(b &- 48)
                digits += 1
                if fraction >= 0 { fraction += 1 }
            } else {
                return nil // an exponent
            }
            i += 1
        }
        let k = max(0, fraction)
        guard mantissa < 1 << 53, k <= 22 else { return nil }
        let value = Double(mantissa) / exactPowersOfTen[k]
        return negative ? -value : value
    }

    mutating func parseString() throws(JSONParseError) -> String {
        index += 1 // opening quote
        // Fast path: no escape before the closing quote; validate the bytes where they lie.
        let (end, ascii) = Self.plainRun(bytes, from: index)
        if end < bytes.count, bytes[end] == 0x22 {
            let start = index
            // ASCII is valid UTF-8: decode it without the generic validating initializer.
            let text = UnsafeBufferPointer(rebasing: bytes[start ..< end])
            let s = ascii ? String(decoding: text, as: UTF8.self) : String(validating: text, as: UTF8.self)
            guard let s else { throw fail("string is not valid UTF-8") }
            index = end + 1
            return s
        }
        var out: [UInt8] = []
        while true {
            guard index < bytes.count else { throw fail("unterminated string") }
            let b = bytes[index]
            if b == UInt8(ascii: "\"") { index += 1; break }
            if b < 0x20 { throw fail("control character in string") }
            if b != UInt8(ascii: "\\") { out.append(b); index += 1; continue }
            index += 1
            guard index < bytes.count else { throw fail("unterminated escape") }
            let e = bytes[index]; index += 1
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if scalar >= 0xD800 && scalar < 0xDC00 {
                    guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else { throw fail("unpaired surrogate") }
                    index += 2
                    let low = try hex4()
                    guard low >= 0xDC00 && low < 0xE000 else { throw fail("invalid low surrogate") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if scalar >= 0xDC00 && scalar < 0xE000 {
                    throw fail("unpaired surrogate")
                }
                guard let u = Unicode.Scalar(scalar) else { throw fail("invalid \\u escape") }
                out.append(contentsOf: Array(String(Character(u)).utf8))
            default: throw fail("invalid escape")
            }
        }
        guard let s = String(validating: out, as: UTF8.self) else { throw fail("string is not valid UTF-8") }
        return s
    }

    /// The end of the run of plain string bytes at `start` (no quote, backslash or control
    /// byte), and whether all of them are ASCII. Eight bytes a step while none of them ends the
    /// run (SWAR: a byte equal to `c` is a zero byte of `word ^ c·0x01…01`, found with the
    /// has-zero-byte test), then byte by byte; a string's text is mostly such runs.
    /// - Complexity: O(run length).
    @inline(__always)
    static func plainRun(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (end: Int, ascii: Bool) {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        var end = start
        var high: UInt64 = 0
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while end + 8 <= bytes.count {
                let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: end, as: UInt64.self))
                let quote = w ^ (ones &* 0x22), backslash = w ^ (ones &* 0x5C)
                // Bytes below 0x20 (w - 0x20…20 borrows into a clear high bit), quotes, backslashes.
                let stops = ((w &- ones &* 0x20) & ~w & highs)
                    | ((quote &- ones) & ~quote & highs) | ((backslash &- ones) & ~backslash & highs)
                if stops != 0 { break }
                high |= w
                end += 8
            }
        }
        var ascii = high & highs == 0
        while end < bytes.count, bytes[end] != 0x22, bytes[end] != 0x5C, bytes[end] >= 0x20 { ascii = ascii && bytes[end] < 0x80; end += 1 }
        return (end, ascii)
    }

    mutating func hex4() throws(JSONParseError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw fail("short \\u escape") }
        var v: UInt32 = 0
        for _ in 0 ..< 4 {
            let c = bytes[index]; index += 1
            v <<= 4
            switch c {
            case 48 ... 57: v |= UInt32(c - 48)
            case 65 ... 70: v |= UInt32(c - 55)
            case 97 ... 102: v |= UInt32(c - 87)
            default: throw fail("invalid hex digit in \\u escape")
            }
        }
        return v
    }
}

/// Builds compact JSON text with members in the order written. Numbers that are integral print
/// without a fraction; non-finite numbers print as `null` (JSON has no NaN).
public struct JSONWriter {
    public private(set) var text = ""
    private var needsComma: [Bool] = [false]

    public init() {}

    private mutating func separator() {
        if needsComma[needsComma.count - 1] { text += "," }
        needsComma[needsComma.count - 1] = true
    }

    public mutating func beginObject(_ key: String? = nil) { if let key { self.key(key) } else { separator() }; text += "{"; needsComma.append(false) }
    public mutating func endObject() { text += "}"; needsComma.removeLast() }
    public mutating func beginArray(_ key: String? = nil) { if let key { self.key(key) } else { separator() }; text += "["; needsComma.append(false) }
    public mutating func endArray() { text += "]"; needsComma.removeLast() }

    private mutating func key(_ k: String) { separator(); JSONWriter.appendQuoted(k, to: &text); text += ":"; needsComma[needsComma.count - 1] = true }

    public mutating func value(_ s: String) { separator(); JSONWriter.appendQuoted(s, to: &text) }
    public mutating func value(_ d: Double) { separator(); text += JSONWriter.number(d) }
    public mutating func value(_ i: Int) { separator(); text += String(i) }
    public mutating func value(_ b: Bool) { separator(); text += b ? "true" : "false" }
    public mutating func null() { separator(); text += "null" }

    public mutating func field(_ k: String, _ s: String) { key(k); JSONWriter.appendQuoted(s, to: &text) }
    public mutating func field(_ k: String, _ d: Double) { key(k); text += JSONWriter.number(d) }
    public mutating func field(_ k: String, _ d: Double?) { key(k); text += d.map(JSONWriter.number) ?? "null" }
    public mutating func field(_ k: String, _ i: Int) { key(k); text += String(i) }
    public mutating func field(_ k: String, _ i: Int?) { key(k); text += i.map { String($0) } ?? "null" }
    public mutating func field(_ k: String, _ b: Bool) { key(k); text += b ? "true" : "false" }
    public mutating func field(_ k: String, _ a: [String]) {
        key(k); text += "["
        for (i, s) in a.enumerated() { if i > 0 { text += "," }; JSONWriter.appendQuoted(s, to: &text) }
        text += "]"
    }
    public mutating func nullField(_ k: String) { key(k); text += "null" }

    public static func number(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }

    /// Appends `s` as a JSON string: quoted, with `"`, `\\` and the control characters below
    /// U+0020 escaped (`\n`, `\r`, `\t`, else `\u00xx`), everything else as is. The runs
    /// between escapes are appended whole (an escaped byte is ASCII, so a run is whole UTF-8),
    /// not scalar by scalar. - Complexity: O(s's UTF-8 length).
    public static func appendQuoted(_ s: String, to out: inout String) {
        out += "\""
        var s = s
        s.withUTF8 { bytes in
            var run = 0
            for i in bytes.indices {
                let b = bytes[i]
                guard b == 0x22 || b == 0x5C || b < 0x20 else { continue }
                if run < i { out += String(decoding: UnsafeBufferPointer(rebasing: bytes[run ..< i]), as: UTF8.self) }
                switch b {
                case 0x22: out += "\\\""
                case 0x5C: out += "\\\\"
                case 0x0A: out += "\\n"
                case 0x0D: out += "\\r"
                case 0x09: out += "\\t"
                default:
                    let hex = String(b, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                }
                run = i + 1
            }
            if run < bytes.count { out += String(decoding: UnsafeBufferPointer(rebasing: bytes[run...]), as: UTF8.self) }
        }
        out += "\""
    }
}

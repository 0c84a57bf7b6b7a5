/// The one parser of numbers given on the command line (and in batch lines): plain decimal
/// notation only, so a typo or another notation is refused instead of read as something else.
///
/// Accepted: an optional "-", one or more digits, and optionally "." followed by one or more
/// digits: `50`, `-87.63`, `0.5`. Refused: hexadecimal (`0x10`), exponents (`1e3`), `inf`,
/// `nan`, a leading "+", surrounding spaces (` 5`), `.5`, `5.`, and empty text.
public enum DecimalArgument {
    /// The value of `text`, or `nil` when it is not plain decimal notation.
    public static func number(_ text: String) -> Double? {
        guard isPlainDecimal(text, fraction: true) else { return nil }
        return Double(text) // plain decimal text is exactly what Double reads as written
    }

    /// The value of `text` when it is a plain decimal whole number (no "." part) that fits an Int.
    public static func wholeNumber(_ text: String) -> Int? {
        guard isPlainDecimal(text, fraction: false) else { return nil }
        return Int(text)
    }

    public static func isPlainDecimal(_ text: String, fraction: Bool) -> Bool {
        var bytes = Substring(text).utf8[...]
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        let whole = bytes.prefix(while: isDigit)
        guard !whole.isEmpty else { return false }
        let rest = bytes.dropFirst(whole.count)
        if rest.isEmpty { return true }
        guard fraction, rest.first == UInt8(ascii: "."), rest.count > 1 else { return false }
        return rest.dropFirst().allSatisfy(isDigit)
    }

    /// `d` in plain decimal notation (what `number` reads back as `d`): "50", "0.00001",
    /// "-87.63"; "inf" or "nan" when `d` is not finite (which `number` refuses).
    public static func text(_ d: Double) -> String {
        guard d.isFinite else { return d.isNaN ? "nan" : (d < 0 ? "-inf" : "inf") }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        let shortest = "\(d)" // shortest round-trip digits, maybe with an exponent
        guard let e = shortest.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return shortest }
        let exponent = Int(shortest[shortest.index(after: e)...])!
        var mantissa = String(shortest[..<e])
        let negative = mantissa.hasPrefix("-")
        if negative { mantissa.removeFirst() }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        var digits = String(parts[0]) + (parts.count > 1 ? String(parts[1]) : "")
        var point = parts[0].count + exponent // position of the decimal point in `digits`
        if point <= 0 { digits = String(repeating: "0", count: 1 - point) + digits; point = 1 }
        if point >= digits.count { digits += String(repeating: "0", count: point - digits.count) }
        var out = String(digits.prefix(point))
        let tail = digits.dropFirst(point).reversed().drop { $0 == "0" }.reversed()
        if !tail.isEmpty { out += "." + String(tail) }
        return (negative ? "-" : "") + out
    }
}

/// `text` as a count for `--option`: a plain decimal whole number, ≥ 0 with `allowZero`, else > 0.
public func positiveInt(_ text: String, option: String, allowZero: Bool = false) throws(UsageError) -> Int {
    guard let n = DecimalArgument.wholeNumber(text), allowZero ? n >= 0 : n > 0 else { throw .count(option, text, allowZero: allowZero) }
    return n
}

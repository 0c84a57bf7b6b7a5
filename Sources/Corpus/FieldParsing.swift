/// Small, allocation-light parsers for the fields of the published CSV files. Each takes the
/// field as the CSV reader decoded it and trims ASCII whitespace first.
enum FieldParsing {
    /// True when `text` is one or more ASCII digits.
    static func isDigits(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    /// A number written "51", "51.0", "50894.0", "1,234" or "-0.9" (thousands commas allowed).
    /// `nil` when it is not a finite number.
    static func double(_ text: String) -> Double? {
        var s = text
        if s.utf8.contains(UInt8(ascii: ",")) { s.removeAll { $0 == "," } }
        guard let d = Double(s), d.isFinite else { return nil }
        return d
    }

    /// A whole number written as above, rounded to the nearest integer ("51.0" → 51,
    /// "12.5" → 13). `nil` when it is not a number or does not fit in an `Int`.
    static func roundedInt(_ text: String) -> Int? {
        if let i = Int(text) { return i }
        guard let d = double(text) else { return nil }
        let r = d.rounded()
        guard abs(r) < 9.0e15 else { return nil }
        return Int(r)
    }
}

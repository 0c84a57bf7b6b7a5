/// Folding of Latin letters with diacritics to their plain ASCII spelling.
///
/// Covers Latin-1 Supplement (U+00C0–U+00FF) and Latin Extended-A (U+0100–U+017F), plus a few
/// Latin Extended-B letters common in names. Combining diacritical marks (U+0300–U+036F) fold to
/// nothing, so the decomposed spelling "e\u{301}" folds like the precomposed "é".
/// Output is lowercase ASCII; a scalar with no folding returns `nil` (it separates tokens).
public enum ASCIIFolding {
    /// Lowercase ASCII spelling of `scalar`, `""` for a combining mark, `nil` for a non-letter.
    @inlinable
    public static func fold(_ scalar: Unicode.Scalar) -> String? {
        let v = scalar.value
        if v >= 0x300 && v <= 0x36F { return "" }
        if v >= 0xC0 && v <= 0x17F { return latinTable[Int(v - 0xC0)] }
        switch v {
        case 0x180: return "b"
        case 0x191, 0x192: return "f"
        case 0x1CD, 0x1CE: return "a"
        case 0x1CF, 0x1D0: return "i"
        case 0x1D1, 0x1D2: return "o"
        case 0x1D3, 0x1D4: return "u"
        case 0x218, 0x219: return "s"
        case 0x21A, 0x21B: return "t"
        case 0x1E9E: return "ss"
        default: return nil
        }
    }

    /// Index `v - 0xC0` for U+00C0…U+017F. `nil` entries are the two symbols × and ÷.
    @usableFromInline
    static let latinTable: [String?] = [
        // U+00C0 ÀÁÂÃÄÅÆÇ ÈÉÊË ÌÍÎÏ
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        // U+00D0 ÐÑÒÓÔÕÖ× ØÙÚÛÜÝÞß
        "d", "n", "o", "o", "o", "o", "o", nil, "o", "u", "u", "u", "u", "y", "th", "ss",
        // U+00E0 àáâãäåæç èéêë ìíîï
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        // U+00F0 ðñòóôõö÷ øùúûüýþÿ
        "d", "n", "o", "o", "o", "o", "o", nil, "o", "u", "u", "u", "u", "y", "th", "y",
        // U+0100 ĀāĂăĄąĆćĈĉĊċČčĎď
        "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
        // U+0110 ĐđĒēĔĕĖėĘęĚěĜĝĞğ
        "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
        // U+0120 ĠġĢģĤĥĦħĨĩĪīĬĭĮį
        "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
        // U+0130 İıĲĳĴĵĶķĸĹĺĻļĽľĿ
        "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
        // U+0140 ŀŁłŃńŅņŇňŉŊŋŌōŎŏ
        "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
        // U+0150 ŐőŒœŔŕŖŗŘřŚśŜŝŞş
        "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
        // U+0160 ŠšŢţŤťŦŧŨũŪūŬŭŮů
        "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
        // U+0170 ŰűŲųŴŵŶŷŸŹźŻżŽžſ
        "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
    ]
}

/// A place written inside the query's words: "nursing near 02139", "bioinformatics in Boston",
/// "rn 60601". Forgiving matching reads such a tail as the place when no place option was given
/// (the header says so); `--exact` never does.
///
/// Grammar of the tail (words as typed, case-insensitive):
/// - `near PLACE` or `around PLACE`: PLACE is the rest of the text, whatever it is;
/// - `in PLACE`: the rest of the text: a state's name or code ("in Texas", "in OH") is the state
///   filter; else a place the ZIP table knows; else "in" and the words stay text ("nursing in
///   spanish");
/// - a last word of 5 digits (a ZIP code, optionally ZIP+4);
/// - a distance before any of those: `within N mi|mile|miles [of|from|near|around] PLACE` or
///   `N mi|mile|miles from|of|near|around PLACE` ("nursing within 10 miles of 02139", "rn 25
///   miles from Boston"): PLACE is the rest of the text, and N (a number ≥ 0) the radius.
/// The words before the tail may be empty ("near Chicago": every program, nearest first).
public struct TypedPlace: Sendable, Equatable {
    /// The query text without the place; empty when the text was only the place.
    public let words: String
    /// The place as typed ("02139", "Boston", "Chicago, IL").
    public let place: String
    /// Whether the tail must be a place (`near`, `around`, a ZIP, a distance); `in` tails are
    /// only a place when one resolves.
    public let isCertain: Bool
    /// The radius in miles the words gave ("within 10 miles of …"), if any.
    public var radiusMiles: Double? = nil

    public init(words: String, place: String, isCertain: Bool, radiusMiles: Double? = nil) {
        self.words = words
        self.place = place
        self.isCertain = isCertain
        self.radiusMiles = radiusMiles
    }

    /// The candidate readings of `text`'s tail as a place, most likely first (at most one per
    /// form). - Complexity: O(text length).
    public static func candidates(in text: String) -> [TypedPlace] {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard !words.isEmpty else { return [] }
        var result: [TypedPlace] = []
        if let withRadius = distanceTail(words) { result.append(withRadius) }
        // The last "near"/"around"/"in" with a place after it ("near Chicago" alone: no words).
        if let i = words.indices.last(where: { ["near", "around", "in"].contains(words[$0].lowercased()) }), i < words.count - 1 {
            let place = words[(i + 1)...].joined(separator: " ")
            result.append(TypedPlace(words: words[..<i].joined(separator: " "), place: place, isCertain: words[i].lowercased() != "in"))
        }
        if let last = words.last, isZIP(last), !result.contains(where: { $0.place == String(last) }) {
            result.append(TypedPlace(words: words.dropLast().joined(separator: " "), place: String(last), isCertain: true))
        }
        return result
    }

    /// "… within N miles of PLACE" or "… N miles from PLACE" (see the type's grammar): the
    /// first such distance whose place is not empty.
    static func distanceTail(_ words: [Substring]) -> TypedPlace? {
        let units: Set<String> = ["mi", "mile", "miles"]
        let links: Set<String> = ["of", "from", "near", "around"]
        for i in words.indices where i + 1 < words.count && units.contains(words[i + 1].lowercased()) {
            guard let miles = Double(words[i]), miles.isFinite, miles >= 0, words[i].allSatisfy({ $0.isNumber || $0 == "." }) else { continue }
            let within = i > 0 && words[i - 1].lowercased() == "within"
            var placeStart = i + 2
            if placeStart < words.count, links.contains(words[placeStart].lowercased()) { placeStart += 1 } else if !within { continue }
            guard placeStart < words.count else { continue }
            let before = words[..<(within ? i - 1 : i)].joined(separator: " ")
            return TypedPlace(words: before, place: words[placeStart...].joined(separator: " "), isCertain: true, radiusMiles: miles)
        }
        return nil
    }

    /// "60601" or "60601-1234".
    static func isZIP(_ word: Substring) -> Bool {
        let u = Array(word.utf8)
        let digits = { (r: ArraySlice<UInt8>) in r.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        return (u.count == 5 && digits(u[...])) || (u.count == 10 && u[5] == 0x2D && digits(u[..<5]) && digits(u[6...]))
    }
}

import Analysis
import Testing

@Suite("EditDistance")
struct EditDistanceTests {
    static func osa(_ a: String, _ b: String) -> Int { EditDistance.optimalStringAlignment(Array(a.utf8), Array(b.utf8)) }

    @Test("known pairs", arguments: [
        ("bioinfromatics", "bioinformatics", 1), // one adjacent transposition
        ("informatcs", "informatics", 1),        // one deletion
        ("nursng", "nursing", 1),
        ("", "", 0),
        ("", "abc", 3),
        ("abc", "", 3),
        ("health", "health", 0),
        ("kitten", "sitting", 3),
        ("ab", "ba", 1),
        ("abcdef", "badcfe", 3),                 // three transpositions
        ("ca", "abc", 3),                        // full Damerau–Levenshtein says 2; OSA cannot edit a transposed pair
        ("a", "b", 1),
        ("flaw", "lawn", 2),
    ])
    func knownPairs(a: String, b: String, expected: Int) {
        #expect(Self.osa(a, b) == expected, "\(a) → \(b)")
        #expect(Self.osa(b, a) == expected, "\(b) → \(a) (symmetric)")
    }

    @Test("accepts any byte collection: slices and UTF-8 views")
    func collections() {
        let word = Array("xxinformaticsxx".utf8)
        #expect(EditDistance.optimalStringAlignment(word[2 ..< 13], "informatcs".utf8) == 1)
    }

    @Test("bounded by the lengths and 0 only for equal strings (property)")
    func bounds() {
        var state: UInt64 = 0x5EED
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0 ..< 2000 {
            let a = (0 ..< next(8)).map { _ in UInt8(0x61 + next(3)) }
            let b = (0 ..< next(8)).map { _ in UInt8(0x61 + next(3)) }
            let d = EditDistance.optimalStringAlignment(a, b)
            #expect(d >= abs(a.count - b.count) && d <= max(a.count, b.count))
            #expect((d == 0) == (a == b))
            #expect(d == EditDistance.optimalStringAlignment(b, a))
        }
    }
}

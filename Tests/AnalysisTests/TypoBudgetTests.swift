import Analysis
import Testing

@Suite("TypoBudget")
struct TypoBudgetTests {
    @Test("0 edits below 5 bytes, 1 from 5, 2 from 9", arguments: [
        (0, 0), (1, 0), (4, 0), (5, 1), (8, 1), (9, 2), (14, 2), (100, 2),
    ])
    func budget(length: Int, edits: Int) {
        #expect(TypoBudget.maximumEdits(forWordLength: length) == edits)
    }
}

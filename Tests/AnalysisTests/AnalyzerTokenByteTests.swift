import Analysis
import Testing

@Suite("Analyzer: token bytes")
struct AnalyzerTokenByteTests {
    @Test("isTokenByte holds exactly for the bytes of one-byte tokens")
    func agreesWithIsToken() {
        for byte in UInt8.min ... UInt8.max where byte < 0x80 {
            #expect(Analyzer.isTokenByte(byte) == Analyzer.isToken(String(decoding: [byte], as: UTF8.self)), "byte \(byte)")
        }
        #expect(!(UInt8(0x80) ... UInt8.max).contains(where: Analyzer.isTokenByte))
    }
}

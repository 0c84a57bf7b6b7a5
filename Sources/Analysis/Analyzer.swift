/// The one analyzer schoolfinder uses for indexing and for queries, so both sides agree.
///
/// Contract (pinned by `AnalyzerTests`):
/// 1. ASCII letters are lowercased; Latin letters with diacritics fold to ASCII (`ASCIIFolding`).
/// 2. A token is a maximal run of `[a-z0-9]` after folding; every other character separates.
///    Combining marks fold to nothing and so do not split a word ("cafe\u{301}" → "cafe").
/// 3. Plurals are reduced by `PluralStemmer` ("Nurses programs" → "nurse", "program"); nothing
///    else is stemmed or dropped. Tokens keep their order and duplicates.
///
/// Analysis is idempotent: the tokens of the joined tokens are the tokens.
public enum Analyzer {
    /// The tokens of `text`, in order, duplicates kept, plurals reduced.
    public static func tokens(_ text: String) -> [String] {
        var result: [String] = []
        forEachToken(in: text) { result.append($0) }
        return result
    }

    /// Calls `body` with each token of `text` in order, plurals reduced (stemmed in the byte
    /// buffer, before the token's `String` is made). - Complexity: O(text length).
    public static func forEachToken(in text: String, _ body: (String) -> Void) {
        forEachToken(in: text, reducingPlurals: true, body)
    }

    /// The tokens of `text` as typed: steps 1 and 2 without plural reduction. Forgiving matching
    /// measures a misspelt word's distance to the index's terms both ways, as a misspelling
    /// ("informatcs") is no plural to reduce.
    public static func unreducedTokens(_ text: String) -> [String] {
        var result: [String] = []
        forEachToken(in: text, reducingPlurals: false) { result.append($0) }
        return result
    }

    static func forEachToken(in text: String, reducingPlurals: Bool, _ body: (String) -> Void) {
        forEachTokenBytes(in: text, reducingPlurals: reducingPlurals) { body(String(decoding: $0, as: UTF8.self)) }
    }

    /// Calls `body` with the bytes (`[a-z0-9]+`) of each token of `text` in order, plurals
    /// reduced when `reducingPlurals`: the tokenizer itself, without a `String` per token. The
    /// array passed is reused for the next token: copy what you keep. The index writer, which
    /// interns tokens by their bytes, uses `forEachTokenSpan` instead and copies nothing.
    /// - Complexity: O(text length), no allocation per token.
    public static func forEachTokenBytes(in text: String, reducingPlurals: Bool = true, _ body: ([UInt8]) -> Void) {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(32)
        forEachTokenSpan(in: text) { span in
            buffer.removeAll(keepingCapacity: true)
            buffer.append(contentsOf: span)
            if reducingPlurals { PluralStemmer.stem(inPlace: &buffer) }
            body(buffer)
        }
    }

    /// Calls `body` with the bytes of each token of `text` in order, as cut and folded (rules 1
    /// and 2; plurals not reduced). A token that is already lowercase ASCII is passed where it
    /// lies in the text's UTF-8, others from one scratch buffer; either way the bytes are valid
    /// only during the call. - Complexity: O(text length); no allocation per token, one scratch
    /// buffer of the text's length per call (on the stack when short).
    public static func forEachTokenSpan(in text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { utf8 in scan(utf8, body) }
        if done == nil {
            var copy = text
            copy.makeContiguousUTF8()
            copy.utf8.withContiguousStorageIfAvailable { scan($0, body) }
        }
    }

    /// `forEachTokenSpan(in:_:)` over a text's UTF-8 where it lies (the index writer's deferred
    /// descriptions). - Precondition: `utf8` is valid UTF-8.
    public static func forEachTokenSpan(inUTF8 utf8: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        scan(utf8, body)
    }

    /// The tokenizer's loop over valid UTF-8: ASCII bytes are classified directly; a multi-byte
    /// sequence is decoded to its scalar and folded (`ASCIIFolding`), or separates.
    ///
    /// A run of lowercase letters and digits that starts a token and ends at an ASCII separator
    /// (or the end) is the whole token, handed over in place. Anything else (capitals, or
    /// letters folded from other scripts joining the run) is built in `scratch`, which holds
    /// the text's length: folding never lengthens (the longest folds, "ß" → "ss", "ẞ" → "ss",
    /// "æ" → "ae", replace two or three bytes).
    private static func scan(_ utf8: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        let n = utf8.count
        guard n > 0 else { return }
        wordBytes.withUnsafeBufferPointer { wordBytes in
            scan(utf8, wordBytes: wordBytes, body)
        }
    }

    /// Per byte value: `lowerWordByte` for a lowercase ASCII letter or a digit, `upperWordByte`
    /// for an uppercase ASCII letter, 0 for anything else (a separator, or a byte of a
    /// multi-byte sequence). One load classifies a byte, as the tokenizer does for every byte
    /// of every text it indexes.
    static let wordBytes: [UInt8] = (0 ... 255).map { b -> UInt8 in
        switch UInt8(b) {
        case UInt8(ascii: "a") ... UInt8(ascii: "z"), UInt8(ascii: "0") ... UInt8(ascii: "9"): lowerWordByte
        case UInt8(ascii: "A") ... UInt8(ascii: "Z"): upperWordByte
        default: 0
        }
    }
    static let lowerWordByte: UInt8 = 1
    static let upperWordByte: UInt8 = 3

    private static func scan(_ utf8: UnsafeBufferPointer<UInt8>, wordBytes: UnsafeBufferPointer<UInt8>,
                             _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        let n = utf8.count
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: n) { scratch in
            var pending = 0 // bytes of the token being built in `scratch`
            @inline(__always) func flush() {
                if pending > 0 {
                    body(UnsafeBufferPointer(rebasing: scratch[0 ..< pending]))
                    pending = 0
                }
            }
            var i = 0
            while i < n {
                let b = utf8[i]
                if b < 0x80 {
                    var kinds = wordBytes[Int(b)]
                    guard kinds != 0 else {
                        i += 1
                        flush()
                        continue
                    }
                    var j = i + 1
                    // The run's byte kinds or-ed: `upperWordByte` when a capital is among them.
                    while j < n {
                        let kind = wordBytes[Int(utf8[j])]
                        if kind == 0 { break }
                        kinds |= kind
                        j += 1
                    }
                    if pending == 0 && kinds == lowerWordByte && (j == n || utf8[j] < 0x80) {
                        body(UnsafeBufferPointer(rebasing: utf8[i ..< j]))
                    } else {
                        // Holds while no fold lengthens a scalar (pinned by AnalyzerTokenByteTests).
                        precondition(pending + (j - i) <= n, "ASCIIFolding lengthened a scalar")
                        for k in i ..< j {
                            let c = utf8[k]
                            scratch[pending] = c >= 0x41 && c <= 0x5A ? c | 0x20 : c
                            pending += 1
                        }
                    }
                    i = j
                    continue
                }
                // A lead byte and its continuation bytes (a String's UTF-8 is valid).
                let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
                var value = UInt32(b) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                for k in 1 ..< length where i + k < n { value = value << 6 | (UInt32(utf8[i + k]) & 0x3F) }
                i += length
                if let scalar = Unicode.Scalar(value), let folded = ASCIIFolding.fold(scalar) {
                    for c in folded.utf8 {
                        precondition(pending < n, "ASCIIFolding lengthened a scalar")
                        scratch[pending] = c
                        pending += 1
                    }
                } else {
                    flush()
                }
            }
            flush()
        }
    }

    /// True when `token` is a well-formed token: non-empty, only `[a-z0-9]`.
    public static func isToken(_ token: String) -> Bool {
        !token.isEmpty && token.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) }
    }
}

import Analysis
import Corpus
import Dispatch
import Platform

/// The analyzed text fields of every document, as text term ids of the writer's `TermTable`:
/// for each document its title's tokens, then its description's, then its institution name's
/// (`Schema.TextField` order), each field followed by the compound of every dictionary phrase
/// found in it (`PhraseCompounder.appendingCompounds`'s rule).
///
/// Built in parallel, a batch of documents at a time (`analyze`: a piece of a corpus file as it
/// is parsed, or a round of a corpus in memory): the batch is cut into units that each lie
/// within one storage chunk of `chunkDocuments` documents, and each unit is analyzed on its own
/// thread into a private vocabulary (`TokenInterner`, token bytes → local ids, no `String` per
/// token). The units' local ids are then mapped to term ids one unit after the other, in
/// order, so the term table sees the tokens in the same order as a single thread would, and
/// each distinct token of a unit is looked up in it once. How the documents came in batches
/// changes nothing in the result.
///
/// The term ids are kept as varints (`VarInt`): ids are made in order of first occurrence, so
/// the common words have the small ones, and a token takes about 1.5 bytes instead of 4
/// (1.48 on 100k realistic documents) — at 10M, under a gigabyte rather than 2.5 held through the build.
///
/// - Complexity: O(text bytes) analysis split over the threads, plus O(distinct tokens per unit)
///   term-table lookups; memory 1–3 bytes per token (ids below 2^21) plus 12 per document.
struct DocumentTokens {
    /// Documents `c · chunkDocuments ..< (c + 1) · chunkDocuments`, or one unit's while it is made.
    fileprivate struct Chunk {
        /// Ids of every token of the chunk's documents, fields back to back, as varints (term
        /// ids once mapped; `analyze` leaves a unit's local ids in `localTokens` instead).
        var bytes: [UInt8] = []
        /// Per document of the chunk, 3 entries: where its title, description and institution
        /// name start — in `bytes`, or in `localTokens` before the mapping; then one final
        /// entry, the end. Count 3 · documents + 1.
        var bounds: [UInt32] = [0]
        /// The tokens as local ids (`analyze`'s output), empty once mapped to `bytes`.
        var localTokens: [Int32] = []
    }

    /// Documents per storage chunk: 2^14, so a document's chunk is a shift away and a unit of
    /// analysis is large enough to pay for its vocabulary.
    static let chunkDocuments = 1 << 14
    private var chunks: [Chunk] = []
    /// The dictionary's phrases of two or more words, grouped by first word, longest first.
    private let sortedPhrases: [[String]]

    /// Documents analyzed so far, `0 ..< count`.
    private(set) var count = 0

    /// Appends the term ids of document `d`'s title, description and institution name, in that
    /// order, to `out`, and returns how many each field has.
    /// - Precondition: `0 <= d < count`. - Complexity: O(its tokens).
    func appendTokens(of d: Int, to out: inout [Int32]) -> (title: Int, description: Int, institution: Int) {
        let chunk = chunks[d / Self.chunkDocuments], k = (d % Self.chunkDocuments) * 3
        let b0 = Int(chunk.bounds[k]), b1 = Int(chunk.bounds[k + 1]), b2 = Int(chunk.bounds[k + 2]), b3 = Int(chunk.bounds[k + 3])
        var title = 0, description = 0, institution = 0
        // Decoded into scratch room (on the stack when small; a token takes at least a byte),
        // then appended at once: an `append` per token cost more than its decoding.
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: max(1, b3 - b0)) { scratch in
            let decoded = scratch.baseAddress.unsafelyUnwrapped
            var n = 0
            chunk.bytes.withUnsafeBytes { raw in
                let base = raw.baseAddress.unsafelyUnwrapped
                var offset = b0
                while offset < b1 { decoded[n] = Int32(bitPattern: VarInt.decodeUnchecked(base, &offset)); n &+= 1 }
                title = n
                while offset < b2 { decoded[n] = Int32(bitPattern: VarInt.decodeUnchecked(base, &offset)); n &+= 1 }
                description = n &- title
                while offset < b3 { decoded[n] = Int32(bitPattern: VarInt.decodeUnchecked(base, &offset)); n &+= 1 }
                institution = n &- title &- description
            }
            out.append(contentsOf: UnsafeBufferPointer(start: decoded, count: n))
        }
        return (title, description, institution)
    }

    /// Appends the term ids of document `d`'s title, then its institution name's, to `out`, and
    /// returns how many tokens each of its three fields has: the description's are counted, not
    /// decoded (a varint ends at each byte below 0x80), for a caller that needs only the
    /// description's length (the writer's row pass: field terms and lengths).
    /// - Precondition: `0 <= d < count`. - Complexity: O(its name tokens + description bytes / 8).
    func appendNameTokens(of d: Int, to out: inout [Int32]) -> (title: Int, description: Int, institution: Int) {
        let c = d / Self.chunkDocuments, k = (d % Self.chunkDocuments) * 3
        return chunks[c].bounds.withUnsafeBufferPointer { bounds in
            let b0 = Int(bounds[k]), b1 = Int(bounds[k + 1]), b2 = Int(bounds[k + 2]), b3 = Int(bounds[k + 3])
            out.reserveCapacity(out.count + (b1 - b0) + (b3 - b2)) // a token takes at least a byte
            return chunks[c].bytes.withUnsafeBytes { raw in
                let base = raw.baseAddress.unsafelyUnwrapped
                var offset = b0, title = 0, institution = 0
                while offset < b1 { out.append(Int32(bitPattern: VarInt.decodeUnchecked(base, &offset))); title &+= 1 }
                let description = VarInt.count(in: UnsafeRawBufferPointer(start: base + b1, count: b2 - b1))
                offset = b2
                while offset < b3 { out.append(Int32(bitPattern: VarInt.decodeUnchecked(base, &offset))); institution &+= 1 }
                return (title, description, institution)
            }
        }
    }

    /// Nothing analyzed yet.
    ///
    /// - Parameter phrases: the synonym dictionary's phrases (analyzed words, two or more),
    ///   whose occurrences add their compound (the words run together) as one more token.
    init(phrases: Set<[String]>) {
        sortedPhrases = phrases.filter { $0.count > 1 }.sorted {
            $0[0] != $1[0] ? $0[0] < $1[0] : $0.count != $1.count ? $0.count > $1.count : $0.lexicographicallyPrecedes($1)
        }
    }

    /// Analyzes the title, description and institution name of `records[order[d]]` for every
    /// document `d`, on up to `threads` threads, and maps every token to `terms.textID`.
    init(records: [ProgramRecord], order: [Int], phrases: Set<[String]>, threads: Int, terms: inout TermTable) {
        self.init(phrases: phrases)
        let ordered = order.map { records[$0] }
        ordered.withUnsafeBufferPointer { analyze(RecordTexts.records($0), threads: threads, terms: &terms) }
    }

    /// Analyzes the records of `texts` (its `0 ..< count`) as documents `count ..< count +
    /// texts.count`, on up to `threads` threads, and maps their tokens to `terms.textID`.
    /// `texts` is read only during the call.
    mutating func analyze(_ texts: RecordTexts, threads: Int, terms: inout TermTable) {
        // Units: the batch cut where a storage chunk ends.
        var units: [Range<Int>] = []
        var start = 0
        while start < texts.count {
            let room = Self.chunkDocuments - (count + start) % Self.chunkDocuments
            units.append(start ..< min(texts.count, start + room))
            start = units[units.count - 1].upperBound
        }
        guard !units.isEmpty else { return }
        let results = ConcurrentSlots<(Chunk, TokenInterner, firstSeen: [Int32])>(count: units.count)
        let phrases = sortedPhrases, unitRanges = units
        // A thread takes the next unit when done with one: a batch's first and last are partial.
        SharedWork.forEach(units.count, threads: threads) { u in
            let (chunk, vocabulary) = Self.analyze(texts, unitRanges[u], phrases: phrases)
            results.store((chunk, vocabulary, Self.firstSeen(chunk.localTokens, vocabularySize: vocabulary.count)), at: u)
        }
        // Term ids in the order a single thread would make them: unit by unit, each unit's
        // distinct tokens in the order they first occur. Then every unit's tokens are mapped
        // to them and written as varints, in parallel.
        let remapped = ConcurrentSlots<(Chunk, termOf: [Int32])>(count: units.count)
        for u in units.indices {
            let (chunk, vocabulary, firstSeen) = results.take(u)
            var termOf = [Int32](repeating: -1, count: vocabulary.count)
            for l in firstSeen { termOf[Int(l)] = terms.textID(vocabulary.string(Int(l))) }
            remapped.store((chunk, termOf), at: u)
        }
        SharedWork.forEach(units.count, threads: threads) { u in
            var (chunk, termOf) = remapped.take(u)
            Self.encode(&chunk, termOf: termOf)
            remapped.store((chunk, []), at: u)
        }
        // Each unit starts a storage chunk or continues the last one.
        for u in units.indices {
            let unit = remapped.take(u).0
            if (count + units[u].lowerBound) % Self.chunkDocuments == 0 {
                chunks.append(unit)
            } else {
                let c = chunks.count - 1, shift = UInt32(chunks[c].bytes.count)
                chunks[c].bytes += unit.bytes
                chunks[c].bounds += unit.bounds.dropFirst().map { $0 + shift }
            }
        }
        count += texts.count
    }

    /// Maps `chunk`'s local tokens to term ids (`termOf`) written as varints into its `bytes`,
    /// its bounds moved from token to byte positions, and lets the local tokens go.
    /// - Complexity: O(tokens + documents).
    private static func encode(_ chunk: inout Chunk, termOf: [Int32]) {
        let local = chunk.localTokens
        chunk.localTokens = []
        var bounds = chunk.bounds
        termOf.withUnsafeBufferPointer { termOf in
            local.withUnsafeBufferPointer { local in
                var size = 0
                for t in local { size &+= VarInt.length(UInt32(bitPattern: termOf[Int(t)])) }
                chunk.bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, written in
                    let base = buffer.baseAddress.unsafelyUnwrapped
                    var out = base
                    var k = 0
                    for b in bounds.indices.dropFirst() {
                        let end = Int(bounds[b])
                        while k < end {
                            VarInt.write(UInt32(bitPattern: termOf[Int(local[k])]), &out)
                            k &+= 1
                        }
                        bounds[b] = UInt32(out - base)
                    }
                    precondition(out - base == size, "the chunk's varints fill the size measured")
                    written = size
                }
            }
        }
        chunk.bounds = bounds
    }

    /// The distinct local ids of `tokens`, in the order they first occur.
    /// - Complexity: O(tokens + vocabularySize).
    private static func firstSeen(_ tokens: [Int32], vocabularySize: Int) -> [Int32] {
        var seen = [Bool](repeating: false, count: vocabularySize)
        var order: [Int32] = []
        for t in tokens where !seen[Int(t)] {
            seen[Int(t)] = true
            order.append(t)
        }
        return order
    }

    /// One unit's tokens (`texts`' records `range`) as ids of its own vocabulary.
    fileprivate static func analyze(_ texts: RecordTexts, _ range: Range<Int>, phrases: [[String]]) -> (Chunk, TokenInterner) {
        var analyzer = ChunkAnalyzer(phrases: phrases, documents: range.count)
        var chunk = Chunk()
        chunk.bounds.reserveCapacity(range.count * 3 + 1)
        for k in range {
            // Field by field: a copy of the whole record would retain every one of its strings.
            let r = texts.record(k)
            analyzer.field(r.pointee.title, 0)
            chunk.bounds.append(UInt32(analyzer.tokens.count))
            texts.withDescription(k) { analyzer.field(utf8: $0, 1) }
            chunk.bounds.append(UInt32(analyzer.tokens.count))
            analyzer.field(r.pointee.institutionName, 2)
            chunk.bounds.append(UInt32(analyzer.tokens.count))
        }
        chunk.localTokens = Array(analyzer.tokens[...]) // exact size: the reserve was a guess
        return (chunk, analyzer.vocabulary)
    }
}

/// Where a batch of records' texts are read (`DocumentTokens.analyze`, `IndexTextPass`): records
/// in memory with their own descriptions, or a piece of a corpus file as it is parsed, whose
/// descriptions are apart — by pointer, so reading a record copies (retains) none of the
/// piece's arrays: the workers would contend for their reference counts. `@unchecked
/// Sendable`: read-only, and valid, while the batch is analyzed.
enum RecordTexts: @unchecked Sendable {
    case records(UnsafeBufferPointer<ProgramRecord>)
    case piece(UnsafePointer<JSONLRecordFormat.ParsedPiece>)

    /// Records in the batch, `0 ..< count`.
    var count: Int {
        switch self {
        case let .records(r): r.count
        case let .piece(p): p.pointee.count
        }
    }

    /// Record `k` of the batch.
    func record(_ k: Int) -> UnsafePointer<ProgramRecord> {
        switch self {
        case let .records(r): r.baseAddress.unsafelyUnwrapped + k
        case let .piece(p): p.pointee.record(k)
        }
    }

    /// Calls `body` with record `k`'s description's UTF-8 (valid only during the call).
    func withDescription<R>(_ k: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        switch self {
        case let .records(r):
            var text = r[k].description
            return text.withUTF8(body)
        case let .piece(p):
            return p.pointee.descriptions.withBytes(of: k, body)
        }
    }
}

/// One thread's analysis state: its vocabulary, the tokens so far, and the dictionary's
/// phrases as ids of that vocabulary. A struct with a mutating method, not a closure over
/// local variables, so no token access pays a dynamic exclusivity check.
private struct ChunkAnalyzer {
    var vocabulary = TokenInterner(expectedKeys: 8192)
    var tokens: [Int32] = []
    /// Each phrase's words as local ids, phrases grouped by first word, longest first.
    private var phraseWords: [[Int32]] = []
    /// Each phrase's compound, as a local id.
    private var compounds: [Int32] = []
    /// For a local id that starts phrases, their range in `phraseWords`. Phrase words are
    /// interned first, so only ids below `starts.count` can begin one.
    private var starts: [Range<Int>] = []

    init(phrases: [[String]], documents: Int) {
        tokens.reserveCapacity(documents * 64)
        for p in phrases { phraseWords.append(p.map { vocabulary.id(of: Array($0.utf8)) }) }
        for p in phrases { compounds.append(vocabulary.id(of: Array(p.joined().utf8))) }
        starts = [Range<Int>](repeating: 0 ..< 0, count: vocabulary.count)
        var i = 0
        while i < phraseWords.count {
            var e = i + 1
            while e < phraseWords.count && phraseWords[e][0] == phraseWords[i][0] { e += 1 }
            starts[Int(phraseWords[i][0])] = i ..< e
            i = e
        }
    }

    /// Texts analyzed before, with where their tokens are in `cachedTokens`: a corpus repeats
    /// titles, institution names and (the real one) catalog descriptions, and looking a text
    /// up costs a hash, far less than analyzing it again. At most `cacheLimit` texts, so a
    /// corpus of distinct texts keeps no copy of them all.
    /// The texts by their UTF-8 (`TokenInterner`: a byte hash and compare, not `String`
    /// hashing), each id's tokens at `cachedRanges[id]` in `cachedTokens`.
    private var cache = TokenInterner(expectedKeys: 1024)
    private var cachedRanges: [Range<Int>] = []
    private var cachedTokens: [Int32] = []
    private static let cacheLimit = 8192
    /// Per field (`Schema.TextField` order): texts looked up in `cache`, and found. A field
    /// whose texts turn out distinct (after `cacheTrial` lookups, fewer than 1 in 8 found, as
    /// generated descriptions are) is no longer looked up, so its texts are not hashed.
    private var lookups = [0, 0, 0], hits = [0, 0, 0]
    private static let cacheTrial = 2048

    /// Appends the tokens of field `field` (0 title, 1 description, 2 institution name) of one
    /// document, then the compound of every phrase occurrence in it.
    mutating func field(_ text: String, _ field: Int) {
        var text = text
        text.withUTF8 { self.field(utf8: $0, field) }
    }

    /// `field(_:_:)` for a text's UTF-8 where it lies (valid UTF-8).
    mutating func field(utf8 text: UnsafeBufferPointer<UInt8>, _ field: Int) {
        let caching = lookups[field] < Self.cacheTrial || hits[field] * 8 >= lookups[field]
        if caching {
            lookups[field] += 1
            if let id = cache.existingID(of: text) {
                hits[field] += 1
                tokens.append(contentsOf: cachedTokens[cachedRanges[Int(id)]])
                return
            }
        }
        let start = tokens.count
        analyze(text)
        if caching && cache.count < Self.cacheLimit {
            _ = cache.id(of: text)
            cachedRanges.append(cachedTokens.count ..< cachedTokens.count + (tokens.count - start))
            cachedTokens.append(contentsOf: tokens[start...])
        }
    }

    /// Tokens as the analyzer cuts them, before plural reduction (`Analyzer.forEachTokenSpan`,
    /// most of them read in place in the text): a chunk holds a few thousand distinct words, so each is
    /// reduced (`PluralStemmer`) and interned in `vocabulary` once, on first sight, not per
    /// occurrence. `reducedID[raw id]` is its reduced form's id in `vocabulary`.
    private var rawVocabulary = TokenInterner(expectedKeys: 8192)
    private var reducedID: [Int32] = []

    /// Analyzes `text` into `tokens`: its words, then its phrases' compounds.
    private mutating func analyze(_ text: UnsafeBufferPointer<UInt8>) {
        let start = tokens.count
        Analyzer.forEachTokenSpan(inUTF8: text) { raw in
            let r = Int(rawVocabulary.id(of: raw))
            if r == reducedID.count {
                var reduced = Array(raw)
                PluralStemmer.stem(inPlace: &reduced)
                reducedID.append(vocabulary.id(of: reduced))
            }
            tokens.append(reducedID[r])
        }
        guard !phraseWords.isEmpty else { return }
        let end = tokens.count
        for k in start ..< end {
            let t = Int(tokens[k])
            guard t < starts.count else { continue }
            for p in starts[t] {
                let words = phraseWords[p]
                guard k + words.count <= end else { continue }
                var found = true
                for w in 1 ..< words.count where tokens[k + w] != words[w] { found = false; break }
                if found { tokens.append(compounds[p]) }
            }
        }
    }
}

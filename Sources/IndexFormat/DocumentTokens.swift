import Analysis
import Corpus
import Dispatch
import Platform

/// The analyzed text fields of every document, as text term ids of the writer's `TermTable`:
/// for each document its title's tokens, then its description's, then its institution name's
/// (`Schema.TextField` order), each field followed by the compound of every dictionary phrase
/// found in it (`PhraseCompounder.appendingCompounds`'s rule).
///
/// Built in parallel: the documents are cut into contiguous chunks, and each chunk is analyzed
/// on its own thread into a private vocabulary (`TokenInterner`, token bytes → local ids, no
/// `String` per token). The chunks' local ids are then mapped to term ids one chunk after the
/// other, in order, so the term table sees the tokens in the same order as a single thread
/// would, and each distinct token of a chunk is looked up in it once.
///
/// The chunks are analyzed a round at a time (`analyzeNext`: one chunk per thread), so a caller
/// can use a round's texts — and let go of them — before the next round is analyzed.
///
/// The term ids are kept as varints (`VarInt`): ids are made in order of first occurrence, so
/// the common words have the small ones, and a token takes about 1.3 bytes instead of 4
/// (realistic text) — at 10M documents, a gigabyte rather than 2.5 held through the build.
///
/// - Complexity: O(text bytes) analysis split over the threads, plus O(distinct tokens per chunk)
///   term-table lookups; memory 1–3 bytes per token (ids below 2^21) plus 12 per document.
struct DocumentTokens {
    /// One contiguous run of documents, analyzed together.
    fileprivate struct Chunk {
        /// Ids of every token of the chunk's documents, fields back to back, as varints (term
        /// ids once mapped; `analyze` leaves the chunk's local ids in `localTokens` instead).
        var bytes: [UInt8] = []
        /// Per document of the chunk, 3 entries: where its title, description and institution
        /// name start — in `bytes`, or in `localTokens` before the mapping; then one final
        /// entry, the end. Count 3 · documents + 1.
        var bounds: [UInt32] = [0]
        /// The tokens as local ids (`analyze`'s output), empty once mapped to `bytes`.
        var localTokens: [Int32] = []
    }

    private var chunks: [Chunk] = []
    private let chunkSize: Int
    /// The dictionary's phrases of two or more words, grouped by first word, longest first.
    private let sortedPhrases: [[String]]

    /// Documents to analyze, `0 ..< count`.
    let count: Int
    /// Documents analyzed so far: `0 ..< analyzedCount`.
    var analyzedCount: Int { min(count, chunks.count * chunkSize) }

    /// Appends the term ids of document `d`'s title, description and institution name, in that
    /// order, to `out`, and returns how many each field has.
    /// - Precondition: `0 <= d < analyzedCount`. - Complexity: O(its tokens).
    func appendTokens(of d: Int, to out: inout [Int32]) -> (title: Int, description: Int, institution: Int) {
        let chunk = chunks[d / chunkSize], k = (d % chunkSize) * 3
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

    /// Nothing analyzed yet, for `count` documents cut into chunks for `threads` threads.
    ///
    /// - Parameter phrases: the synonym dictionary's phrases (analyzed words, two or more),
    ///   whose occurrences add their compound (the words run together) as one more token.
    init(count: Int, phrases: Set<[String]>, threads: Int) {
        self.count = count
        // Four chunks a thread, and none over 131,072 documents, so a round (a chunk a thread)
        // holds a bounded share of a large corpus's texts before the caller lets them go.
        let chunkCount = max(1, min(max(threads * 4, (count + 131_071) / 131_072), (count + 4095) / 4096))
        chunkSize = max(1, (count + chunkCount - 1) / chunkCount)
        sortedPhrases = phrases.filter { $0.count > 1 }.sorted {
            $0[0] != $1[0] ? $0[0] < $1[0] : $0.count != $1.count ? $0.count > $1.count : $0.lexicographicallyPrecedes($1)
        }
    }

    /// Analyzes the title, description and institution name of `records[order[d]]` for every
    /// document `d`, on up to `threads` threads, and maps every token to `terms.textID`.
    init(records: [ProgramRecord], order: [Int], phrases: Set<[String]>, threads: Int, terms: inout TermTable) {
        self.init(count: order.count, phrases: phrases, threads: threads)
        records.withUnsafeBufferPointer { records in
            while analyzedCount < count {
                _ = analyzeNext(records: records, descriptions: nil, order: order, threads: threads, terms: &terms)
            }
        }
    }

    /// Analyzes the next round of documents — up to `threads` chunks, in parallel — of
    /// `records[order[d]]` (their descriptions from `descriptions` when given, by record index),
    /// maps their tokens to `terms.textID`, and returns their range (empty once every document
    /// is analyzed). `records` is read only during the call.
    mutating func analyzeNext(records: UnsafeBufferPointer<ProgramRecord>, descriptions: DeferredDescriptions?, order: [Int],
                              threads: Int, terms: inout TermTable) -> Range<Int> {
        let start = analyzedCount
        let firstChunk = chunks.count
        let roundChunks = min(max(1, threads), (count + chunkSize - 1) / chunkSize - firstChunk)
        guard roundChunks > 0 else { return start ..< start }
        let results = ConcurrentSlots<(Chunk, TokenInterner, firstSeen: [Int32])>(count: roundChunks)
        let size = chunkSize, phrases = sortedPhrases, total = count
        let shared = UnsafeSendable(records)
        DispatchQueue.concurrentPerform(iterations: roundChunks) { c in
            let range = (firstChunk + c) * size ..< min(total, (firstChunk + c + 1) * size)
            let (chunk, vocabulary) = Self.analyze(records: shared.value, descriptions: descriptions, documents: order[range],
                                                   phrases: phrases)
            results.store((chunk, vocabulary, Self.firstSeen(chunk.localTokens, vocabularySize: vocabulary.count)), at: c)
        }
        // Term ids in the order a single thread would make them: chunk by chunk, each chunk's
        // distinct tokens in the order they first occur. Then every chunk's tokens are mapped
        // to them, in parallel.
        let remapped = ConcurrentSlots<(Chunk, termOf: [Int32])>(count: roundChunks)
        for c in 0 ..< roundChunks {
            let (chunk, vocabulary, firstSeen) = results.take(c)
            var termOf = [Int32](repeating: -1, count: vocabulary.count)
            for l in firstSeen { termOf[Int(l)] = terms.textID(vocabulary.string(Int(l))) }
            remapped.store((chunk, termOf), at: c)
        }
        DispatchQueue.concurrentPerform(iterations: roundChunks) { c in
            var (chunk, termOf) = remapped.take(c)
            Self.encode(&chunk, termOf: termOf)
            remapped.store((chunk, []), at: c)
        }
        for c in 0 ..< roundChunks { chunks.append(remapped.take(c).0) }
        return start ..< analyzedCount
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

    /// One chunk's tokens as ids of its own vocabulary.
    fileprivate static func analyze(records: UnsafeBufferPointer<ProgramRecord>, descriptions: DeferredDescriptions?,
                                    documents: ArraySlice<Int>, phrases: [[String]]) -> (Chunk, TokenInterner) {
        var analyzer = ChunkAnalyzer(phrases: phrases, documents: documents.count)
        var chunk = Chunk()
        chunk.bounds.reserveCapacity(documents.count * 3 + 1)
        for i in documents {
            // Field by field: a copy of the whole record would retain every one of its strings.
            analyzer.field(records[i].title, 0)
            chunk.bounds.append(UInt32(analyzer.tokens.count))
            if let descriptions {
                descriptions.withBytes(of: i) { analyzer.field(utf8: $0, 1) }
            } else {
                analyzer.field(records[i].description, 1)
            }
            chunk.bounds.append(UInt32(analyzer.tokens.count))
            analyzer.field(records[i].institutionName, 2)
            chunk.bounds.append(UInt32(analyzer.tokens.count))
        }
        chunk.localTokens = Array(analyzer.tokens[...]) // exact size: the reserve was a guess
        return (chunk, analyzer.vocabulary)
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

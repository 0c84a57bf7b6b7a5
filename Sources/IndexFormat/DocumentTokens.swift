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
/// - Complexity: O(text bytes) analysis split over the threads, plus O(distinct tokens per chunk)
///   term-table lookups; memory 4 bytes per token plus 12 per document.
struct DocumentTokens {
    /// One contiguous run of documents, analyzed together.
    fileprivate struct Chunk {
        /// Term ids of every token of the chunk's documents, fields back to back.
        var tokens: [Int32] = []
        /// Per document of the chunk, 3 entries: where its title, description and institution
        /// name start in `tokens`; then one final entry, the end. Count 3 · documents + 1.
        var bounds: [UInt32] = [0]
    }

    private var chunks: [Chunk] = []
    private let chunkSize: Int
    /// The dictionary's phrases of two or more words, grouped by first word, longest first.
    private let sortedPhrases: [[String]]

    /// Documents to analyze, `0 ..< count`.
    let count: Int
    /// Documents analyzed so far: `0 ..< analyzedCount`.
    var analyzedCount: Int { min(count, chunks.count * chunkSize) }

    /// The token ids of document `d`'s title, description and institution name.
    /// - Precondition: `0 <= d < analyzedCount`.
    func fields(of d: Int) -> (title: ArraySlice<Int32>, description: ArraySlice<Int32>, institution: ArraySlice<Int32>) {
        let chunk = chunks[d / chunkSize], k = (d % chunkSize) * 3
        let b = chunk.bounds
        return (chunk.tokens[Int(b[k]) ..< Int(b[k + 1])], chunk.tokens[Int(b[k + 1]) ..< Int(b[k + 2])],
                chunk.tokens[Int(b[k + 2]) ..< Int(b[k + 3])])
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
            results.store((chunk, vocabulary, Self.firstSeen(chunk.tokens, vocabularySize: vocabulary.count)), at: c)
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
            // The slot lets go of the chunk, so its tokens are rewritten in place.
            var (chunk, termOf) = remapped.take(c)
            termOf.withUnsafeBufferPointer { termOf in
                chunk.tokens.withUnsafeMutableBufferPointer { tokens in
                    for k in tokens.indices { tokens[k] = termOf[Int(tokens[k])] }
                }
            }
            remapped.store((chunk, []), at: c)
        }
        for c in 0 ..< roundChunks { chunks.append(remapped.take(c).0) }
        return start ..< analyzedCount
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
        chunk.tokens = Array(analyzer.tokens[...]) // exact size: the reserve was a guess
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

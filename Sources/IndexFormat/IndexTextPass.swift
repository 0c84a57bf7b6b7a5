import Analysis
import Corpus
import Platform

/// The index build's pass over the records, in their (input) order: each record's title,
/// description and institution name analyzed into term ids (`DocumentTokens`), its description
/// stored in TEXTS (`StoredTextPool`, compressed beside the pass), and its other fields kept
/// compact (`RecordColumns`) — all the writer needs of a record.
///
/// It takes the records a batch at a time, so a corpus file can be indexed as it is parsed:
/// `add(_:)` takes a piece of a JSON Lines file (`JSONLRecordFormat.ParsedPiece`, handed over
/// by `CorpusLoader.load(_:zipsPath:keepingRecords:handingPiecesTo:)`), whose descriptions and
/// (not kept) records are dropped once it returns, so the build never holds the corpus's
/// descriptions — about 400 bytes a record on realistic text — nor its parsed records (280
/// bytes inline and their strings), only the tokens (about 1.5 bytes a token), the compressed
/// texts and the columns (about 112 bytes a record). `IndexWriter.write(_:to:)` then builds
/// the rest; given records, the writer runs a pass of its own over them.
///
/// Every record is analyzed and its description stored, the ones the writer then leaves out
/// (an invalid record, a repeated id) too: their tokens are never read, and their texts stay
/// in TEXTS unreferenced (a repeated id is known only once every id is read).
///
/// TEXTS's dictionary and entropy codes are sampled from the first `sampledRecords` records'
/// descriptions and the writer's tables: the descriptions before it are held (copied) until it
/// is chosen, so the file is the same however the records came in batches.
///
/// - Complexity: O(text bytes) split over `threads`; memory the tokens, the compressed texts
///   and at most `sampledRecords` descriptions.
public struct IndexTextPass {
    /// Records whose descriptions the TEXTS dictionary and codes are sampled from by default
    /// (fewer if the corpus has fewer): 2^16, some 27 MB of realistic descriptions held until then.
    static let defaultSampledRecords = 1 << 16
    /// Records whose descriptions the sample is taken from (tests lower it). Set before the first record.
    var sampledRecords = defaultSampledRecords

    let threads: Int
    /// The texts stored after the descriptions (`IndexWriter.tables` and the synonym table).
    let tables: [(name: String, text: String)]
    /// The term table, its first terms the levels' and deliveries' keywords, then the texts'
    /// tokens as they come.
    var terms = TermTable()
    /// The keyword term of each award level (`AwardLevel.allCases` order) and delivery
    /// (`Delivery.allCases` order): the term table's first ids.
    let levelTerms: [Int32], deliveryTerms: [Int32]
    var tokens: DocumentTokens
    /// Every other field of each record taken (`RecordColumns`): with the tokens and text ids,
    /// all the writer needs of the records, so a corpus file's parsed records need not be kept.
    var columns = RecordColumns()
    /// Per record stored so far, its description's text id.
    private(set) var textIDs: [UInt32] = []
    /// The pool, once the sample is taken.
    private var storedTexts: StoredTextPool?
    /// Descriptions held until the sample is taken: bytes back to back, and where each ends.
    private var heldBytes: [UInt8] = []
    private var heldEnds: [Int] = []

    /// Records taken so far, `0 ..< count`.
    public var count: Int { tokens.count }

    /// A pass for `writer`'s build: its synonyms, tables and threads.
    public init(for writer: IndexWriter) {
        self.init(synonyms: writer.synonyms, tables: writer.tables, threads: writer.threads)
    }

    /// A pass for a build whose writer has these `synonyms` (their phrases are indexed as
    /// compounds, their source stored), `tables` (`IndexWriter.tables`) and `threads`.
    public init(synonyms: SynonymDictionary, tables: [(name: String, text: String)] = [], threads: Int = SystemCalls.processorCount()) {
        self.threads = threads
        self.tables = IndexWriter.storedTables(tables, synonyms: synonyms)
        tokens = DocumentTokens(phrases: synonyms.phrases)
        var terms = TermTable()
        levelTerms = AwardLevel.allCases.map { terms.keywordID(IndexLayout.KeywordField.level.term($0.rawValue)) }
        deliveryTerms = Delivery.allCases.map { terms.keywordID(IndexLayout.KeywordField.delivery.term($0.rawValue)) }
        self.terms = terms
    }

    /// Takes the next piece of a corpus file: analyzes its records and stores their descriptions.
    /// - Precondition: `piece.firstRecord == count` (pieces in order, none left out).
    public mutating func add(_ piece: JSONLRecordFormat.ParsedPiece) {
        precondition(piece.firstRecord == count, "pieces are added in order: piece at \(piece.firstRecord), \(count) records taken")
        withUnsafePointer(to: piece) { add(.piece($0)) }
    }

    /// Takes `records` (their own descriptions), a round of at most 2^17 a thread at a time, and
    /// empties each round's descriptions once stored: a description freed as the pass goes is
    /// memory back before the postings are built.
    mutating func add(records: UnsafeMutableBufferPointer<ProgramRecord>) {
        let round = max(1, threads) << 17
        var start = 0
        while start < records.count {
            let end = min(records.count, start + round)
            add(.records(UnsafeBufferPointer(rebasing: records[start ..< end])))
            for i in start ..< end { records[i].description = "" }
            start = end
        }
    }

    private mutating func add(_ texts: RecordTexts) {
        tokens.analyze(texts, threads: threads, terms: &terms)
        for k in 0 ..< texts.count {
            texts.withDescription(k) { store($0) }
            columns.append(texts.record(k))
        }
    }

    /// Stores one description (in record order), or holds it until the sample is taken.
    private mutating func store(_ text: UnsafeBufferPointer<UInt8>) {
        if storedTexts != nil {
            textIDs.append(storedTexts!.intern(utf8: text))
            return
        }
        heldBytes.append(contentsOf: text)
        heldEnds.append(heldBytes.count)
        if heldEnds.count >= sampledRecords { startStoring() }
    }

    /// Samples the dictionary and codes from the held descriptions and the tables, then stores
    /// the held descriptions and lets them go.
    private mutating func startStoring() {
        let held = heldEnds.count
        let heldBytes = self.heldBytes, heldEnds = self.heldEnds, tables = self.tables
        func start(_ k: Int) -> Int { k == 0 ? 0 : heldEnds[k - 1] }
        func length(_ k: Int) -> Int { k < held ? heldEnds[k] - start(k) : tables[k - held].text.utf8.count }
        func text(_ k: Int) -> [UInt8] { k < held ? Array(heldBytes[start(k) ..< heldEnds[k]]) : Array(tables[k - held].text.utf8) }
        func sample(phase: Double) -> [UInt8] {
            StoredTextPool.sampledTexts(count: held + tables.count, length: length, text: text, size: IndexLayout.textDictionarySize, phase: phase)
        }
        var pool = StoredTextPool(dictionary: sample(phase: 0), training: sample(phase: 0.5), threads: threads)
        heldBytes.withUnsafeBufferPointer { bytes in
            for k in 0 ..< held {
                textIDs.append(pool.intern(utf8: UnsafeBufferPointer(rebasing: bytes[start(k) ..< heldEnds[k]])))
            }
        }
        storedTexts = pool
        self.heldBytes = []
        self.heldEnds = []
    }

    /// Stores the tables' texts after the descriptions and returns their ids, then the TEXTS
    /// section as consecutive byte runs; the pass's texts are spent (its tokens and terms stay).
    mutating func finishTexts() -> (tableIDs: [UInt32], section: [[UInt8]]) {
        if storedTexts == nil { startStoring() }
        let tableIDs = tables.map { storedTexts!.intern($0.text) }
        let section = storedTexts!.serializedParts()
        storedTexts = nil
        return (tableIDs, section)
    }
}

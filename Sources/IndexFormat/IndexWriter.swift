import Analysis
import Corpus
import Dispatch
import Geo
import Platform

/// Builds an index file from program records. See `Index/FORMAT.md` for the layout.
///
/// Document order is (grid cell key, id): the records of one cell, and of one row of cells, are a
/// contiguous range of document numbers, so a radius query becomes a few document ranges.
/// `ranks[doc]` is the document's position in id order, which the searcher uses for id ties.
public struct IndexWriter {
    /// Facts about the corpus recorded in the file.
    public var corpusName: String
    public var isSampleData: Bool
    public var note: String
    /// ZIP centroids stored in the index so `--zip` needs no other file.
    public var zips: [ZipCentroid]
    /// Smallest index (documents) whose dense terms get bitmaps. Tests lower it to exercise
    /// bitmaps on small files; the format allows bitmaps on any term.
    public var denseMinimumDocuments = IndexLayout.denseMinimumDocuments
    /// Named text tables stored in TABLES (e.g. the careers tables of the real corpus), in order.
    public var tables: [(name: String, text: String)] = []
    /// The synonym dictionary: stored in TABLES (`SynonymDictionary.tableName`) for queries, and
    /// every phrase of it found in a text is indexed as one more token, its compound
    /// (`PhraseCompounder`). Empty: no table, no compounds.
    public var synonyms: SynonymDictionary = .empty
    /// Threads of the build's parallel steps (parsing is the reader's: `JSONLRecordFormat`):
    /// analysis, inversion, encoding, FIELDPEAKS, BLOCKSUMS, and at most this many TEXTS
    /// batches compressed at once on Dispatch workers beside the text pass (so even 1 uses a
    /// second thread there). The file is the same for any count. Default: the processors online.
    public var threads = SystemCalls.processorCount()

    public init(corpusName: String, isSampleData: Bool, note: String, zips: [ZipCentroid]) {
        self.corpusName = corpusName
        self.isSampleData = isSampleData
        self.note = note
        self.zips = zips
    }

    /// What a build produced.
    public struct Summary: Sendable {
        public var documents: Int
        public var institutions: Int
        public var terms: Int
        public var bytes: Int
        /// Records not indexed (invalid or duplicate id), with reasons; location is the record's
        /// 1-based position in the input.
        public var report: IngestReport
        /// Wall seconds of each step of the build, in order (`BuildPhase`): where the time went.
        public var phases: [(phase: BuildPhase, seconds: Double)] = []
    }

    /// The steps of a build, as `Summary.phases` times them.
    public enum BuildPhase: String, Sendable, CaseIterable {
        /// Validating the records, ordering them by id and by cell.
        case order
        /// Analyzing every title, description and institution name (in parallel), and storing the
        /// descriptions (TEXTS compressed beside it), in the records' order (`IndexTextPass`);
        /// given a pass that took them as they were parsed, only TEXTS's last blocks. Writing to a
        /// file, TEXTS goes into it here (`IndexFileOutput`, written on a worker).
        case analyze
        /// The document, detail, institution and field-length rows, the keywords, and the interned
        /// strings encoded: STRINGS, and TEXTS's last blocks compressed. Writing to a file, IDS,
        /// INSTITUTIONS, DOCUMENTS, DETAILS and STRINGS go into it here.
        case rows
        /// Inverting the documents' terms into postings (in parallel).
        case invert
        /// Encoding TERMS and POSTINGS.
        case postings
        /// FIELDPEAKS and the other small sections, BLOCKSUMS and the header. Writing to a file,
        /// the sections not yet in it go in here, in file order, each one's block checksums
        /// taken while the one before is written.
        case sections
        /// Writing to a file: waiting for its last writes, then the header, fsync and rename.
        /// Built in memory (`serialize`): not timed.
        case write
    }

    /// Serializes `records` and writes them atomically to `path`. Pass the records' last use
    /// (`consume`) and their memory is freed as soon as a text pass of the writer's own has
    /// taken them, before the document rows are made.
    @discardableResult
    public func write(_ records: consuming [ProgramRecord], to path: String) throws(IndexFormatError) -> Summary {
        var clock = PhaseClock()
        let pass = Self.pass(over: consume records, for: self)
        return try self.write(pass, analyzing: clock.lap(), to: path)
    }

    /// Writes the records `pass` took (`IndexTextPass`: a corpus file indexed as it was parsed,
    /// its parsed records not kept) atomically to `path`. The pass is spent: pass its last use
    /// (`consume`) and its tokens are freed once the postings are made.
    @discardableResult
    public func write(_ pass: consuming IndexTextPass, to path: String) throws(IndexFormatError) -> Summary {
        try self.write(pass, analyzing: 0, to: path)
    }

    private func write(_ pass: consuming IndexTextPass, analyzing seconds: Double, to path: String) throws(IndexFormatError) -> Summary {
        let output = try IndexFileOutput(path: path)
        do {
            let (file, serialized) = try serializedParts(consume pass, analyzing: seconds, into: output)
            var summary = serialized
            var clock = PhaseClock()
            try output.commit(header: file.header)
            summary.phases.append((.write, clock.lap()))
            return summary
        } catch {
            output.discard() // the temporary file goes now, not when the last write ends
            throw error
        }
    }

    /// The complete index file for `records`. Records that fail validation or repeat an earlier
    /// id are left out and reported in the summary. Throws `.emptyCorpus` when none remain.
    public func serialize(_ input: [ProgramRecord]) throws(IndexFormatError) -> ([UInt8], Summary) {
        var clock = PhaseClock()
        let pass = Self.pass(over: input, for: self)
        let (file, summary) = try serializedParts(pass, analyzing: clock.lap())
        return (file.bytes(), summary)
    }

    /// A text pass of `writer`'s over `records` (their descriptions freed as it goes), the
    /// records then let go.
    static func pass(over records: consuming [ProgramRecord], for writer: IndexWriter) -> IndexTextPass {
        var input = consume records
        var pass = IndexTextPass(for: writer)
        input.withUnsafeMutableBufferPointer { pass.add(records: $0) }
        input = []
        SystemCalls.returnFreedMemory() // the records' strings: the pass keeps its own compact copies
        return pass
    }

    /// The tables TABLES holds, in order: `tables`, then `synonyms`' (`SynonymDictionary.tableName`), if any.
    static func storedTables(_ tables: [(name: String, text: String)], synonyms: SynonymDictionary) -> [(name: String, text: String)] {
        tables + (synonyms.source.isEmpty ? [] : [(name: SynonymDictionary.tableName, text: synonyms.source)])
    }

    /// The index file for the records `given` took, laid out (`AssembledFile`). `seconds`:
    /// the time the pass took, when the writer made it (the summary's `analyze` phase). With
    /// `output`, each section goes into the file being written as soon as it is made
    /// (`IndexFileOutput`, in `IndexLayout.Section.fileOrder`, written on a worker): the ones
    /// finished before the postings (TEXTS, IDS, INSTITUTIONS, DOCUMENTS, DETAILS, STRINGS)
    /// while the rows go on, waited for before the inversion, so the inversion and the postings
    /// do not hold them; the rest once the postings are made. Only the header is left for
    /// `output.commit`. Without `output`, every section stays in memory.
    func serializedParts(_ given: consuming IndexTextPass, analyzing seconds: Double = 0,
                         into output: IndexFileOutput? = nil) throws(IndexFormatError) -> (AssembledFile, Summary) {
        var pass: IndexTextPass? = consume given
        // The pass stored its tables and compounded its synonyms' phrases: they must be this writer's.
        if !pass!.tables.elementsEqual(Self.storedTables(tables, synonyms: synonyms), by: { $0.name == $1.name && $0.text == $1.text }) {
            throw .cannotWrite(path: "", reason: "a text pass made for other tables or synonyms than the writer's (make it with IndexTextPass(for: writer))")
        }
        var columns = pass!.columns
        pass!.columns = RecordColumns()
        var report = IngestReport()
        var clock = PhaseClock()
        var phases: [(phase: BuildPhase, seconds: Double)] = []
        // 1. Validate (the columns judged each record as it came), then order by id (stable:
        // the first of equal ids wins).
        var valid: [Int] = []
        valid.reserveCapacity(columns.count)
        var nextProblem = 0
        for i in 0 ..< columns.count {
            if nextProblem < columns.problems.count, columns.problems[nextProblem].record == i {
                report.skip(IngestIssue(file: "<records>", line: i + 1, reason: columns.problems[nextProblem].reason))
                nextProblem += 1
            } else {
                valid.append(i)
            }
        }
        // Ids compare by their UTF-8 bytes, as IDS stores and the reader looks them up.
        valid = ParallelSort.sorted(valid, threads: threads) { [columns] a, b in
            let order = columns.compareIDs(a, b)
            return order == 0 ? a < b : order < 0
        }
        var byID: [Int] = []
        byID.reserveCapacity(valid.count)
        for i in valid {
            if let last = byID.last, columns.compareIDs(last, i) == 0 {
                report.skip(IngestIssue(file: "<records>", line: i + 1, reason: "duplicate id \"\(columns.id(i))\" (first seen at record \(last + 1)); kept the first"))
            } else {
                byID.append(i)
            }
        }
        valid = []
        guard !byID.isEmpty else { throw .emptyCorpus }
        guard byID.count < Int(Int32.max) else { throw .cannotWrite(path: "", reason: "more than 2^31 - 1 records; split the corpus") }
        report.accept(byID.count)

        // 2. Document order: (cell key, rank). docs[d] = input index; ranks[d] = id rank.
        var order = [UInt64](repeating: 0, count: byID.count)
        for (rank, i) in byID.enumerated() {
            let row = columns.row(i)
            order[rank] = UInt64(GeoGrid.cellKey(GeoPoint(latitude: row.latitude, longitude: row.longitude))) << 32 | UInt64(rank)
        }
        order.sort()
        let docCount = order.count
        var docs = [Int](repeating: 0, count: docCount)
        var ranks = [UInt32](repeating: 0, count: docCount)
        for (d, key) in order.enumerated() {
            let rank = Int(key & 0xFFFF_FFFF)
            ranks[d] = UInt32(rank)
            docs[d] = byID[rank]
        }

        // 3. Interned strings, institutions, terms.
        var strings = StringPool()
        // Room for a school per 8 programs (the generator has 8.4, the real corpus 42): the
        // table is rarely regrown, each regrowth moving every key.
        var institutionIndex: [InstitutionKey: UInt32] = [:]
        institutionIndex.reserveCapacity(docCount / 8)
        var institutionRows = ByteWriter()
        var stateTerm: [UInt32: Int32] = [:]
        var cipTerms: [UInt32: [Int32]] = [:]
        var accreditorTerms: [UInt32: [Int32]] = [:]

        phases.append((.order, clock.lap()))

        var terms = pass!.terms
        pass!.terms = TermTable()
        let levelTerms = pass!.levelTerms, deliveryTerms = pass!.deliveryTerms
        let storedTables = pass!.tables // the ones the pass stored
        /// A finished section, the concatenation of `parts` (emptied): with `output`, appended
        /// to the file (its block checksums taken here, its bytes written on a worker), so the
        /// inversion and the postings do not hold it; else joined in memory.
        func finished(_ parts: inout [[UInt8]]) -> SectionBytes {
            if let output { return .placed(output.append(&parts)) }
            if parts.count == 1 { defer { parts = [] }; return .memory(parts[0]) }
            var joined: [UInt8] = []
            joined.reserveCapacity(parts.reduce(0) { $0 + $1.count })
            for k in parts.indices { joined += parts[k]; parts[k] = [] }
            parts = []
            return .memory(joined)
        }
        func finished(_ bytes: consuming [UInt8]) -> SectionBytes {
            var parts = [consume bytes]
            return finished(&parts)
        }
        var (tableTextIDs, textParts) = pass!.finishTexts()
        let textSection = finished(&textParts)
        let textIDs = pass!.textIDs
        phases.append((.analyze, seconds + clock.lap()))

        var previousInstitution: (InstitutionKey, UInt32)?
        let noAccreditors = strings.intern("")
        // The columns' strings and lists as STRINGS ids, each interned the first time a row
        // uses it — the order the rows meet them, whatever order the columns took them in.
        var stringIDs = [UInt32](repeating: .max, count: columns.stringCount)
        var listIDs = [UInt32](repeating: .max, count: columns.listCount)
        /// A string's STRINGS id.
        func string(_ id: UInt32) -> UInt32 {
            if stringIDs[Int(id)] == .max { stringIDs[Int(id)] = strings.intern(columns.string(id)) }
            return stringIDs[Int(id)]
        }
        /// A list's STRINGS id: its values joined by "|", the empty string for none.
        func list(_ id: UInt32) -> UInt32 {
            if id == RecordColumns.emptyList { return noAccreditors }
            if listIDs[Int(id)] == .max { listIDs[Int(id)] = strings.intern(columns.list(id).joined(separator: "|")) }
            return listIDs[Int(id)]
        }
        // DOCUMENTS and DETAILS as columns (`PackedColumns` packs them at the end; FIELDLENGTHS
        // comes from `titleLengths` and `institutionLengths`).
        let documentValues = PackedColumns.Values(columns: IndexLayout.packedColumnCount(.documents)!, rows: docCount)
        let detailValues = PackedColumns.Values(columns: IndexLayout.packedColumnCount(.details)!, rows: docCount)
        var cellEntries = ByteWriter()
        var cellCount = 0
        var currentCell: UInt32 = .max
        var cellStart = 0
        /// Appends the entry of the current cell, which ends before document `end`.
        func closeCell(end: Int) {
            let e = cellEntries.count
            cellEntries.u32(currentCell, at: e + IndexLayout.CellField.key.rawValue)
            cellEntries.u32(UInt32(cellStart), at: e + IndexLayout.CellField.firstDocument.rawValue)
            cellEntries.u32(UInt32(end), at: e + IndexLayout.CellField.endDocument.rawValue)
            cellEntries.pad(to: e + IndexLayout.cellEntrySize)
            cellCount += 1
        }
        var totalTokens: UInt64 = 0
        var documentLengths: [UInt32] = []
        documentLengths.reserveCapacity(docCount)
        var keywords = DocumentKeywords(expectedDocuments: docCount)
        var tokens: [Int32] = [] // one document's, reused
        var titleTotal: UInt64 = 0, institutionTotal: UInt64 = 0
        var titleLengths: [UInt16] = [], institutionLengths: [UInt16] = []
        titleLengths.reserveCapacity(docCount)
        institutionLengths.reserveCapacity(docCount)

        for d in 0 ..< docCount {
            let r = columns.row(docs[d])
            // Cell ranges.
            let cell = UInt32(order[d] >> 32)
            if cell != currentCell {
                if d > 0 { closeCell(end: d) }
                currentCell = cell
                cellStart = d
            }
            // Institution. Its programs usually arrive together: the previous one's key is
            // compared first, and the table is looked up only for a record of another school.
            let inst: UInt32
            let ikey = InstitutionKey(institutionOf: r)
            if let (lastKey, lastIndex) = previousInstitution, lastKey == ikey {
                inst = lastIndex
            } else {
                if let existing = institutionIndex[ikey] {
                    inst = existing
                } else {
                    inst = UInt32(institutionIndex.count)
                    institutionIndex[ikey] = inst
                    typealias Field = IndexLayout.InstitutionField
                    let row = institutionRows.count
                    institutionRows.u32(string(r.institutionID), at: row + Field.id.rawValue)
                    institutionRows.u32(string(r.institutionName), at: row + Field.name.rawValue)
                    institutionRows.u32(string(r.city), at: row + Field.city.rawValue)
                    institutionRows.u32(string(r.state), at: row + Field.state.rawValue)
                    institutionRows.u32(string(r.zip), at: row + Field.zip.rawValue)
                    institutionRows.u8(ikey.control, at: row + Field.control.rawValue)
                    institutionRows.f64(r.latitude, at: row + Field.latitude.rawValue)
                    institutionRows.f64(r.longitude, at: row + Field.longitude.rawValue)
                    institutionRows.u32(list(r.institutionAccreditors), at: row + Field.institutionAccreditors.rawValue)
                    institutionRows.u32(string(r.website), at: row + Field.website.rawValue)
                    institutionRows.u32(list(r.otherSchoolAccreditors), at: row + Field.otherSchoolAccreditors.rawValue)
                    institutionRows.pad(to: row + IndexLayout.institutionRowSize)
                }
                previousInstitution = (ikey, inst)
            }
            let stateID = institutionRows.bytesU32(at: Int(inst) * IndexLayout.institutionRowSize + IndexLayout.InstitutionField.state.rawValue)
            let titleID = string(r.title)
            let descriptionID = textIDs[docs[d]]
            let cipID = string(r.cipCode)
            let accreditorsID = list(r.accreditors)

            // Text: title + description + institution name (`Schema.TextField` order).
            tokens.removeAll(keepingCapacity: true)
            let counts = pass!.tokens.appendNameTokens(of: docs[d], to: &tokens) // title's, then institution's
            guard counts.title <= Schema.maximumStoredFieldLength, counts.institution <= Schema.maximumStoredFieldLength else {
                throw .cannotWrite(path: "", reason: "record \(columns.id(docs[d])) has a title or institution name of more than \(Schema.maximumStoredFieldLength) words")
            }
            let length = counts.title + counts.description + counts.institution
            totalTokens += UInt64(length)
            titleTotal += UInt64(counts.title)
            institutionTotal += UInt64(counts.institution)
            titleLengths.append(UInt16(counts.title))
            institutionLengths.append(UInt16(counts.institution))
            // Field terms: each title and institution token again, counted in that field alone
            // (their ids made here; `TermTable.invert` adds the postings).
            for t in tokens[..<counts.title] { _ = terms.fieldID(.title, ofText: t) }
            for t in tokens[counts.title...] { _ = terms.fieldID(.institution, ofText: t) }
            // Keywords: made once per distinct set (`DocumentKeywords.Key`).
            let keywordKey = DocumentKeywords.Key(level: r.level.code, delivery: r.delivery.code, state: stateID, cip: cipID, accreditors: accreditorsID)
            keywords.append(keywordKey) { set in
                set.append(levelTerms[Int(r.level.code)])
                set.append(deliveryTerms[Int(r.delivery.code)])
                if let t = stateTerm[stateID] { set.append(t) } else {
                    let t = terms.keywordID(IndexLayout.KeywordField.state.term(columns.string(r.state).lowercased()))
                    stateTerm[stateID] = t
                    set.append(t)
                }
                let cts = cipTerms[cipID] ?? {
                    let v = CIPCode.prefixes(of: columns.string(r.cipCode)).map { terms.keywordID(IndexLayout.KeywordField.cip.term($0)) }
                    cipTerms[cipID] = v
                    return v
                }()
                set += cts
                let ats = accreditorTerms[accreditorsID] ?? {
                    let v = columns.list(r.accreditors).map { terms.keywordID(IndexLayout.KeywordField.accreditor.term($0.lowercased())) }
                    accreditorTerms[accreditorsID] = v
                    return v
                }()
                set += ats
            }

            func put(_ column: IndexLayout.DocumentColumn, _ value: UInt32) { documentValues[column.rawValue, d] = value }
            put(.institution, inst)
            put(.title, titleID)
            put(.description, descriptionID)
            put(.cip, cipID)
            put(.accreditors, accreditorsID)
            put(.length, UInt32(clamping: length))
            documentLengths.append(UInt32(clamping: length))
            put(.level, UInt32(r.level.code))
            put(.delivery, UInt32(r.delivery.code))

            func put(_ column: IndexLayout.DetailColumn, _ value: UInt32) { detailValues[column.rawValue, d] = value }
            put(.completers, r.completers)
            put(.earnings, r.medianEarnings)
            put(.debt, r.medianDebt)
            put(.preaccreditors, list(r.preaccreditors))
        }
        closeCell(end: docCount)
        keywords.finishAppending()
        let idSection = finished(Self.frontCodedIDs(count: byID.count) { k, body in columns.withID(byID[k], body) })
        columns = RecordColumns() // the records are rows, strings and tokens now: free them
        // DOCUMENTS and DETAILS packed now, and what only the rows needed let go, before the
        // postings are made: the value columns are 4 bytes a cell (48 bytes a record), the
        // order and id ranks 16 more — at 10M, 640 MB off the build's peak. The finished
        // sections (IDS, INSTITUTIONS, DOCUMENTS, DETAILS, then STRINGS) go into the file too:
        // at 10M realistic, 220 MB the inversion does not share memory with.
        let institutionSection = finished(institutionRows.bytes)
        institutionRows = ByteWriter()
        let documentSection = finished(documentValues.encoded())
        let detailSection = finished(detailValues.encoded())
        _ = consume documentValues
        _ = consume detailValues
        _ = consume order
        _ = consume byID

        // ZIP table (strings interned before the pool is frozen).
        var zipRows = ByteWriter(capacity: zips.count * IndexLayout.zipEntrySize)
        var lastZip: UInt32 = 0
        var zipCount = 0
        for z in zips.sorted(by: { $0.zip < $1.zip }) {
            guard let n = UInt32(z.zip), zipCount == 0 || n > lastZip else { continue }
            let e = zipRows.count
            zipRows.u32(n, at: e + IndexLayout.ZipField.zip.rawValue)
            zipRows.u32(strings.intern(z.city), at: e + IndexLayout.ZipField.city.rawValue)
            zipRows.u32(strings.intern(z.state), at: e + IndexLayout.ZipField.state.rawValue)
            zipRows.f64(z.latitude, at: e + IndexLayout.ZipField.latitude.rawValue)
            zipRows.f64(z.longitude, at: e + IndexLayout.ZipField.longitude.rawValue)
            zipRows.pad(to: e + IndexLayout.zipEntrySize)
            lastZip = n
            zipCount += 1
        }
        let nameID = strings.intern(corpusName)
        let noteID = strings.intern(note)
        var tableSection = ByteWriter(capacity: IndexLayout.tableEntryOffset(storedTables.count))
        tableSection.countedHeader(UInt32(storedTables.count))
        for (i, t) in storedTables.enumerated() {
            let e = IndexLayout.tableEntryOffset(i)
            tableSection.u32(strings.intern(t.name), at: e + IndexLayout.TableField.name.rawValue)
            tableSection.u32(tableTextIDs[i], at: e + IndexLayout.TableField.text.rawValue)
        }
        // Every string is interned: encode STRINGS now and let the pool go, so its copies of
        // the strings are freed before the postings are made.
        let stringCount = strings.count
        let stringSection = finished(strings.serialize())
        strings = StringPool()
        SystemCalls.returnFreedMemory() // the records' strings, freed above, leave the heap
        phases.append((.rows, clock.lap()))
        try output?.waitUntilWritten() // out of memory before the postings are made
        terms.invert(pass!.tokens, positions: docs, keywords: keywords, threads: threads)
        pass = nil
        keywords = DocumentKeywords(expectedDocuments: 0)
        SystemCalls.returnFreedMemory() // the tokens' arrays, freed above
        phases.append((.invert, clock.lap()))

        // 4. Sections.
        var meta = ByteWriter(capacity: IndexLayout.metaSize)
        typealias MetaField = IndexLayout.MetaField
        meta.u32(UInt32(docCount), at: MetaField.documentCount.rawValue)
        meta.u32(UInt32(institutionIndex.count), at: MetaField.institutionCount.rawValue)
        meta.u32(UInt32(terms.count), at: MetaField.termCount.rawValue)
        meta.u32(UInt32(stringCount), at: MetaField.stringCount.rawValue)
        meta.u32(UInt32(cellCount), at: MetaField.cellCount.rawValue)
        meta.u32(UInt32(zipCount), at: MetaField.zipCount.rawValue)
        meta.u64(totalTokens, at: MetaField.totalTokens.rawValue)
        meta.u32(nameID, at: MetaField.corpusName.rawValue)
        meta.u32(noteID, at: MetaField.note.rawValue)
        // Flags: bit 0 sample data; bit 1 some document has 255 tokens or more (LENGTHS byte 255).
        let hasLongDocuments = documentLengths.contains { $0 >= 255 }
        meta.u32((isSampleData ? IndexLayout.metaFlagSampleData : 0) | (hasLongDocuments ? IndexLayout.metaFlagLongDocuments : 0),
                 at: MetaField.flags.rawValue)
        // The range of LENGTHS bytes below 255: relevance ranking bounds scores by length over it.
        let shortLengths = documentLengths.lazy.filter { $0 < 255 }
        meta.u8(UInt8(shortLengths.min() ?? 255), at: MetaField.shortestLength.rawValue)
        meta.u8(UInt8(shortLengths.max() ?? 0), at: MetaField.longestLength.rawValue)
        meta.u64(titleTotal, at: MetaField.titleTokens.rawValue)
        meta.u64(institutionTotal, at: MetaField.institutionTokens.rawValue)
        meta.pad(to: IndexLayout.metaSize)
        precondition(meta.count == IndexLayout.metaSize)

        var cells = ByteWriter(capacity: IndexLayout.countedHeaderSize + cellEntries.count)
        cells.countedHeader(UInt32(cellCount)); cells.raw(cellEntries.bytes)
        var zipSection = ByteWriter(capacity: IndexLayout.countedHeaderSize + zipRows.count)
        zipSection.countedHeader(UInt32(zipCount)); zipSection.raw(zipRows.bytes)
        let rankSection = PackedColumns.encode([ranks], rowCount: docCount)
        var byRank = [UInt32](repeating: 0, count: docCount)
        for (d, r) in ranks.enumerated() { byRank[Int(r)] = UInt32(d) }
        let rankedSection = PackedColumns.encode([byRank], rowCount: docCount)
        byRank = []
        let fieldLengthSection = PackedColumns.encode([titleLengths, institutionLengths].map { $0.map(UInt32.init) }, rowCount: docCount)
        // LENGTHS: one byte per document, 255 meaning "255 or more". MINRANKS: the smallest id
        // rank among each 64 documents.
        let lengthSection = documentLengths.map { UInt8(min($0, 255)) }
        let lengthBitsSection = LengthBitPlanes.encode(lengthSection)
        var minRankSection = ByteWriter(capacity: IndexLayout.bitmapWords(documentCount: docCount) * 4)
        for w in 0 ..< IndexLayout.bitmapWords(documentCount: docCount) {
            minRankSection.u32(ranks[(w * 64) ..< min(docCount, w * 64 + 64)].min() ?? 0)
        }
        let averageLength = BM25Impact.averageLength(totalTokens: totalTokens, documents: docCount)
        func average(_ tokens: UInt64) -> Double { Schema.averageFieldLength(tokens: tokens, documents: docCount) }
        let fieldAverages = (average(titleTotal), average(totalTokens - titleTotal - institutionTotal), average(institutionTotal))
        let (termSection, postingsSection, denseText) = try terms.serialize(
            documentCount: docCount, denseMinimumDocuments: denseMinimumDocuments, lengths: documentLengths,
            averageLength: averageLength, ranks: ranks,
            fields: .init(titleLengths: titleLengths, institutionLengths: institutionLengths, averages: fieldAverages), threads: threads)
        phases.append((.postings, clock.lap()))
        let fieldPeakSection = TermTable.fieldPeaks(denseText, documentCount: docCount)
        let termCount = terms.count
        terms.releasePostings() // the encoded sections hold them now

        var sections: [(IndexLayout.Section, SectionBytes)] = [
            (.meta, .memory(meta.bytes)), (.strings, stringSection), (.institutions, institutionSection),
            (.documents, documentSection), (.ranks, .memory(rankSection)), (.ids, idSection),
            (.terms, .memory(termSection)), (.postings, .memory(postingsSection)), (.cells, .memory(cells.bytes)),
            (.zips, .memory(zipSection.bytes)), (.ranked, .memory(rankedSection)), (.lengths, .memory(lengthSection)),
            (.minRanks, .memory(minRankSection.bytes)), (.lengthBits, .memory(lengthBitsSection)), (.details, detailSection),
            (.tables, .memory(tableSection.bytes)), (.fieldLengths, .memory(fieldLengthSection)),
            (.fieldPeaks, .memory(fieldPeakSection)), (.texts, textSection),
        ]
        if let output {
            // The rest into the file, in its order: each one's block checksums taken here while
            // the one before is written.
            for section in IndexLayout.Section.fileOrder where section != .blockSums {
                let k = sections.firstIndex { $0.0 == section }!
                if case let .memory(bytes) = sections[k].1 {
                    var parts = [bytes]
                    sections[k].1 = .memory([])
                    sections[k].1 = .placed(output.append(&parts))
                }
            }
        }
        let (blockSumSection, sectionCRCs) = Self.blockSums(sections.map(\.1), threads: threads)
        sections.append((.blockSums, finished(blockSumSection)))
        let file = Self.assemble(sections, checksums: sectionCRCs + [CRC32.checksum(blockSumSection)],
                                 docCount: UInt32(docCount), flags: isSampleData ? IndexLayout.metaFlagSampleData : 0)
        phases.append((.sections, clock.lap()))
        return (file, Summary(documents: docCount, institutions: institutionIndex.count, terms: termCount,
                              bytes: file.length, report: report, phases: phases))
    }

    /// The file for `sections` (in id order, the table's): the header with the section table,
    /// then the sections in `IndexLayout.Section.fileOrder`, each 8-byte aligned after the one
    /// before (zero padding), with its CRC-32 (`checksums`, in id order). A section already
    /// placed in the file being written must lie where this layout puts it.
    static func assemble(_ sections: [(IndexLayout.Section, SectionBytes)], checksums: [UInt32], docCount: UInt32, flags: UInt32) -> AssembledFile {
        precondition(checksums.count == sections.count && sections.map(\.0) == IndexLayout.Section.allCases)
        var offsets = [Int](repeating: 0, count: sections.count)
        var inFileOrder: [(offset: Int, bytes: SectionBytes)] = []
        var offset = IndexLayout.sectionEntryOffset(sections.count)
        for section in IndexLayout.Section.fileOrder {
            let i = Int(section.rawValue) - 1
            offset = (offset + 7) & ~7
            if case let .placed(placed) = sections[i].1 { precondition(placed.offset == offset, "\(section.name) placed at \(placed.offset), laid out at \(offset)") }
            offsets[i] = offset
            inFileOrder.append((offset, sections[i].1))
            offset += sections[i].1.count
        }
        let fileLength = offset
        let tableSize = sections.count * IndexLayout.sectionEntrySize
        var table = ByteWriter(capacity: tableSize)
        for (i, (id, bytes)) in sections.enumerated() {
            // Relative to the table's start: the header comes before it.
            let e = IndexLayout.sectionEntryOffset(i) - IndexLayout.headerSize
            table.u32(id.rawValue, at: e + IndexLayout.SectionEntryField.id.rawValue)
            table.u64(UInt64(offsets[i]), at: e + IndexLayout.SectionEntryField.offset.rawValue)
            table.u64(UInt64(bytes.count), at: e + IndexLayout.SectionEntryField.length.rawValue)
            table.u32(checksums[i], at: e + IndexLayout.SectionEntryField.crc32.rawValue)
            table.pad(to: e + IndexLayout.sectionEntrySize)
        }
        var out = ByteWriter(capacity: IndexLayout.headerSize + tableSize)
        out.pad(to: IndexLayout.HeaderField.magic.rawValue)
        out.raw(IndexLayout.magic)
        out.u32(IndexLayout.formatVersion, at: IndexLayout.HeaderField.formatVersion.rawValue)
        out.u32(UInt32(sections.count), at: IndexLayout.HeaderField.sectionCount.rawValue)
        out.u64(UInt64(fileLength), at: IndexLayout.HeaderField.fileLength.rawValue)
        out.u32(docCount, at: IndexLayout.HeaderField.documentCount.rawValue)
        out.u32(flags, at: IndexLayout.HeaderField.flags.rawValue)
        out.pad(to: IndexLayout.HeaderField.crc32.rawValue)
        var crc = CRC32.checksum(out.bytes)
        crc = table.bytes.withUnsafeBytes { CRC32.checksum($0.baseAddress!, count: $0.count, continuing: crc) }
        out.u32(crc, at: IndexLayout.HeaderField.crc32.rawValue)
        precondition(out.count == IndexLayout.headerSize)
        out.raw(table.bytes)
        return AssembledFile(header: out.bytes, sections: inFileOrder, length: fileLength)
    }

    /// BLOCKSUMS for `sections` (every section before it, in order): count u32, pad u32,
    /// FirstBlock[count + 1] u32 (section i's blocks are CRCs FirstBlock[i] ..< FirstBlock[i+1]),
    /// then the CRC-32 of each `IndexLayout.checksumBlockSize` bytes of each section; and each
    /// section's own CRC-32, combined from its blocks' (`CRC32.Zeros`), so the bytes are read
    /// once. The blocks are checksummed on up to `threads` threads.
    static func blockSums(_ sections: [SectionBytes], threads: Int = 1) -> (section: [UInt8], checksums: [UInt32]) {
        var firsts: [UInt32] = [0]
        for s in sections { firsts.append(firsts.last! + UInt32(IndexLayout.checksumBlocks(length: s.count))) }
        precondition(firsts.count == IndexLayout.Section.allCases.count) // the Count + 1 sections' firsts
        let blockSize = IndexLayout.checksumBlockSize
        // Every block of a section in memory as (section, start), in order; a placed section's
        // were taken as it went out.
        var blocks: [(section: Int, start: Int, sum: Int)] = []
        blocks.reserveCapacity(Int(firsts.last!))
        var sums = [UInt32](repeating: 0, count: Int(firsts.last!))
        for (i, s) in sections.enumerated() {
            switch s {
            case let .memory(bytes):
                for (k, start) in stride(from: 0, to: bytes.count, by: blockSize).enumerated() { blocks.append((i, start, Int(firsts[i]) + k)) }
            case let .placed(section):
                precondition(section.blockSums.count == Int(firsts[i + 1] - firsts[i]))
                for (k, sum) in section.blockSums.enumerated() { sums[Int(firsts[i]) + k] = sum }
            }
        }
        let memory: [[UInt8]] = sections.map { if case let .memory(bytes) = $0 { bytes } else { [] } }
        let runs = max(1, min(threads, blocks.count / 64))
        let allBlocks = blocks
        let runLength = (blocks.count + runs - 1) / max(1, runs)
        sums.withUnsafeMutableBufferPointer { out in
            let out = UnsafeSendable(out)
            DispatchQueue.concurrentPerform(iterations: runs) { run in
                for b in run * runLength ..< min(allBlocks.count, (run + 1) * runLength) {
                    let (i, start, at) = allBlocks[b]
                    out.value[at] = memory[i].withUnsafeBytes { CRC32.checksum($0.baseAddress! + start, count: min(blockSize, $0.count - start)) }
                }
            }
        }
        let wholeBlock = CRC32.Zeros(byteCount: blockSize)
        var checksums: [UInt32] = []
        for (i, s) in sections.enumerated() {
            var crc: UInt32 = 0 // the CRC-32 of no bytes
            for (k, b) in (Int(firsts[i]) ..< Int(firsts[i + 1])).enumerated() {
                let n = min(blockSize, s.count - k * blockSize)
                crc = (n == blockSize ? wholeBlock : CRC32.Zeros(byteCount: n)).shift(crc) ^ sums[b]
            }
            checksums.append(crc)
        }
        var out = ByteWriter(capacity: IndexLayout.blockChecksumOffset(Int(firsts.last!)))
        out.countedHeader(UInt32(sections.count))
        for (i, f) in firsts.enumerated() { out.u32(f, at: IndexLayout.u32EntryOffset(i)) }
        precondition(out.count == IndexLayout.blockChecksumOffset(0))
        for sum in sums { out.u32(sum) }
        return (out.bytes, checksums)
    }

    /// -1, 0 or 1 as the UTF-8 bytes of `x` sort before, equal or after those of `y`: the id
    /// order, in one pass over contiguous bytes (`UTF8View`'s generic `elementsEqual` and
    /// `lexicographicallyPrecedes` took two, element by element).
    static func compareUTF8(_ x: String, _ y: String) -> Int {
        // The bytes where they lie (a parsed id is native and contiguous): no copy of either
        // string, whose retain and release cost more than the comparison in a sort of millions.
        if let order = x.utf8.withContiguousStorageIfAvailable({ a in
            y.utf8.withContiguousStorageIfAvailable { b in ByteComparison.order(UnsafeRawBufferPointer(a), UnsafeRawBufferPointer(b)) }
        }), let order { return order }
        var x = x, y = y // bridged or foreign strings: made contiguous first
        return x.withUTF8 { a in y.withUTF8 { b in ByteComparison.order(UnsafeRawBufferPointer(a), UnsafeRawBufferPointer(b)) } }
    }

    /// IDS section: count u32, block size u32, block offsets [(blocks + 1) × u32], then blocks.
    /// A block's first id is `varint(len) bytes`; each next is `varint(shared) varint(len) suffix`.
    /// `count` ids in order, `withID(k, body)` calling `body` with id `k`'s UTF-8 bytes.
    static func frontCodedIDs(count: Int, _ withID: (Int, (UnsafeRawBufferPointer) -> Void) -> Void) -> [UInt8] {
        let blockSize = IndexLayout.idBlockSize
        let blocks = (count + blockSize - 1) / blockSize
        var data: [UInt8] = []
        var offsets: [UInt32] = [0]
        var previous: [UInt8] = []
        for i in 0 ..< count {
            withID(i) { bytes in
                if i % blockSize == 0 {
                    if i > 0 { offsets.append(UInt32(data.count)) }
                    VarInt.append(UInt32(bytes.count), to: &data)
                    data.append(contentsOf: bytes)
                } else {
                    var shared = 0
                    while shared < bytes.count && shared < previous.count && bytes[shared] == previous[shared] { shared += 1 }
                    VarInt.append(UInt32(shared), to: &data)
                    VarInt.append(UInt32(bytes.count - shared), to: &data)
                    data.append(contentsOf: bytes[shared...])
                }
                previous.removeAll(keepingCapacity: true)
                previous.append(contentsOf: bytes)
            }
        }
        offsets.append(UInt32(data.count))
        var w = ByteWriter(capacity: IndexLayout.idBlocksOffset(blocks: blocks) + data.count)
        w.u32(UInt32(count), at: IndexLayout.CountedHeaderField.count.rawValue)
        w.u32(UInt32(blockSize), at: IndexLayout.CountedHeaderField.idBlockSize.rawValue)
        precondition(offsets.count == blocks + 1)
        for (i, o) in offsets.enumerated() { w.u32(o, at: IndexLayout.u32EntryOffset(i)) }
        precondition(w.count == IndexLayout.idBlocksOffset(blocks: blocks))
        w.raw(data)
        return w.bytes
    }
}

/// What an INSTITUTIONS row holds, as `RecordColumns` ids: records that differ in any of it
/// get rows of their own (one group for `--group institution` when their ids are equal,
/// `InstitutionGroups`), so every record reads back as it was written. Strings and lists are
/// equal when their bytes are.
struct InstitutionKey: Hashable {
    let id, name, city, state, zip: UInt32
    let latBits, lonBits: UInt64
    let accreditors: UInt32
    let website: UInt32
    let otherAccreditors: UInt32
    let control: UInt8

    /// The key of row `r`'s institution.
    init(institutionOf r: RecordColumns.Row) {
        id = r.institutionID
        name = r.institutionName
        city = r.city
        state = r.state
        zip = r.zip
        latBits = r.latitude.bitPattern
        lonBits = r.longitude.bitPattern
        accreditors = r.institutionAccreditors
        website = r.website
        otherAccreditors = r.otherSchoolAccreditors
        control = r.control?.code ?? 0
    }
}

extension ByteWriter {
    func bytesU32(at offset: Int) -> UInt32 {
        UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
    }
}

/// Interned strings: id → UTF-8 bytes. STRINGS section: count u32, pad u32,
/// offsets [(count + 1) × u32] relative to the byte area, then the bytes. The short strings
/// only: descriptions and table texts go to `StoredTextPool` (TEXTS), compressed.
///
/// The strings are keyed by their UTF-8 bytes in a `TokenInterner` (ids in order of first
/// sight, the bytes back to back: STRINGS' own layout), so interning hashes a string's bytes
/// once and makes no `String` key; two Unicode spellings of one text are two strings, each
/// shown as written.
struct StringPool {
    private var keys = TokenInterner(expectedKeys: 4096)

    var count: Int { keys.count }

    mutating func intern(_ s: String) -> UInt32 {
        let id = s.utf8.withContiguousStorageIfAvailable { keys.id(of: $0) } ?? keys.id(of: Array(s.utf8))
        return UInt32(id)
    }

    func serialize() -> [UInt8] {
        let data = keys.keyBytes
        var w = ByteWriter(capacity: IndexLayout.stringBytesOffset(count: count) + data.count)
        w.countedHeader(UInt32(count))
        w.u32(0, at: IndexLayout.u32EntryOffset(0))
        for (i, end) in keys.keyEnds.enumerated() { w.u32(end, at: IndexLayout.u32EntryOffset(i + 1)) }
        precondition(w.count == IndexLayout.stringBytesOffset(count: count))
        w.raw(data)
        return w.bytes
    }
}

/// The in-memory inverted index: per term, its documents (ascending) and frequencies.
struct TermTable {
    private var ids: [String: Int32] = [:]
    private(set) var keys: [String] = []
    private var hasFrequencies: [Bool] = []
    /// The postings, once `invert` has run (empty lists before).
    private var lists = InvertedLists()

    /// Term `t`'s documents (ascending) and frequencies (empty for a keyword term), decoded once.
    func postings(_ t: Int) -> (documents: [UInt32], frequencies: [UInt32]) {
        let (documents, frequencies) = lists.postings(t)
        return (documents, hasFrequencies[t] ? frequencies : [])
    }

    /// Terms that have at least one document (the ones written).
    var count: Int { keys.indices.reduce(0) { $0 + (lists.documentCount($1) > 0 ? 1 : 0) } }
    /// Whether term `t` has no documents (it is not written).
    func isEmpty(_ t: Int) -> Bool { lists.documentCount(t) == 0 }

    private mutating func id(_ key: String, frequencies hasFreqs: Bool) -> Int32 {
        if let id = ids[key] { return id }
        let id = Int32(keys.count)
        ids[key] = id
        keys.append(key)
        hasFrequencies.append(hasFreqs)
        return id
    }

    mutating func textID(_ token: String) -> Int32 { id(token, frequencies: true) }
    /// Per combined text term id, its title and institution field term ids (-1 until first used).
    private(set) var fieldIDs: [[Int32]] = Schema.TextField.stored.map { _ in [] }
    /// The field term (`title:<token>`, `inst:<token>`) of the combined text term `text`.
    mutating func fieldID(_ field: Schema.TextField, ofText text: Int32) -> Int32 {
        let slot = field == .title ? 0 : 1
        let t = Int(text)
        if t < fieldIDs[slot].count, fieldIDs[slot][t] >= 0 { return fieldIDs[slot][t] }
        while fieldIDs[slot].count <= t { fieldIDs[slot].append(-1) }
        let id = self.id(field.term(keys[t])!, frequencies: true)
        fieldIDs[slot][t] = id
        return id
    }
    mutating func keywordID(_ key: String) -> Int32 { id(key, frequencies: false) }

    /// Frees the postings (about 1.5 bytes each, `InvertedLists`) once TERMS, POSTINGS and FIELDPEAKS are encoded;
    /// every list reads as empty afterwards.
    mutating func releasePostings() { lists = InvertedLists() }

    /// Builds every term's postings (`InvertedLists.invert`) from the documents' text
    /// (`tokens`, document `d`'s at `positions[d]`: each token a combined term; its title and institution tokens also their field
    /// terms, which `fieldID` must already have made) and their keyword terms (`keywords`).
    mutating func invert(_ tokens: DocumentTokens, positions: [Int], keywords: DocumentKeywords, threads: Int) {
        let title = fieldIDs[0], institution = fieldIDs[1]
        lists = InvertedLists.invert(documentCount: positions.count, termCount: keys.count, threads: threads) { d, out in
            let start = out.count
            let counts = tokens.appendTokens(of: positions[d], to: &out)
            let end = out.count
            for k in start ..< start + counts.title { out.append(title[Int(out[k])]) }
            for k in end - counts.institution ..< end { out.append(institution[Int(out[k])]) }
            out.append(contentsOf: keywords.terms(of: d))
        }
    }

    /// The per-document field lengths (FIELDLENGTHS, tokens) and the three fields' average
    /// lengths (`Schema.averageFieldLength`) the fielded impact peaks are computed with.
    struct FieldStatistics {
        var titleLengths: [UInt16]
        var institutionLengths: [UInt16]
        var averages: (title: Double, description: Double, institution: Double)

        /// The FIELDPEAKS / skip-entry peak byte (`FieldImpact.peak`) of a combined text term's
        /// standard BM25F impact in document `d` of `length` tokens: `frequency` in all, `title`
        /// and `institution` of them in those fields.
        @inline(__always)
        func peak(document d: Int, length: UInt32, frequency: UInt32, title: UInt32, institution: UInt32) -> UInt8 {
            let titleLength = UInt32(titleLengths[d]), institutionLength = UInt32(institutionLengths[d])
            let impact = FieldImpact.standardImpact(
                title: title, description: frequency - title - institution, institution: institution,
                lengths: (titleLength, length - titleLength - institutionLength, institutionLength), averages: averages)
            return FieldImpact.peak(impact)
        }
    }

    /// TERMS: count u32, pad u32, entries sorted by key bytes, then key bytes.
    /// POSTINGS: a sparse term's list is block count u32, skip entries, then blocks of up to 128
    /// postings (`SparsePostingsList`: full blocks bit-packed, a shorter last block varints).
    /// The first gap of a list is doc + 1; later gaps are relative to the
    /// previous document (across block boundaries too). A text term's skip entries also carry
    /// the block's smallest rank (`ranks`) and its best posting's frequency and length (largest
    /// `BM25Impact` at the default k1 and b, given `lengths` in tokens and `averageLength`), and
    /// a combined text term's the block's fielded impact peak (from `fields`). A
    /// dense term's list is bitmaps only, 8-byte aligned (see `appendDenseList`).
    func serialize(documentCount: Int, denseMinimumDocuments: Int, lengths: [UInt32],
                   averageLength: Double, ranks: [UInt32], fields: FieldStatistics, threads: Int) throws(IndexFormatError) -> ([UInt8], [UInt8], [(entry: UInt32, peaks: [UInt8])]) {
        // Terms with no documents (keyword values no record has) are not written.
        // By key bytes (what TERMS binary-searches), compared where they lie (`IndexWriter.compareUTF8`).
        let order = keys.indices.filter { !isEmpty($0) }.sorted { IndexWriter.compareUTF8(keys[$0], keys[$1]) < 0 }
        // About 1.5 bytes a sparse posting packed, N/8 per dense list: reserved at 2 bytes a
        // posting, so the buffer seldom doubles (a doubling briefly holds both copies).
        var postings: [UInt8] = []
        postings.reserveCapacity(lists.postingCount * 2)
        var entries = ByteWriter(capacity: IndexLayout.termKeysOffset(count: order.count))
        var keyBytes: [UInt8] = []
        entries.countedHeader(UInt32(order.count))
        let words = IndexLayout.bitmapWords(documentCount: documentCount)
        var denseText: [(entry: UInt32, peaks: [UInt8])] = []
        // Lists are encoded in parallel, a batch of terms at a time (each list into its own
        // buffer), then laid out in term order; a list's bytes do not depend on where it lands,
        // so the section is the same for any thread count, and only one batch is held twice.
        let table = self
        for batchStart in stride(from: 0, to: order.count, by: Self.encodingBatch) {
            let batch = Array(order[batchStart ..< min(order.count, batchStart + Self.encodingBatch)])
            let encoded = ConcurrentSlots<EncodedList>(count: batch.count)
            // Each thread takes the next term when done with one: a batch's few dense lists (a
            // million postings each) and its thousand small ones balance over the threads.
            SharedWork.forEach(batch.count, threads: threads) { k in
                encoded.store(table.encodedList(batch[k], documentCount: documentCount, denseMinimumDocuments: denseMinimumDocuments,
                                                words: words, lengths: lengths, averageLength: averageLength, ranks: ranks, fields: fields), at: k)
            }
            for k in batch.indices {
                let t = batch[k], entry = batchStart + k, list = encoded.take(k)
                let withFreqs = hasFrequencies[t]
                if list.dense { while postings.count % 8 != 0 { postings.append(0) } }
                if let peaks = list.fieldPeaks { denseText.append((UInt32(entry), peaks)) }
                let start = postings.count
                postings.append(contentsOf: list.bytes)
                let key = Array(keys[t].utf8)
                guard key.count <= Int(UInt16.max) else { throw .cannotWrite(path: "", reason: "term longer than 65535 bytes") }
                var flags: UInt16 = withFreqs ? IndexLayout.termFlagHasFrequencies : 0
                if list.dense { flags |= IndexLayout.termFlagHasBitmaps }
                flags |= UInt16(min(list.maxFrequency, 255)) << IndexLayout.termFlagMaxFrequencyShift
                guard list.bytes.count <= Int(UInt32.max) else { throw .cannotWrite(path: "", reason: "postings of one term exceed 4 GiB") }
                let e = IndexLayout.termEntryOffset(entry)
                typealias Field = IndexLayout.TermField
                entries.u32(UInt32(keyBytes.count), at: e + Field.keyOffset.rawValue)
                entries.u16(UInt16(key.count), at: e + Field.keyLength.rawValue)
                entries.u16(flags, at: e + Field.flags.rawValue)
                entries.u64(UInt64(start), at: e + Field.postingsOffset.rawValue)
                entries.u32(UInt32(list.documentCount), at: e + Field.documentFrequency.rawValue)
                entries.u32(UInt32(list.bytes.count), at: e + Field.postingsLength.rawValue)
                entries.u32(list.checksum, at: e + Field.crc32.rawValue)
                entries.pad(to: e + IndexLayout.termEntrySize)
                keyBytes.append(contentsOf: key)
            }
        }
        precondition(entries.count == IndexLayout.termKeysOffset(count: order.count))
        entries.raw(keyBytes)
        return (entries.bytes, postings, denseText)
    }

    /// FIELDPEAKS: for each dense combined text term (`denseText`, ascending entries), per 64
    /// documents the peak byte (`FieldImpact.peak`) of the largest standard BM25F impact among
    /// them (`densePeaks`, made as the term's list was encoded).
    static func fieldPeaks(_ denseText: [(entry: UInt32, peaks: [UInt8])], documentCount: Int) -> [UInt8] {
        let words = IndexLayout.bitmapWords(documentCount: documentCount)
        let peaksStart = IndexLayout.fieldPeaksHeaderSize(terms: denseText.count)
        var out = ByteWriter(capacity: peaksStart + denseText.count * words)
        out.countedHeader(UInt32(denseText.count))
        for (k, d) in denseText.enumerated() { out.u32(d.entry, at: IndexLayout.u32EntryOffset(k)) }
        out.pad(to: peaksStart)
        for d in denseText {
            precondition(d.peaks.count == words, "a dense term's peaks cover every 64 documents")
            out.raw(d.peaks)
        }
        return out.bytes
    }

    /// Per 64 documents, the peak byte (`FieldImpact.peak`) of the largest standard BM25F impact
    /// of the combined text term `term` among them: `list` and `freqs` are its postings, its field
    /// frequencies taken from the title and institution field terms' lists. O(list + words).
    func densePeaks(term: Int, list: [UInt32], freqs: [UInt32], words: Int, lengths: [UInt32], fields: FieldStatistics) -> [UInt8] {
        var peaks = [UInt8](repeating: 0, count: words)
        let inTitle = fieldFrequencies(of: term, list: list, slot: 0)
        let inInstitution = fieldFrequencies(of: term, list: list, slot: 1)
        for (j, doc) in list.enumerated() {
            let i = Int(doc)
            let peak = fields.peak(document: i, length: lengths[i], frequency: freqs[j], title: inTitle[j], institution: inInstitution[j])
            peaks[i >> 6] = max(peaks[i >> 6], peak)
        }
        return peaks
    }

    /// A sparse list (`SparsePostingsList`): block count, skip entries, then blocks of 128
    /// postings, bit-packed when full. A text term's skip entries carry its block impacts: the
    /// smallest rank, the best posting's frequency and length (largest `BM25Impact`), and for a
    /// combined text term the block's fielded peak (`FieldImpact.peak` of its largest standard
    /// BM25F impact, field frequencies from the term's `title:`/`inst:` lists; 0 for field terms).
    /// Terms whose lists are encoded together (`serialize`).
    static let encodingBatch = 1024

    /// One term's encoded list, with what its TERMS entry says of it.
    struct EncodedList: Sendable {
        var bytes: [UInt8]
        var dense: Bool
        var maxFrequency: UInt32
        var documentCount: Int
        /// CRC-32 of `bytes`.
        var checksum: UInt32
        /// A dense combined text term's FIELDPEAKS row (`densePeaks`); `nil` for any other term.
        var fieldPeaks: [UInt8]? = nil
    }

    /// Term `t`'s POSTINGS bytes on their own: bitmaps when it is dense (in at least
    /// 1/`denseFraction` of the documents, or always-dense), else packed blocks.
    func encodedList(_ t: Int, documentCount: Int, denseMinimumDocuments: Int, words: Int, lengths: [UInt32],
                     averageLength: Double, ranks: [UInt32], fields: FieldStatistics) -> EncodedList {
        let (list, freqs) = postings(t)
        let withFreqs = hasFrequencies[t]
        let dense = documentCount >= denseMinimumDocuments
            && (list.count * IndexLayout.denseFraction >= documentCount || IndexLayout.alwaysDense(keys[t]))
        let maxFrequency = withFreqs ? (freqs.max() ?? 0) : 0
        var bytes: [UInt8] = []
        if dense {
            appendDenseList(list, freqs, withFrequencies: withFreqs, maxFrequency: maxFrequency, words: words,
                            lengths: lengths, averageLength: averageLength, to: &bytes)
        } else {
            appendSparseList(term: t, list, freqs, withFrequencies: withFreqs, lengths: lengths, averageLength: averageLength,
                             ranks: ranks, fields: fields, to: &bytes)
        }
        let checksum = CRC32.checksum(bytes)
        let peaks = dense && withFreqs && !Schema.isFieldTerm(keys[t])
            ? densePeaks(term: t, list: list, freqs: freqs, words: words, lengths: lengths, fields: fields) : nil
        return EncodedList(bytes: bytes, dense: dense, maxFrequency: maxFrequency, documentCount: list.count, checksum: checksum,
                           fieldPeaks: peaks)
    }

    private func appendSparseList(term t: Int, _ list: [UInt32], _ freqs: [UInt32], withFrequencies withFreqs: Bool, lengths: [UInt32],
                                  averageLength: Double, ranks: [UInt32], fields: FieldStatistics, to postings: inout [UInt8]) {
        let fielded = withFreqs && !Schema.isFieldTerm(keys[t])
        let inTitle = fielded ? fieldFrequencies(of: t, list: list, slot: 0) : []
        let inInstitution = fielded ? fieldFrequencies(of: t, list: list, slot: 1) : []
        SparsePostingsList.append(list, freqs, withFrequencies: withFreqs, impact: { range in
            var best = range.lowerBound, bestImpact = -1.0, minimumRank = UInt32.max, peak: UInt8 = 0
            for j in range {
                let d = Int(list[j])
                minimumRank = min(minimumRank, ranks[d])
                let impact = BM25Impact.defaultImpact(frequency: freqs[j], length: lengths[d], averageLength: averageLength)
                if impact > bestImpact { bestImpact = impact; best = j }
                if fielded {
                    peak = max(peak, fields.peak(document: d, length: lengths[d], frequency: freqs[j], title: inTitle[j],
                                                 institution: inInstitution[j]))
                }
            }
            return .init(minimumRank: minimumRank, frequency: UInt8(min(freqs[best], 255)),
                         length: UInt8(min(lengths[Int(list[best])], 255)), fieldPeak: peak)
        }, to: &postings)
    }

    /// The title (`slot` 0) or institution-name (`slot` 1) frequencies of the combined text term
    /// `term`'s documents (`list`, its documents as `postings(term)` gives them), from its field term's
    /// list (0 where the field lacks the word). O(list).
    func fieldFrequencies(of term: Int, list: [UInt32], slot: Int) -> [UInt32] {
        var out = [UInt32](repeating: 0, count: list.count)
        guard term < fieldIDs[slot].count, fieldIDs[slot][term] >= 0 else { return out }
        let f = Int(fieldIDs[slot][term])
        var j = 0
        let (fieldDocuments, fieldFrequencies) = postings(f)
        for (k, doc) in fieldDocuments.enumerated() {
            while list[j] < doc { j += 1 }
            out[j] = fieldFrequencies[k]
        }
        return out
    }

    /// A dense list (8-byte aligned, no blocks): Present, and for a text term Repeated, the rank
    /// directory, the repeated frequencies and the length peaks (when some frequency is ≥ 2),
    /// Best, and the frequencies of 255 or more.
    private func appendDenseList(_ list: [UInt32], _ freqs: [UInt32], withFrequencies withFreqs: Bool, maxFrequency: UInt32,
                                 words: Int, lengths: [UInt32], averageLength: Double, to postings: inout [UInt8]) {
        var present = [UInt64](repeating: 0, count: words)
        for d in list { present[Int(d >> 6)] |= 1 << UInt64(d & 63) }
        var bits = ByteWriter(capacity: words * 8)
        bits.u64s(present)
        if withFreqs {
            if maxFrequency >= 2 {
                var repeated = [UInt64](repeating: 0, count: words)
                for (j, d) in list.enumerated() where freqs[j] > 1 { repeated[Int(d >> 6)] |= 1 << UInt64(d & 63) }
                bits.u64s(repeated)
                // Rank directory: repeated documents before each group of 8 words, then the total.
                var before: UInt32 = 0
                for g in 0 ..< IndexLayout.rankGroups(words: words) {
                    bits.u32(before)
                    for w in (g * 8) ..< min(words, g * 8 + 8) { before += UInt32(repeated[w].nonzeroBitCount) }
                }
                bits.u32(before)
                // The frequencies of the repeated documents, in document order.
                for f in freqs where f > 1 { bits.u8(UInt8(min(f, 255))) }
                // Length peaks: per LENGTHS byte, the largest frequency among those documents.
                var peaks = [UInt8](repeating: 0, count: IndexLayout.lengthPeakCount)
                for (j, d) in list.enumerated() {
                    let b = Int(min(lengths[Int(d)], 255))
                    peaks[b] = max(peaks[b], UInt8(min(freqs[j], 255)))
                }
                bits.raw(peaks)
            }
            // Best documents: per word, the bit of the largest impact (lowest bit on a tie).
            var best = [UInt8](repeating: IndexLayout.noBestDocument, count: words)
            var bestImpact = [Double](repeating: -1, count: words)
            for (j, d) in list.enumerated() {
                let impact = BM25Impact.defaultImpact(frequency: freqs[j], length: lengths[Int(d)], averageLength: averageLength)
                if impact > bestImpact[Int(d >> 6)] {
                    bestImpact[Int(d >> 6)] = impact
                    best[Int(d >> 6)] = UInt8(d & 63)
                }
            }
            bits.raw(best)
            // Frequencies of 255 or more, exactly: (document, frequency), in document order.
            let saturated = list.indices.filter { freqs[$0] >= 255 }
            bits.u32(UInt32(saturated.count))
            for j in saturated { bits.u32(list[j]); bits.u32(freqs[j]) }
        }
        postings.append(contentsOf: bits.bytes)
    }
}

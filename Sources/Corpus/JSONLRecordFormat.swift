import Dispatch
import Platform

/// The project's own corpus format: JSON Lines, one program per line (see docs/CORPUS_FORMAT.md).
///
/// An optional first line without `"id"` but with `"corpus"` describes the corpus:
/// `{"corpus":"schoolfinder-sample","sample_data":true,"note":"…"}`.
/// Record lines: `id, institution_id, institution, city, state, zip, lat, lon, cip, title,
/// description, level, accreditors, delivery`. Required: id, institution, state, lat, lon, cip,
/// title, level. Blank lines are ignored.
public enum JSONLRecordFormat {
    /// Corpus-level facts from the header line.
    public struct Header: Sendable, Equatable {
        public var name: String
        public var isSampleData: Bool
        public var note: String
        public init(name: String, isSampleData: Bool, note: String) {
            self.name = name
            self.isSampleData = isSampleData
            self.note = note
        }
    }

    /// The result of reading one JSONL file.
    public struct ReadResult: Sendable {
        public var header: Header?
        public var records: [ProgramRecord]
        public var report: IngestReport
        /// While a piece is parsed for a handler (`read(path:threads:pieceBytes:keepingRecords:handingPiecesTo:)`):
        /// its records' descriptions, which their own leave empty.
        fileprivate var pieceDescriptions: DeferredDescriptions?
        /// Parsed runs whose records are not yet in `records` (`collectRuns` moves them there).
        fileprivate var runs: [RecordRun] = []
        /// Records read: in `records` and `runs`, or handed to a handler and dropped.
        fileprivate var recordCount = 0
        /// Records read (`records.count`, unless a handler took them and they were not kept).
        public var count: Int { recordCount }

        public init(header: Header?, records: [ProgramRecord], report: IngestReport) {
            self.header = header
            self.records = records
            self.report = report
            recordCount = records.count
        }

        /// Moves the records of `runs` after `records`, in order, and empties `runs`: bitwise,
        /// into an array made at their exact count, so no copy retains their strings and no run
        /// releases them.
        fileprivate mutating func collectRuns() {
            let pending = runs
            runs = []
            let total = pending.reduce(0) { $0 + $1.count }
            guard total > 0 else { return } // runs without records (a header, bad lines) free themselves
            // Each run's storage is freed as it is moved; a trim every 256 MiB moved hands those
            // pages back while the result fills (glibc's adaptive mmap threshold serves runs of
            // a few MiB from the heap, whose freed pages stay until trimmed), so the move does
            // not hold the records twice.
            let trimEvery = max(1, (1 << 28) / MemoryLayout<ProgramRecord>.stride)
            let moved = [ProgramRecord](unsafeUninitializedCapacity: total) { buffer, written in
                var at = 0, sinceTrim = 0
                for run in pending {
                    let n = run.moveAll(to: buffer.baseAddress! + at)
                    at += n
                    sinceTrim += n
                    if sinceTrim >= trimEvery { SystemCalls.returnFreedMemory(); sinceTrim = 0 }
                }
                written = at
            }
            // Every read collects into an empty result; anything else is appended (a copy).
            if records.isEmpty { records = moved } else { records += moved }
            // The runs' storage is free now, but the workers' malloc arenas would keep its pages
            // for the rest of the process (as much memory as the records' array again): worth
            // a trim from 16 MiB of records on.
            if total * MemoryLayout<ProgramRecord>.stride >= 1 << 24 { SystemCalls.returnFreedMemory() }
        }
    }

    /// The records one parsing worker made, in raw storage from which `ReadResult.collectRuns`
    /// moves them (a bitwise move) into the result: appending them to an array would copy
    /// each, retaining every string, and dropping the run would release them all, two atomic
    /// operations per string of a million records on the thread the workers wait for.
    /// `@unchecked Sendable`: a run is filled by one worker, then handed to the reading thread.
    fileprivate final class RecordRun: @unchecked Sendable {
        private let base: UnsafeMutablePointer<ProgramRecord>
        private let capacity: Int
        /// Records initialized at `base`.
        private(set) var count = 0

        init(capacity: Int) {
            self.capacity = max(1, capacity)
            base = .allocate(capacity: self.capacity)
        }

        /// The records, in place (valid until `moveAll`).
        var records: UnsafeBufferPointer<ProgramRecord> { UnsafeBufferPointer(start: base, count: count) }

        func append(_ record: consuming ProgramRecord) {
            precondition(count < capacity, "a run holds at most one record per line")
            (base + count).initialize(to: record)
            count += 1
        }

        /// Whether `moveAll` has run and freed the storage.
        private var released = false

        /// Moves every record to `destination` (uninitialized room for `count`) and frees the
        /// run's storage at once, so the runs' memory goes as the result's fills; returns how
        /// many were moved. Call once.
        func moveAll(to destination: UnsafeMutablePointer<ProgramRecord>) -> Int {
            precondition(!released, "a run's records are moved once")
            let moved = count
            destination.moveInitialize(from: base, count: moved)
            count = 0
            base.deallocate()
            released = true
            return moved
        }

        deinit {
            guard !released else { return }
            base.deinitialize(count: count)
            base.deallocate()
        }
    }

    /// Reads `bytes` (the content of `path`). Malformed lines are reported and skipped.
    ///
    /// The lines are parsed on up to `threads` threads (contiguous runs of lines each), then
    /// taken in file order, so the records, the header rule and the report are the same for any
    /// count. - Complexity: O(bytes), split over the threads.
    public static func read(_ bytes: [UInt8], path: String, threads: Int = SystemCalls.processorCount()) -> ReadResult {
        var result = ReadResult(header: nil, records: [], report: IngestReport())
        _ = bytes.withUnsafeBufferPointer { parse($0, firstLine: 1, atFileStart: true, path: path, threads: threads, into: &result) }
        result.collectRuns()
        return result
    }

    /// Reads the file at `path` in pieces of about `pieceBytes` (each cut after its last line
    /// feed; `FileBytes.forEachPiece`), so the whole file is never in memory at once: the same
    /// result as `read(FileBytes.read(path), path:)`, with memory for the records and the piece
    /// being parsed (a mapped file's pages; a pipe's piece and the next being read).
    ///
    /// With a `handler`, each piece's records are handed to it as soon as they are parsed, with
    /// their descriptions (`ParsedPiece`), and the records keep none (their `description` is
    /// ""): a caller that analyzes and stores the texts as they come (the index writer's
    /// `IndexTextPass`) never holds the corpus's descriptions, only two pieces'. With
    /// `keepingRecords` false, not even the records: each piece's are dropped once the handler
    /// returns, and `records` stays empty (`count` counts them).
    ///
    /// The handler runs on a Dispatch queue of its own while the next piece is parsed: one piece
    /// at a time, in file order, each call after the one before has returned, and the last
    /// before `read` returns (or throws). So the parse of a piece fills what the handling of the
    /// one before leaves of the cores (its serial steps, its waits), and the other way round;
    /// memory holds two pieces' records and descriptions. The handler may use what the caller
    /// of `read` owns (the caller is blocked in `read` meanwhile), but not state that other
    /// threads use. `mapping` false reads even a regular file (`FileBytes.forEachPiece`; tests).
    public static func read(path: String, threads: Int = SystemCalls.processorCount(), pieceBytes: Int = 1 << 26,
                            keepingRecords: Bool = true, mapping: Bool = true,
                            handingPiecesTo handler: ((ParsedPiece) -> Void)? = nil) throws(CorpusError) -> ReadResult {
        precondition(keepingRecords || handler != nil, "records not kept are handed to a handler")
        var result = ReadResult(header: nil, records: [], report: IngestReport())
        var line = 1
        let handing = PieceHandling(handler)
        defer { handing.finish() }
        try FileBytes.forEachPiece(path, pieceBytes: pieceBytes, mapping: mapping) { piece, isFirst, fileSize in
            let firstRun = result.runs.count, firstRecord = result.recordCount
            if handler != nil { result.pieceDescriptions = DeferredDescriptions() }
            line = parse(piece, firstLine: line, atFileStart: isFirst, path: path, threads: threads, into: &result)
            if let descriptions = result.pieceDescriptions {
                result.pieceDescriptions = nil
                let runs = Array(result.runs[firstRun...])
                if !keepingRecords { result.runs.removeSubrange(firstRun...) } // the handling holds them, then frees them
                handing.hand(firstRecord: firstRecord, runs: runs, descriptions: descriptions)
            }
        }
        handing.finish()
        result.collectRuns()
        return result
    }

    /// Hands pieces to a handler on a serial queue of its own (`read(path:…)`), one at a time.
    /// `@unchecked Sendable`: the handler is called only on `queue`, one call after the other;
    /// `hand` and `finish` are called by one thread (the reader's).
    private final class PieceHandling: @unchecked Sendable {
        private let handler: ((ParsedPiece) -> Void)?
        private let queue = DispatchQueue(label: "schoolfinder.jsonl.pieces")
        private let inFlight = DispatchGroup()

        init(_ handler: ((ParsedPiece) -> Void)?) { self.handler = handler }

        /// Waits for the piece before, then hands this one (`runs` hold its records: they live
        /// until it is handled, then are freed unless the result kept them too).
        func hand(firstRecord: Int, runs: [RecordRun], descriptions: DeferredDescriptions) {
            inFlight.wait()
            // The piece before's descriptions and runs are freed now, and whatever its handler
            // made and let go; blocks of a few MiB are on the heap (glibc's adaptive mmap
            // threshold), among blocks that stay, so their pages go back only when trimmed.
            SystemCalls.returnFreedMemory()
            handed = true
            queue.async(group: inFlight) { [self] in
                let validity = ParsedPiece.Validity()
                handler?(ParsedPiece(firstRecord: firstRecord, runs: runs.map(\.records), descriptions: descriptions, validity: validity))
                validity.isValid = false // the records move on: a piece kept past the call refuses them
            }
        }

        /// Waits for the last piece handed, and trims what it let go.
        func finish() {
            guard handed else { return }
            inFlight.wait()
            handed = false
            SystemCalls.returnFreedMemory()
        }
        /// Whether a piece was handed since the last `finish`.
        private var handed = false
    }

    /// One piece of a JSON Lines file just parsed (`read(path:threads:pieceBytes:keepingRecords:handingPiecesTo:)`):
    /// its records in file order, where the parser put them, and their descriptions.
    /// `@unchecked Sendable`: it points into the reader's storage, which no one writes during
    /// the handler's call — and past the call, `record(_:)` refuses (a precondition), as the
    /// records move on; `descriptions` is the piece's own and stays readable.
    public struct ParsedPiece: @unchecked Sendable {
        /// Whether the handler's call is still running (the reader clears it after).
        final class Validity: @unchecked Sendable {
            var isValid = true
        }
        private let validity: Validity
        /// The piece's first record's index among all the records read (from the file; from
        /// the corpus, handed on by `CorpusLoader.load`), 0 ..< .
        public internal(set) var firstRecord: Int
        /// Records in the piece.
        public let count: Int
        /// The records' descriptions, by index within the piece (`0 ..< count`).
        public let descriptions: DeferredDescriptions
        private let runs: [UnsafeBufferPointer<ProgramRecord>]
        /// Per run, the index within the piece of its first record.
        private let runStarts: [Int]

        init(firstRecord: Int, runs: [UnsafeBufferPointer<ProgramRecord>], descriptions: DeferredDescriptions, validity: Validity) {
            self.validity = validity
            self.firstRecord = firstRecord
            self.runs = runs
            self.descriptions = descriptions
            var starts: [Int] = [], n = 0
            for run in runs { starts.append(n); n += run.count }
            runStarts = starts
            count = n
            precondition(descriptions.count == n, "a piece's descriptions are its records'")
        }

        /// The piece's `k`-th record (valid during the handler's call only).
        /// - Precondition: called during the handler's call. - Complexity: O(log runs).
        public func record(_ k: Int) -> UnsafePointer<ProgramRecord> {
            precondition(validity.isValid, "a piece's records are read during the handler's call only")
            precondition(k >= 0 && k < count, "record \(k) of a piece of \(count)")
            var low = 0, high = runStarts.count - 1
            while low < high {
                let mid = (low + high + 1) / 2
                if runStarts[mid] <= k { low = mid } else { high = mid - 1 }
            }
            return runs[low].baseAddress.unsafelyUnwrapped + (k - runStarts[low])
        }
    }

    /// What a run of lines parsed to: its records in order, and its other lines (the header,
    /// problems), each with how many of the run's records came before it.
    struct ParsedRun: Sendable {
        fileprivate var records: RecordRun
        var others: [(line: Int, recordsBefore: Int, outcome: LineOutcome)] = []
        /// Deferring descriptions: the records' description bytes back to back, and where each ends.
        var descriptionBytes: [UInt8] = []
        var descriptionEnds: [UInt32] = []
    }

    /// Parses the lines of `bytes` (numbered from `firstLine`) into `result`, in order; returns
    /// the number the next line would have (`bytes` ends with a line feed, or is the file's end).
    ///
    /// Each run of lines is parsed, and its records' repeated strings shared
    /// (`RepeatedStrings`, within the run), on a worker; the runs are then appended in order,
    /// with the header rule and the report applied line by line as before.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, firstLine: Int, atFileStart: Bool, path: String, threads: Int,
                      into result: inout ReadResult) -> Int {
        var lines: [(number: Int, range: Range<Int>)] = []
        let next = FileBytes.forEachLineRange(bytes, firstLine: firstLine, atFileStart: atFileStart) { line, range in
            if !bytes[range].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { lines.append((line, range)) }
        }
        let found = lines
        let runs = max(1, min(threads * 4, lines.count / 2048))
        let runLength = max(1, (lines.count + runs - 1) / runs)
        let runCount = (lines.count + runLength - 1) / runLength
        let parsedRuns = ConcurrentSlots<ParsedRun>(count: runCount)
        let deferring = result.pieceDescriptions != nil
        let shared = UnsafeSendable(bytes)
        DispatchQueue.concurrentPerform(iterations: runCount) { run in
            var sharing = RepeatedStrings()
            let range = run * runLength ..< min(found.count, (run + 1) * runLength)
            var parsed = ParsedRun(records: RecordRun(capacity: range.count))
            if deferring {
                // Half the run's line bytes (a realistic description is about 46% of its line:
                // 406 of 875 bytes), so the arena seldom regrows.
                parsed.descriptionBytes.reserveCapacity((found[range.upperBound - 1].range.upperBound - found[range.lowerBound].range.lowerBound) / 2)
                parsed.descriptionEnds.reserveCapacity(range.count)
            }
            for k in range {
                switch outcome(of: UnsafeBufferPointer(rebasing: shared.value[found[k].range])) {
                case var .record(r):
                    sharing.share(&r)
                    if deferring {
                        parsed.descriptionBytes.append(contentsOf: r.description.utf8)
                        parsed.descriptionEnds.append(UInt32(parsed.descriptionBytes.count))
                        r.description = ""
                    }
                    parsed.records.append(r)
                case let other:
                    parsed.others.append((found[k].number, parsed.records.count, other))
                }
            }
            parsedRuns.store(parsed, at: run)
        }
        // The runs' records stay where the workers put them until `collectRuns`; the report
        // counts them here, in file order, and the header rule reads its count.
        for run in 0 ..< runCount {
            let parsed = parsedRuns.take(run)
            var taken = 0
            func takeRecords(upTo end: Int) {
                guard end > taken else { return }
                result.report.accept(end - taken)
                taken = end
            }
            for other in parsed.others {
                takeRecords(upTo: other.recordsBefore)
                switch other.outcome {
                case let .header(header):
                    if result.header == nil && result.report.accepted == 0 {
                        result.header = header
                    } else {
                        result.report.skip(IngestIssue(file: path, line: other.line, reason: "corpus header must be the first line"))
                    }
                case let .problem(reason):
                    result.report.skip(IngestIssue(file: path, line: other.line, reason: reason))
                case .record:
                    preconditionFailure("a run's records are in its records")
                }
            }
            takeRecords(upTo: parsed.records.count)
            result.recordCount += parsed.records.count
            result.runs.append(parsed.records)
            if deferring { result.pieceDescriptions!.append(arena: parsed.descriptionBytes, ends: parsed.descriptionEnds) }
        }
        return next
    }

    /// What one non-blank line holds.
    enum LineOutcome: Sendable, Equatable {
        case record(ProgramRecord)
        case header(Header)
        case problem(String)
    }

    /// Parses one non-blank line: a record, the corpus header, or why it is neither.
    ///
    /// A record line is scanned for the members a record reads (`RecordFields`); any other
    /// line (the header, an invalid or unusual one) is parsed whole, which also names what is
    /// wrong with it. Both give the same record for a line both read.
    static func outcome(of line: UnsafeBufferPointer<UInt8>) -> LineOutcome {
        if let fields = RecordFields.scan(line) {
            switch record(from: fields) {
            case let .success(r): return .record(r)
            case let .failure(problem): return .problem(problem.reason)
            }
        }
        return wholeLineOutcome(of: line)
    }

    /// `outcome(of:)` from the line parsed whole as a `JSONValue`.
    static func wholeLineOutcome(of line: UnsafeBufferPointer<UInt8>) -> LineOutcome {
        let value: JSONValue
        do { value = try JSONValue.parse(line) } catch { return .problem("\(error)") }
        guard case .object = value else { return .problem("expected a JSON object per line") }
        if value["id"] == nil, let name = value["corpus"]?.stringValue {
            var sample = false
            if case let .bool(b)? = value["sample_data"] { sample = b }
            return .header(Header(name: name, isSampleData: sample, note: value["note"]?.stringValue ?? ""))
        }
        switch record(from: value) {
        case let .success(r): return .record(r)
        case let .failure(problem): return .problem(problem.reason)
        }
    }

    struct Problem: Error { let reason: String }

    static func record(from v: some RecordFieldSource) -> Result<ProgramRecord, Problem> {
        func str(_ key: RecordKey, required: Bool) -> Result<String, Problem> {
            switch v[key] {
            case let .string(s)?: return .success(s)
            case .none, .null?: return required ? .failure(Problem(reason: "missing required field \"\(key.name)\"")) : .success("")
            case .number(let n)?: return .success(JSONWriter.number(n))
            default: return .failure(Problem(reason: "field \"\(key.name)\" must be a string"))
            }
        }
        func num(_ key: RecordKey) -> Result<Double, Problem> {
            switch v[key] {
            case let .number(n)?: return .success(n)
            case let .string(s)?: if let n = Double(s) { return .success(n) }
                return .failure(Problem(reason: "field \"\(key.name)\" is \"\(s)\", not a number"))
            case .none, .null?: return .failure(Problem(reason: "missing required field \"\(key.name)\""))
            default: return .failure(Problem(reason: "field \"\(key.name)\" must be a number"))
            }
        }
        /// An optional whole number ≥ 0 (`null` or absent → nil).
        func count(_ key: RecordKey) -> Result<Int?, Problem> {
            switch v[key] {
            case .none, .null?: return .success(nil)
            case let .number(n)?:
                guard n >= 0, n <= 4_000_000_000, n == n.rounded() else { return .failure(Problem(reason: "field \"\(key.name)\" is \(JSONWriter.number(n)), not a whole number ≥ 0")) }
                return .success(Int(n))
            default: return .failure(Problem(reason: "field \"\(key.name)\" must be a number or null"))
            }
        }
        /// An optional array of short names, stored uppercase, unique, sorted.
        func list(_ key: RecordKey) -> Result<[String], Problem> {
            switch v[key] {
            case .none, .null?: return .success([])
            case let .array(items)? where items.isEmpty: return .success([]) // most records' lists
            case let .array(items)?:
                var out: [String] = []
                for item in items {
                    guard let s = item.stringValue else { return .failure(Problem(reason: "\(key.name) must be an array of strings")) }
                    let a = s.trimmingASCIIWhitespace().uppercased()
                    if !a.isEmpty && !out.contains(a) { out.append(a) }
                }
                return .success(out.sorted())
            default: return .failure(Problem(reason: "\(key.name) must be an array of strings"))
            }
        }
        do {
            let id = try str(.id, required: true).get().trimmingASCIIWhitespace()
            let levelText = try str(.level, required: true).get()
            guard let level = AwardLevel(parsing: levelText) else {
                return .failure(Problem(reason: "level \"\(levelText)\" is not an award level; use one of: \(AwardLevel.acceptedSpellingsDescription)"))
            }
            let deliveryText = try str(.delivery, required: false).get()
            guard let delivery = Delivery(parsing: deliveryText) else {
                return .failure(Problem(reason: "delivery \"\(deliveryText)\" is not one of campus, online, hybrid, unknown"))
            }
            var accreditors: [String] = []
            switch v[.accreditors] {
            case .none, .null?: break
            case let .array(items)?:
                for item in items {
                    guard let s = item.stringValue else { return .failure(Problem(reason: "accreditors must be an array of strings")) }
                    let a = s.trimmingASCIIWhitespace().uppercased()
                    if !a.isEmpty && !accreditors.contains(a) { accreditors.append(a) }
                }
            case let .string(s)?:
                accreditors = s.split(separator: ",").map { String($0).trimmingASCIIWhitespace().uppercased() }.filter { !$0.isEmpty }
            default: return .failure(Problem(reason: "accreditors must be an array of strings"))
            }
            let rawCIP = try str(.cip, required: true).get()
            guard let cip = CIPCode.normalize(rawCIP) else {
                return .failure(Problem(reason: "cip \"\(rawCIP)\" is not a CIP code of the form NN.NNNN (e.g. \"51.0707\")"))
            }
            let record = ProgramRecord(
                id: id, institutionID: try str(.institutionID, required: false).get(),
                institutionName: try str(.institution, required: true).get(),
                city: try str(.city, required: false).get(),
                state: try str(.state, required: true).get().trimmingASCIIWhitespace().uppercased(),
                zip: try str(.zip, required: false).get(),
                latitude: try num(.lat).get(), longitude: try num(.lon).get(),
                cipCode: cip, title: try str(.title, required: true).get(),
                description: try str(.description, required: false).get(),
                level: level, accreditors: accreditors, delivery: delivery)
            var full = record
            full.preaccreditors = try list(.preaccreditors).get()
            full.institutionAccreditors = try list(.institutionAccreditors).get()
            full.otherSchoolAccreditors = try list(.otherSchoolAccreditors).get()
            full.website = try str(.website, required: false).get()
            let controlText = try str(.control, required: false).get()
            if !controlText.isEmpty {
                guard let c = InstitutionControl(parsing: controlText) else {
                    return .failure(Problem(reason: "control \"\(controlText)\" is not one of public, private-nonprofit, private-for-profit"))
                }
                full.control = c
            }
            full.completers = try count(.completers).get()
            full.medianEarnings = try count(.medianEarnings).get()
            full.medianDebt = try count(.medianDebt).get()
            if let problem = full.validationProblem { return .failure(Problem(reason: problem)) }
            return .success(full)
        } catch {
            return .failure(error)
        }
    }

    /// One record as a JSONL line (no trailing newline), fields in the documented order.
    public static func line(for r: ProgramRecord) -> String {
        var w = JSONWriter()
        w.beginObject()
        writeFields(of: r, into: &w)
        w.endObject()
        return w.text
    }

    /// Writes the record's fields (documented names) into an open JSON object.
    public static func writeFields(of r: ProgramRecord, into w: inout JSONWriter) {
        w.field("id", r.id)
        w.field("institution_id", r.institutionID)
        w.field("institution", r.institutionName)
        w.field("city", r.city)
        w.field("state", r.state)
        w.field("zip", r.zip)
        w.field("lat", r.latitude)
        w.field("lon", r.longitude)
        w.field("cip", r.cipCode)
        w.field("title", r.title)
        w.field("description", r.description)
        w.field("level", r.level.rawValue)
        w.field("accreditors", r.accreditors)
        w.field("delivery", r.delivery.rawValue)
        w.field("preaccreditors", r.preaccreditors)
        w.field("institution_accreditors", r.institutionAccreditors)
        w.field("other_school_accreditors", r.otherSchoolAccreditors)
        w.field("website", r.website)
        if let c = r.control { w.field("control", c.rawValue) } else { w.nullField("control") }
        w.field("completers", r.completers)
        w.field("median_earnings", r.medianEarnings)
        w.field("median_debt", r.medianDebt)
        if let s = r.outcomesCIPSeries { w.field("outcomes_cip_series", s) } else { w.nullField("outcomes_cip_series") }
    }

    /// The header line for a corpus.
    public static func line(for h: Header) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.field("corpus", h.name)
        w.field("sample_data", h.isSampleData)
        w.field("note", h.note)
        w.endObject()
        return w.text
    }
}

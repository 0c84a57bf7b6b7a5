import Corpus
import Testing

/// Hostile corpus files: the JSONL, CSV, IPEDS and ZIP readers must report bad rows and go on,
/// never crash, and never invent records.
@Suite("Reader fuzzing")
struct ReaderFuzzTests {
    static let jsonl: [UInt8] = {
        let zips = [ZipCentroid(zip: "60601", city: "Chicago", state: "IL", latitude: 41.886456, longitude: -87.62325)]
        let records = SampleCorpusGenerator(zips: zips, seed: 4).generate(count: 60)
        return Array((records.map(JSONLRecordFormat.line(for:)).joined(separator: "\n") + "\n").utf8)
    }()

    static func mutate(_ base: [UInt8], _ i: Int, _ rng: inout SplitMix64) -> ([UInt8], String) {
        var b = base
        switch i % 8 {
        case 0: return (Array(b.prefix(rng.below(b.count))), "truncated")
        case 1:
            for _ in 0 ..< 1 + rng.below(6) { b[rng.below(b.count)] = [0xFF, 0xC3, 0x80, 0xED, 0xA0][rng.below(5)] }
            return (b, "invalid UTF-8")
        case 2:
            for _ in 0 ..< 1 + rng.below(6) { b.insert(0, at: rng.below(b.count)) }
            return (b, "embedded NULs")
        case 3:
            for _ in 0 ..< 1 + rng.below(4) { b.insert(0x22, at: rng.below(b.count)) }
            return (b, "unbalanced quotes")
        case 4:
            for _ in 0 ..< 1 + rng.below(4) { b.insert(0x2C, at: rng.below(b.count)) }
            return (b, "extra commas")
        case 5:
            for _ in 0 ..< 1 + rng.below(4) { b.insert(0x0A, at: rng.below(b.count)) }
            return (b, "split lines")
        case 6:
            for _ in 0 ..< 1 + rng.below(30) { b[rng.below(b.count)] = UInt8(truncatingIfNeeded: rng.next()) }
            return (b, "random bytes")
        default:
            // The first long line is 10 MB; later ones 200 KB (same code path, less time in debug).
            let at = rng.below(b.count)
            b.insert(contentsOf: [UInt8](repeating: rng.chance(0.5) ? 0x61 : 0x22, count: i < 8 ? 10_000_000 : 200_000), at: at)
            return (b, "long line")
        }
    }

    @Test("JSONL: 400 mutations, every line either a valid record or a reported skip")
    func jsonlFuzz() {
        var rng = SplitMix64(seed: 91)
        var kinds: [String: (records: Int, skipped: Int)] = [:]
        for i in 0 ..< 400 {
            let (bytes, kind) = Self.mutate(Self.jsonl, i, &rng)
            let r = JSONLRecordFormat.read(bytes, path: "f.jsonl")
            #expect(r.records.allSatisfy { $0.validationProblem == nil })
            #expect(r.report.accepted == r.records.count)
            let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: true).filter { !$0.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D } }.count
            #expect(r.records.count + r.report.skippedCount <= lines)
            let k = kinds[kind] ?? (0, 0)
            kinds[kind] = (k.records + r.records.count, k.skipped + r.report.skippedCount)
        }
        print("JSONL fuzz:", kinds.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.records) records, \($0.value.skipped) skipped" }.joined(separator: "; "))
        #expect(kinds.count == 8)
    }

    @Test("IPEDS CSV readers: 400 mutations each of HD, completions and CIP files; rows valid or reported")
    func csvFuzz() {
        var rng = SplitMix64(seed: 92)
        var outcomes = ["rows": 0, "skipped": 0, "refused": 0]
        for i in 0 ..< 1200 {
            let base = [Fixtures.hd, Fixtures.completions, Fixtures.cipTitles][i % 3]
            let (bytes, _) = Self.mutate(base, i < 24 ? i / 3 : i, &rng)
            do {
                switch i % 3 {
                case 0:
                    let (rows, rep) = try IPEDSFiles.readInstitutions(bytes, path: "hd.csv")
                    #expect(rows.allSatisfy { USState.isCode($0.state) && $0.zip.count == 5 && abs($0.latitude) <= 90 })
                    outcomes["rows"]! += rows.count; outcomes["skipped"]! += rep.skippedCount
                case 1:
                    let (rows, rep) = try IPEDSFiles.readCompletions(bytes, path: "c.csv")
                    #expect(rows.allSatisfy { CIPCode.isValid($0.cipCode) })
                    outcomes["rows"]! += rows.count; outcomes["skipped"]! += rep.skippedCount
                default:
                    let (rows, rep) = try IPEDSFiles.readCIPTitles(bytes, path: "cip.csv")
                    #expect(rows.allSatisfy { CIPCode.isValid($0.code) && !$0.title.isEmpty })
                    outcomes["rows"]! += rows.count; outcomes["skipped"]! += rep.skippedCount
                }
            } catch {
                // A header mangled beyond recognition: the whole file is refused, with its name
                // (the readers throw only `CorpusError`, a typed throw).
                #expect("\(error)".contains(".csv"))
                outcomes["refused"]! += 1
            }
        }
        print("CSV fuzz (1200 files):", outcomes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        #expect(outcomes["rows"]! > 0 && outcomes["skipped"]! > 0)
    }

    @Test("CSV: wrong column counts and an unterminated quote are reported with their lines")
    func csvShapes() throws {
        let text = "UNITID,CIPCODE,MAJORNUM,AWLEVEL\n1,51.0707,1,3\n2,51.0707\n3,51.0707,1,3,extra\n4,\"51.0707,1,3\n"
        let (rows, rep) = try IPEDSFiles.readCompletions(Array(text.utf8), path: "c.csv")
        #expect(rows.map(\.unitID) == ["1"])
        #expect(rep.skipped.map(\.line) == [3, 4, 5])
    }

    @Test("ZIP table: NULs, bad UTF-8 and huge lines are skipped with reasons")
    func zipFuzz() throws {
        var rng = SplitMix64(seed: 93)
        let base = Array("zip\tcity\tstate\tlat\tlon\n60601\tChicago\tIL\t41.886456\t-87.62325\n94103\tSan Francisco\tCA\t37.77\t-122.41\n".utf8)
        for i in 0 ..< 200 {
            let (bytes, _) = Self.mutate(base, i, &rng)
            let (zips, _) = (try? ZipTable.read(bytes, path: "z.tsv")) ?? ([], IngestReport())
            #expect(zips.allSatisfy { $0.zip.utf8.count == 5 && $0.location.isValid })
        }
    }
}

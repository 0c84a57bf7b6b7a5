import Corpus
import Geo
import IndexFormat
import Requests
import Search

/// `search --batch FILE`: one JSON query per line in, one JSON result per line out.
///
/// Query keys: id, class (a label), text, and each query option's key (`SearchOption.batchKey`:
/// near, zip, lat, lon, radius_mi, levels, states, cip_prefix, accreditor, delivery, sort,
/// ranking, weights, decay_miles, group, facets, explain, limit, offset), read by
/// `SearchRequest(batchLine:)` with the command line's rules and messages. Result: {"id",
/// "total", "hits": [{"id", "score", "distance_mi"}]} plus "took_us" with --timing,
/// "sample_data": true on a sample corpus, "group_total" and each hit's "group_matches" when
/// grouped, "facets" when asked, and "plan" and each hit's "explain" with explain. A bad line,
/// or one with a key not listed above, yields {"id", "error"} and the batch goes on.
/// `--batch -` reads the queries from standard input.
enum BatchSearch {
    /// The `search` options that apply to a whole batch; every other one is refused beside --batch.
    static let batchOptions: Set<String> = ["index", "format", "batch", "timing"]

    /// Refuses a query option given beside `--batch` (each line carries its own query, so it
    /// would be silently ignored), naming the JSON key to use instead.
    static func refuseIgnoredOptions(_ p: ParsedArguments) throws(UsageError) {
        for o in SearchCommand.options where !batchOptions.contains(o.name) && p.has(o.name) {
            if let key = SearchOption(rawValue: o.name)?.batchKey {
                throw UsageError("--\(o.name) does not apply to --batch: each query line gives its own; put \"\(key)\" in the lines, or drop --\(o.name)")
            }
            throw UsageError("--\(o.name) does not apply to --batch; drop it")
        }
    }

    static func run(file: String, parsed: ParsedArguments, timing: Bool, io: CommandIO) throws -> Int32 {
        let bytes = file == "-" ? try io.readStandardInput() : try FileBytes.read(file)
        let source = file == "-" ? "stdin" : file
        var reader = try IndexOpener.open(parsed, io: io)
        var out = ""
        FileBytes.forEachLine(bytes) { line, slice in
            if slice.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
            var w = JSONWriter()
            w.beginObject()
            var id = "line \(line)"
            do {
                let value = try JSONValue.parse(slice)
                if let v = value["id"] { id = v.stringValue ?? v.numberValue.map { JSONWriter.number($0) } ?? id }
                w.field("id", id)
                let request = try SearchRequest(batchLine: value)
                let answer = try IndexOpener.retryingOnDamage(parsed, io: io, reader: &reader) { reader in
                    try SearchAnswer(request, reader: reader, readingRecords: false)
                }
                let (result, elapsed) = (answer.result, answer.seconds)
                write(result, request: answer.request, reader: reader, into: &w)
                if timing { w.field("took_us", (elapsed * 1e7).rounded() / 10) }
                w.beginArray("hits")
                for h in result.hits {
                    w.beginObject()
                    w.field("id", try reader.checkedID(rank: Int(reader.rows.rank(h.document))))
                    ResultFormatter.writeScore(of: h, explanation: result.explanations.first { $0.document == h.document }, into: &w)
                    w.endObject()
                }
                w.endArray()
            } catch {
                w = JSONWriter()
                w.beginObject()
                w.field("id", id)
                w.field("error", "\(source):\(line): \(error)")
            }
            w.endObject()
            out += w.text + "\n"
            if out.utf8.count > 1 << 16 { io.out(out); out = "" }
        }
        io.out(out)
        return 0
    }

    /// A result line's fields before its hits: total, and what the request asked for beyond hits.
    static func write(_ result: SearchResult, request: SearchRequest, reader: IndexReader, into w: inout JSONWriter) {
        w.field("total", result.total)
        if let groups = result.groupTotal { w.field("group_total", groups) }
        if reader.isSampleData { w.field("sample_data", true) }
        if request.explain { w.field("plan", result.plan.rawValue) }
        if !request.facets.isEmpty { ResultFormatter.writeFacets(result.facets, into: &w) }
        if let u = result.understanding, u.changesQuery || request.placeFromText != nil || request.stateFromText != nil {
            ResultFormatter.writeUnderstanding(u, typedPlace: request.placeFromText, typedState: request.stateFromText, into: &w)
        }
    }
}

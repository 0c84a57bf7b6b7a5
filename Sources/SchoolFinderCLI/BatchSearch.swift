import Corpus
import Geo
import IndexFormat
import Search

/// `search --batch FILE`: one JSON query per line in, one JSON result per line out.
///
/// Query fields: id, text, near (a ZIP or "City, ST"), zip or lat/lon, radius_mi, levels, states, cip_prefix, accreditor,
/// delivery, sort, limit, offset (and "class", a label). Result: {"id", "total", "hits": [{"id",
/// "score", "distance_mi"}]} plus "took_us" with --timing and "sample_data": true on a sample
/// corpus. A bad line, or one with a key not listed above, yields {"id", "error"} and the batch
/// goes on. `--batch -` reads the queries from standard input.
enum BatchSearch {
    /// The JSON keys a query line may have, each with the search option it stands for. "class"
    /// is a label the search does not read (`schoolfinder-bench --write-queries` writes one).
    static let keys: [(key: String, option: String?)] = [
        ("id", nil), ("class", nil), ("text", nil), ("near", "near"), ("zip", "zip"), ("lat", "lat"), ("lon", "lon"), ("radius_mi", "radius"),
        ("levels", "level"), ("states", "state"), ("cip_prefix", "cip"), ("accreditor", "accredited"),
        ("delivery", "delivery"), ("sort", "sort"), ("limit", "limit"), ("offset", "offset"),
    ]
    /// The `search` options that apply to a whole batch; every other one is refused beside --batch.
    static let batchOptions: Set<String> = ["index", "format", "batch", "timing"]

    /// Refuses a query option given beside `--batch` (each line carries its own query, so it
    /// would be silently ignored), naming the JSON key to use instead.
    static func refuseIgnoredOptions(_ p: ParsedArguments) throws(UsageError) {
        for o in SearchCommand.options where !batchOptions.contains(o.name) && p.has(o.name) {
            if let key = keys.first(where: { $0.option == o.name })?.key {
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
                let query = try makeQuery(value, reader: reader)
                let (result, elapsed) = try IndexOpener.retryingOnDamage(parsed, io: io, reader: &reader) { reader in
                    let start = monotonicSeconds()
                    let result = try Searcher(reader: reader).search(query)
                    return (result, monotonicSeconds() - start)
                }
                w.field("total", result.total)
                if reader.isSampleData { w.field("sample_data", true) }
                if timing { w.field("took_us", (elapsed * 1e7).rounded() / 10) }
                w.beginArray("hits")
                for h in result.hits {
                    w.beginObject()
                    w.field("id", try reader.checkedID(rank: Int(reader.rank(h.document))))
                    w.field("score", h.score)
                    w.field("distance_mi", h.distanceMiles)
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

    struct BadQuery: Error, CustomStringConvertible { let description: String }

    static func makeQuery(_ v: JSONValue, reader: IndexReader) throws -> SearchQuery {
        guard case let .object(fields) = v else { throw BadQuery(description: "expected a JSON object") }
        if let unknown = fields.first(where: { field in !keys.contains { $0.key == field.0 } }) {
            throw BadQuery(description: "unknown key \"\(unknown.0)\"; known keys: \(keys.map(\.key).joined(separator: ", "))")
        }
        func strings(_ key: String) throws -> [String] {
            switch v[key] {
            case .none, .null?: return []
            case let .string(s)?: return s.split(separator: ",").map(String.init)
            case let .array(a)?: return try a.map { guard let s = $0.stringValue else { throw BadQuery(description: "\(key) must hold strings") }; return s }
            default: throw BadQuery(description: "\(key) must be a string or an array of strings")
            }
        }
        func number(_ key: String) throws -> Double? {
            switch v[key] {
            case .none, .null?: return nil
            case let .number(n)?: return n
            default: throw BadQuery(description: "\(key) must be a number")
            }
        }
        var args: [String] = []
        if let z = v["zip"] { args += ["--zip", z.stringValue ?? z.numberValue.map { JSONWriter.number($0) } ?? ""] }
        if let n = v["near"] { args += ["--near", n.stringValue ?? ""] }
        if let lat = try number("lat") { args += ["--lat", DecimalArgument.text(lat)] }
        if let lon = try number("lon") { args += ["--lon", DecimalArgument.text(lon)] }
        if let r = try number("radius_mi") { args += ["--radius", DecimalArgument.text(r)] }
        for (key, option) in [("levels", "level"), ("states", "state"), ("accreditor", "accredited"), ("delivery", "delivery")] {
            let values = try strings(key)
            if !values.isEmpty { args += ["--\(option)", values.joined(separator: ",")] }
        }
        if let c = v["cip_prefix"]?.stringValue { args += ["--cip", c] }
        if let s = v["sort"]?.stringValue { args += ["--sort", s] }
        if let l = try number("limit") { args += ["--limit", DecimalArgument.text(l)] }
        if let o = try number("offset") { args += ["--offset", DecimalArgument.text(o)] }
        // Reuse the command-line validation so batch and CLI accept exactly the same values.
        switch v["text"] {
        case .none, .null?: break
        case let .string(t)?: args += ["--", t] // after "--", text that starts with '-' stays text
        default: throw BadQuery(description: "text must be a string")
        }
        let p = try ParsedArguments.parse(args, options: SearchCommand.options, command: "search")
        var q = try SearchCommand.buildQuery(p)
        if let place = try SearchCommand.resolvePlace(p, reader: reader) { q.origin = place.location }
        try SearchCommand.checkAccreditors(q.accreditors, reader: reader)
        try SearchCommand.checkDeliveries(q.deliveries, reader: reader)
        return q
    }
}

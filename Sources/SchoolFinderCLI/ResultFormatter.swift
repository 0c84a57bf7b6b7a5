import Corpus
import IndexFormat
import Search

/// Renders a result as a table, one JSON document, or CSV.
enum ResultFormatter {
    static func describe(_ q: SearchQuery, zip: String?) -> String {
        var parts: [String] = []
        if let t = q.text { parts.append("\"\(t)\"") }
        if let zip { parts.append("near \(zip)") } else if let o = q.origin { parts.append("near (\(o.latitude), \(o.longitude))") }
        if let r = q.radiusMiles { parts.append("within \(JSONWriter.number(r)) mi") }
        if !q.levels.isEmpty { parts.append("level " + q.levels.sorted().map(\.rawValue).joined(separator: "|")) }
        if !q.states.isEmpty { parts.append("state " + q.states.sorted().joined(separator: "|")) }
        if let c = q.cipPrefix { parts.append("CIP \(c)") }
        if !q.accreditors.isEmpty { parts.append("accredited " + q.accreditors.sorted().joined(separator: "|")) }
        if !q.deliveries.isEmpty { parts.append("delivery " + q.deliveries.map(\.rawValue).sorted().joined(separator: "|")) }
        return parts.isEmpty ? "all programs" : parts.joined(separator: ", ")
    }

    static func millis(_ s: Double) -> String {
        let ms = s * 1000
        return ms < 10 ? "\((ms * 100).rounded() / 100) ms" : "\(Int(ms.rounded())) ms"
    }

    static func table(query: SearchQuery, result: SearchResult, hits: [(ProgramRecord, SearchHit)], reader: IndexReader,
                      seconds: Double, zip: String?) -> String {
        var s = ""
        if reader.isSampleData { s += "NOTE: \(reader.note)\n" }
        let first = query.offset + 1, last = query.offset + hits.count
        s += "\(result.total) match\(result.total == 1 ? "" : "es") for \(describe(query, zip: zip)) in \(millis(seconds)); sorted by \(result.sort.rawValue)"
        s += hits.isEmpty ? "\n" : "; showing \(first)–\(last)\n"
        if hits.isEmpty { return s }
        let showDistance = query.origin != nil
        var header = "#".leftPadding(toWidth: 4) + "  " + "Program".padding(toWidth: 44) + "Level".padding(toWidth: 23)
            + "Institution".padding(toWidth: 42) + "City, ST".padding(toWidth: 24)
        if showDistance { header += "Miles".leftPadding(toWidth: 8) }
        header += "Score".leftPadding(toWidth: 8)
        s += header + "\n"
        for (i, (r, h)) in hits.enumerated() {
            var line = String(first + i).leftPadding(toWidth: 4) + "  " + r.title.truncated(42).padding(toWidth: 44)
                + r.level.label.padding(toWidth: 23) + r.institutionName.truncated(40).padding(toWidth: 42)
                + "\(r.city), \(r.state)".truncated(22).padding(toWidth: 24)
            if showDistance { line += oneDecimal(h.distanceMiles ?? 0).leftPadding(toWidth: 8) }
            line += threeDecimals(h.score).leftPadding(toWidth: 8)
            s += line + "\n"
        }
        return s
    }

    static func oneDecimal(_ d: Double) -> String {
        let t = (d * 10).rounded() / 10
        let whole = Int(t)
        let tenth = Int(((t - Double(whole)) * 10).rounded())
        return "\(whole).\(abs(tenth))"
    }

    static func threeDecimals(_ d: Double) -> String {
        let m = Int((d * 1000).rounded())
        let frac = String(m % 1000)
        return "\(m / 1000)." + String(repeating: "0", count: 3 - frac.count) + frac
    }

    static func writeQuery(_ q: SearchQuery, zip: String?, into w: inout JSONWriter) {
        w.beginObject("query")
        if let t = q.text { w.field("text", t) } else { w.nullField("text") }
        if let zip { w.field("zip", zip) }
        w.field("lat", q.origin?.latitude)
        w.field("lon", q.origin?.longitude)
        w.field("radius_mi", q.radiusMiles)
        w.field("levels", q.levels.sorted().map(\.rawValue))
        w.field("states", q.states.sorted())
        if let c = q.cipPrefix { w.field("cip_prefix", c) } else { w.nullField("cip_prefix") }
        w.field("accreditors", q.accreditors.sorted())
        w.field("delivery", q.deliveries.map(\.rawValue).sorted())
        w.field("sort", q.effectiveSort.rawValue)
        w.field("limit", q.limit)
        w.field("offset", q.offset)
        w.endObject()
    }

    static func json(query: SearchQuery, result: SearchResult, hits: [(ProgramRecord, SearchHit)], reader: IndexReader,
                     seconds: Double, zip: String?) -> String {
        var w = JSONWriter()
        w.beginObject()
        writeQuery(query, zip: zip, into: &w)
        w.field("sample_data", reader.isSampleData)
        if reader.isSampleData { w.field("note", reader.note) }
        w.field("total", result.total)
        w.field("took_ms", (seconds * 1e6).rounded() / 1e3)
        w.beginArray("hits")
        for (r, h) in hits {
            w.beginObject()
            JSONLRecordFormat.writeFields(of: r, into: &w)
            w.field("score", h.score)
            w.field("distance_mi", h.distanceMiles)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.text + "\n"
    }

    static func csvField(_ s: String) -> String {
        if s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r") {
            return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
        }
        return s
    }

    static func csv(result: SearchResult, hits: [(ProgramRecord, SearchHit)], sample: Bool) -> String {
        var s = "rank,id,title,level,institution_id,institution,city,state,zip,lat,lon,cip,accreditors,delivery,distance_mi,score,sample_data\n"
        for (i, (r, h)) in hits.enumerated() {
            let fields = [String(i + 1), r.id, r.title, r.level.rawValue, r.institutionID, r.institutionName, r.city, r.state, r.zip,
                          JSONWriter.number(r.latitude), JSONWriter.number(r.longitude), r.cipCode, r.accreditors.joined(separator: ";"),
                          r.delivery.rawValue, h.distanceMiles.map { JSONWriter.number($0) } ?? "", JSONWriter.number(h.score), String(sample)]
            s += fields.map(csvField).joined(separator: ",") + "\n"
        }
        return s
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}

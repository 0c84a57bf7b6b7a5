import Corpus
import IndexFormat
import Search

/// Renders a result as a table, one JSON document, or CSV.
enum ResultFormatter {
    static func describe(_ q: SearchQuery, place: String?) -> String {
        var parts: [String] = []
        if let t = q.text { parts.append("\"\(t)\"") }
        if let place { parts.append("near \(place)") } else if let o = q.origin { parts.append("near \(coordinates(o.latitude, o.longitude))") }
        if let r = q.radiusMiles { parts.append("within \(JSONWriter.number(r)) mi") }
        if !q.levels.isEmpty { parts.append("level " + q.levels.sorted().map(\.rawValue).joined(separator: "|")) }
        if !q.states.isEmpty { parts.append("state " + q.states.sorted().joined(separator: "|")) }
        if let c = q.cipPrefix { parts.append("CIP \(c)") }
        if !q.accreditors.isEmpty { parts.append("accredited " + q.accreditors.sorted().joined(separator: "|")) }
        if !q.deliveries.isEmpty { parts.append("delivery " + q.deliveries.map(\.rawValue).sorted().joined(separator: "|")) }
        return parts.isEmpty ? "all programs" : parts.joined(separator: ", ")
    }

    /// "41.8800° N, 87.6300° W": a point without a place name, 4 decimals (≈ 11 m).
    static func coordinates(_ lat: Double, _ lon: Double) -> String {
        func part(_ v: Double, _ positive: String, _ negative: String) -> String {
            let t = Int((abs(v) * 10_000).rounded())
            let frac = String(t % 10_000)
            return "\(t / 10_000).\(String(repeating: "0", count: 4 - frac.count))\(frac)° \(t == 0 ? "" : v < 0 ? negative : positive)"
                .trimmingASCIIWhitespace()
        }
        return part(lat, "N", "S") + ", " + part(lon, "E", "W")
    }

    static func millis(_ s: Double) -> String {
        let ms = s * 1000
        return ms < 10 ? "\((ms * 100).rounded() / 100) ms" : "\(Int(ms.rounded())) ms"
    }

    /// Hits as short cards of three lines, each at most `width` columns: the program and level;
    /// the institution, place, distance and accreditation; outcomes and the id for `show`.
    static func table(query: SearchQuery, result: SearchResult, hits: [(ProgramRecord, SearchHit)], reader: IndexReader,
                      seconds: Double, place: String?, width: Int) -> String {
        var s = ""
        if reader.isSampleData { s += DisplayText.wrap("NOTE: \(reader.note)", width: width).joined(separator: "\n") + "\n" }
        // Only a corpus built with DAPIP (its accreditor legend is in TABLES) can say a school has none.
        let hasDAPIP = reader.table(named: AccreditorLegend.tableName) != nil
        let first = query.offset + 1, last = query.offset + hits.count
        let what = describe(query, place: place)
        let matches = DisplayText.count(result.total, "match", "matches")
        let phrase = what == "all programs" ? "\(DisplayText.count(result.total, "program")) (no filter)"
            : what.hasPrefix("near ") ? "\(matches) \(what)" : "\(matches) for \(what)"
        var header = "\(phrase) in \(millis(seconds)); sorted by \(result.sort.rawValue)"
        if !hits.isEmpty { header += "; showing \(first)–\(last)" }
        s += DisplayText.wrap(header, width: width).joined(separator: "\n") + "\n"
        if hits.isEmpty {
            if query.limit == 0 { s += "(--limit 0: counted, none shown)\n" } else if result.total > 0 {
                s += "(no programs on this page: --offset \(query.offset) is past the last match)\n"
            }
            return s
        }
        let rankWidth = String(last).count + 2
        let indent = String(repeating: " ", count: rankWidth)
        for (i, (r, h)) in hits.enumerated() {
            s += "\n"
            let rank = "\(first + i).".padding(toWidth: rankWidth)
            let level = " — " + r.level.label
            let cip = " (\(r.cipCode))"
            let room = width - rankWidth - level.count - cip.count
            s += rank + r.title.truncated(max(20, room)) + cip + level + "\n"
            var place = "\(r.institutionName), \(r.city), \(r.state)"
            if let d = h.distanceMiles { place += " · \(oneDecimal(d)) mi" }
            s += indent + place.truncated(width - rankWidth) + "\n"
            var facts: [String] = []
            let programmatic = DisplayText.accreditation(r.accreditors, pre: r.preaccreditors)
            if !programmatic.isEmpty { facts.append("program accredited: \(programmatic)") }
            if hasDAPIP {
                facts.append(r.institutionAccreditors.isEmpty ? "school: no institutional accreditor in DAPIP 2020"
                                                              : "school: \(r.institutionAccreditors.joined(separator: ", "))")
            }
            if let c = r.completers { facts.append(DisplayText.count(c, "graduate")) }
            if let series = r.outcomesCIPSeries {
                facts.append("earnings \(DisplayText.dollars(r.medianEarnings)) · debt \(DisplayText.dollars(r.medianDebt)) (all \(series) programs here)")
            } else if r.completers != nil {
                facts.append("earnings n/a · debt n/a")
            }
            for line in DisplayText.wrap(facts.joined(separator: " · "), width: width, indent: indent) { s += line + "\n" }
            s += indent + "id \(r.id)" + (query.text == nil ? "" : " · score \(threeDecimals(h.score))") + (r.website.isEmpty ? "" : " · \(r.website)".truncated(width / 2)) + "\n"
        }
        if !reader.isSampleData && !reader.note.isEmpty {
            s += "\n" + DisplayText.wrap("Data: " + reader.note + " `schoolfinder show ID` prints a program's careers and wages.", width: width).joined(separator: "\n") + "\n"
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

    static func writeQuery(_ q: SearchQuery, place: String?, into w: inout JSONWriter) {
        w.beginObject("query")
        if let t = q.text { w.field("text", t) } else { w.nullField("text") }
        if let place { w.field("place", place) }
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
                     seconds: Double, place: String?) -> String {
        var w = JSONWriter()
        w.beginObject()
        writeQuery(query, place: place, into: &w)
        w.field("sample_data", reader.isSampleData)
        w.field("note", reader.note)
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

    /// Rank counts from the first hit of the whole result: `offset` + 1 on this page.
    static func csv(result: SearchResult, hits: [(ProgramRecord, SearchHit)], sample: Bool, offset: Int = 0) -> String {
        var s = "rank,id,title,level,institution_id,institution,city,state,zip,lat,lon,cip,accreditors,delivery,"
            + "preaccreditors,institution_accreditors,other_school_accreditors,website,control,completers,median_earnings,median_debt,"
            + "outcomes_cip_series,distance_mi,score,sample_data\n"
        for (i, (r, h)) in hits.enumerated() {
            func n(_ v: Int?) -> String { v.map(String.init) ?? "" }
            let fields = [String(offset + i + 1), r.id, r.title, r.level.rawValue, r.institutionID, r.institutionName, r.city, r.state, r.zip,
                          JSONWriter.number(r.latitude), JSONWriter.number(r.longitude), r.cipCode, r.accreditors.joined(separator: ";"),
                          r.delivery.rawValue, r.preaccreditors.joined(separator: ";"), r.institutionAccreditors.joined(separator: ";"),
                          r.otherSchoolAccreditors.joined(separator: ";"), r.website, r.control?.rawValue ?? "",
                          n(r.completers), n(r.medianEarnings), n(r.medianDebt), r.outcomesCIPSeries ?? "",
                          h.distanceMiles.map { JSONWriter.number($0) } ?? "", JSONWriter.number(h.score), String(sample)]
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

import Corpus
import IndexFormat
import Requests
import Search

/// Renders a result as a table, one JSON document, or CSV.
enum ResultFormatter {
    static func millis(_ s: Double) -> String {
        let ms = s * 1000
        return ms < 10 ? "\((ms * 100).rounded() / 100) ms" : "\(Int(ms.rounded())) ms"
    }

    /// When no program of the index has a CIP code starting `prefix` (so the filter alone leaves
    /// nothing, whatever the other criteria), a line saying so with the CIP families the index
    /// has; `nil` otherwise. O(log terms + families).
    static func absentCIPNote(_ prefix: String?, reader: IndexReader) -> String? {
        guard let prefix, reader.terms.lookup(IndexLayout.KeywordField.cip.term(prefix)) == nil else { return nil }
        let keyPrefix = IndexLayout.KeywordField.cip.term("")
        let families = reader.terms.termEntries(withPrefix: keyPrefix).compactMap { i -> String? in
            guard let key = reader.terms.termString(at: i), key.utf8.count == keyPrefix.utf8.count + 2 else { return nil }
            return String(key.dropFirst(keyPrefix.count))
        }
        let have = families.isEmpty ? "" : "; its families: " + families.joined(separator: ", ")
        return "(no program in this index has a CIP code starting \(prefix)\(have))"
    }

    /// Hits as short cards of three lines, each at most `width` columns: the program and level;
    /// the institution, place, distance and accreditation; outcomes and the id for `show`.
    /// Grouped, a card is a school's best program with a line counting its other matches; with
    /// `--explain`, the plan follows the header and each card its score's parts; facet counts
    /// follow the cards.
    static func table(_ page: ResultPage, reader: IndexReader, seconds: Double, width: Int) -> String {
        let (request, result, hits) = (page.request, page.result, page.hits)
        var s = ""
        if reader.isSampleData { s += DisplayText.wrap("NOTE: \(reader.note)", width: width).joined(separator: "\n") + "\n" }
        // Only a corpus built with DAPIP (its accreditor legend is in TABLES) can say a school has none.
        let hasDAPIP = reader.table(named: AccreditorLegend.tableName) != nil
        let first = request.offset + 1, last = request.offset + hits.count
        s += DisplayText.wrap(header(page, seconds: seconds), width: width).joined(separator: "\n") + "\n"
        s += understandingLines(page, dictionary: reader.synonyms, width: width)
        if request.explain { s += "plan: \(result.plan.rawValue)\n" }
        if hits.isEmpty {
            if request.limit == 0 { s += "(--limit 0: counted, none shown)\n" } else if result.total > 0 {
                s += "(no programs on this page: --offset \(request.offset) is past the last match)\n"
            }
            if result.total == 0, let note = absentCIPNote(page.query.cipPrefix, reader: reader) {
                s += DisplayText.wrap(note, width: width).joined(separator: "\n") + "\n"
            }
            return s + facetBlock(result, width: width)
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
            s += indent + "id \(r.id)" + (request.text == nil ? "" : " · score \(threeDecimals(h.score))") + (r.website.isEmpty ? "" : " · \(r.website)".truncated(width / 2)) + "\n"
            if let n = h.groupMatches, n > 1 { s += indent + "+\(DisplayText.count(n - 1, "more matching program")) here\n" }
            if let e = page.explanation(of: h) { s += explanationLines(e, indent: indent, width: width) }
        }
        s += facetBlock(result, width: width)
        if !reader.isSampleData && !reader.note.isEmpty {
            s += "\n" + DisplayText.wrap("Data: " + reader.note + " `schoolfinder show ID` prints a program's careers and wages.", width: width).joined(separator: "\n") + "\n"
        }
        return s
    }

    /// "1,204 matches at 312 schools for "nursing", near 02139 (Cambridge, MA) in 2.1 ms; sorted by
    /// relevance × nearness (halves every 25 mi); one row per school; showing 1–10".
    static func header(_ page: ResultPage, seconds: Double) -> String {
        let (request, result) = (page.request, page.result)
        let what = request.description(place: page.place)
        let schools = result.groupTotal.map { " at " + DisplayText.count($0, "school") } ?? ""
        let matches = DisplayText.count(result.total, "match", "matches") + schools
        let phrase = what == "all programs" ? "\(DisplayText.count(result.total, "program"))\(schools) (no filter)"
            : what.hasPrefix("near ") ? "\(matches) \(what)" : "\(matches) for \(what)"
        var header = "\(phrase) in \(millis(seconds)); sorted by \(request.orderDescription(result.sort))"
        if request.ranking == .classic && result.sort != .relevance && request.text != nil { header += "; classic BM25 scores" }
        if result.groupTotal != nil { header += "; one row per school" }
        if !page.hits.isEmpty { header += "; showing \(request.offset + 1)–\(request.offset + page.hits.count)" }
        return header
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

    static func writeQuery(_ page: ResultPage, into w: inout JSONWriter) {
        let (q, request) = (page.query, page.request)
        w.beginObject("query")
        if let t = q.text { w.field("text", t) } else { w.nullField("text") }
        if let place = page.place { w.field("place", place) }
        w.field("lat", q.origin?.latitude)
        w.field("lon", q.origin?.longitude)
        w.field("radius_mi", q.radiusMiles)
        w.field("levels", q.levels.sorted().map(\.rawValue))
        w.field("states", q.states.sorted())
        if let c = q.cipPrefix { w.field("cip_prefix", c) } else { w.nullField("cip_prefix") }
        w.field("accreditors", q.accreditors.sorted())
        w.field("delivery", q.deliveries.map(\.rawValue).sorted())
        w.field("sort", page.result.sort.rawValue)
        w.field("ranking", q.ranking.name)
        if case let .fields(weights) = q.ranking {
            w.beginObject("weights")
            for (name, path) in SearchRequest.weightParameters { w.field(name, weights[keyPath: path]) }
            w.endObject()
        }
        w.field("decay_miles", page.result.sort == .blended ? q.effectiveDecay.halfDistanceMiles : nil)
        if request.groupByInstitution { w.field("group", "institution") } else { w.nullField("group") }
        w.field("facets", q.facets.map(\.rawValue))
        w.field("explain", q.explain)
        w.field("limit", q.limit)
        w.field("offset", q.offset)
        w.endObject()
    }

    /// One document: the query as understood, the plan, the exact total (and schools when
    /// grouped), facet counts when asked, and the page's hits with every record field, score,
    /// distance, group count and score breakdown.
    static func json(_ page: ResultPage, reader: IndexReader, seconds: Double) -> String {
        let result = page.result
        var w = JSONWriter()
        w.beginObject()
        writeQuery(page, into: &w)
        w.field("sample_data", reader.isSampleData)
        w.field("note", reader.note)
        w.field("total", result.total)
        if let groups = result.groupTotal { w.field("group_total", groups) }
        w.field("plan", result.plan.rawValue)
        w.field("took_ms", (seconds * 1e6).rounded() / 1e3)
        if !page.query.facets.isEmpty { writeFacets(result.facets, into: &w) }
        writeUnderstanding(result.understanding, typedPlace: page.typedPlace, typedState: page.request.stateFromText, into: &w)
        w.beginArray("hits")
        for (r, h) in page.hits {
            w.beginObject()
            JSONLRecordFormat.writeFields(of: r, into: &w)
            writeScore(of: h, explanation: page.explanation(of: h), into: &w)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.text + "\n"
    }

    /// A hit's `score`, `distance_mi`, and `group_matches` and `explain` when there are.
    static func writeScore(of hit: SearchHit, explanation: ScoreExplanation?, into w: inout JSONWriter) {
        w.field("score", hit.score)
        w.field("distance_mi", hit.distanceMiles)
        if let n = hit.groupMatches { w.field("group_matches", n) }
        if let explanation { writeExplanation(explanation, into: &w) }
    }

    static func csvField(_ s: String) -> String {
        if s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r") {
            return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
        }
        return s
    }

    /// Rank counts from the first hit of the whole result: `offset` + 1 on this page.
    /// Grouped by institution, each row (a school's best program) ends with `group_matches`,
    /// how many of the school's programs match.
    static func csv(result: SearchResult, hits: [(record: ProgramRecord, hit: SearchHit)], sample: Bool, offset: Int = 0) -> String {
        let grouped = result.groupTotal != nil
        var s = "rank,id,title,level,institution_id,institution,city,state,zip,lat,lon,cip,accreditors,delivery,"
            + "preaccreditors,institution_accreditors,other_school_accreditors,website,control,completers,median_earnings,median_debt,"
            + "outcomes_cip_series,distance_mi,score,sample_data" + (grouped ? ",group_matches\n" : "\n")
        for (i, (r, h)) in hits.enumerated() {
            func n(_ v: Int?) -> String { v.map(String.init) ?? "" }
            let fields = [String(offset + i + 1), r.id, r.title, r.level.rawValue, r.institutionID, r.institutionName, r.city, r.state, r.zip,
                          JSONWriter.number(r.latitude), JSONWriter.number(r.longitude), r.cipCode, r.accreditors.joined(separator: ";"),
                          r.delivery.rawValue, r.preaccreditors.joined(separator: ";"), r.institutionAccreditors.joined(separator: ";"),
                          r.otherSchoolAccreditors.joined(separator: ";"), r.website, r.control?.rawValue ?? "",
                          n(r.completers), n(r.medianEarnings), n(r.medianDebt), r.outcomesCIPSeries ?? "",
                          h.distanceMiles.map { JSONWriter.number($0) } ?? "", JSONWriter.number(h.score), String(sample)]
                + (grouped ? [n(h.groupMatches)] : [])
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

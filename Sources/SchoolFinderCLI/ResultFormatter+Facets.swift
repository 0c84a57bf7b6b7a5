import Corpus
import Search

extension ResultFormatter {
    /// The facet counts after the cards: one line per field, its values most frequent first as
    /// many as fit `width` ("level: bachelor 120 · associate 80 · … +3 more"); "" without facets.
    static func facetBlock(_ result: SearchResult, width: Int) -> String {
        guard !result.facets.isEmpty else { return "" }
        var s = "\nCounts over all \(DisplayText.count(result.total, "match", "matches")):\n"
        for facet in result.facets {
            s += facetLine(facet, width: width) + "\n"
        }
        return s
    }

    /// "  state: IL 300 · WI 80 · +12 more" within `width` columns (at least the first value).
    static func facetLine(_ facet: FacetCounts, width: Int) -> String {
        var line = "  \(facet.field.rawValue):"
        if facet.values.isEmpty { return line + " none" }
        for (i, v) in facet.values.enumerated() {
            let part = (i == 0 ? " " : " · ") + "\(v.value) \(DisplayText.grouped(v.count))"
            let rest = facet.values.count - i - 1
            // Keep room for " · +N more" unless this is the last value.
            let reserve = rest == 0 ? 0 : " · +\(rest) more".count
            if i > 0 && line.count + part.count + reserve > width {
                return line + " · +\(facet.values.count - i) more"
            }
            line += part
        }
        return line
    }

    /// `"facets": {"level": [{"value": "bachelor", "count": 120}, …], …}`, fields in request order.
    static func writeFacets(_ facets: [FacetCounts], into w: inout JSONWriter) {
        w.beginObject("facets")
        for facet in facets {
            w.beginArray(facet.field.rawValue)
            for v in facet.values {
                w.beginObject()
                w.field("value", v.value)
                w.field("count", v.count)
                w.endObject()
            }
            w.endArray()
        }
        w.endObject()
    }
}

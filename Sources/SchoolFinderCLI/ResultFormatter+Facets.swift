import Corpus
import Search

extension ResultFormatter {
    /// The facet counts after the cards: per field its values, most frequent first, every one,
    /// wrapped to `width` ("level: bachelor 120 · associate 80 · …"); "" without facets.
    static func facetBlock(_ result: SearchResult, width: Int) -> String {
        guard !result.facets.isEmpty else { return "" }
        var s = "\nCounts over all \(DisplayText.count(result.total, "match", "matches")):\n"
        for facet in result.facets {
            s += facetLine(facet, width: width) + "\n"
        }
        return s
    }

    /// "  state: IL 300 · WI 80 · …" with every value, continuation lines indented under the
    /// first value, each line within `width` columns (a value wider than that gets its own line).
    static func facetLine(_ facet: FacetCounts, width: Int) -> String {
        var line = "  \(facet.field.rawValue):"
        if facet.values.isEmpty { return line + " none" }
        let indent = String(repeating: " ", count: line.count + 1)
        var lines: [String] = []
        for (i, v) in facet.values.enumerated() {
            let value = "\(v.value) \(DisplayText.grouped(v.count))"
            let part = (i == 0 ? " " : " · ") + value
            if i > 0 && line.count + part.count > width {
                lines.append(line + " ·")
                line = indent + value
            } else {
                line += part
            }
        }
        lines.append(line)
        return lines.joined(separator: "\n")
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

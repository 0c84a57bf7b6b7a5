/// Small text helpers for people-facing output: money, counts, wrapping.
enum DisplayText {
    /// 41200 → "$41,200"; `nil` → "n/a" (unknown or suppressed, never "$0").
    static func dollars(_ amount: Int?) -> String {
        guard let amount else { return "n/a" }
        return "$" + grouped(amount)
    }

    /// 1234567 → "1,234,567".
    static func grouped(_ n: Int) -> String { SourceSummary.grouped(n) }

    /// "1 program" / "3 programs".
    static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(grouped(n)) \(n == 1 ? singular : plural ?? singular + "s")"
    }

    /// Words of `text` in lines of at most `width` characters (a longer word stands alone),
    /// each line prefixed with `indent`.
    static func wrap(_ text: String, width: Int, indent: String = "") -> [String] {
        var lines: [String] = []
        var current = ""
        let room = max(10, width - indent.count)
        for word in text.split(separator: " ") {
            if current.isEmpty { current = String(word); continue }
            if current.count + 1 + word.count > room {
                lines.append(indent + current)
                current = String(word)
            } else {
                current += " " + word
            }
        }
        if !current.isEmpty { lines.append(indent + current) }
        return lines
    }

    /// Accreditor short names with candidates marked: "ACEN, CCNE (pre)".
    static func accreditation(_ accredited: [String], pre: [String]) -> String {
        (accredited + pre.map { $0 + " (pre)" }).joined(separator: ", ")
    }

    /// A percentage with one decimal and its sign: 7.14 → "+7.1%".
    static func percent(_ p: Double?) -> String {
        guard let p, p.isFinite, abs(p) < 1e9 else { return "n/a" }
        let t = (abs(p) * 10).rounded() / 10
        let whole = Int(t), tenth = Int(((t - Double(whole)) * 10).rounded())
        return (p < 0 && t > 0 ? "-" : "+") + "\(whole).\(tenth)%"
    }
}

import Corpus

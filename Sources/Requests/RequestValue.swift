/// An option's value as a query gives it, before it is read: command-line text, or the value
/// of a batch line's key. `SearchRequest(values:)` reads both kinds the same way.
public enum RequestValue: Sendable, Equatable {
    /// Command-line text, or a JSON string.
    case text(String)
    /// A JSON number.
    case number(Double)
    /// Values of a LIST: a comma list split (and trimmed), or a JSON array of strings.
    case list([String])
    /// A flag given (`--explain`), or a JSON boolean.
    case flag(Bool)
    /// Named values (`--weights title=4,k1=1.2`, or a JSON object `{"title": 4}`), in the order given.
    case pairs([Pair])

    /// One named value of `pairs`.
    public struct Pair: Sendable, Equatable {
        public let name: String
        public let value: RequestValue
        public init(name: String, value: RequestValue) {
            self.name = name
            self.value = value
        }
    }

    /// How the value reads in a message: text as given, a number in plain decimals ("2.5", "inf").
    var shown: String {
        switch self {
        case let .text(t): t
        case let .number(d): DecimalArgument.text(d)
        case let .list(l): l.joined(separator: ",")
        case let .flag(b): b ? "true" : "false"
        case let .pairs(p): p.map { "\($0.name)=\($0.value.shown)" }.joined(separator: ",")
        }
    }

    /// The value as a plain decimal: text in plain decimal notation, or a finite JSON number.
    var decimal: Double? {
        switch self {
        case let .text(t): DecimalArgument.number(t)
        case let .number(d): d.isFinite ? d : nil
        default: nil
        }
    }

    /// The value as a whole number: plain decimal digits, or an integral JSON number that fits an Int.
    var wholeNumber: Int? {
        switch self {
        case let .text(t): DecimalArgument.wholeNumber(t)
        case let .number(d): d.isFinite && d == d.rounded() && abs(d) < 9e15 ? Int(d) : nil
        default: nil
        }
    }

    /// The values of a list option: a list as is, text split at commas (blank parts dropped).
    var items: [String] {
        switch self {
        case let .list(l): l
        case let .text(t): t.split(separator: ",").map { String($0).trimmingBlanks() }.filter { !$0.isEmpty }
        default: []
        }
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    public func trimmingBlanks() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}

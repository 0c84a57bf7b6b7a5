import Corpus
import Search

extension SearchRequest {
    /// The keys a batch line may have: "id" and "class" (labels the search does not read),
    /// "text", then each option's `batchKey`.
    public static let batchKeys = ["id", "class", "text"] + SearchOption.allCases.map(\.batchKey)

    /// Reads one batch line's JSON object: each key's value is handed to `init(text:values:)`
    /// as it is (a number as a number, a list as a list), so a batch line accepts and refuses
    /// exactly what the command line does.
    /// - Throws: `UsageError` for a key not in `batchKeys`, a value of the wrong JSON type, or
    ///   any value the command line would refuse.
    public init(batchLine object: JSONValue) throws(UsageError) {
        guard case let .object(fields) = object else { throw UsageError("expected a JSON object") }
        if let unknown = fields.first(where: { !Self.batchKeys.contains($0.0) }) {
            throw UsageError("unknown key \"\(unknown.0)\"; known keys: \(Self.batchKeys.joined(separator: ", "))")
        }
        var text: String?
        switch object["text"] {
        case .none, .null?: break
        case let .string(t)?: text = t
        default: throw UsageError("text must be a string")
        }
        var values: [(option: SearchOption, value: RequestValue)] = []
        for (key, value) in fields {
            guard let option = SearchOption(batchKey: key), value != .null else { continue }
            values.append((option, try Self.requestValue(value, key: key, option: option)))
        }
        try self.init(text: text, values: values)
    }

    /// A JSON value as a message shows it: a string quoted, a number plainly, else its kind.
    static func shown(_ value: JSONValue) -> String {
        switch value {
        case let .string(s): "\"\(s)\""
        case let .number(n): JSONWriter.number(n)
        case let .bool(b): b ? "true" : "false"
        case .null: "null"
        case .array: "(an array)"
        case .object: "(an object)"
        }
    }

    /// A JSON value as the `RequestValue` its option reads.
    static func requestValue(_ value: JSONValue, key: String, option: SearchOption) throws(UsageError) -> RequestValue {
        switch (option, value) {
        case (.lat, .number(let n)), (.lon, .number(let n)), (.radius, .number(let n)), (.decayMiles, .number(let n)),
             (.limit, .number(let n)), (.offset, .number(let n)):
            return .number(n)
        case (.lat, _), (.lon, _), (.radius, _), (.decayMiles, _), (.limit, _), (.offset, _):
            throw UsageError("\(key) \(Self.shown(value)) is not valid: give a number (e.g. \"\(key)\": 10)")
        case (.zip, .number(let n)): return .text(JSONWriter.number(n))
        case (.level, .string(let s)), (.state, .string(let s)), (.accredited, .string(let s)), (.delivery, .string(let s)),
             (.facets, .string(let s)):
            return .list(RequestValue.text(s).items)
        case (.level, .array(let a)), (.state, .array(let a)), (.accredited, .array(let a)), (.delivery, .array(let a)),
             (.facets, .array(let a)):
            var items: [String] = []
            for v in a {
                guard let s = v.stringValue else { throw UsageError("\(key) must hold strings") }
                items.append(s)
            }
            return .list(items)
        case (.level, _), (.state, _), (.accredited, _), (.delivery, _), (.facets, _):
            throw UsageError("\(key) must be a string or an array of strings")
        case (.explain, .bool(let b)), (.exact, .bool(let b)): return .flag(b)
        case (.explain, _), (.exact, _): throw UsageError("\(key) \(Self.shown(value)) is not valid: give true or false (e.g. \"\(key)\": true)")
        case (.weights, .object(let named)):
            var pairs: [RequestValue.Pair] = []
            for (name, v) in named {
                guard let n = v.numberValue else { throw UsageError("weights.\(name) must be a number") }
                pairs.append(.init(name: name, value: .number(n)))
            }
            return .pairs(pairs)
        case (_, .string(let s)): return .text(s)
        default: throw UsageError("\(key) must be a string")
        }
    }

    /// Writes the request as one batch line's fields (after the caller's "id" and "class"):
    /// only what differs from the defaults, except `limit`, which is always written. Numbers
    /// print in full (they read back as the same values).
    public func writeBatchFields(into w: inout JSONWriter) {
        if let t = self.text { w.field("text", t) }
        switch place {
        case let .near(p)?: w.field("near", p)
        case let .zip(z)?: w.field("zip", z)
        case let .point(p)?: w.field("lat", p.latitude); w.field("lon", p.longitude)
        case nil: break
        }
        if let r = self.radiusMiles { w.field("radius_mi", r) }
        if !self.levels.isEmpty { w.field("levels", self.levels.sorted().map(\.rawValue)) }
        if !self.states.isEmpty { w.field("states", self.states.sorted()) }
        if let c = self.cipPrefix { w.field("cip_prefix", c) }
        if !self.accreditors.isEmpty { w.field("accreditor", self.accreditors.sorted()) }
        if !self.deliveries.isEmpty { w.field("delivery", self.deliveries.map(\.rawValue).sorted()) }
        if let s = self.sort { w.field("sort", s.rawValue) }
        switch self.ranking {
        case .classic: w.field("ranking", "classic")
        case let .fields(weights) where weights != .standard:
            w.beginObject("weights")
            for (name, path) in Self.weightParameters { w.field(name, weights[keyPath: path]) }
            w.endObject()
        case .fields: break
        }
        if let d = decayMiles { w.field("decay_miles", d) }
        if self.groupByInstitution { w.field("group", "institution") }
        if !self.facets.isEmpty { w.field("facets", self.facets.map(\.rawValue)) }
        if self.explain { w.field("explain", true) }
        if self.matching == .exact { w.field("exact", true) }
        w.field("limit", self.limit)
        if self.offset != 0 { w.field("offset", self.offset) }
    }
}

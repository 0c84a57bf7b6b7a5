import Requests

/// A usage error: one line naming the bad token and the fix. Exit code 2. (Declared in
/// `Requests`, whose search request validation throws it.)
public typealias UsageError = Requests.UsageError

/// Declares one option of a command.
struct OptionSpec {
    let name: String
    let valueName: String?
    let help: String
    /// May be given more than once, every value kept (a LIST option always may: its values add up).
    var repeatable = false
    var takesValue: Bool { valueName != nil }
}

/// Parsed arguments: option values (repeatable options keep every value) and positionals.
struct ParsedArguments {
    var values: [String: [String]] = [:]
    var flags: Set<String> = []
    var positionals: [String] = []

    func value(_ name: String) -> String? { values[name]?.last }
    func list(_ name: String) -> [String] {
        (values[name] ?? []).flatMap { $0.split(separator: ",").map { String($0).trimmingBlanks() } }.filter { !$0.isEmpty }
    }
    func has(_ name: String) -> Bool { flags.contains(name) || values[name] != nil }

    /// Parses `--name value`, `--name=value`, flags, and positionals (everything after `--` too).
    static func parse(_ args: [String], options: [OptionSpec], command: String) throws(UsageError) -> ParsedArguments {
        var result = ParsedArguments()
        var i = 0
        var onlyPositionals = false
        while i < args.count {
            let a = args[i]
            i += 1
            if onlyPositionals || !a.hasPrefix("--") || a == "-" {
                if !onlyPositionals, a.hasPrefix("-"), a.count > 1, Double(a) == nil {
                    throw UsageError("unknown option '\(a)' for \(command); options start with -- (see `schoolfinder \(command) --help`)")
                }
                result.positionals.append(a)
                continue
            }
            if a == "--" { onlyPositionals = true; continue }
            var name = String(a.dropFirst(2))
            var inline: String?
            if let eq = name.firstIndex(of: "=") { inline = String(name[name.index(after: eq)...]); name = String(name[..<eq]) }
            guard let spec = options.first(where: { $0.name == name }) else {
                let hint = closestName(to: name, among: options.map(\.name)).map { " Did you mean '--\($0)'?" } ?? ""
                throw UsageError("unknown option '--\(name)' for \(command).\(hint) (see `schoolfinder \(command) --help`)")
            }
            if spec.takesValue {
                let v: String
                if let inline { v = inline } else {
                    guard i < args.count else { throw UsageError("option '--\(name)' needs a value: --\(name) \(spec.valueName!)") }
                    v = args[i]
                    i += 1
                }
                // A comma list (LIST) may be given again and adds up; any other value given twice
                // would silently lose the first.
                if let first = result.values[name]?.first, spec.valueName != "LIST", !spec.repeatable {
                    throw UsageError("--\(name) is given twice (\(first), \(v)); give it once")
                }
                if spec.valueName == "LIST", v.split(separator: ",").allSatisfy({ $0.allSatisfy { $0 == " " } }) {
                    throw UsageError("--\(name) \"\(v)\" lists nothing; give at least one value (see `schoolfinder \(command) --help`) or drop --\(name)")
                }
                result.values[name, default: []].append(v)
            } else {
                if inline != nil { throw UsageError("option '--\(name)' takes no value") }
                result.flags.insert(name)
            }
        }
        return result
    }
}

/// The name a mistyped `typed` most likely meant, for a "did you mean": the only one of
/// `names` that `typed` begins (`--lim` → `--limit`), else the nearest by `editDistance` when
/// it is within a third of `typed`'s length (1 to 3 edits: `serch` → `search`, `radious` →
/// `radius`); `nil` when none is that near (`--json` is not `--lon`).
func closestName(to typed: String, among names: [String]) -> String? {
    let prefixed = names.filter { !typed.isEmpty && $0.hasPrefix(typed) }
    if prefixed.count == 1 { return prefixed[0] }
    let bound = min(3, max(1, typed.count / 3))
    guard let nearest = names.min(by: { editDistance($0, typed) < editDistance($1, typed) }),
          editDistance(nearest, typed) <= bound else { return nil }
    return nearest
}

func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a), y = Array(b)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var prev = Array(0 ... y.count)
    for i in 1 ... x.count {
        var cur = [i] + [Int](repeating: 0, count: y.count)
        for j in 1 ... y.count { cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)) }
        prev = cur
    }
    return prev[y.count]
}

/// Renders a command's help from its option specs, so help text is written once.
func helpText(usage: String, abstract: String, options: [OptionSpec]) -> String {
    // Every line fits 100 columns: long text wraps, option help under its own column.
    var s = DisplayText.wrap(abstract, width: 100).joined(separator: "\n") + "\n\n"
    s += DisplayText.wrap("USAGE: \(usage)", width: 100, indent: "       ").joined(separator: "\n").dropFirst(7) + "\n\nOPTIONS:\n"
    for o in options {
        let left = "  --\(o.name)" + (o.valueName.map { " \($0)" } ?? "")
        let lines = DisplayText.wrap(o.help, width: 100, indent: String(repeating: " ", count: 28))
        s += left.padding(toWidth: 28) + lines.joined(separator: "\n").dropFirst(28) + "\n"
    }
    s += "  --help".padding(toWidth: 28) + "Show this help.\n"
    return s + "\n" + ExitStatus.help
}

extension String {
    func padding(toWidth n: Int) -> String { count >= n ? self + " " : self + String(repeating: " ", count: n - count) }
    func leftPadding(toWidth n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
    /// Cuts to `n` characters, ending with "…" when cut.
    func truncated(_ n: Int) -> String { count <= n ? self : String(prefix(max(0, n - 1))) + "…" }
}

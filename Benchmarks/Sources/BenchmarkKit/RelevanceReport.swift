/// The relevance test set's figures: mean precision at 10 and the share of queries that found
/// nothing, overall and per kind, then one line per query — the before/after yardstick of
/// issue 11 (`Benchmarks/relevance/README.md`).
public struct RelevanceReport: Sendable {
    /// One judged answer per query of the set, in the set's order.
    public let outcomes: [RelevanceEvaluation.Outcome]
    /// The set's malformed lines (`path:line: reason`), left out of the figures.
    public let problems: [String]
    /// Where the set was read from.
    public let setPath: String
    /// The index the queries ran on ("schoolfinder-us-programs (249747 programs)").
    public let index: String

    public init(outcomes: [RelevanceEvaluation.Outcome], problems: [String] = [], setPath: String = "", index: String = "") {
        self.outcomes = outcomes
        self.problems = problems
        self.setPath = setPath
        self.index = index
    }

    /// The figures of a group of queries (all of them, or one kind).
    public struct Summary: Sendable, Equatable {
        public let queries: Int
        /// Mean of the queries' P@10 (a query with no result counts 0); 0 for no query.
        public let meanPrecisionAtDepth: Double
        /// Mean of relevant / returned over the queries that returned a hit; `nil` when none did.
        public let meanPrecisionOfReturned: Double?
        /// Queries that returned no hit (or were refused).
        public let noResult: Int
        /// `noResult / queries`; 0 for no query.
        public var noResultShare: Double { queries == 0 ? 0 : Double(noResult) / Double(queries) }

        init(_ outcomes: [RelevanceEvaluation.Outcome]) {
            queries = outcomes.count
            meanPrecisionAtDepth = outcomes.isEmpty ? 0 : outcomes.map(\.precisionAtDepth).reduce(0, +) / Double(outcomes.count)
            let returned = outcomes.compactMap(\.precisionOfReturned)
            meanPrecisionOfReturned = returned.isEmpty ? nil : returned.reduce(0, +) / Double(returned.count)
            noResult = outcomes.filter(\.isEmpty).count
        }
    }

    /// Every query's figures.
    public var overall: Summary { Summary(outcomes) }

    /// The figures per kind, in `RelevanceQuery.Kind.allCases` order; kinds with no query left out.
    public var perKind: [(kind: RelevanceQuery.Kind, summary: Summary)] {
        RelevanceQuery.Kind.allCases.compactMap { kind in
            let of = outcomes.filter { $0.query.kind == kind }
            return of.isEmpty ? nil : (kind, Summary(of))
        }
    }

    /// The queries that returned nothing, in the set's order.
    public var emptyQueries: [RelevanceEvaluation.Outcome] { outcomes.filter(\.isEmpty) }

    /// The report as text: summary, per-kind table, per-query lines, the queries with no result,
    /// and the set's malformed lines.
    public var text: String {
        let f = { (v: Double) in BenchmarkReportFormatter.fixed(v, 3) }
        let percent = { (v: Double) in BenchmarkReportFormatter.fixed(v * 100, 1) + "%" }
        let pad = BenchmarkReportFormatter.pad, rpad = BenchmarkReportFormatter.rpad
        let all = overall
        var s = "relevance: \(all.queries) queries of \(setPath) on \(index)\n"
        s += "a hit is relevant when its CIP code starts with one of the query's codes; P@10 = relevant hits in the first "
            + "\(RelevanceEvaluation.depth) / \(RelevanceEvaluation.depth) (0 with no result); P(ret) = relevant / returned\n\n"
        s += "mean P@10          \(f(all.meanPrecisionAtDepth))\n"
        s += "mean P(returned)   \(all.meanPrecisionOfReturned.map(f) ?? "–")   over the \(all.queries - all.noResult) queries that returned a hit\n"
        s += "no result          \(all.noResult) of \(all.queries) (\(percent(all.noResultShare)))\n\n"

        s += rpad("kind", 14) + pad("queries", 8) + pad("P@10", 8) + pad("P(ret)", 8) + pad("no result", 14) + "\n"
        for (kind, k) in perKind {
            s += rpad(kind.rawValue, 14) + pad("\(k.queries)", 8) + pad(f(k.meanPrecisionAtDepth), 8)
                + pad(k.meanPrecisionOfReturned.map(f) ?? "–", 8) + pad("\(k.noResult) (\(percent(k.noResultShare)))", 14) + "\n"
        }
        s += rpad("all", 14) + pad("\(all.queries)", 8) + pad(f(all.meanPrecisionAtDepth), 8)
            + pad(all.meanPrecisionOfReturned.map(f) ?? "–", 8) + pad("\(all.noResult) (\(percent(all.noResultShare)))", 14) + "\n\n"

        s += rpad("id", 27) + rpad("kind", 13) + rpad("query", 34) + pad("P@10", 5) + pad("P(ret)", 7) + pad("ret", 4) + pad("total", 8) + "  first hit\n"
        for o in outcomes {
            let first = o.error.map { "refused: \($0)" } ?? o.firstHit.map { "\($0.cip) \($0.title)" } ?? "–"
            s += rpad(o.query.id.truncatedTo(26), 27) + rpad(o.query.kind.rawValue, 13) + rpad(Self.shown(o.query).truncatedTo(33), 34)
                + pad(BenchmarkReportFormatter.fixed(o.precisionAtDepth, 1), 5) + pad(o.precisionOfReturned.map { BenchmarkReportFormatter.fixed($0, 2) } ?? "–", 7)
                + pad("\(o.returned)", 4) + pad("\(o.total)", 8) + "  " + first.truncatedTo(60) + "\n"
        }
        let empty = emptyQueries
        s += "\nno result (\(empty.count)):" + (empty.isEmpty ? " none" : "") + "\n"
        for o in empty { s += "  \(o.query.id) (\(o.query.kind.rawValue)): \(Self.shown(o.query))" + (o.error.map { " — refused: \($0)" } ?? "") + "\n" }
        if !problems.isEmpty {
            s += "\nmalformed lines of the set, left out (\(problems.count)):\n"
            for p in problems { s += "  \(p)\n" }
        }
        return s
    }

    /// The query as typed, its options after it in brackets.
    static func shown(_ q: RelevanceQuery) -> String {
        q.options.isEmpty ? q.text : "\(q.text) [\(q.options.map { $0.contains(" ") ? "\"\($0)\"" : $0 }.joined(separator: " "))]"
    }
}

extension String {
    /// At most `n` characters, ending with "…" when cut.
    func truncatedTo(_ n: Int) -> String { count <= n ? self : String(prefix(max(0, n - 1))) + "…" }
}

import Analysis
import Corpus
import IndexFormat
import Search

/// What the `typed` class's queries did under forgiving matching and where their time went:
/// per kind (`TypedKind`) the latency of the timed run, how many queries the rewriter gave typo
/// alternatives, completions or synonyms, dropped filler words, applied implied levels, or
/// relaxed (a dropped word); the mean time of the rewriter alone (`QueryRewriter.understand`
/// over the index's vocabulary), of the final search alone (the understood groups run as one
/// exact search, what `Searcher.searchForgiving` runs last), and the rest (the timed search less
/// both: relaxation's counting searches and the first search when it found nothing); and every
/// dictionary walk the rewriter made (`TermDictionaryWalk.fuzzyMatches`), by kind and edit
/// budget, with the entries it read.
///
/// The breakdown is measured after the timed run, one query at a time, each part run once
/// untimed first; the final search's replica is checked against the timed total.
public struct TypedClassReport: Sendable {
    /// One timed typed query.
    struct Run {
        var item: QueryMix.Item
        var microseconds: Double
        var total: Int
        var understanding: QueryUnderstanding?
    }

    public struct KindRow: Sendable {
        /// A `TypedKind` raw value, or "all".
        public var kind: String
        public var latency: LatencyStatistics
        /// Queries with a word given typo alternatives, completions, synonyms; with filler words
        /// left out; with implied levels applied; with a word dropped by relaxation; with no match.
        public var typo = 0, completion = 0, synonym = 0, filler = 0, impliedLevels = 0, dropped = 0, noMatch = 0
        /// Means in µs: the rewriter alone, the final search alone, the rest of the timed search.
        public var rewriteMean = 0.0, finalSearchMean = 0.0, restMean = 0.0
        /// The rewriter alone, 99th percentile (µs).
        public var rewriteP99 = 0.0
        /// Alternatives in the final search's groups (synonyms, spellings, completions): mean and
        /// most per query; and the mean documents its unions read (the postings of every
        /// alternative and of the words themselves, summed over the groups with alternatives).
        public var alternativesMean = 0.0, alternativesMax = 0, unionDocumentsMean = 0.0
    }

    public struct WalkRow: Sendable {
        /// A `TypedKind` raw value, or "all".
        public var kind: String
        public var maxEdits: Int
        public var walks: Int
        public var meanVisited: Double
        public var maxVisited: Int
        public var meanMicroseconds: Double
        public var maxMicroseconds: Double
        /// The word of the walk that read the most entries.
        public var widestWord: String
    }

    /// One of the slowest typed queries and its parts (µs).
    public struct Slow: Sendable {
        public var kind: String
        /// The query in words, `QueryMix.describe`.
        public var query: String
        public var total: Int
        public var microseconds: Double
        public var rewrite: Double, finalSearch: Double
        public var rest: Double { microseconds - rewrite - finalSearch }
        /// Alternatives in the final search's groups, and the postings its unions read.
        public var alternatives: Int, unionDocuments: Int
        /// Words dropped by relaxation; the final search's plan.
        public var dropped: [String]
        public var plan: QueryPlan
    }

    public var rows: [KindRow] = []
    /// The slowest typed queries of the timed run, slowest first (`slowestCount`).
    public var slowest: [Slow] = []
    public static let slowestCount = 10
    public var walks: [WalkRow] = []
    /// Entries of the term dictionary (text, field and keyword terms) and its plain text terms with documents.
    public var termCount = 0
    public var textTermCount = 0
    /// Completions asked by the rewriter over the class, and their total time (µs).
    public var completionCalls = 0
    public var completionMicroseconds = 0.0
    /// Queries whose final-search replica gave the timed total, of those replayed.
    public var replicaAgreed = 0
    public var replicaCount = 0

    init(runs: [Run], searcher: Searcher) throws {
        let reader = searcher.reader
        termCount = reader.terms.count
        for i in 0 ..< reader.terms.count {
            guard let key = reader.terms.termKeyBytes(at: i), !key.isEmpty, key.allSatisfy(Analyzer.isTokenByte),
                  (reader.terms.termInfo(at: i)?.documentFrequency ?? 0) > 0 else { continue }
            textTermCount += 1
        }
        let vocabulary = RecordingIndexVocabulary(reader: reader)
        let rewriter = QueryRewriter(dictionary: reader.synonyms, vocabulary: vocabulary)
        var walksByKind: [String: [RecordingIndexVocabulary.Walk]] = [:]
        var parts: [(kind: TypedKind, rewrite: Double, final: Double, rest: Double)] = []
        let slowIndices = Set(runs.indices.sorted { runs[$0].microseconds > runs[$1].microseconds }.prefix(Self.slowestCount))
        /// Alternatives in the groups left, and the postings of their unions (the words' own included).
        func unions(_ u: QueryUnderstanding?) -> (alternatives: Int, documents: Int) {
            let groups = (u?.requiredWords ?? []).filter { !$0.alternatives.isEmpty }
            return (groups.map(\.alternatives.count).reduce(0, +),
                    groups.map { g in g.documentFrequency + g.alternatives.map { reader.terms.lookup($0.term)?.documentFrequency ?? 0 }.reduce(0, +) }
                        .reduce(0, +))
        }
        for (index, run) in runs.enumerated() {
            guard let kind = run.item.typedKind, let text = run.item.query.text else { continue }
            _ = rewriter.understand(text)
            vocabulary.reset()
            let t0 = benchClock()
            let understanding = rewriter.understand(text)
            let rewrite = (benchClock() - t0) * 1e6
            walksByKind[kind.rawValue, default: []] += vocabulary.walks
            completionCalls += vocabulary.completionCalls
            completionMicroseconds += vocabulary.completionMicroseconds
            var final = 0.0
            var plan = QueryPlan.noMatch
            if let q = Self.finalQuery(run.item.query, run.understanding ?? understanding) {
                _ = try? searcher.search(q)
                let t1 = benchClock()
                let r = try searcher.search(q)
                final = (benchClock() - t1) * 1e6
                plan = r.plan
                replicaCount += 1
                if r.total == run.total { replicaAgreed += 1 }
            }
            parts.append((kind, rewrite, final, run.microseconds - rewrite - final))
            if slowIndices.contains(index) {
                let (alternatives, documents) = unions(run.understanding)
                slowest.append(Slow(kind: kind.rawValue, query: QueryMix.describe(run.item.query), total: run.total, microseconds: run.microseconds,
                                    rewrite: rewrite, finalSearch: final, alternatives: alternatives, unionDocuments: documents,
                                    dropped: run.understanding?.dropped ?? [], plan: plan))
            }
        }
        func row(_ name: String, _ runs: [Run], _ parts: [(kind: TypedKind, rewrite: Double, final: Double, rest: Double)]) -> KindRow {
            var r = KindRow(kind: name, latency: LatencyStatistics(microseconds: runs.map(\.microseconds)))
            for run in runs {
                guard let u = run.understanding else { continue }
                let reasons = u.words.flatMap { $0.alternatives.map(\.reason) }
                if reasons.contains(where: { if case .typo = $0 { true } else { false } }) { r.typo += 1 }
                if reasons.contains(.completion) { r.completion += 1 }
                if reasons.contains(.synonym) { r.synonym += 1 }
                if !u.fillers.isEmpty { r.filler += 1 }
                if u.appliedImpliedLevels { r.impliedLevels += 1 }
                if !u.dropped.isEmpty { r.dropped += 1 }
            }
            r.noMatch = runs.filter { $0.total == 0 }.count
            var alternatives: [Int] = [], unionDocuments: [Int] = []
            for run in runs {
                let (a, d) = unions(run.understanding)
                alternatives.append(a)
                unionDocuments.append(d)
            }
            r.alternativesMean = Double(alternatives.reduce(0, +)) / Double(max(1, runs.count))
            r.alternativesMax = alternatives.max() ?? 0
            r.unionDocumentsMean = Double(unionDocuments.reduce(0, +)) / Double(max(1, runs.count))
            let n = Double(max(1, parts.count))
            r.rewriteMean = parts.map(\.rewrite).reduce(0, +) / n
            r.finalSearchMean = parts.map(\.final).reduce(0, +) / n
            r.restMean = parts.map(\.rest).reduce(0, +) / n
            r.rewriteP99 = LatencyStatistics(microseconds: parts.map(\.rewrite)).p99
            return r
        }
        for kind in TypedKind.allCases {
            let mine = runs.filter { $0.item.typedKind == kind }
            if !mine.isEmpty { rows.append(row(kind.rawValue, mine, parts.filter { $0.kind == kind })) }
        }
        rows.append(row("all", runs, parts))
        func walkRows(_ name: String, _ walks: [RecordingIndexVocabulary.Walk]) -> [WalkRow] {
            Set(walks.map(\.maxEdits)).sorted().map { k in
                let w = walks.filter { $0.maxEdits == k }
                let widest = w.max { $0.visited < $1.visited }!
                return WalkRow(kind: name, maxEdits: k, walks: w.count,
                               meanVisited: Double(w.map(\.visited).reduce(0, +)) / Double(w.count), maxVisited: widest.visited,
                               meanMicroseconds: w.map(\.microseconds).reduce(0, +) / Double(w.count),
                               maxMicroseconds: w.map(\.microseconds).max()!, widestWord: widest.word)
            }
        }
        slowest.sort { $0.microseconds > $1.microseconds }
        for kind in TypedKind.allCases { walks += walkRows(kind.rawValue, walksByKind[kind.rawValue] ?? []) }
        walks += walkRows("all", walksByKind.values.flatMap { $0 })
    }

    /// What `Searcher.searchForgiving` runs last for `understanding`: the required groups as the
    /// words, their alternatives as expansions, exact matching, and the implied levels when they
    /// were applied; `nil` when no group is left.
    static func finalQuery(_ query: SearchQuery, _ understanding: QueryUnderstanding) -> SearchQuery? {
        let words = understanding.requiredWords
        guard !words.isEmpty else { return nil }
        var q = query
        q.matching = .exact
        q.text = words.map(\.term).joined(separator: " ")
        q.expansions = [:]
        for w in words where !w.alternatives.isEmpty {
            q.expansions[w.term] = w.alternatives.map {
                TermAlternative(term: $0.term, weight: $0.weight, scoringDocumentFrequency: $0.scoringDocumentFrequency)
            }
        }
        if understanding.appliedImpliedLevels { q.levels = Set(understanding.impliedLevels.compactMap(AwardLevel.init(rawValue:))) }
        return q
    }

    public static func table(_ t: TypedClassReport) -> String {
        typealias F = BenchmarkReportFormatter
        var s = "typed class (always forgiving), by kind: latency; queries whose words got typo alternatives, completions, synonyms,\n"
        s += "  filler words left out, implied levels, a word dropped by relaxation, no match; mean µs of the rewriter alone,\n"
        s += "  the final search alone and the rest (relaxation's counting searches, a first search that found nothing)\n"
        s += F.rpad("kind", 14) + F.pad("n", 5) + F.pad("p50 µs", 10) + F.pad("p99 µs", 10) + F.pad("max µs", 10)
            + F.pad("typo", 6) + F.pad("compl", 6) + F.pad("syn", 5) + F.pad("fill", 5) + F.pad("lvls", 5) + F.pad("drop", 5) + F.pad("none", 5)
            + F.pad("rewrite", 9) + F.pad("rw p99", 9) + F.pad("search", 9) + F.pad("rest", 9)
            + F.pad("alts", 6) + F.pad("max", 5) + F.pad("union docs", 12) + "\n"
        for r in t.rows {
            s += F.rpad(r.kind, 14) + F.pad(String(r.latency.count), 5) + F.pad(F.fixed(r.latency.p50, 1), 10)
                + F.pad(F.fixed(r.latency.p99, 1), 10) + F.pad(F.fixed(r.latency.max, 1), 10)
                + F.pad(String(r.typo), 6) + F.pad(String(r.completion), 6) + F.pad(String(r.synonym), 5) + F.pad(String(r.filler), 5)
                + F.pad(String(r.impliedLevels), 5) + F.pad(String(r.dropped), 5) + F.pad(String(r.noMatch), 5)
                + F.pad(F.fixed(r.rewriteMean, 1), 9) + F.pad(F.fixed(r.rewriteP99, 1), 9) + F.pad(F.fixed(r.finalSearchMean, 1), 9)
                + F.pad(F.fixed(r.restMean, 1), 9) + F.pad(F.fixed(r.alternativesMean, 1), 6) + F.pad(String(r.alternativesMax), 5)
                + F.pad(String(Int(r.unionDocumentsMean.rounded())), 12) + "\n"
        }
        s += "  (alts: alternatives in the final search's groups, mean and max per query; union docs: mean postings its unions read)\n"
        s += "  (final-search replica gave the timed total for \(t.replicaAgreed) of \(t.replicaCount) queries)\n"
        s += "dictionary walks by the rewriter (TermDictionaryWalk.fuzzyMatches, typed and analyzed forms and \"did you mean\"), "
            + "against \(t.termCount) dictionary entries (\(t.textTermCount) text terms):\n"
        s += F.rpad("kind", 14) + F.pad("k", 3) + F.pad("walks", 7) + F.pad("mean visited", 14) + F.pad("max visited", 13)
            + F.pad("% of dict", 11) + F.pad("mean µs", 10) + F.pad("max µs", 10) + "  widest word\n"
        for w in t.walks {
            s += F.rpad(w.kind, 14) + F.pad(String(w.maxEdits), 3) + F.pad(String(w.walks), 7) + F.pad(F.fixed(w.meanVisited, 1), 14)
                + F.pad(String(w.maxVisited), 13) + F.pad(F.fixed(100 * w.meanVisited / Double(max(1, t.termCount)), 1), 11)
                + F.pad(F.fixed(w.meanMicroseconds, 1), 10) + F.pad(F.fixed(w.maxMicroseconds, 1), 10) + "  " + w.widestWord + "\n"
        }
        s += "completions asked: \(t.completionCalls), \(F.fixed(t.completionMicroseconds / Double(max(1, t.completionCalls)), 1)) µs each on average\n"
        if !t.slowest.isEmpty {
            s += "slowest typed queries (µs: timed, rewriter, final search, rest; alternatives, union postings, plan, dropped):\n"
            for q in t.slowest {
                s += F.pad(F.fixed(q.microseconds, 1), 10) + F.pad(F.fixed(q.rewrite, 1), 9) + F.pad(F.fixed(q.finalSearch, 1), 10)
                    + F.pad(F.fixed(q.rest, 1), 10) + F.pad(String(q.alternatives), 4) + F.pad(String(q.unionDocuments), 8) + "  "
                    + F.rpad(q.plan.rawValue, 14) + F.rpad(q.dropped.isEmpty ? "-" : q.dropped.joined(separator: ","), 14)
                    + F.rpad("[" + q.kind + "]", 15) + q.query + " (\(q.total))\n"
            }
        }
        return s
    }

    static func json(_ t: TypedClassReport, into w: inout JSONWriter) {
        w.beginObject("typed")
        w.field("term_count", t.termCount)
        w.field("text_term_count", t.textTermCount)
        w.beginObject("kinds")
        for r in t.rows {
            w.beginObject(r.kind)
            w.field("count", r.latency.count)
            w.field("p50", r.latency.p50)
            w.field("p99", r.latency.p99)
            w.field("max", r.latency.max)
            w.field("typo", r.typo)
            w.field("completion", r.completion)
            w.field("synonym", r.synonym)
            w.field("filler", r.filler)
            w.field("implied_levels", r.impliedLevels)
            w.field("dropped", r.dropped)
            w.field("no_match", r.noMatch)
            w.field("rewrite_mean_us", r.rewriteMean)
            w.field("rewrite_p99_us", r.rewriteP99)
            w.field("final_search_mean_us", r.finalSearchMean)
            w.field("rest_mean_us", r.restMean)
            w.field("alternatives_mean", r.alternativesMean)
            w.field("alternatives_max", r.alternativesMax)
            w.field("union_documents_mean", r.unionDocumentsMean)
            w.endObject()
        }
        w.endObject()
        w.beginArray("walks")
        for x in t.walks {
            w.beginObject()
            w.field("kind", x.kind)
            w.field("max_edits", x.maxEdits)
            w.field("walks", x.walks)
            w.field("mean_visited", x.meanVisited)
            w.field("max_visited", x.maxVisited)
            w.field("mean_us", x.meanMicroseconds)
            w.field("max_us", x.maxMicroseconds)
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }
}

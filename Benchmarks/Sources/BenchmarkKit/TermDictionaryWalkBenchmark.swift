import IndexFormat
import Search

/// Times `TermDictionaryWalk` on an index: typo-tolerant lookups of misspelled words and
/// type-ahead completions, with the dictionary keys each lookup read (`visited`), so the walk's
/// pruning is a count, not only a time (`schoolfinder-bench --term-walk FILE`).
public enum TermDictionaryWalkBenchmark {
    public struct Figure: Sendable {
        /// What was asked, e.g. `fuzzy "informatcs" k=2` or `completions "nurs"`.
        public var name: String
        /// Keys read by the walk (fuzzy), or the entries of the prefix's run (completions).
        public var keysRead: Int
        public var results: Int
        /// Median over the repetitions, microseconds.
        public var medianMicroseconds: Double
        /// The first results, best first, as `term(distance, df)`.
        public var sample: String
    }

    /// The misspellings, with `TypoBudget`'s edits for their length, and prefixes.
    public static let fuzzyWords: [(word: String, maxEdits: Int)] = [("bioinfromatics", 2), ("informatcs", 2), ("nursng", 1)]
    public static let prefixes = ["bioinf", "nurs", "h"]

    public static func run(reader: IndexReader, repetitions: Int = 200) -> [Figure] {
        let walk = TermDictionaryWalk(reader: reader)
        func median(_ body: () -> Void) -> Double {
            var times: [Double] = []
            for _ in 0 ..< max(1, repetitions) {
                let t0 = benchClock()
                body()
                times.append(benchClock() - t0)
            }
            return times.sorted()[times.count / 2] * 1e6
        }
        func sample(_ m: [TermMatch]) -> String {
            m.prefix(5).map { "\($0.term)(\($0.distance), \($0.documentFrequency))" }.joined(separator: " ")
        }
        var figures: [Figure] = []
        for (word, k) in fuzzyWords {
            let (matches, visited) = walk.fuzzyMatches(of: word, maxEdits: k)
            let time = median { keepAlive(walk.fuzzyMatches(of: word, maxEdits: k).visited) }
            figures.append(Figure(name: "fuzzy \"\(word)\" k=\(k)", keysRead: visited, results: matches.count,
                                  medianMicroseconds: time, sample: sample(matches)))
        }
        for prefix in prefixes {
            let matches = walk.completions(of: prefix)
            let time = median { keepAlive(walk.completions(of: prefix).count) }
            figures.append(Figure(name: "completions \"\(prefix)\"", keysRead: reader.terms.termEntries(withPrefix: prefix).count,
                                  results: matches.count, medianMicroseconds: time, sample: sample(matches)))
        }
        return figures
    }

    public static func table(_ figures: [Figure], termCount: Int) -> String {
        typealias F = BenchmarkReportFormatter
        var s = "== term dictionary walk (\(termCount) terms) ==\n"
        s += F.rpad("lookup", 34) + F.pad("keys", 7) + F.pad("results", 9) + F.pad("µs p50", 10) + "  first results\n"
        for f in figures {
            s += F.rpad(f.name, 34) + F.pad(String(f.keysRead), 7) + F.pad(String(f.results), 9)
                + F.pad(F.fixed(f.medianMicroseconds, 1), 10) + "  " + f.sample + "\n"
        }
        return s
    }
}

/// Keeps `value` alive so the optimizer cannot drop the timed work.
@inline(never)
private func keepAlive(_ value: Int) {
    if value == Int.min { print("") }
}

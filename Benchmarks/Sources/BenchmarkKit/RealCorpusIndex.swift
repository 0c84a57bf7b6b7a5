import SchoolFinderCLI

/// The real corpus's index, built exactly as `schoolfinder index --corpus DIR --out FILE`
/// builds the default one (the same loader, tables and ZIP table), for measures that judge
/// what a student would see: the relevance evaluation.
public enum RealCorpusIndex {
    /// Builds the index of the corpus in `corpus` at `path`.
    /// - Returns: the command's summary line ("indexed 249747 programs at … → path (… s)").
    /// - Throws: `RealCorpusIndex.BuildFailure` with the command's error output.
    public static func build(corpus: String, to path: String) throws -> String {
        let io = CommandIO()
        let code = SchoolFinderCommand.run(["index", "--corpus", corpus, "--out", path], io: io)
        guard code == 0 else { throw BuildFailure(message: io.standardError.split(separator: "\n").joined(separator: "; ")) }
        return (io.standardOutput + io.standardError).split(separator: "\n").last { $0.hasPrefix("indexed ") }.map(String.init) ?? ""
    }

    /// `schoolfinder index` refused the corpus.
    public struct BuildFailure: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }
}

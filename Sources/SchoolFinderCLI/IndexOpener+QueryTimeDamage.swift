import Corpus
import IndexFormat
import Search

extension IndexOpener {
    /// Runs `body` on `reader`; when the index is the default one and `body` finds it damaged
    /// (a postings list failing its checksum, checked the first time a query reads it, or a
    /// record that does not decode), rebuilds it from the default corpus with a note on stderr,
    /// replaces `reader` with the new index and runs `body` once more. An index named with
    /// `--index` is never rebuilt: its damage is the error.
    static func retryingOnDamage<T>(_ parsed: ParsedArguments, io: CommandIO, reader: inout IndexReader,
                                    _ body: (IndexReader) throws -> T) throws -> T {
        do { return try body(reader) } catch {
            let detail: String
            switch error {
            case let SearchError.corruptIndex(_, d): detail = d
            case let IndexFormatError.corrupt(_, section, d): detail = "section \(section): \(d)"
            default: throw error
            }
            let path = SchoolFinderCommand.defaultIndexPath, corpus = SchoolFinderCommand.defaultCorpusPath
            guard parsed.value("index") == nil, CorpusLoader.isDirectory(corpus) else { throw error }
            io.err("note: \(path) failed a check while searching (\(detail)); rebuilding it from \(corpus)/ …\n")
            _ = try IndexCommand.build(corpus: corpus, zips: nil, out: path, io: io, quiet: true)
            reader = try IndexReader(path: path)
            return try body(reader)
        }
    }
}

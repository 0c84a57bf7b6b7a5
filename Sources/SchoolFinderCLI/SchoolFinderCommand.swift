import Corpus
import IndexFormat
import Search

/// Entry point of the `schoolfinder` command line. Every command runs in-process, so tests call
/// `run(_:io:)` and read the captured output.
///
/// Exit codes: 0 success, 1 the index is damaged (`check`), 2 bad input (usage, values, files).
public enum SchoolFinderCommand {
    public static let defaultIndexPath = "Index/programs.sfidx"
    public static let defaultCorpusPath = "Corpus"

    static let commands: [(name: String, abstract: String)] = [
        ("search", "Find programs by text, place, level, state, CIP code, accreditor and delivery."),
        ("show", "Show one program's full card: outcomes, accreditation, careers and wages."),
        ("index", "Build the index file from a corpus (tables or JSONL) or from IPEDS files."),
        ("corpus", "Rebuild the real default corpus in Corpus/ from the official data files."),
        ("zip", "Show the centroid of a ZIP code."),
        ("check", "Verify every checksum and structure of an index file."),
        ("generate", "Write a deterministic sample corpus (fictional institutions)."),
    ]

    static var overview: String {
        var s = "schoolfinder: find accredited degree programs near you, offline.\n\nUSAGE: schoolfinder <command> [options]\n\nCOMMANDS:\n"
        for c in commands { s += "  \(c.name.padding(toWidth: 10))\(c.abstract)\n" }
        s += "\nRun `schoolfinder <command> --help` for a command's options; `schoolfinder --version` prints the version.\n"
        return s + "\n" + ExitStatus.help
    }

    /// Runs one command line (without the program name) and returns the exit code.
    public static func run(_ arguments: [String], io: CommandIO) -> Int32 {
        guard let name = arguments.first else { io.out(overview); return 0 }
        let rest = Array(arguments.dropFirst())
        if name == "--help" || name == "-h" || name == "help" { io.out(overview); return 0 }
        if name == "--version" { io.out("schoolfinder \(SchoolFinderVersion.current)\n"); return 0 }
        do {
            switch name {
            case "search": return try SearchCommand.run(rest, io: io)
            case "show": return try ShowCommand.run(rest, io: io)
            case "index": return try IndexCommand.run(rest, io: io)
            case "corpus": return try CorpusCommand.run(rest, io: io)
            case "zip": return try ZipCommand.run(rest, io: io)
            case "check": return try CheckCommand.run(rest, io: io)
            case "generate": return try GenerateCommand.run(rest, io: io)
            default:
                let guess = closestName(to: name, among: commands.map(\.name)).map { "; did you mean '\($0)'?" } ?? "."
                throw UsageError("unknown command '\(name)'\(guess) Commands: \(commands.map(\.name).joined(separator: ", "))")
            }
        } catch let e as UsageError {
            io.err("error: \(e.message)\n")
        } catch let e as SearchError {
            io.err("error: \(e)\n")
        } catch let e as IndexFormatError {
            io.err("error: \(e)\n")
        } catch let e as CorpusError {
            io.err("error: \(e)\n")
        } catch {
            io.err("error: \(error)\n")
        }
        return 2
    }
}

/// Opens the index a command names. With the default path, a missing or stale index (older than
/// any corpus file, an older format version, or damaged) is first built from the default
/// corpus, with a note on stderr. An index named with `--index` is never rebuilt.
enum IndexOpener {
    static func open(_ parsed: ParsedArguments, io: CommandIO) throws -> IndexReader {
        if let explicit = parsed.value("index") { return try IndexReader(path: explicit) }
        let path = SchoolFinderCommand.defaultIndexPath
        let corpus = SchoolFinderCommand.defaultCorpusPath
        if CorpusLoader.isDirectory(corpus) {
            let indexTime = CorpusLoader.modificationTime(path)
            let newest = CorpusLoader.corpusFiles(corpus).compactMap { CorpusLoader.modificationTime($0) }.max() ?? 0
            if indexTime == nil || newest > indexTime! {
                io.err(indexTime == nil ? "note: \(path) is missing; building it from \(corpus)/ …\n"
                                        : "note: \(corpus)/ changed since \(path) was built; rebuilding …\n")
                _ = try IndexCommand.build(corpus: corpus, zips: nil, out: path, io: io, quiet: true)
            }
            // The default index is derived data: one written by an older format, or damaged, is
            // rebuilt from the corpus (with a note saying why). One from a newer build is left
            // alone: its error says to upgrade.
            do { return try IndexReader(path: path) } catch {
                switch error {
                case let .tooOld(_, version, supported):
                    io.err("note: \(path) has format version \(version), this build reads \(supported); rebuilding it from \(corpus)/ …\n")
                case .notAnIndex:
                    io.err("note: \(path) is not a schoolfinder index; rebuilding it from \(corpus)/ …\n")
                case let .truncated(_, expected, actual):
                    io.err("note: \(path) is truncated (\(actual) of \(expected) bytes); rebuilding it from \(corpus)/ …\n")
                case let .corrupt(_, section, detail):
                    io.err("note: \(path) is damaged in section \(section) (\(detail)); rebuilding it from \(corpus)/ …\n")
                default:
                    throw error
                }
                _ = try IndexCommand.build(corpus: corpus, zips: nil, out: path, io: io, quiet: true)
            }
        }
        return try IndexReader(path: path)
    }
}

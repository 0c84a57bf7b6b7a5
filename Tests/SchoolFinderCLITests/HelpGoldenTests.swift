import Foundation
import SchoolFinderCLI
import TestSupport
import Testing

/// Every `--help` text, compared byte for byte with `Tests/SchoolFinderCLITests/Golden/<name>.txt`.
///
/// A change to an option or its help must change the golden file in the same commit. To
/// regenerate them all after such a change, run
///
///     SCHOOLFINDER_UPDATE_GOLDEN=1 swift test --filter HelpGoldenTests
///
/// which rewrites each file from the current output (and still fails, so an update is never
/// silent); review the diff, then run the tests again without it.
@Suite("CLI: golden --help texts")
struct HelpGoldenTests {
    static let directory = ProjectPaths.root + "/Tests/SchoolFinderCLITests/Golden"
    static let updating = ProcessInfo.processInfo.environment["SCHOOLFINDER_UPDATE_GOLDEN"] == "1"

    @Test("each help text equals its golden file", arguments: [
        ("schoolfinder", ["--help"]),
        ("search", ["search", "--help"]),
        ("show", ["show", "--help"]),
        ("corpus", ["corpus", "--help"]),
        ("index", ["index", "--help"]),
        ("zip", ["zip", "--help"]),
        ("check", ["check", "--help"]),
        ("generate", ["generate", "--help"]),
    ])
    func help(name: String, arguments: [String]) throws {
        let io = CommandIO()
        #expect(SchoolFinderCommand.run(arguments, io: io) == 0)
        #expect(io.standardError == "")
        let path = Self.directory + "/\(name)-help.txt"
        if Self.updating {
            try io.standardOutput.write(toFile: path, atomically: true, encoding: .utf8)
            Issue.record("rewrote \(path) (SCHOOLFINDER_UPDATE_GOLDEN=1); run again without it")
            return
        }
        let golden = try String(contentsOfFile: path, encoding: .utf8)
        #expect(io.standardOutput == golden, "\(path) differs; see this file's doc comment to regenerate")
    }

    @Test("every help documents the exit statuses 0, 1 and 2")
    func exitStatuses() {
        for arguments in [["--help"], ["search", "--help"], ["index", "--help"], ["zip", "--help"], ["check", "--help"], ["generate", "--help"]] {
            let io = CommandIO()
            _ = SchoolFinderCommand.run(arguments, io: io)
            #expect(io.standardOutput.contains("EXIT STATUS:\n  0  success, including a search with no matches\n  1  `check` found the index file damaged\n  2  usage or input error"),
                    "\(arguments)")
        }
    }
}

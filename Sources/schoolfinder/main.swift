import SchoolFinderCLI
#if canImport(Glibc)
import Glibc
#endif

// The whole CLI lives in SchoolFinderCLI so tests can run every command in-process.
exit(SchoolFinderCommand.run(Array(CommandLine.arguments.dropFirst()), io: CommandIO(forward: true)))

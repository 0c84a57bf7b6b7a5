import SchoolFinderCLI
#if canImport(Darwin)
import Darwin // exit
#elseif canImport(Glibc)
import Glibc // exit
#endif

// The whole CLI lives in SchoolFinderCLI so tests can run every command in-process.
exit(SchoolFinderCommand.run(Array(CommandLine.arguments.dropFirst()), io: CommandIO(forward: true)))

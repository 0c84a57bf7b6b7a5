import Foundation
import SchoolFinderKit
import TestSupport
import Testing

/// The README's "Embedding" snippet is `Examples/Embedding/main.swift` verbatim, and that program
/// builds (SwiftPM compiles it with the tests) and prints what it should.
@Suite("SchoolFinderKit: the README's embedding example")
struct EmbeddingExampleTests {
    static let examplePath = ProjectPaths.root + "/Examples/Embedding/main.swift"

    /// The body of the README's first ```swift block under "## Embedding".
    static func readmeSnippet() throws -> String {
        let readme = try String(contentsOfFile: ProjectPaths.root + "/README.md", encoding: .utf8)
        let section = try #require(readme.range(of: "\n## Embedding\n"))
        let rest = readme[section.upperBound...]
        let open = try #require(rest.range(of: "```swift\n"))
        let close = try #require(rest[open.upperBound...].range(of: "\n```\n"))
        return String(rest[open.upperBound ..< close.lowerBound]) + "\n"
    }

    @Test("the README snippet equals Examples/Embedding/main.swift")
    func snippetIsTheExample() throws {
        let example = try String(contentsOfFile: Self.examplePath, encoding: .utf8)
        #expect(try Self.readmeSnippet() == example)
    }

    @Test("the example program runs: builds an index, reopens it, and prints both programs nearest first")
    func exampleRuns() throws {
        let exe = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
            .deletingLastPathComponent().appendingPathComponent("schoolfinder-embedding-example").path
        try #require(FileManager.default.isExecutableFile(atPath: exe), "the example is not built beside the tests at \(exe)")
        let dir = ProjectPaths.temporaryDirectory("embedding")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = [dir + "/example.sfidx"]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        #expect(String(decoding: data, as: UTF8.self) == """
            2 of 2 programs match ["health"], sorted by blended
            100-51.0707-3  Health Information Management (Bachelor's, hybrid) at Lakeshore College, Chicago IL: 0 mi
            200-26.1103-5  Bioinformatics (Master's, campus) at Prairie State University, Urbana IL: 126 mi

            """)
        #expect(FileManager.default.fileExists(atPath: dir + "/example.sfidx"))
    }
}

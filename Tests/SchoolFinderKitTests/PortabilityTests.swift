import Foundation
import TestSupport
import Testing

/// The library's modules reach the operating system only through `Sources/Platform`, whose one
/// file holds the Linux and the Darwin spelling of each call; none starts processes.
@Suite("Portability: operating-system calls live in Sources/Platform")
struct PortabilityTests {
    /// The modules of the SchoolFinderKit product, apart from Platform itself.
    static let libraryModules = ["Analysis", "Geo", "Corpus", "IndexFormat", "Search", "SchoolFinderKit"]
    /// A call of a POSIX function (not a method: no '.' or letter before it), a Linux-only
    /// field or module qualifier, a process API, or Foundation.
    static func isForbidden(_ line: some StringProtocol) -> Bool {
        // NSRegularExpression: Swift Regex has no lookbehind.
        let regex = try! NSRegularExpression(pattern: #"(?<![\w.])(?<!func )(open|read|write|close|mmap|munmap|fstat|stat|lstat|opendir|readdir|closedir|fsync|rename|unlink|clock_gettime|isatty|ioctl|getpid|kill|fork|posix_spawn\w*|execv\w*|system)\(|st_mtim|Glibc\.|\bProcess\(|import Foundation"#)
        let text = String(line)
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    @Test("no library source outside Sources/Platform calls the OS directly, forks or imports Foundation")
    func systemCallsAreInPlatform() throws {
        var offending: [String] = []
        for module in Self.libraryModules {
            let dir = ProjectPaths.root + "/Sources/" + module
            for name in try FileManager.default.contentsOfDirectory(atPath: dir) where name.hasSuffix(".swift") {
                let text = try String(contentsOfFile: dir + "/" + name, encoding: .utf8)
                for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    let code = line.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
                    if Self.isForbidden(code) { offending.append("\(module)/\(name):\(i + 1): \(line)") }
                }
            }
        }
        #expect(offending.isEmpty, "\(offending.joined(separator: "\n"))")
    }

    @Test("the check finds what it looks for")
    func regexCatches() {
        for bad in ["let fd = open(path, O_RDONLY)", "x = st.st_mtim.tv_sec", "Glibc.write(fd, p, n)", "let p = Process()", "import Foundation", "guard fsync(fd) == 0"] {
            #expect(Self.isForbidden(bad), "\(bad)")
        }
        for fine in ["try FileBytes.read(path)", "public static func read(_ path: String)", "reader.open(x)", "let opened = 1", "writer.write(records, to: path)"] {
            #expect(!Self.isForbidden(fine), "\(fine)")
        }
    }

    @Test("Platform's Darwin branch stands beside each Linux-only spelling")
    func darwinBranchPresent() throws {
        let text = try String(contentsOfFile: ProjectPaths.root + "/Sources/Platform/SystemCalls.swift", encoding: .utf8)
        #expect(text.contains("st_mtimespec") && text.contains("Darwin.read(") && text.contains("Darwin.write(") && text.contains("import Darwin"))
    }
}

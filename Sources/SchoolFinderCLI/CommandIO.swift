/// Where a command writes. The executable passes the process streams; tests pass buffers.
public final class CommandIO {
    public private(set) var standardOutput = ""
    public private(set) var standardError = ""
    let forward: Bool

    /// What `readStandardInput` returns when not forwarding (tests).
    let input: [UInt8]

    /// `forward: true` writes through to the process's stdout/stderr as well (the executable)
    /// and reads the process's stdin; otherwise reads come from `standardInput`.
    public init(forward: Bool = false, standardInput: [UInt8] = []) {
        self.forward = forward
        self.input = standardInput
    }

    /// Columns a table may use: `COLUMNS` when set to a number, else the terminal's width when
    /// standard output is a terminal, else 100 (a pipe, a file, tests); kept within 60…240.
    /// No colour is ever written, so `NO_COLOR` needs no handling.
    public var width: Int {
        guard forward else { return Self.defaultWidth }
        let columns = SystemCalls.environment("COLUMNS").flatMap { Int($0) } ?? SystemCalls.terminalColumns(SystemCalls.standardOutput)
        return min(240, max(60, columns ?? Self.defaultWidth))
    }
    /// Width when the output is not a terminal.
    public static let defaultWidth = 100

    /// All of standard input (`--batch -`).
    func readStandardInput() throws(UsageError) -> [UInt8] {
        guard forward else { return input }
        guard let bytes = SystemCalls.readToEnd(SystemCalls.standardInput) else {
            throw UsageError("cannot read standard input: \(SystemCalls.lastErrorDescription)")
        }
        return bytes
    }

    public func out(_ s: String) {
        if forward { writeFD(1, s) } else { standardOutput += s }
    }
    public func err(_ s: String) {
        if forward { writeFD(2, s) } else { standardError += s }
    }
}

import Platform

func writeFD(_ fd: Int32, _ s: String) {
    var s = s
    s.withUTF8 { _ = SystemCalls.writeAll(fd, UnsafeRawBufferPointer($0)) }
}

/// Monotonic clock in seconds.
public func monotonicSeconds() -> Double { SystemCalls.monotonicSeconds() }

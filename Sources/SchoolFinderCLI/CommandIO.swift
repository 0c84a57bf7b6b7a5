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

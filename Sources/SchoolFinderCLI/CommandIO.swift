/// Where a command writes. The executable passes the process streams; tests pass buffers.
public final class CommandIO {
    public private(set) var standardOutput = ""
    public private(set) var standardError = ""
    let forward: Bool

    /// `forward: true` writes through to the process's stdout/stderr as well (the executable).
    public init(forward: Bool = false) { self.forward = forward }

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

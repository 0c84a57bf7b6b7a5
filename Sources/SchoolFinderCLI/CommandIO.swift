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

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func writeFD(_ fd: Int32, _ s: String) {
    var s = s
    s.withUTF8 { buf in
        var off = 0
        while off < buf.count {
            let n = write(fd, buf.baseAddress! + off, buf.count - off)
            if n <= 0 { if errno == EINTR { continue }; return }
            off += n
        }
    }
}

/// Monotonic clock in seconds.
public func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

import Platform

/// Order statistics of a latency sample, in microseconds.
///
/// Percentiles use the nearest-rank method: pXX is the smallest sample with at least XX% of
/// samples at or below it (`sorted[ceil(p/100 · n) − 1]`), so every reported value is a real
/// observed latency.
public struct LatencyStatistics: Sendable, Equatable {
    public let count: Int
    public let p50: Double
    public let p95: Double
    public let p99: Double
    public let max: Double
    public let mean: Double
    /// Queries per second on one thread: count / sum of latencies.
    public let queriesPerSecond: Double

    public init(microseconds samples: [Double]) {
        let sorted = samples.sorted()
        count = sorted.count
        p50 = Self.percentile(50, ofSorted: sorted)
        p95 = Self.percentile(95, ofSorted: sorted)
        p99 = Self.percentile(99, ofSorted: sorted)
        max = sorted.last ?? 0
        let sum = sorted.reduce(0, +)
        mean = sorted.isEmpty ? 0 : sum / Double(sorted.count)
        queriesPerSecond = sum > 0 ? Double(sorted.count) / (sum / 1e6) : 0
    }

    /// Nearest-rank percentile of an ascending sample; 0 for an empty one.
    static func percentile(_ p: Double, ofSorted s: [Double]) -> Double {
        guard !s.isEmpty else { return 0 }
        let rank = Int((p / 100 * Double(s.count)).rounded(.up))
        return s[Swift.max(0, Swift.min(s.count - 1, rank - 1))]
    }
}

/// Process memory from /proc/self/status (Linux), in bytes.
public enum ProcessMemory {
    /// Peak resident set size (VmHWM), or 0 where /proc is absent.
    public static func peakResidentBytes() -> Int { field("VmHWM:") }
    /// Current resident set size (VmRSS).
    public static func residentBytes() -> Int { field("VmRSS:") }

    /// Resets the peak (VmHWM) to the current RSS by writing "5" to /proc/self/clear_refs
    /// (Linux ≥ 4.0). Returns false where that is not possible.
    @discardableResult
    public static func resetPeak() -> Bool {
        guard let f = fopen("/proc/self/clear_refs", "w") else { return false }
        defer { fclose(f) }
        return fputs("5", f) >= 0
    }

    static func field(_ name: String) -> Int {
        guard let f = fopen("/proc/self/status", "r") else { return 0 }
        defer { fclose(f) }
        var line = [CChar](repeating: 0, count: 512)
        while fgets(&line, Int32(line.count), f) != nil {
            let s = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if s.hasPrefix(name) {
                let digits = s.dropFirst(name.count).filter { $0.isNumber }
                return (Int(digits) ?? 0) * 1024
            }
        }
        return 0
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Monotonic clock in seconds.
@inline(__always)
public func benchClock() -> Double { SystemCalls.monotonicSeconds() }

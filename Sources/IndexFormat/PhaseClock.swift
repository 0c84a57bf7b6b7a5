import Platform

/// Wall time between laps (`SystemCalls.monotonicSeconds`), for `Summary.phases`.
struct PhaseClock {
    private var last = SystemCalls.monotonicSeconds()
    /// Seconds since the previous lap (or since the clock was made).
    mutating func lap() -> Double {
        let now = SystemCalls.monotonicSeconds()
        defer { last = now }
        return now - last
    }
}

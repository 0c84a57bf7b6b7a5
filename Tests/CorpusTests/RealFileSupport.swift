import Corpus
import Foundation

/// Timing and a one-line log for the tests that read the real files in ../shared/data.
enum RealFile {
    static func timed<T>(_ name: String, _ body: () throws(CorpusError) -> T) throws(CorpusError) -> T {
        let start = ContinuousClock.now
        let result = try body()
        let d = ContinuousClock.now - start
        print("real file \(name): read in \(d.formatted(.units(allowed: [.milliseconds], width: .narrow)))")
        return result
    }

    static func log(_ name: String, _ rows: Int, _ report: IngestReport) {
        let first = report.skipped.prefix(3).map(\.reason).joined(separator: " | ")
        print("real file \(name): \(rows) rows; \(report.summary)\(first.isEmpty ? "" : "; first skipped: \(first)")")
    }
}

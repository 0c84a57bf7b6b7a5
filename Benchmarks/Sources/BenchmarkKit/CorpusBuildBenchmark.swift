import Corpus
import Platform

/// Times `schoolfinder corpus build`'s work in-process: `RealCorpusBuilder.build()` over the
/// official files, then `DerivedCorpusFiles.encode` (the bytes of every table; not written, so
/// the figure holds no disk time), with the peak resident memory of the whole run.
public enum CorpusBuildBenchmark {
    public struct Report: Sendable {
        public var buildSeconds = 0.0
        public var encodeSeconds = 0.0
        public var totalSeconds: Double { buildSeconds + encodeSeconds }
        public var programs = 0
        public var institutions = 0
        public var encodedBytes = 0
        /// VmHWM at the end, reset just before the build.
        public var peakResidentBytes = 0
        public var residentBeforeBytes = 0
    }

    public static func run(dataDirectory: String, mappingDirectory: String) throws(CorpusError) -> Report {
        var report = Report()
        SystemCalls.returnFreedMemory()
        report.residentBeforeBytes = ProcessMemory.residentBytes()
        ProcessMemory.resetPeak()
        let t0 = benchClock()
        let (corpus, _) = try RealCorpusBuilder(dataDirectory: dataDirectory, mappingDirectory: mappingDirectory).build()
        let t1 = benchClock()
        let tables = DerivedCorpusFiles.encode(corpus)
        let t2 = benchClock()
        report.buildSeconds = t1 - t0
        report.encodeSeconds = t2 - t1
        report.programs = corpus.programs.count
        report.institutions = corpus.institutions.count
        report.encodedBytes = tables.reduce(0) { $0 + $1.bytes.count }
        report.peakResidentBytes = ProcessMemory.peakResidentBytes()
        return report
    }

    public static func table(_ r: Report, dataDirectory: String) -> String {
        typealias F = BenchmarkReportFormatter
        var s = "== corpus build from \(dataDirectory) ==\n"
        s += "corpus       \(r.programs) programs at \(r.institutions) institutions, \(r.encodedBytes) bytes of tables (encoded, not written)\n"
        s += "build        \(F.fixed(r.buildSeconds, 2)) s   encode \(F.fixed(r.encodeSeconds, 2)) s   total \(F.fixed(r.totalSeconds, 2)) s (target < 20 s)\n"
        s += "peak RSS     \(F.fixed(Double(r.peakResidentBytes) / 1048576, 1)) MiB (RSS before \(F.fixed(Double(r.residentBeforeBytes) / 1048576, 1)) MiB; target < 2048 MiB)\n"
        return s
    }
}

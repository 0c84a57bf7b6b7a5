import Corpus
import Platform

/// Writes a benchmark corpus as a JSON Lines file (`JSONLRecordFormat`: the header line, then
/// one record a line), so the timed build starts from a file as `schoolfinder index` does.
/// Buffered: one `write` per 32 MiB.
public enum JSONLCorpusFile {
    public static func write(header: JSONLRecordFormat.Header, records: [ProgramRecord], to path: String) throws(BenchmarkError) {
        let fd = SystemCalls.createForWriting(path)
        guard fd >= 0 else { throw BenchmarkError("cannot create \(path): \(SystemCalls.lastErrorDescription)") }
        defer { SystemCalls.close(fd) }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 25)
        func flush() throws(BenchmarkError) {
            guard buffer.withUnsafeBytes({ SystemCalls.writeAll(fd, $0) }) else {
                throw BenchmarkError("cannot write \(path): \(SystemCalls.lastErrorDescription)")
            }
            buffer.removeAll(keepingCapacity: true)
        }
        buffer.append(contentsOf: JSONLRecordFormat.line(for: header).utf8)
        buffer.append(0x0A)
        for r in records {
            buffer.append(contentsOf: JSONLRecordFormat.line(for: r).utf8)
            buffer.append(0x0A)
            if buffer.count >= 1 << 25 { try flush() }
        }
        try flush()
    }
}

/// A benchmark step that could not run, with what went wrong.
public struct BenchmarkError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

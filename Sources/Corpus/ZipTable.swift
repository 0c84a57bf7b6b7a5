import Geo

/// One ZIP code centroid.
public struct ZipCentroid: Sendable, Equatable {
    /// Five ASCII digits.
    public var zip: String
    public var city: String
    public var state: String
    public var latitude: Double
    public var longitude: Double

    public init(zip: String, city: String, state: String, latitude: Double, longitude: Double) {
        self.zip = zip
        self.city = city
        self.state = state
        self.latitude = latitude
        self.longitude = longitude
    }

    public var location: GeoPoint { GeoPoint(latitude: latitude, longitude: longitude) }
}

/// ZIP centroid table in the tab-separated layout of ../shared/data/zipcodes.tsv and
/// Corpus/zip-centroids.tsv: header `zip city state lat lon`, one ZIP per row.
public enum ZipTable {
    /// Reads the table; malformed rows are reported and skipped. Sorted by ZIP, duplicates dropped.
    public static func read(_ bytes: [UInt8], path: String) throws(CorpusError) -> ([ZipCentroid], IngestReport) {
        var report = IngestReport()
        var out: [ZipCentroid] = []
        var sawHeader = false
        FileBytes.forEachLine(bytes) { line, slice in
            if slice.isEmpty { return }
            let fields = slice.split(separator: 0x09, omittingEmptySubsequences: false).map { FileBytes.decodeText($0) }
            if !sawHeader {
                sawHeader = true
                if fields.first?.lowercased() == "zip" { return }
            }
            guard fields.count == 5 else {
                report.skip(IngestIssue(file: path, line: line, reason: "expected 5 tab-separated fields (zip, city, state, lat, lon), found \(fields.count)")); return
            }
            let zip = fields[0]
            guard zip.utf8.count == 5, zip.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
                report.skip(IngestIssue(file: path, line: line, reason: "zip \"\(zip)\" is not five digits")); return
            }
            guard let lat = Double(fields[3]), let lon = Double(fields[4]), GeoPoint(latitude: lat, longitude: lon).isValid else {
                report.skip(IngestIssue(file: path, line: line, reason: "lat/lon \"\(fields[3])\", \"\(fields[4])\" is not a valid coordinate")); return
            }
            out.append(ZipCentroid(zip: zip, city: fields[1], state: fields[2].uppercased(), latitude: lat, longitude: lon))
            report.accept()
        }
        if !sawHeader { throw .emptyFile(path: path) }
        out.sort { $0.zip < $1.zip }
        var unique: [ZipCentroid] = []
        unique.reserveCapacity(out.count)
        for z in out where unique.last?.zip != z.zip { unique.append(z) }
        return (unique, report)
    }

    /// Canonical five-digit form of user input: "60601", "60601-1234" → "60601"; `nil` otherwise.
    public static func normalize(_ text: String) -> String? {
        let t = text.trimmingASCIIWhitespace()
        let head = String(t.prefix { $0 != "-" })
        guard head.utf8.count == 5, head.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        if head.utf8.count != t.utf8.count {
            let tail = t.dropFirst(6)
            guard t.utf8.count == 10, tail.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        }
        return head
    }
}

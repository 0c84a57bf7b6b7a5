/// The real default corpus as normalized tables (the files of `Corpus/`, see
/// docs/CORPUS_FORMAT.md "Derived corpus"): institutions, programs, CIP texts, careers and ZIP
/// centroids. `RealCorpusBuilder` makes it from the official files in ../shared/data;
/// `DerivedCorpusFiles` writes and reads it; `records()` joins it into program records.
public struct DerivedCorpus: Sendable, Equatable {
    /// One institution (IPEDS HD), open in the data year.
    public struct Institution: Sendable, Equatable {
        public var unitID: String
        public var name: String
        public var city: String
        public var state: String
        public var zip: String
        /// Degrees WGS84.
        public var latitude: Double
        public var longitude: Double
        public var website: String
        public var control: InstitutionControl?
        /// Institutional accreditors, short names, sorted.
        public var accreditors: [String]
        /// Programmatic accreditations of the school that map to no program, sorted.
        public var otherAccreditors: [String]

        public init(unitID: String, name: String, city: String, state: String, zip: String, latitude: Double,
                    longitude: Double, website: String, control: InstitutionControl?, accreditors: [String],
                    otherAccreditors: [String] = []) {
            self.unitID = unitID
            self.name = name
            self.city = city
            self.state = state
            self.zip = zip
            self.latitude = latitude
            self.longitude = longitude
            self.website = website
            self.control = control
            self.accreditors = accreditors
            self.otherAccreditors = otherAccreditors
        }
    }

    /// One program: an institution × six-digit CIP × award level (IPEDS completions).
    public struct Program: Sendable, Equatable {
        public var unitID: String
        public var cipCode: String
        public var level: AwardLevel
        public var completers: Int?
        public var medianEarnings: Int?
        public var medianDebt: Int?
        public var accreditors: [String]
        public var preaccreditors: [String]

        public init(unitID: String, cipCode: String, level: AwardLevel, completers: Int?, medianEarnings: Int?,
                    medianDebt: Int?, accreditors: [String], preaccreditors: [String]) {
            self.unitID = unitID
            self.cipCode = cipCode
            self.level = level
            self.completers = completers
            self.medianEarnings = medianEarnings
            self.medianDebt = medianDebt
            self.accreditors = accreditors
            self.preaccreditors = preaccreditors
        }

        /// "UNITID-CIP-level", e.g. "100654-51.0707-associate": the record id.
        public var id: String { "\(unitID)-\(cipCode)-\(level.rawValue)" }
    }

    /// A CIP 2020 code ("51", "51.07" or "51.0707") with its title and definition.
    public struct CIPText: Sendable, Equatable {
        public var code: String
        public var title: String
        public var definition: String
        public init(code: String, title: String, definition: String) {
            self.code = code
            self.title = title
            self.definition = definition
        }
    }

    /// Corpus facts, in order: `corpus` (name), `note` (data vintages shown to users), and one
    /// `source:…` entry per official file.
    public var manifest: [(key: String, value: String)]
    public var institutions: [Institution]
    public var programs: [Program]
    public var cipTexts: [CIPText]
    public var careers: CareerCatalog
    public var zips: [ZipCentroid]

    public init(manifest: [(key: String, value: String)], institutions: [Institution], programs: [Program],
                cipTexts: [CIPText], careers: CareerCatalog, zips: [ZipCentroid]) {
        self.manifest = manifest
        self.institutions = institutions
        self.programs = programs
        self.cipTexts = cipTexts
        self.careers = careers
        self.zips = zips
    }

    public static func == (a: DerivedCorpus, b: DerivedCorpus) -> Bool {
        a.manifest.map(\.key) == b.manifest.map(\.key) && a.manifest.map(\.value) == b.manifest.map(\.value)
            && a.institutions == b.institutions && a.programs == b.programs && a.cipTexts == b.cipTexts
            && a.careers == b.careers && a.zips == b.zips
    }

    /// The manifest value for `key`, or `nil`.
    public func manifestValue(_ key: String) -> String? { manifest.first { $0.key == key }?.value }

    /// The corpus header the index records: never sample data.
    public var header: JSONLRecordFormat.Header {
        JSONLRecordFormat.Header(name: manifestValue("corpus") ?? "schoolfinder-real", isSampleData: false,
                                 note: manifestValue("note") ?? "")
    }

    /// Joins programs with their institution and CIP text into searchable records: title =
    /// CIP title, description = CIP definition. A program whose institution or CIP is missing
    /// from the tables is reported (`programsPath`, 1-based data row + 1 for the header) and left out.
    /// - Complexity: O(programs + institutions + CIP texts).
    public func records(programsPath: String = "programs.tsv") -> ([ProgramRecord], IngestReport) {
        var report = IngestReport()
        var byUnit: [String: Int] = [:]
        for (i, inst) in institutions.enumerated() { byUnit[inst.unitID] = i }
        var byCIP: [String: Int] = [:]
        for (i, c) in cipTexts.enumerated() { byCIP[c.code] = i }
        var out: [ProgramRecord] = []
        out.reserveCapacity(programs.count)
        for (row, p) in programs.enumerated() {
            guard let ii = byUnit[p.unitID] else {
                report.skip(IngestIssue(file: programsPath, line: row + 2, reason: "UNITID \(p.unitID) is not in institutions.tsv"))
                continue
            }
            guard let ci = byCIP[p.cipCode] else {
                report.skip(IngestIssue(file: programsPath, line: row + 2, reason: "CIP \(p.cipCode) is not in cip.tsv"))
                continue
            }
            let inst = institutions[ii], cip = cipTexts[ci]
            var r = ProgramRecord(id: p.id, institutionID: inst.unitID, institutionName: inst.name, city: inst.city,
                                  state: inst.state, zip: inst.zip, latitude: inst.latitude, longitude: inst.longitude,
                                  cipCode: p.cipCode, title: cip.title, description: cip.definition, level: p.level,
                                  accreditors: p.accreditors, delivery: .unknown)
            r.preaccreditors = p.preaccreditors
            r.institutionAccreditors = inst.accreditors
            r.otherSchoolAccreditors = inst.otherAccreditors
            r.website = inst.website
            r.control = inst.control
            r.completers = p.completers
            r.medianEarnings = p.medianEarnings
            r.medianDebt = p.medianDebt
            out.append(r)
            report.accept()
        }
        return (out, report)
    }
}

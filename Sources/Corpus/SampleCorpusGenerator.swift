/// Generates the deterministic sample corpus: fictional institutions (every name says "Sample")
/// placed at real ZIP centroids, offering programs under real CIP 2020 codes and titles.
///
/// The same seed, ZIP table and count give the same records in the same order on every run.
/// Institutions are clustered where ZIP codes are dense (a ZIP is drawn uniformly, and ZIPs
/// crowd where people live), jittered up to ~3 miles so institutions in one ZIP differ.
public struct SampleCorpusGenerator {
    public static let note = "SAMPLE DATA: institutions are fictional (generated); CIP codes, titles and ZIP centroids are real."
    public static let header = JSONLRecordFormat.Header(name: "schoolfinder-sample", isSampleData: true, note: note)

    /// A real CIP 2020 program family the generator draws from.
    struct Program {
        let cip: String
        let title: String
        let about: [String]
        let levels: [AwardLevel]
        let accreditors: [(String, Double)]
        /// Relative frequency.
        let weight: Int
    }

    static let programs: [Program] = [
        Program(cip: "51.0707", title: "Health Information/Medical Records Technology/Technician",
                about: ["Prepares health information technicians to code diagnoses and procedures with ICD-10-CM and CPT, maintain electronic health records, and protect patient privacy under HIPAA.",
                        "Covers medical terminology, health data quality, reimbursement, and health information management; graduates may sit for the AHIMA RHIT exam."],
                levels: [.associate, .certificate], accreditors: [("CAHIIM", 0.7)], weight: 6),
        Program(cip: "51.0706", title: "Health Information/Medical Records Administration/Administrator",
                about: ["Prepares health information management professionals to lead health data governance, clinical documentation, revenue cycle, and compliance; graduates may sit for the AHIMA RHIA exam.",
                        "Health information management with data analytics, electronic health record systems, and leadership of HIM departments."],
                levels: [.bachelor, .postbaccCertificate, .master], accreditors: [("CAHIIM", 0.75)], weight: 5),
        Program(cip: "51.2706", title: "Medical Informatics",
                about: ["Health informatics: the design and use of clinical information systems, interoperability standards such as HL7 FHIR, and data analytics to improve patient care.",
                        "Applies computer and information science to health care data, clinical decision support, and population health informatics."],
                levels: [.bachelor, .postbaccCertificate, .master, .doctorate], accreditors: [("CAHIIM", 0.4)], weight: 4),
        Program(cip: "26.1103", title: "Bioinformatics",
                about: ["Bioinformatics applies computing, statistics, and machine learning to genomic and molecular biology data.",
                        "Sequence analysis, computational biology, and biological databases for research in genomics and proteomics."],
                levels: [.bachelor, .master, .doctorate, .postbaccCertificate], accreditors: [], weight: 3),
        Program(cip: "51.0713", title: "Medical Insurance Coding Specialist/Coder",
                about: ["Trains medical coders in ICD-10-CM, ICD-10-PCS and CPT coding for physician and hospital settings; prepares for the AHIMA CCA and CCS exams."],
                levels: [.certificate, .associate], accreditors: [("CAHIIM", 0.2), ("ABHES", 0.2)], weight: 5),
        Program(cip: "51.0714", title: "Medical Insurance Specialist/Medical Biller",
                about: ["Medical billing, insurance claims, and reimbursement for health care providers."],
                levels: [.certificate, .associate], accreditors: [("ABHES", 0.2)], weight: 3),
        Program(cip: "51.0701", title: "Health/Health Care Administration/Management",
                about: ["Prepares managers of hospitals, clinics, and health systems in finance, policy, quality, and health information systems."],
                levels: [.bachelor, .master, .doctorate, .postbaccCertificate], accreditors: [("CAHME", 0.3)], weight: 5),
        Program(cip: "51.0705", title: "Medical Office Management/Administration",
                about: ["Medical office administration, scheduling, electronic health records, and billing for outpatient practices."],
                levels: [.certificate, .associate], accreditors: [], weight: 3),
        Program(cip: "51.0716", title: "Medical Administrative/Executive Assistant and Medical Secretary",
                about: ["Medical administrative assisting: front office, medical terminology, health records, and patient communication."],
                levels: [.certificate, .associate], accreditors: [("ABHES", 0.15)], weight: 3),
        Program(cip: "51.0801", title: "Medical/Clinical Assistant",
                about: ["Clinical and administrative medical assisting in physician offices, including phlebotomy, vital signs, and EHR documentation."],
                levels: [.certificate, .associate], accreditors: [("CAAHEP", 0.4), ("ABHES", 0.3)], weight: 5),
        Program(cip: "51.3801", title: "Registered Nursing/Registered Nurse",
                about: ["Prepares registered nurses for the NCLEX-RN exam through clinical practice, pharmacology, and patient care.",
                        "Nursing science, evidence-based practice, and nursing informatics for registered nurses."],
                levels: [.associate, .bachelor, .master, .doctorate], accreditors: [("ACEN", 0.4), ("CCNE", 0.4)], weight: 8),
        Program(cip: "51.2201", title: "Public Health, General",
                about: ["Epidemiology, biostatistics, environmental health, and health policy for the health of populations."],
                levels: [.bachelor, .master, .doctorate], accreditors: [("CEPH", 0.6)], weight: 4),
        Program(cip: "51.0000", title: "Health Services/Allied Health/Health Sciences, General",
                about: ["A broad introduction to the health sciences and allied health professions."],
                levels: [.associate, .bachelor], accreditors: [], weight: 4),
        Program(cip: "51.0911", title: "Radiologic Technology/Science - Radiographer",
                about: ["Prepares radiographers to perform diagnostic imaging examinations and radiation safety."],
                levels: [.associate, .bachelor, .certificate], accreditors: [("JRCERT", 0.8)], weight: 3),
        Program(cip: "51.2001", title: "Pharmacy",
                about: ["Professional pharmacy education in pharmacology, therapeutics, and patient care."],
                levels: [.doctorate], accreditors: [("ACPE", 0.9)], weight: 1),
        Program(cip: "26.0101", title: "Biology/Biological Sciences, General",
                about: ["Biology of cells, organisms, and ecosystems, with laboratory research in genetics and molecular biology."],
                levels: [.associate, .bachelor, .master, .doctorate], accreditors: [], weight: 6),
        Program(cip: "11.0701", title: "Computer Science",
                about: ["Algorithms, programming, software engineering, databases, and computer systems."],
                levels: [.associate, .bachelor, .master, .doctorate], accreditors: [("ABET", 0.3)], weight: 7),
        Program(cip: "11.0401", title: "Information Science/Studies",
                about: ["Information systems, data management, and the organization and retrieval of information."],
                levels: [.bachelor, .master], accreditors: [], weight: 2),
        Program(cip: "11.0103", title: "Information Technology",
                about: ["Information technology infrastructure, networking, cloud systems, and cybersecurity basics."],
                levels: [.certificate, .associate, .bachelor], accreditors: [("ABET", 0.15)], weight: 5),
        Program(cip: "11.1003", title: "Computer and Information Systems Security/Auditing/Information Assurance",
                about: ["Cybersecurity, information assurance, and the security of health and enterprise information systems."],
                levels: [.certificate, .associate, .bachelor, .master], accreditors: [], weight: 3),
        Program(cip: "30.7001", title: "Data Science, General",
                about: ["Data science: statistics, machine learning, and data engineering applied to real data, including health care data analytics."],
                levels: [.bachelor, .master, .postbaccCertificate], accreditors: [], weight: 3),
        Program(cip: "27.0501", title: "Statistics, General",
                about: ["Statistical theory and methods, probability, and data analysis."],
                levels: [.bachelor, .master, .doctorate], accreditors: [], weight: 2),
        Program(cip: "52.0201", title: "Business Administration and Management, General",
                about: ["Management, finance, marketing, and operations for organizations, including health care organizations."],
                levels: [.associate, .bachelor, .master], accreditors: [("AACSB", 0.3)], weight: 7),
    ]

    static let levelSentences: [AwardLevel: String] = [
        .certificate: "A short certificate program for entry-level employment.",
        .associate: "A two-year associate degree program.",
        .bachelor: "A four-year bachelor's degree program.",
        .postbaccCertificate: "A post-baccalaureate graduate certificate for degree holders.",
        .master: "A graduate master's degree program.",
        .postmasterCertificate: "A post-master's certificate for advanced practice.",
        .doctorate: "A doctoral program with research or professional practice.",
    ]

    static let deliverySentences: [Delivery: String] = [
        .online: "Offered fully online.",
        .hybrid: "Offered in a hybrid format, online and on campus.",
        .campus: "Offered on campus.",
        .unknown: "",
    ]

    enum Kind: CaseIterable { case communityCollege, college, university, technicalInstitute }

    let zips: [ZipCentroid]
    /// ZIPs of cities with at least `metroZipCount` ZIP codes: a population proxy.
    let metroZips: [ZipCentroid]
    let seed: UInt64
    /// Which description text the records carry.
    public let text: Text
    static let metroZipCount = 25

    /// The description text of generated records.
    public enum Text: String, CaseIterable, Sendable {
        /// The original text: each program's one or two fixed sentences plus level, accreditor
        /// and delivery sentences, so a corpus has a few hundred distinct descriptions and a
        /// few hundred distinct words besides place names. Byte-identical to the generator
        /// before `text` existed, for the same seed.
        case repetitive
        /// 30–60 words of varied sentences per record (uniform length), mixing the program's
        /// field words, common academic words and a Zipf-distributed long tail of 17k
        /// generated word forms (`RealisticSampleText`). Institutions, programs, levels,
        /// accreditors and delivery are the same records as `.repetitive` for the same seed:
        /// only the descriptions differ (they come from a second, independent SplitMix64).
        case realistic
    }

    /// Query words for a query mix over `.realistic` text: half drawn by the text's own Zipf
    /// frequencies, half uniformly over its long tail. Deterministic for a seed.
    public static func realisticQueryWords(count: Int, seed: UInt64) -> [String] {
        RealisticSampleText.shared.queryWords(count: count, seed: seed)
    }

    /// - Parameters:
    ///   - zips: real ZIP centroids to place institutions at; must be non-empty.
    ///   - seed: the same seed gives the same corpus.
    ///   - text: the description text (default `.repetitive`, the original generator's).
    public init(zips: [ZipCentroid], seed: UInt64 = 20_260_101, text: Text = .repetitive) {
        precondition(!zips.isEmpty, "the generator needs at least one ZIP centroid")
        self.zips = zips
        self.seed = seed
        self.text = text
        var perCity: [String: Int] = [:]
        for z in zips { perCity[z.city + "|" + z.state, default: 0] += 1 }
        let metro = zips.filter { perCity[$0.city + "|" + $0.state]! >= Self.metroZipCount }
        self.metroZips = metro.isEmpty ? zips : metro
    }

    /// Generates exactly `count` records, ids "S00000001"… in generation order, about twelve
    /// programs per institution, no (CIP, level) twice at one institution. 70% of institutions
    /// sit in metro areas (cities with many ZIP codes). - Complexity: O(count).
    public func generate(count: Int) -> [ProgramRecord] {
        var records: [ProgramRecord] = []
        records.reserveCapacity(count)
        forEachRecord(count: count) { records.append($0) }
        return records
    }

    /// Streams `count` records to `body` without holding them all.
    public func forEachRecord(count: Int, _ body: (ProgramRecord) -> Void) {
        var rng = SplitMix64(seed: seed)
        let totalWeight = Self.programs.reduce(0) { $0 + $1.weight }
        let idWidth = max(8, String(count).count)
        var produced = 0
        var institution = 0
        // Shared strings: each distinct title/description is built once and reused.
        var descriptionCache: [String: String] = [:]
        // Realistic text draws from its own generator so the records' structure is the same in both modes.
        var textRng = SplitMix64(seed: seed ^ 0x7E47_5EED_0BAD_F00D)
        let realistic = text == .realistic ? RealisticSampleText.shared : nil
        while produced < count {
            institution += 1
            let z = rng.chance(0.7) ? metroZips[rng.below(metroZips.count)] : zips[rng.below(zips.count)]
            let kind = Kind.allCases[rng.below(Kind.allCases.count)]
            let name: String
            switch kind {
            case .communityCollege: name = "Sample \(z.city.capitalizedWords) Community College"
            case .college: name = "Sample College of \(z.city.capitalizedWords)"
            case .university: name = rng.chance(0.5) ? "Sample University of \(z.city.capitalizedWords)" : "Sample \(z.state) State University \(z.city.capitalizedWords)"
            case .technicalInstitute: name = "Sample \(z.city.capitalizedWords) Technical Institute"
            }
            let instID = "SI" + String(institution).leftPadded(to: 7)
            // Jitter up to ~0.04° (~3 mi) so institutions sharing a ZIP are apart.
            let lat = max(-90, min(90, z.latitude + (rng.unit() - 0.5) * 0.08))
            let lon = max(-180, min(180, z.longitude + (rng.unit() - 0.5) * 0.08))
            let programCount = 4 + rng.below(17)
            var offered = Set<String>()
            for _ in 0 ..< programCount where produced < count {
                var w = rng.below(totalWeight)
                var program = Self.programs[0]
                for p in Self.programs { if w < p.weight { program = p; break }; w -= p.weight }
                let allowed = program.levels.filter { level in
                    switch kind {
                    case .communityCollege, .technicalInstitute: level <= .associate
                    case .college: level <= .master
                    case .university: level >= .bachelor || level == .certificate
                    }
                }
                guard !allowed.isEmpty else { continue }
                let level = rng.pick(allowed)
                guard offered.insert(program.cip + level.rawValue).inserted else { continue }
                let delivery: Delivery = [.campus, .campus, .online, .hybrid][rng.below(4)]
                var accreditors: [String] = []
                for (a, p) in program.accreditors where rng.chance(p) { accreditors.append(a) }
                let aboutIndex = rng.below(program.about.count)
                let key = "\(program.cip)|\(aboutIndex)|\(level.rawValue)|\(delivery.rawValue)|\(accreditors.joined(separator: ","))"
                let description: String
                if let realistic {
                    description = realistic.description(cip: program.cip, target: 30 + textRng.below(31), rng: &textRng)
                } else if let cached = descriptionCache[key] {
                    description = cached
                } else {
                    var parts = [program.about[aboutIndex], Self.levelSentences[level]!]
                    if !accreditors.isEmpty { parts.append("Accredited by " + accreditors.joined(separator: " and ") + ".") }
                    let d = Self.deliverySentences[delivery]!
                    if !d.isEmpty { parts.append(d) }
                    description = parts.joined(separator: " ")
                    descriptionCache[key] = description
                }
                produced += 1
                body(ProgramRecord(
                    id: "S" + String(produced).leftPadded(to: idWidth), institutionID: instID, institutionName: name,
                    city: z.city.capitalizedWords, state: z.state, zip: z.zip, latitude: (lat * 1e6).rounded() / 1e6,
                    longitude: (lon * 1e6).rounded() / 1e6, cipCode: program.cip, title: program.title,
                    description: description, level: level, accreditors: accreditors, delivery: delivery))
            }
        }
    }
}

extension String {
    /// "SPRINGFIELD" / "springfield" → "Springfield"; words split on spaces and hyphens.
    var capitalizedWords: String {
        var out = ""
        var startOfWord = true
        for ch in self {
            if ch == " " || ch == "-" || ch == "." { out.append(ch); startOfWord = true; continue }
            out += startOfWord ? ch.uppercased() : ch.lowercased()
            startOfWord = false
        }
        return out
    }

    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

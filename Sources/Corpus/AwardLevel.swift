/// Award levels, ordered from shortest to longest program. Raw values are the canonical
/// spellings used in files, JSON output and the index.
public enum AwardLevel: String, Sendable, CaseIterable, Hashable, Comparable {
    case certificate
    case associate
    case bachelor
    case postbaccCertificate = "postbacc-certificate"
    case master
    case postmasterCertificate = "postmaster-certificate"
    case doctorate

    public static func < (a: AwardLevel, b: AwardLevel) -> Bool { a.code < b.code }

    /// Stable one-byte code used in the index file (0 … 6).
    /// Its position in `allCases` (a switch: `allCases.firstIndex` built the array per call).
    public var code: UInt8 {
        switch self {
        case .certificate: 0
        case .associate: 1
        case .bachelor: 2
        case .postbaccCertificate: 3
        case .master: 4
        case .postmasterCertificate: 5
        case .doctorate: 6
        }
    }
    public init?(code: UInt8) {
        guard Int(code) < Self.allCases.count else { return nil }
        self = Self.allCases[Int(code)]
    }

    /// Human label for tables.
    public var label: String {
        switch self {
        case .certificate: "Certificate"
        case .associate: "Associate"
        case .bachelor: "Bachelor's"
        case .postbaccCertificate: "Post-bacc certificate"
        case .master: "Master's"
        case .postmasterCertificate: "Post-master's certificate"
        case .doctorate: "Doctorate"
        }
    }

    /// Common spellings accepted on the command line, case- and punctuation-insensitively.
    static let aliases: [String: AwardLevel] = {
        var m: [String: AwardLevel] = [:]
        func add(_ level: AwardLevel, _ names: [String]) { for n in names { m[n] = level } }
        add(.certificate, ["certificate", "cert", "certificates", "undergraduatecertificate", "diploma"])
        add(.associate, ["associate", "associates", "associatedegree", "aa", "as", "aas", "aat"])
        add(.bachelor, ["bachelor", "bachelors", "bachelordegree", "ba", "bs", "bsc", "bas", "baccalaureate"])
        add(.postbaccCertificate, ["postbacccertificate", "postbacc", "postbaccalaureate",
                                   "postbaccalaureatecertificate", "graduatecertificate", "gradcert"])
        add(.master, ["master", "masters", "masterdegree", "ma", "ms", "msc", "mba", "mph", "mhi", "mha"])
        add(.postmasterCertificate, ["postmastercertificate", "postmasters", "postmaster", "postmasterscertificate"])
        add(.doctorate, ["doctorate", "doctoral", "doctor", "doctors", "phd", "dphil", "edd", "dnp", "drph",
                         "md", "do", "jd", "dds", "dmd", "pharmd", "dpt", "dvm", "psyd", "od", "aud", "otd"])
        return m
    }()

    /// Parses a spelling such as "bachelors", "BS", "AAS", "Ph.D.", "post-bacc".
    public init?(parsing text: String) {
        // A file's own spelling (the raw value) is itself: no key to build (a test pins that
        // each raw value parses to its level).
        if let level = AwardLevel(rawValue: text) {
            self = level
            return
        }
        let key = String(text.lowercased().unicodeScalars.filter { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") }.map(Character.init))
        guard let level = Self.aliases[key] else { return nil }
        self = level
    }

    /// The spellings accepted, for error messages.
    public static let acceptedSpellingsDescription =
        "certificate, associate (AA, AS, AAS), bachelor (bachelors, BA, BS), postbacc-certificate, master (masters, MA, MS, MBA), postmaster-certificate, doctorate (PhD, EdD, DNP, MD, JD, PharmD, DPT)"

    /// IPEDS completions AWLEVEL code → level; `nil` for codes that are not an award level.
    /// 1, 2, 4, 20, 21: sub-baccalaureate certificates; 3: associate; 5: bachelor; 6: post-bacc
    /// certificate; 7: master; 8: post-master certificate; 9, 17, 18, 19: doctorate.
    public init?(ipedsAWLEVEL code: Int) {
        switch code {
        case 1, 2, 4, 20, 21: self = .certificate
        case 3: self = .associate
        case 5: self = .bachelor
        case 6: self = .postbaccCertificate
        case 7: self = .master
        case 8: self = .postmasterCertificate
        case 9, 17, 18, 19: self = .doctorate
        default: return nil
        }
    }
}

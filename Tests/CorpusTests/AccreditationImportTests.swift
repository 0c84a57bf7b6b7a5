import Foundation
import Corpus
import TestSupport
import Testing

/// User accreditation import files (`docs/ACCREDITATION_IMPORT.md`): reading and applying them.
@Suite("Accreditation import")
struct AccreditationImportTests {
    static let header = "unitid,institution,city,state,cip,program,level,agency,status\n"

    static func record(_ id: String, _ inst: String, _ name: String, _ city: String, _ state: String,
                       _ cip: String, _ title: String, _ level: AwardLevel, _ acc: [String] = []) -> ProgramRecord {
        ProgramRecord(id: id, institutionID: inst, institutionName: name, city: city, state: state, zip: "00000",
                      latitude: 40, longitude: -80, cipCode: cip, title: title, description: "", level: level,
                      accreditors: acc, delivery: .campus)
    }

    /// Made-up institutions: two "Example State University" campuses in OH, one in IL.
    static func records() -> [ProgramRecord] {
        [
            record("1", "900001", "Example State University", "Columbus", "OH", "51.0706", "Health Information/Medical Records Administration", .bachelor, ["ACEN"]),
            record("2", "900001", "Example State University", "Columbus", "OH", "51.0707", "Health Information/Medical Records Technology", .associate),
            record("3", "900001", "Example State University", "Columbus", "OH", "51.2706", "Medical Informatics", .master),
            record("4", "900002", "Example State University", "Dayton", "OH", "51.0706", "Health Information/Medical Records Administration", .bachelor),
            record("5", "900003", "St. Mary's College of Example", "Peoria", "IL", "51.0707", "Health Information/Medical Records Technology", .certificate),
            record("6", "900003", "St. Mary's College of Example", "Peoria", "IL", "51.3801", "Registered Nursing", .associate),
        ]
    }

    @Test("reader: quoted fields, BOM, missing level, status spellings, cip spellings")
    func readGood() throws {
        let text = Self.header + #"""
        900001,,,,51.07,,,CAHIIM,
        ,"St. Mary's College of Example, The",Peoria,il,"=""51.0707""",,certificate,cahiim,Candidate
        ,"Example ""State"" University",Columbus,OH,,"health information",bachelors,CAHIIM,Accredited

        """#
        let (entries, report) = try AccreditationImport.read([0xEF, 0xBB, 0xBF] + Array(text.utf8), path: "cahiim.csv")
        #expect(report.skippedCount == 0, "\(report.skipped)")
        #expect(entries.count == 3)
        #expect(entries[0] == ImportedAccreditation(unitID: "900001", institution: "", city: "", state: "", cipPrefix: "51.07",
                                                    program: "", level: nil, agency: "CAHIIM", status: .accredited, line: 2))
        #expect(entries[1].institution == "St. Mary's College of Example, The")
        #expect(entries[1].state == "IL" && entries[1].cipPrefix == "51.0707" && entries[1].level == .certificate)
        #expect(entries[1].agency == "CAHIIM" && entries[1].status == .preaccredited && entries[1].line == 3)
        #expect(entries[2].institution == "Example \"State\" University" && entries[2].level == .bachelor && entries[2].cipPrefix == nil)
    }

    @Test("reader: Latin-1 names")
    func readLatin1() throws {
        let bytes = Array((Self.header + ",Universit").utf8) + [0xE9] + Array(" d'Exemple,San Juan,PR,51.0707,,,CAHIIM,\n".utf8)
        let (entries, report) = try AccreditationImport.read(bytes, path: "latin1.csv")
        #expect(report.skippedCount == 0)
        #expect(entries.first?.institution == "Université d'Exemple")
    }

    @Test("reader: bad rows reported with path:line and skipped")
    func readBad() throws {
        let text = Self.header + #"""
        900001,,,,51.07,,,CAH IIM,
        900001,,,,51.07,,,,
        900001,,,,51.07,,phd-ish,CAHIIM,
        900001,,,,5107,,,CAHIIM,
        900001,,,,,,,CAHIIM,
        ,Example State University,,,51.07,,,CAHIIM,
        ,Example State University,,ZZ,51.07,,,CAHIIM,
        12a,,,,51.07,,,CAHIIM,
        900001,,,,51.07,,,CAHIIM,Denied
        900001,,,,51.07,,,CAHIIM
        900001,,,,51.07,,master,CAHIIM,accredited

        """#
        let (entries, report) = try AccreditationImport.read(Array(text.utf8), path: "bad.csv")
        #expect(entries.map(\.line) == [12])
        #expect(report.skipped.map(\.line) == Array(2 ... 11))
        let reasons = report.skipped.map(\.reason)
        #expect(reasons[0].contains("agency \"CAH IIM\""))
        #expect(reasons[1].contains("agency \"\""))
        #expect(reasons[2].contains("level \"phd-ish\""))
        #expect(reasons[3].contains("cip \"5107\""))
        #expect(reasons[4].contains("no program"))
        #expect(reasons[5].contains("no institution"))
        #expect(reasons[6].contains("state \"ZZ\""))
        #expect(reasons[7].contains("unitid \"12a\""))
        #expect(reasons[8].contains("status \"Denied\""))
        #expect(reasons[9].contains("row has 8 fields, the header has 9"))
        #expect(report.skipped[0].description.hasPrefix("bad.csv:2: "))
    }

    @Test("reader: missing columns throw")
    func missingColumns() {
        #expect(throws: CorpusError.self) {
            _ = try AccreditationImport.read(Array("unitid,cip,agency\n900001,51.07,CAHIIM\n".utf8), path: "x.csv")
        }
    }

    @Test("apply: unitid + cip prefix; agency added sorted and unique")
    func applyByUnitID() throws {
        var recs = Self.records()
        let (entries, _) = try AccreditationImport.read(Array((Self.header + "900001,,,,51.07,,,CAHIIM,\n900001,,,,51.0706,,bachelor,CAHIIM,\n").utf8), path: "i.csv")
        let report = AccreditationImport.apply(entries, to: &recs, path: "i.csv")
        #expect(report.accepted == 2 && report.skippedCount == 0)
        #expect(recs[0].accreditors == ["ACEN", "CAHIIM"])
        #expect(recs[1].accreditors == ["CAHIIM"])
        #expect(recs[2].accreditors.isEmpty)   // 51.2706 is outside 51.07
        #expect(recs[3].accreditors.isEmpty)   // another campus, another unitid
    }

    @Test("apply: name + state (+ city), case- and punctuation-insensitive; program phrase and level")
    func applyByName() throws {
        var recs = Self.records()
        let text = Self.header + #"""
        ,ST MARYS COLLEGE OF EXAMPLE,,IL,,medical records,,CAHIIM,
        ,example state university,dayton,oh,51.0706,,,CAHIIM,
        ,Example State University,Columbus,OH,,informatics,master,CAHIIM,Candidate

        """#
        let (entries, _) = try AccreditationImport.read(Array(text.utf8), path: "n.csv")
        let report = AccreditationImport.apply(entries, to: &recs, path: "n.csv")
        #expect(report.skippedCount == 0, "\(report.skipped)")
        #expect(recs[4].accreditors == ["CAHIIM"])
        #expect(recs[5].accreditors.isEmpty)       // nursing title lacks the phrase
        #expect(recs[3].accreditors == ["CAHIIM"]) // Dayton
        #expect(recs[0].accreditors == ["ACEN"])   // Columbus bachelor not named
        #expect(recs[2].accreditors.isEmpty && recs[2].preaccreditors == ["CAHIIM"]) // a candidate, not accredited
    }

    @Test("apply: ambiguous names list candidates; entries matching nothing say what was looked for")
    func applyProblems() throws {
        var recs = Self.records()
        let before = recs
        let text = Self.header + #"""
        ,Example State University,,OH,51.07,,,CAHIIM,
        ,Example State University,Toledo,OH,51.07,,,CAHIIM,
        ,Nowhere College,,OH,51.07,,,CAHIIM,
        999999,,,,51.07,,,CAHIIM,
        900003,,,,51.07,,master,CAHIIM,

        """#
        let (entries, _) = try AccreditationImport.read(Array(text.utf8), path: "p.csv")
        let report = AccreditationImport.apply(entries, to: &recs, path: "p.csv")
        #expect(recs == before)
        #expect(report.accepted == 0)
        let d = report.skipped.map(\.description)
        #expect(d.count == 5)
        #expect(d[0].hasPrefix("p.csv:2: ") && d[0].contains("ambiguous") && d[0].contains("900001 (Columbus)") && d[0].contains("900002 (Dayton)"))
        #expect(d[1].hasPrefix("p.csv:3: ") && d[1].contains("Columbus, Dayton"))
        #expect(d[2].hasPrefix("p.csv:4: ") && d[2].contains("no institution named \"Nowhere College\" in OH"))
        #expect(d[3].hasPrefix("p.csv:5: ") && d[3].contains("unitid 999999"))
        #expect(d[4].hasPrefix("p.csv:6: ") && d[4].contains("CIP 51.07, level master") && d[4].contains("51.0707 certificate"))
    }

    @Test("the example in docs/ACCREDITATION_IMPORT.md reads without a skipped row")
    func documentedExample() throws {
        let doc = FileBytes.decodeText(try FileBytes.read(ProjectPaths.root + "/docs/ACCREDITATION_IMPORT.md"))
        let block = try #require(doc.components(separatedBy: "```csv\n").dropFirst().first?.components(separatedBy: "```").first)
        let (entries, report) = try AccreditationImport.read(Array(block.utf8), path: "example.csv")
        #expect(report.skippedCount == 0, "\(report.skipped)")
        #expect(entries.count == 3)
        #expect(entries.map(\.status) == [.accredited, .accredited, .preaccredited])
    }
}

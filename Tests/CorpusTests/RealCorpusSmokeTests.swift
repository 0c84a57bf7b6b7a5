import Corpus
import Foundation
import TestSupport
import Testing

/// One build of the real corpus from ../shared/data, shared by the smoke tests (a few seconds in
/// debug). `nil` when the shared data is not beside the project.
enum RealBuild {
    static let built: (corpus: DerivedCorpus, summaries: [SourceSummary])? = {
        guard let hd = ProjectPaths.sharedData("ipeds/hd2022.csv") else { return nil }
        let data = (hd as NSString).deletingLastPathComponent + "/.."
        let start = ContinuousClock.now
        let result = try! RealCorpusBuilder(dataDirectory: data, mappingDirectory: ProjectPaths.root + "/Corpus/mapping").build()
        print("real corpus built in \(ContinuousClock.now - start)")
        return result
    }()
    static var available: Bool { ProjectPaths.sharedData("ipeds/hd2022.csv") != nil }
}

@Suite("Real corpus from ../shared/data (smoke)", .enabled(if: RealBuild.available, "../shared/data is not beside the project"))
struct RealCorpusSmokeTests {
    @Test("programs per award level, institutions and outcomes equal counts computed independently from the raw files")
    func counts() throws {
        let c = try #require(RealBuild.built).corpus
        // Computed with python3 (csv module) from the raw files: HD rows read as Latin-1, kept
        // when STABBR is a USPS code, LATITUDE/LONGITUD parse and ZIP has 5 digits, dropped when
        // CLOSEDAT is MM/DD/YYYY (46 closed, 6,210 open); completions rows with CIPCODE 99 dropped,
        // UNITID an open HD institution, CIPCODE a code of CIPCode2020.csv; AWLEVEL 1,2,4,20,21 →
        // certificate, 3 associate, 5 bachelor, 6 post-bacc, 7 master, 8 post-master,
        // 9,17,18,19 doctorate; distinct (UNITID, CIPCODE, level) counted.
        let expected: [AwardLevel: Int] = [
            .certificate: 49_680, .associate: 45_734, .bachelor: 81_417, .postbaccCertificate: 12_067,
            .master: 41_868, .postmasterCertificate: 4_509, .doctorate: 14_472,
        ]
        var byLevel: [AwardLevel: Int] = [:]
        for p in c.programs { byLevel[p.level, default: 0] += 1 }
        #expect(byLevel == expected)
        #expect(c.programs.count == 249_747)
        #expect(c.institutions.count == 6_015)
        // Same script: Scorecard rows keyed (unitid, cip_code as NN.NN, credential_level), first
        // row kept; a program takes the first of its levels' rows (post-bacc 4 then 8; doctorate
        // 6 then 7, but 7 then 6 when the program's only AWLEVEL is 18), preferring one with
        // earnings; earnings count only when earnings_horizon is
        // empty or 4yr_after_completion (4,754 rows measure 1 year); earnings / debt_median
        // non-empty counted.
        #expect(c.programs.filter { $0.medianEarnings != nil }.count == 80_041)
        #expect(c.programs.filter { $0.medianDebt != nil }.count == 65_397)
        // UC Riverside's MD (AWLEVEL 18 only) takes the Scorecard's first-professional level 7.
        let md = try #require(c.programs.first { $0.id == "110671-51.1201-doctorate" })
        #expect(md.medianEarnings == 126_607)
        #expect(!c.programs.contains { $0.medianEarnings == 0 })
        #expect(Set(c.programs.map(\.id)).count == c.programs.count)
    }

    @Test("a known HIM program: San Jacinto Community College, 51.0707 associate, with its Scorecard outcomes")
    func himProgram() throws {
        let c = try #require(RealBuild.built).corpus
        // python3: completions UNITID 227979 CIPCODE 51.0707 AWLEVEL 3 CTOTALT 32; Scorecard
        // 227979 / 5107 / level 2: earnings 41445.0, debt_median 9375.0; HD: Pasadena TX 77505.
        let p = try #require(c.programs.first { $0.id == "227979-51.0707-associate" })
        #expect(p.completers == 32 && p.medianEarnings == 41_445 && p.medianDebt == 9_375)
        let i = try #require(c.institutions.first { $0.unitID == "227979" })
        #expect(i.name == "San Jacinto Community College" && i.city == "Pasadena" && i.state == "TX" && i.zip == "77505")
        #expect(i.accreditors.first == "SACSCOC")
        // Its nursing associate degree: DAPIP campus 145938002 (UNITID 227979), ACEN ADNUR, current.
        #expect(c.programs.first { $0.id == "227979-51.3801-associate" }?.accreditors.contains("ACEN") == true)
    }

    @Test("Prince George's Community College (163657, HD line 1410 with an undoubled quote) is present with its programs")
    func princeGeorges() throws {
        let c = try #require(RealBuild.built).corpus
        let i = try #require(c.institutions.first { $0.unitID == "163657" })
        #expect(i.name == "Prince George's Community College" && i.city == "Largo" && i.state == "MD" && i.zip == "20774")
        #expect(i.accreditors.first == "MSCHE")
        // python3: 14 distinct 51.* programs at 163657; 51.0707 associate has 32 completers.
        #expect(c.programs.filter { $0.unitID == "163657" && $0.cipCode.hasPrefix("51.") }.count == 14)
        #expect(c.programs.first { $0.id == "163657-51.0707-associate" }?.completers == 32)
        // DAPIP 120324 (UNITID 163657): ACEN "Nursing (ADNUR) - Associate degree programs", current.
        let rn = try #require(c.programs.first { $0.id == "163657-51.3801-associate" })
        #expect(rn.accreditors.contains("ACEN") && rn.completers == 80)
    }

    @Test("a CCNE bachelor's nursing program exists; ACEN and CCNE each accredit hundreds of programs")
    func nursing() throws {
        let c = try #require(RealBuild.built).corpus
        let acen = c.programs.filter { $0.accreditors.contains("ACEN") }.count
        let ccne = c.programs.filter { $0.accreditors.contains("CCNE") }.count
        #expect(acen > 500 && ccne > 500)
        #expect(c.programs.contains { $0.cipCode == "51.3801" && $0.level == .bachelor && $0.accreditors.contains("CCNE") })
    }

    @Test("every source's summary accounts for each row once, and nothing is malformed beyond what is known")
    func summaries() throws {
        let s = try #require(RealBuild.built).summaries
        #expect(s.count == 12)
        for x in s {
            #expect(x.rowsRead == x.joined + x.leftOutCount + x.report.skippedCount, "\(x.line)")
        }
        print(s.map(\.line).joined(separator: "\n"))
    }

    @Test("the committed Corpus/*.tsv are byte for byte what the build makes from ../shared/data")
    func committedCorpusIsReproducible() throws {
        let c = try #require(RealBuild.built).corpus
        for (name, bytes) in DerivedCorpusFiles.encode(c) {
            let committed = try FileBytes.read(ProjectPaths.root + "/Corpus/" + name)
            #expect(committed.count == bytes.count && committed == bytes,
                    "Corpus/\(name) differs from a fresh build; rerun `schoolfinder corpus build` and commit the result")
        }
    }
}

import Corpus

/// Everything schoolfinder knows about one program, as the `show` command prints it.
struct ProgramCard {
    let record: ProgramRecord
    let careers: CareerCatalog
    let cipTexts: [DerivedCorpus.CIPText]
    let legend: AccreditorLegend
    let note: String
    let sample: Bool

    /// "Health Professions and Related Programs › Health and Medical Administrative Services".
    var field: String {
        let titles = CIPCode.prefixes(of: record.cipCode).dropLast().compactMap { code in cipTexts.first { $0.code == code }?.title }
        return titles.joined(separator: " › ")
    }

    var careerRows: [(occupation: CareerCatalog.Occupation, state: CareerCatalog.StateFigures?)] {
        careers.careers(cipCode: record.cipCode, state: record.state)
    }

    func text(width: Int) -> String {
        let r = record
        var s = ""
        if sample { s += "NOTE: \(note)\n" }
        s += "\(r.title) (CIP \(r.cipCode)) — \(r.level.label)\n"
        s += "\(r.institutionName), \(r.city), \(r.state) \(r.zip)"
        if let c = r.control { s += " · \(c.label)" }
        s += "\n"
        if !r.website.isEmpty { s += "Website:                 \(r.website)\n" }
        s += "Program id:              \(r.id)\n"
        if !field.isEmpty {
            let lines = DisplayText.wrap(field, width: width, indent: String(repeating: " ", count: 25))
            s += "Field:" + String(lines.joined(separator: "\n").dropFirst(6)) + "\n"
        }
        let programmatic = DisplayText.accreditation(r.accreditors, pre: r.preaccreditors)
        s += "Program accreditation:   \(programmatic.isEmpty ? "none listed" : programmatic)\n"
        let none = legend.entries.isEmpty ? "none listed" : "none listed in ED's DAPIP (2020)"
        s += "School accreditation:    \(institutional.isEmpty ? none : institutional.joined(separator: ", "))\n"
        if !otherAtSchool.isEmpty {
            s += "Also at this school:     \(otherAtSchool.joined(separator: ", ")) (programmatic; not matched to a CIP code)\n"
        }
        s += "Completers (2021-22):    \(r.completers.map(DisplayText.grouped) ?? "n/a")\n"
        let series = String(r.cipCode.prefix(5))
        let earnings = r.medianEarnings == nil ? "n/a"
            : "\(DisplayText.dollars(r.medianEarnings)) a year, 4 years after completion (College Scorecard, for all CIP \(series) programs at this school and level)"
        s += "Median earnings:" + DisplayText.wrap(earnings, width: width, indent: String(repeating: " ", count: 25)).joined(separator: "\n").dropFirst(16) + "\n"
        s += "Median debt:             \(DisplayText.dollars(r.medianDebt))\n"
        if !r.description.isEmpty {
            s += "\nWhat it teaches (CIP 2020 definition):\n"
            s += DisplayText.wrap(r.description, width: width, indent: "  ").joined(separator: "\n") + "\n"
        }
        let rows = careerRows
        if !rows.isEmpty {
            s += "\nCareers it leads to (BLS; wages May 2025, growth 2024-34):\n"
            // Columns: occupation, state and US medians, growth, entry education; the text columns
            // share what the numbers leave, the occupation taking what the education does not need.
            let numbers = 11 + 11 + 8, education = rows.map(\.occupation.typicalEducation.count).max() ?? 0
            let titleWidth = max(20, min(rows.map(\.occupation.title.count).max() ?? 0, width - 2 - numbers - 2 - min(education, 30) - 1))
            let educationWidth = max(10, width - 2 - (titleWidth + 1) - numbers - 2)
            s += "  " + "Occupation".padding(toWidth: titleWidth + 1) + "\(r.state) median".leftPadding(toWidth: 11)
                + "US median".leftPadding(toWidth: 11) + "Growth".leftPadding(toWidth: 8) + "  Entry education\n"
            for (o, st) in rows {
                s += "  " + o.title.truncated(titleWidth).padding(toWidth: titleWidth + 1) + DisplayText.dollars(st?.medianWage).leftPadding(toWidth: 11)
                    + DisplayText.dollars(o.medianWage).leftPadding(toWidth: 11) + DisplayText.percent(o.growthPercent).leftPadding(toWidth: 8)
                    + "  " + o.typicalEducation.truncated(educationWidth) + "\n"
            }
        } else if !careers.isEmpty {
            s += "\nCareers: the CIP-SOC crosswalk lists no occupation with BLS figures for CIP \(r.cipCode).\n"
        }
        let named = (r.accreditors + r.preaccreditors + r.institutionAccreditors + r.otherSchoolAccreditors).compactMap { a in legend.name(a).map { "\(a) = \($0)" } }
        if !named.isEmpty {
            s += "\nAccreditors:\n" + named.map { DisplayText.wrap($0, width: width, indent: "  ").joined(separator: "\n") }.joined(separator: "\n") + "\n"
        }
        if !note.isEmpty && !sample { s += "\n" + DisplayText.wrap("Data: \(note)", width: width).joined(separator: "\n") + "\n" }
        return s
    }

    /// The school's institutional accreditors.
    var institutional: [String] { record.institutionAccreditors }

    /// Programmatic accreditations at the school that map to no program of the corpus.
    var otherAtSchool: [String] { record.otherSchoolAccreditors }

    func json() -> String {
        var w = JSONWriter()
        w.beginObject()
        w.field("sample_data", sample)
        w.field("note", note)
        w.beginObject("program")
        JSONLRecordFormat.writeFields(of: record, into: &w)
        w.field("field", field)
        w.field("school_accreditors", institutional)
        w.field("other_accreditors_at_school", otherAtSchool)
        w.endObject()
        w.beginArray("accreditor_names")
        for a in Set(record.accreditors + record.preaccreditors + record.institutionAccreditors + record.otherSchoolAccreditors).sorted() {
            guard let name = legend.name(a) else { continue }
            w.beginObject(); w.field("short_name", a); w.field("name", name); w.endObject()
        }
        w.endArray()
        w.beginArray("careers")
        for (o, st) in careerRows {
            w.beginObject()
            w.field("soc", o.socCode)
            w.field("title", o.title)
            w.field("state", record.state)
            w.field("state_median_wage", st?.medianWage)
            w.field("state_employment", st?.employment)
            w.field("us_median_wage", o.medianWage)
            w.field("us_employment", o.employment)
            w.field("us_growth_pct_2024_34", o.growthPercent)
            w.field("typical_education", o.typicalEducation)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.text + "\n"
    }
}

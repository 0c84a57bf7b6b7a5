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
        s += "School accreditation:    \(institutional.isEmpty ? "none listed" : institutional.joined(separator: ", "))\n"
        if !otherAtSchool.isEmpty {
            s += "Also at this school:     \(otherAtSchool.joined(separator: ", ")) (programmatic; not matched to a CIP code)\n"
        }
        s += "Completers (2021-22):    \(r.completers.map(DisplayText.grouped) ?? "n/a")\n"
        let series = String(r.cipCode.prefix(5))
        s += "Median earnings:         \(DisplayText.dollars(r.medianEarnings)) a year, 4 years after completion (CIP \(series) at this school)\n"
        s += "Median debt:             \(DisplayText.dollars(r.medianDebt))\n"
        if !r.description.isEmpty {
            s += "\nWhat it teaches (CIP 2020 definition):\n"
            s += DisplayText.wrap(r.description, width: width, indent: "  ").joined(separator: "\n") + "\n"
        }
        let rows = careerRows
        if !rows.isEmpty {
            s += "\nCareers it leads to (BLS; wages May 2025, growth 2024-34):\n"
            s += "  " + "Occupation".padding(toWidth: 37) + "\(r.state) median".leftPadding(toWidth: 11)
                + "US median".leftPadding(toWidth: 11) + "Growth".leftPadding(toWidth: 8) + "  Entry education\n"
            for (o, st) in rows {
                let row = "  " + o.title.truncated(35).padding(toWidth: 37) + DisplayText.dollars(st?.medianWage).leftPadding(toWidth: 11)
                    + DisplayText.dollars(o.medianWage).leftPadding(toWidth: 11) + DisplayText.percent(o.growthPercent).leftPadding(toWidth: 8)
                s += row + "  " + o.typicalEducation.truncated(max(10, width - row.count - 2)) + "\n"
            }
        } else if !careers.isEmpty {
            s += "\nCareers: the CIP-SOC crosswalk lists no occupation with BLS figures for CIP \(r.cipCode).\n"
        }
        let named = (r.accreditors + r.preaccreditors + r.institutionAccreditors).compactMap { a in legend.name(a).map { "\(a) = \($0)" } }
        if !named.isEmpty {
            s += "\nAccreditors:\n" + named.map { DisplayText.wrap($0, width: width, indent: "  ").joined(separator: "\n") }.joined(separator: "\n") + "\n"
        }
        if !note.isEmpty && !sample { s += "\n" + DisplayText.wrap("Data: \(note)", width: width).joined(separator: "\n") + "\n" }
        return s
    }

    /// The school's institutional accreditors (by the legend's kinds; all of them without a legend).
    var institutional: [String] {
        legend.entries.isEmpty ? record.institutionAccreditors : record.institutionAccreditors.filter(legend.isInstitutional)
    }

    /// Programmatic accreditations at the school that map to no program of the corpus.
    var otherAtSchool: [String] {
        legend.entries.isEmpty ? [] : record.institutionAccreditors.filter { !legend.isInstitutional($0) }
    }

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
        for a in Set(record.accreditors + record.preaccreditors + record.institutionAccreditors).sorted() {
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

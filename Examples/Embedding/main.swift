import SchoolFinderKit

// Build an index from records, open it again from its file, search it, read the records.
let path = CommandLine.arguments.dropFirst().first ?? "example.sfidx"
let records = [
    ProgramRecord(id: "100-51.0707-3", institutionID: "100", institutionName: "Lakeshore College", city: "Chicago",
                  state: "IL", zip: "60601", latitude: 41.8865, longitude: -87.6233, cipCode: "51.0707",
                  title: "Health Information Management", description: "Coding, records and privacy.",
                  level: .bachelor, accreditors: ["CAHIIM"], delivery: .hybrid),
    ProgramRecord(id: "200-26.1103-5", institutionID: "200", institutionName: "Prairie State University", city: "Urbana",
                  state: "IL", zip: "61801", latitude: 40.1106, longitude: -88.2073, cipCode: "26.1103",
                  title: "Bioinformatics", description: "Genomes, statistics and health data.",
                  level: .master, accreditors: [], delivery: .campus),
]
let chicago = ZipCentroid(zip: "60601", city: "Chicago", state: "IL", latitude: 41.8865, longitude: -87.6233)
_ = try ProgramIndex.build(records, zips: [chicago], name: "example", writingTo: path)

let index = try ProgramIndex(contentsOf: path)
var request = SearchRequest(text: "health", radiusMiles: 200, limit: 10)
request.origin = index.zipCentroid("60601")?.location
let response = try index.search(request)
print("\(response.total) of \(index.count) programs match \(response.terms), sorted by \(response.sort)")
for hit in response.hits {
    let r = hit.record
    let miles = hit.distanceMiles.map { String(Int($0.rounded())) } ?? "?"
    print("\(r.id)  \(r.title) (\(r.level.label), \(r.delivery.rawValue)) at \(r.institutionName), \(r.city) \(r.state): \(miles) mi")
}

import Corpus
import Geo
import IndexFormat
import Search

/// `schoolfinder search`: one query from options, or many from `--batch FILE`.
enum SearchCommand {
    static let options: [OptionSpec] = [
        OptionSpec(name: "index", valueName: "FILE", help: "Index file (default: Index/programs.sfidx, built from Corpus/ if missing)."),
        OptionSpec(name: "near", valueName: "PLACE", help: "Measure distance from a ZIP (60601) or a city (\"Chicago, IL\": the centre of its ZIPs)."),
        OptionSpec(name: "zip", valueName: "ZIP", help: "Measure distance from this ZIP code's centroid."),
        OptionSpec(name: "lat", valueName: "DEG", help: "Latitude of the point, -90…90 (with --lon)."),
        OptionSpec(name: "lon", valueName: "DEG", help: "Longitude of the point, -180…180 (with --lat)."),
        OptionSpec(name: "radius", valueName: "MILES", help: "Only programs within this many miles (inclusive)."),
        OptionSpec(name: "level", valueName: "LIST", help: "Award levels, any of: certificate, associate, bachelor, postbacc-certificate, master, postmaster-certificate, doctorate."),
        OptionSpec(name: "state", valueName: "LIST", help: "USPS state codes, any of (e.g. TX,OK)."),
        OptionSpec(name: "cip", valueName: "PREFIX", help: "CIP code prefix: 51, 51.07 or 51.0707."),
        OptionSpec(name: "accredited", valueName: "LIST", help: "Program accreditor, any of (e.g. ACEN, CCNE, JRCERT; CAHIIM after an import)."),
        OptionSpec(name: "delivery", valueName: "LIST", help: "campus, online, hybrid, unknown; any of."),
        OptionSpec(name: "sort", valueName: "ORDER", help: "relevance, distance or id (default: relevance with text, distance with a point, else id)."),
        OptionSpec(name: "limit", valueName: "N", help: "Hits to show (default 10)."),
        OptionSpec(name: "offset", valueName: "N", help: "Hits to skip (default 0)."),
        OptionSpec(name: "format", valueName: "FORMAT", help: "table, json, csv, or jsonl (batch)."),
        OptionSpec(name: "batch", valueName: "FILE", help: "Run one JSON query per line of FILE (- reads standard input); writes one result line per query."),
        OptionSpec(name: "timing", valueName: nil, help: "With --batch: add each query's time in microseconds."),
    ]

    enum Format: String { case table, json, csv, jsonl }

    static func run(_ args: [String], io: CommandIO) throws -> Int32 {
        if args.contains("--help") {
            io.out(helpText(usage: "schoolfinder search [TEXT…] [--near PLACE | --zip ZIP | --lat DEG --lon DEG] [--radius MILES] [filters] [--sort ORDER] [--limit N] [--format FORMAT]",
                            abstract: "Find programs. Every word of TEXT must match (title, description, institution); results are ranked by BM25.",
                            options: options))
            return 0
        }
        let p = try ParsedArguments.parse(args, options: options, command: "search")
        let formatText = p.value("format") ?? (p.has("batch") ? "jsonl" : "table")
        guard let format = Format(rawValue: formatText.lowercased()) else {
            throw UsageError("--format \"\(formatText)\" is not one of table, json, csv, jsonl")
        }
        if p.has("timing") && !p.has("batch") { throw UsageError("--timing times each query of a batch; use it with --batch FILE, or drop it") }
        if let batch = p.value("batch") {
            try BatchSearch.refuseIgnoredOptions(p)
            guard format == .jsonl || format == .json else { throw UsageError("--batch writes JSON Lines; use --format jsonl") }
            if !p.positionals.isEmpty { throw UsageError("--batch reads queries from the file; drop the query text '\(p.positionals.joined(separator: " "))'") }
            return try BatchSearch.run(file: batch, parsed: p, timing: p.has("timing"), io: io)
        }
        if format == .jsonl { throw UsageError("--format jsonl is for --batch; use table, json or csv") }
        // Validate options before touching the index, so usage errors are instant.
        var query = try buildQuery(p)
        var reader = try IndexOpener.open(p, io: io)
        var placeLabel: String?
        let (result, hits, elapsed) = try IndexOpener.retryingOnDamage(p, io: io, reader: &reader) { reader in
            if let place = try resolvePlace(p, reader: reader) {
                query.origin = place.location
                placeLabel = place.label
            }
            try checkAccreditors(query.accreditors, reader: reader)
            try checkDeliveries(query.deliveries, reader: reader)
            let start = monotonicSeconds()
            let result = try Searcher(reader: reader).search(query)
            let elapsed = monotonicSeconds() - start
            return (result, try result.hits.map { h in (try reader.record(h.document), h) }, elapsed)
        }
        switch format {
        case .table: io.out(ResultFormatter.table(query: query, result: result, hits: hits, reader: reader, seconds: elapsed, place: placeLabel, width: io.width))
        case .json: io.out(ResultFormatter.json(query: query, result: result, hits: hits, reader: reader, seconds: elapsed, place: placeLabel))
        case .csv:
            if reader.isSampleData { io.err("note: \(reader.note)\n") }
            io.out(ResultFormatter.csv(result: result, hits: hits, sample: reader.isSampleData, offset: query.offset))
        case .jsonl: break
        }
        return 0
    }

    /// Damage in the ZIP table is thrown as the index's error (the default index is rebuilt).
    static func resolveZip(_ text: String, reader: IndexReader) throws -> ZipCentroid {
        guard let zip = ZipTable.normalize(text) else {
            throw UsageError("--zip \"\(text)\" is not a 5-digit ZIP code (e.g. 60601 or 60601-1234)")
        }
        if reader.zipCount == 0 { throw UsageError(noZipTable("--zip", reader: reader)) }
        guard let z = try reader.checkedZipCentroid(zip) else {
            throw UsageError("--zip \(zip) is not in the ZIP table; check the code, or give --lat and --lon instead")
        }
        return z
    }

    /// The point of `--near` or `--zip`, with how it was understood ("60601 (Chicago, IL)"), or
    /// `nil` when neither was given.
    /// Damage met while reading the ZIP table is thrown as the index's error (so the default
    /// index is rebuilt), not as "no such place".
    static func resolvePlace(_ p: ParsedArguments, reader: IndexReader) throws -> PlaceLookup.Place? {
        if let zip = p.value("zip") {
            let z = try resolveZip(zip, reader: reader)
            return PlaceLookup.Place(location: z.location, label: z.city.isEmpty ? z.zip : "\(z.zip) (\(PlaceLookup.displayName(z)))", zipCount: 1)
        }
        guard let near = p.value("near") else { return nil }
        var damage: IndexFormatError?
        func all() -> [ZipCentroid] {
            do {
                return try (0 ..< reader.zipCount).map { i throws(IndexFormatError) in try reader.checkedZipCentroid(at: i) }
            } catch { damage = error; return [] }
        }
        func one(_ zip: String) -> ZipCentroid? {
            do { return try reader.checkedZipCentroid(zip) } catch { damage = error; return nil }
        }
        let result = PlaceLookup.resolve(near, zipLookup: one, allZips: all)
        if let damage { throw damage }
        switch result {
        case let .success(place): return place
        case let .failure(problem): throw UsageError("--near " + problem.message)
        }
    }

    /// Refuses delivery modes no program in the index has: the real corpus has none (IPEDS does
    /// not publish a program's delivery mode), so `--delivery online` would answer a bare 0.
    static func checkDeliveries(_ wanted: Set<Delivery>, reader: IndexReader) throws(UsageError) {
        let field = IndexLayout.KeywordField.delivery
        guard let missing = wanted.filter({ reader.lookup(field.term($0.rawValue)) == nil }).map(\.rawValue).sorted().first else { return }
        let known = Delivery.allCases.filter { reader.lookup(field.term($0.rawValue)) != nil }.map(\.rawValue)
        if known == ["unknown"] {
            throw UsageError("--delivery \(missing): no program in this corpus has a known delivery mode (IPEDS does not publish whether a program is online); drop --delivery")
        }
        throw UsageError("--delivery \(missing): no program in this index is delivered that way; known: \(known.joined(separator: ", "))")
    }

    /// Refuses accreditor values no program in the index carries, naming the ones it has; for
    /// CAHIIM (which publishes no bulk list) it says how to import one.
    static func checkAccreditors(_ wanted: Set<String>, reader: IndexReader) throws(UsageError) {
        let prefix = IndexLayout.KeywordField.accreditor.rawValue + ":"
        let missing = wanted.sorted().filter { reader.lookup(prefix + $0.lowercased()) == nil }
        guard let first = missing.first else { return }
        var known: [String] = []
        for i in 0 ..< reader.termCount {
            if let t = reader.termString(at: i), t.hasPrefix(prefix) { known.append(String(t.dropFirst(prefix.count)).uppercased()) }
        }
        if first == "CAHIIM" {
            throw UsageError("--accredited CAHIIM: this corpus has no CAHIIM data. CAHIIM (health information programs) publishes no bulk list, "
                + "and ED's DAPIP does not carry it; import a list you have with `schoolfinder corpus build --accreditations FILE` "
                + "(format: docs/ACCREDITATION_IMPORT.md), or search without --accredited and check cahiim.org")
        }
        let list = known.isEmpty ? "none (this corpus has no programmatic accreditation)" : known.sorted().joined(separator: ", ")
        throw UsageError("--accredited \"\(first)\" is not an accreditor of any program in this index; known: \(list)")
    }

    /// Everything but the ZIP lookup (which needs the index).
    static func buildQuery(_ p: ParsedArguments) throws(UsageError) -> SearchQuery {
        var q = SearchQuery()
        let text = p.positionals.joined(separator: " ")
        q.text = text.isEmpty ? nil : text
        if [p.has("zip"), p.has("near"), p.has("lat") || p.has("lon")].filter({ $0 }).count > 1 {
            throw UsageError("give one place: --near PLACE, --zip ZIP or --lat/--lon, not several")
        }
        if p.has("lat") != p.has("lon") { throw UsageError("--lat and --lon go together; give both (degrees)") }
        if let lat = p.value("lat"), let lon = p.value("lon") {
            guard let la = DecimalArgument.number(lat), abs(la) <= 90 else { throw UsageError("--lat \"\(lat)\" is not a latitude; give degrees in [-90, 90] as a plain decimal (e.g. --lat 41.88)") }
            guard let lo = DecimalArgument.number(lon), abs(lo) <= 180 else { throw UsageError("--lon \"\(lon)\" is not a longitude; give degrees in [-180, 180] as a plain decimal (e.g. --lon -87.63)") }
            q.origin = GeoPoint(latitude: la, longitude: lo)
        }
        if let r = p.value("radius") {
            guard let miles = DecimalArgument.number(r), miles >= 0 else {
                throw UsageError("--radius \"\(r)\" is not valid: give a distance in miles that is 0 or more, as a plain decimal (e.g. --radius 50)")
            }
            if !p.has("zip") && !p.has("near") && q.origin == nil { throw UsageError("--radius needs a point to measure from: add --near PLACE, --zip ZIP or --lat LAT --lon LON") }
            q.radiusMiles = miles
        }
        for l in p.list("level") {
            guard let level = AwardLevel(parsing: l) else {
                throw UsageError("--level \"\(l)\" is not an award level; accepted: \(AwardLevel.acceptedSpellingsDescription)")
            }
            q.levels.insert(level)
        }
        for s in p.list("state") {
            let code = s.uppercased()
            guard USState.isCode(code) else { throw UsageError("--state \"\(s)\" is not a USPS state code; use two letters such as IL, TX, CA") }
            q.states.insert(code)
        }
        if let c = p.value("cip") {
            guard CIPCode.isValidPrefix(c) else { throw UsageError("--cip \"\(c)\" is not a CIP prefix; use a family 51, a series 51.07, or a code 51.0707") }
            q.cipPrefix = c
        }
        for a in p.list("accredited") {
            guard a.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
                throw UsageError("--accredited \"\(a)\" is not an accreditor acronym (letters and digits, e.g. CAHIIM)")
            }
            q.accreditors.insert(a.uppercased())
        }
        for d in p.list("delivery") {
            guard let delivery = Delivery(parsing: d) else { throw UsageError("--delivery \"\(d)\" is not one of campus, online, hybrid, unknown") }
            q.deliveries.insert(delivery)
        }
        if let s = p.value("sort") {
            guard let sort = SortOrder(rawValue: s.lowercased()) else { throw UsageError("--sort \"\(s)\" is not one of relevance, distance, id") }
            if sort == .distance && !p.has("zip") && !p.has("near") && q.origin == nil { throw UsageError("--sort distance needs a point: add --near PLACE, --zip ZIP or --lat LAT --lon LON") }
            q.sort = sort
        }
        if let l = p.value("limit") { q.limit = try positiveInt(l, option: "limit", allowZero: true) }
        if let o = p.value("offset") { q.offset = try positiveInt(o, option: "offset", allowZero: true) }
        return q
    }
}

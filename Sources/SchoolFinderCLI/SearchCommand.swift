import Corpus
import Geo
import IndexFormat
import Requests
import Search

/// `schoolfinder search`: one query from options, or many from `--batch FILE`.
enum SearchCommand {
    static let options: [OptionSpec] = [
        OptionSpec(name: "index", valueName: "FILE", help: "Index file (default: Index/programs.sfidx, built from Corpus/ if missing)."),
    ] + SearchOption.allCases.map { OptionSpec(name: $0.name, valueName: $0.valueName, help: $0.help) } + [
        OptionSpec(name: "format", valueName: "FORMAT",
                   help: "table, json, csv, or jsonl (batch). csv is one row per hit (with --group institution, a last column "
                       + "group_matches); --facets and --explain are in table and json only."),
        OptionSpec(name: "batch", valueName: "FILE", help: "Run one JSON query per line of FILE (- reads standard input); writes one result line per query."),
        OptionSpec(name: "timing", valueName: nil, help: "With --batch: add each query's time in microseconds."),
    ]

    enum Format: String { case table, json, csv, jsonl }

    static func run(_ args: [String], io: CommandIO) throws -> Int32 {
        if args.contains("--help") {
            io.out(helpText(usage: "schoolfinder search [TEXT…] [--near PLACE | --zip ZIP | --lat DEG --lon DEG] [--radius MILES] [filters] [--sort ORDER] "
                                + "[--ranking RANKING] [--group institution] [--facets LIST] [--explain] [--exact] [--limit N] [--format FORMAT]",
                            abstract: "Find programs. Every word of TEXT must match (title, description, institution), or one of its synonyms, "
                                + "close spellings or (the last word) completions; filler words (programs, degree) are left out, \"near 02139\" "
                                + "or \"in Boston\" in TEXT is the place (\"within 10 miles of 02139\" the place and the radius), and when nothing matches the word that blocks every match is dropped "
                                + "and named (--exact turns all of this off). Results are ranked by BM25F, a title match counting most, and "
                                + "with a point the score halves every 25 miles (or every radius).",
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
        let request = try SearchRequest(p)
        if format == .csv, let option = request.explain ? "--explain" : !request.facets.isEmpty ? "--facets" : nil {
            throw UsageError("--format csv writes one row per hit and has no room for \(option); use --format json (or table), or drop \(option)")
        }
        var reader = try IndexOpener.open(p, io: io)
        let answer = try IndexOpener.retryingOnDamage(p, io: io, reader: &reader) { reader in try SearchAnswer(request, reader: reader) }
        let (query, result, hits, elapsed) = (answer.query, answer.result, answer.hits, answer.seconds)
        var page = ResultPage(request: answer.request, query: query, result: result, hits: hits, place: answer.place)
        page.placeNote = answer.placeNote
        switch format {
        case .table: io.out(ResultFormatter.table(page, reader: reader, seconds: elapsed, width: io.width))
        case .json: io.out(ResultFormatter.json(page, reader: reader, seconds: elapsed))
        case .csv:
            if reader.isSampleData { io.err("note: \(reader.note)\n") }
            io.out(ResultFormatter.csv(result: result, hits: hits, sample: reader.isSampleData, offset: query.offset))
        case .jsonl: break
        }
        return 0
    }

    /// The engine's query for `request` measured from `origin` (its resolved place), once the index has checked the
    /// accreditor and delivery values (the values an index may lack).
    static func engineQuery(_ request: SearchRequest, origin: GeoPoint?, reader: IndexReader) throws(UsageError) -> SearchQuery {
        try checkAccreditors(request.accreditors, reader: reader)
        try checkDeliveries(request.deliveries, reader: reader)
        return request.query(origin: origin)
    }

    /// Damage in the ZIP table is thrown as the index's error (the default index is rebuilt).
    static func resolveZip(_ text: String, reader: IndexReader) throws -> ZipCentroid {
        guard let zip = ZipTable.normalize(text) else {
            throw UsageError("--zip \"\(text)\" is not a 5-digit ZIP code (e.g. 60601 or 60601-1234)")
        }
        if reader.zips.count == 0 { throw UsageError(noZipTable("--zip", reader: reader)) }
        guard let z = try reader.zips.checkedZipCentroid(zip) else {
            throw UsageError("--zip \(zip) is not in the ZIP table; check the code, or give --lat and --lon instead")
        }
        return z
    }

    /// The point of `--near`, `--zip` or `--lat/--lon`, with how it was understood ("60601
    /// (Chicago, IL)"; `nil` for a point), or `nil` when no place was given.
    /// Damage met while reading the ZIP table is thrown as the index's error (so the default
    /// index is rebuilt), not as "no such place".
    static func resolvePlace(_ place: RequestPlace?, reader: IndexReader) throws -> (location: GeoPoint, label: String?)? {
        switch place {
        case nil: return nil
        case let .point(p)?: return (p, nil)
        case let .zip(zip)?:
            let z = try resolveZip(zip, reader: reader)
            return (z.location, z.city.isEmpty ? z.zip : "\(z.zip) (\(PlaceLookup.displayName(z)))")
        case let .near(near)?:
            var damage: IndexFormatError?
            func all() -> [ZipCentroid] {
                do {
                    return try (0 ..< reader.zips.count).map { i throws(IndexFormatError) in try reader.zips.checkedZipCentroid(at: i) }
                } catch { damage = error; return [] }
            }
            func one(_ zip: String) -> ZipCentroid? {
                do { return try reader.zips.checkedZipCentroid(zip) } catch { damage = error; return nil }
            }
            let result = PlaceLookup.resolve(near, zipLookup: one, allZips: all)
            if let damage { throw damage }
            switch result {
            case let .success(place): return (place.location, place.label)
            case let .failure(problem): throw UsageError("--near " + problem.message)
            }
        }
    }

    /// A place read from the query's words (`TypedPlace`): like `--near`, except that a city
    /// name several states share is read as the largest of them (most ZIP codes), since the
    /// student could not add a state to a word. The label says which was taken.
    static func resolveTypedPlace(_ text: String, reader: IndexReader) throws
        -> Result<(location: GeoPoint, label: String, note: String?), PlaceLookup.Problem> {
        var damage: IndexFormatError?
        func all() -> [ZipCentroid] {
            do { return try (0 ..< reader.zips.count).map { i throws(IndexFormatError) in try reader.zips.checkedZipCentroid(at: i) } } catch { damage = error; return [] }
        }
        func one(_ zip: String) -> ZipCentroid? {
            do { return try reader.zips.checkedZipCentroid(zip) } catch { damage = error; return nil }
        }
        var result = PlaceLookup.resolve(text, zipLookup: one, allZips: all)
        var note: String?
        if case let .failure(.ambiguousCity(_, candidates)) = result, let largest = candidates.first {
            result = PlaceLookup.resolve(largest, zipLookup: one, allZips: all)
            note = "\(largest), the largest of \(candidates.count) places of that name; add the state for another"
        }
        if let damage { throw damage }
        return result.map { ($0.location, $0.label, note) }
    }

    /// Refuses delivery modes no program in the index has: the real corpus has none (IPEDS does
    /// not publish a program's delivery mode), so `--delivery online` would answer a bare 0.
    static func checkDeliveries(_ wanted: Set<Delivery>, reader: IndexReader) throws(UsageError) {
        let field = IndexLayout.KeywordField.delivery
        guard let missing = wanted.filter({ reader.terms.lookup(field.term($0.rawValue)) == nil }).map(\.rawValue).sorted().first else { return }
        let known = Delivery.allCases.filter { reader.terms.lookup(field.term($0.rawValue)) != nil }.map(\.rawValue)
        if known == ["unknown"] {
            throw UsageError("--delivery \(missing): no program in this corpus has a known delivery mode (IPEDS does not publish whether a program is online); drop --delivery")
        }
        throw UsageError("--delivery \(missing): no program in this index is delivered that way; known: \(known.joined(separator: ", "))")
    }

    /// Refuses accreditor values no program in the index carries, naming the ones it has; for
    /// CAHIIM (which publishes no bulk list) it says how to import one.
    static func checkAccreditors(_ wanted: Set<String>, reader: IndexReader) throws(UsageError) {
        let prefix = IndexLayout.KeywordField.accreditor.rawValue + ":"
        let missing = wanted.sorted().filter { reader.terms.lookup(prefix + $0.lowercased()) == nil }
        guard let first = missing.first else { return }
        var known: [String] = []
        for i in 0 ..< reader.terms.count {
            if let t = reader.terms.termString(at: i), t.hasPrefix(prefix) { known.append(String(t.dropFirst(prefix.count)).uppercased()) }
        }
        if first == "CAHIIM" {
            throw UsageError("--accredited CAHIIM: this corpus has no CAHIIM data. CAHIIM (health information programs) publishes no bulk list, "
                + "and ED's DAPIP does not carry it; import a list you have with `schoolfinder corpus build --accreditations FILE` "
                + "(format: docs/ACCREDITATION_IMPORT.md), or search without --accredited and check cahiim.org")
        }
        let list = known.isEmpty ? "none (this corpus has no programmatic accreditation)" : known.sorted().joined(separator: ", ")
        throw UsageError("--accredited \"\(first)\" is not an accreditor of any program in this index; known: \(list)")
    }
}

extension SearchRequest {
    /// The request of a `search` command line: its words and its query options (the others —
    /// `--index`, `--format`, `--batch`, `--timing` — are the command's).
    init(_ p: ParsedArguments) throws(UsageError) {
        let text = p.positionals.joined(separator: " ")
        let values = SearchOption.allCases.compactMap { option -> (option: SearchOption, value: RequestValue)? in
            guard p.has(option.name) else { return nil }
            switch option.valueName {
            case nil: return (option, .flag(true))
            case "LIST"?: return (option, .list(p.list(option.name)))
            default: return (option, .text(p.value(option.name) ?? ""))
            }
        }
        try self.init(text: text.isEmpty ? nil : text, values: values)
    }
}

import Analysis
import Corpus
import Geo
import Search

/// What the real-corpus query mix draws from: the words, levels, CIP codes, accreditors and
/// places of loaded records (tokens as the index's `Analyzer` makes them), so every text word
/// occurs in the corpus and frequent words come up as often as the corpus has them.
///
/// - Frequent words: a word of the title of a record drawn uniformly (so "business",
///   "nursing", "general" come up in proportion to the programs that carry them);
/// - description words: the same from the description (the CIP definition);
/// - rare words: uniform over the distinct words of titles, descriptions and institution names
///   (by Zipf's law mostly words of a handful of records).
///
/// Function words (`stopWords`) are indexed but never drawn: no one searches for "the".
public struct RealQueryVocabulary: Sendable {
    public static let stopWords: Set<String> = [
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "into", "is", "it", "its", "may", "of",
        "on", "or", "such", "that", "the", "their", "this", "to", "with", "which", "who", "other", "all", "any",
        "these", "those", "within", "include", "includes", "including",
    ]

    let records: [ProgramRecord]
    /// Per record, the index of its (title, description) pair in `titleWords`/`descriptionWords`.
    let textOfRecord: [Int32]
    let titleWords: [[String]]
    let descriptionWords: [[String]]
    /// Distinct drawable words of titles, descriptions and institution names, sorted.
    public let distinctWords: [String]
    /// (accreditor, record) for every program accreditor of every record: a frequency-weighted draw.
    let accreditorPairs: [(String, Int)]
    /// Distinct program accreditors, sorted, each with the records that carry it.
    public let accreditors: [String]
    let recordsByAccreditor: [String: [Int]]
    let zipTable: [ZipCentroid]
    let zipByCode: [String: ZipCentroid]

    /// - Parameters:
    ///   - records: the corpus (non-empty); held, not copied.
    ///   - zips: the ZIP table (query points; the records' ZIPs are looked up in it).
    public init(records: [ProgramRecord], zips: [ZipCentroid]) {
        precondition(!records.isEmpty, "the real query mix needs records")
        self.records = records
        zipTable = zips.filter { USState.isCode($0.state) }
        var byCode: [String: ZipCentroid] = [:]
        for z in zipTable { byCode[z.zip] = z }
        zipByCode = byCode

        func words(_ text: String) -> [String] { Analyzer.tokens(text).filter { !Self.stopWords.contains($0) } }
        struct TextKey: Hashable { var title: String; var description: String }
        var textIndex: [TextKey: Int32] = [:]
        var titles: [[String]] = [], descriptions: [[String]] = []
        var distinct = Set<String>()
        var seenNames = Set<String>()
        var textOf: [Int32] = []
        textOf.reserveCapacity(records.count)
        var pairs: [(String, Int)] = []
        var byAccreditor: [String: [Int]] = [:]
        for (i, r) in records.enumerated() {
            let key = TextKey(title: r.title, description: r.description)
            if let t = textIndex[key] {
                textOf.append(t)
            } else {
                let t = Int32(titles.count)
                textIndex[key] = t
                let tw = words(r.title), dw = words(r.description)
                titles.append(tw)
                descriptions.append(dw)
                distinct.formUnion(tw)
                distinct.formUnion(dw)
                textOf.append(t)
            }
            if seenNames.insert(r.institutionName).inserted { distinct.formUnion(words(r.institutionName)) }
            for a in r.accreditors {
                pairs.append((a, i))
                byAccreditor[a, default: []].append(i)
            }
        }
        textOfRecord = textOf
        titleWords = titles
        descriptionWords = descriptions
        distinctWords = distinct.sorted()
        accreditorPairs = pairs
        recordsByAccreditor = byAccreditor
        accreditors = byAccreditor.keys.sorted()
    }

    /// Every word a query of this vocabulary can hold.
    public var drawableWords: Set<String> { Set(distinctWords) }

    func randomRecord(_ rng: inout SplitMix64) -> Int { rng.below(records.count) }

    /// A word of the title of record `i`, or a rare word when its title has none.
    func titleWord(of i: Int, _ rng: inout SplitMix64) -> String {
        let w = titleWords[Int(textOfRecord[i])]
        return w.isEmpty ? rareWord(&rng) : rng.pick(w)
    }

    func rareWord(_ rng: inout SplitMix64) -> String { rng.pick(distinctWords) }

    /// 50% a frequent (title) word, 20% a description word, 30% a rare word.
    func word(_ rng: inout SplitMix64) -> String {
        let u = rng.unit()
        if u < 0.5 { return titleWord(of: randomRecord(&rng), &rng) }
        if u < 0.7 {
            let w = descriptionWords[Int(textOfRecord[randomRecord(&rng)])]
            return w.isEmpty ? rareWord(&rng) : rng.pick(w)
        }
        return rareWord(&rng)
    }

    /// 1–3 words.
    func text(_ rng: inout SplitMix64) -> String {
        (0 ..< 1 + rng.below(3)).map { _ in word(&rng) }.joined(separator: " ")
    }

    /// A query point: half the time the ZIP of a program drawn uniformly (where schools are),
    /// half a ZIP of the table drawn uniformly (where anyone may live). Returns the point and its state.
    func place(_ rng: inout SplitMix64) -> (GeoPoint, String) {
        if rng.chance(0.5) || zipTable.isEmpty {
            let r = records[randomRecord(&rng)]
            if let z = zipByCode[r.zip] { return (z.location, z.state) }
            return (r.location, r.state)
        }
        let z = rng.pick(zipTable)
        return (z.location, z.state)
    }

    /// The level of a program drawn uniformly, and half the time one more level.
    func levels(_ rng: inout SplitMix64) -> Set<AwardLevel> {
        var s: Set<AwardLevel> = [records[randomRecord(&rng)].level]
        if rng.chance(0.5) { s.insert(rng.pick(AwardLevel.allCases)) }
        return s
    }

    /// The family, series or full code (one in three each) of a program drawn uniformly.
    func cipPrefix(_ rng: inout SplitMix64) -> String {
        let code = records[randomRecord(&rng)].cipCode
        return String(code.prefix([2, 5, 7][rng.below(3)]))
    }

    /// Half the time an accreditor weighted by the programs it accredits (NCATE, CCNE, TEAC,
    /// ACEN, …), half the time any accreditor of the corpus; with a record carrying it.
    /// `nil` when no record has a program accreditor.
    func accreditor(_ rng: inout SplitMix64) -> (String, Int)? {
        guard !accreditorPairs.isEmpty else { return nil }
        if rng.chance(0.5) { return rng.pick(accreditorPairs) }
        let a = rng.pick(accreditors)
        return (a, rng.pick(recordsByAccreditor[a]!))
    }
}

extension QueryMix {
    /// The same ten classes in equal shares as `init(count:seed:vocabulary:zips:)`, drawn from
    /// a real corpus: text from its words (`RealQueryVocabulary`), levels, CIP prefixes and
    /// accreditors as its programs have them, points at real ZIPs. Radii 10–200 miles; the
    /// state filter is the point's state; CIP-prefix queries have a point half the time;
    /// accreditor queries have a word of an accredited program's title half the time (and then
    /// one more word 30% of the time); text+point has no radius (blended order); text+facets
    /// counts `facetFields`; text+group groups by institution, with a point half the time;
    /// typed draws its words as the text classes do (`TypedKind`), with the index's dictionary
    /// and vocabulary from `typed` (`nil`: no dictionary, the corpus's words as the vocabulary).
    /// The same seed and vocabulary give the same queries.
    public init(count: Int, seed: UInt64, real v: RealQueryVocabulary, typed: TypedQuerySource? = nil) {
        var rng = SplitMix64(seed: seed)
        var items: [Item] = []
        items.reserveCapacity(count)
        let source = typed ?? TypedQuerySource(dictionary: .empty, vocabulary: WordListVocabulary(v.distinctWords))
        var typedRng = SplitMix64(seed: Self.typedSeed(seed))
        var typedCount = 0
        for i in 0 ..< count {
            let c = QueryClass.allCases[i % QueryClass.allCases.count]
            if c == .typed {
                items.append(Self.typedItem(typedCount, &typedRng, source: source, word: { v.word(&$0) }, point: { v.place(&$0).0 }))
                typedCount += 1
                continue
            }
            var q = SearchQuery()
            switch c {
            case .text: q.text = v.text(&rng)
            case .radius:
                q.origin = v.place(&rng).0
                q.radiusMiles = 10 + rng.unit() * 190
            case .textRadius:
                q.text = v.text(&rng)
                q.origin = v.place(&rng).0
                q.radiusMiles = 10 + rng.unit() * 190
            case .textLevel:
                q.text = v.text(&rng)
                q.levels = v.levels(&rng)
            case .textRadiusLevelState:
                q.text = v.text(&rng)
                let (p, state) = v.place(&rng)
                q.origin = p
                q.radiusMiles = 10 + rng.unit() * 190
                q.levels = v.levels(&rng)
                q.states = [state]
            case .cipPrefix:
                q.cipPrefix = v.cipPrefix(&rng)
                if rng.chance(0.5) { q.origin = v.place(&rng).0 }
            case .accreditor:
                if let (a, r) = v.accreditor(&rng) {
                    q.accreditors = [a]
                    if rng.chance(0.5) {
                        q.text = v.titleWord(of: r, &rng) + (rng.chance(0.3) ? " " + v.word(&rng) : "")
                    }
                } else {
                    q.text = v.text(&rng)
                }
            case .textPoint:
                q.text = v.text(&rng)
                q.origin = v.place(&rng).0
            case .facets:
                q.text = v.text(&rng)
                q.facets = Self.facetFields
            case .grouped:
                q.text = v.text(&rng)
                q.groupByInstitution = true
                if rng.chance(0.5) { q.origin = v.place(&rng).0 }
            case .typed: break
            }
            items.append(Item(queryClass: c, query: q))
        }
        self.items = items
    }
}

import Corpus
import IndexFormat

/// Facet counts from the query's matches as a bitmap (bit d set ⇔ document d matches).
/// State and CIP facets read a column of value ordinals (`KeywordColumn`) for each match. The
/// other fields use the index's keyword lists: per value of a field, |matches ∩ value's
/// documents| — a popcount of two bitmaps for a dense value, a walk of its postings testing
/// bits for a sparse one — so a facet over 250,000 matches costs about (dense values × N/64)
/// word operations plus the sparse values' postings.
/// - Complexity: O(min(matches, N − matches) + N/64 + values) per column field (the
///   non-matches when more than half match); O(Σ over the field's values of min(N/64, its
///   documents)) per other field.
struct FacetCounter {
    let reader: IndexReader
    /// ⌈N / 64⌉ words of the match bitmap.
    let matches: UnsafeMutablePointer<UInt64>
    let words: Int
    /// The match bitmap's non-zero words, ascending: every walk skips the empty ones.
    let nonzero: [Int]

    init(reader: IndexReader, matches: UnsafeMutablePointer<UInt64>, words: Int) {
        self.reader = reader
        self.matches = matches
        self.words = words
        // Written in place into room for every word, then cut to the non-zero ones.
        var matchCount = 0
        nonzero = [Int](unsafeUninitializedCapacity: words) { buffer, count in
            var n = 0
            for w in 0 ..< words {
                let bits = matches[w]
                if bits == 0 { continue }
                buffer[n] = w
                n &+= 1
                matchCount &+= bits.nonzeroBitCount
            }
            count = n
        }
        self.matchCount = matchCount
    }

    /// Set bits of the match bitmap.
    let matchCount: Int

    /// The terms a field's values are, and how a term key becomes the value shown.
    static func terms(of field: FacetField) -> (prefix: String, valueLength: Int?) {
        switch field {
        case .level: (Schema.KeywordField.level.term(""), nil)
        case .delivery: (Schema.KeywordField.delivery.term(""), nil)
        case .state: (Schema.KeywordField.state.term(""), nil)
        case .accreditor: (Schema.KeywordField.accreditor.term(""), nil)
        case .cip2: (Schema.KeywordField.cip.term(""), 2)
        case .cip4: (Schema.KeywordField.cip.term(""), 5)
        case .cip6: (Schema.KeywordField.cip.term(""), 7)
        }
    }

    /// The counts of each of `fields`' values among the matches (`count(_:)` of each, in
    /// order), the fields a keyword column counts (state, CIP) from one walk of the matches:
    /// a state and a CIP facet, or two CIP facets, walk them once, not once each.
    func count(_ fields: [FacetField]) -> [FacetCounts?] {
        let byColumn = columnCounts(Set(fields.compactMap(Self.column(of:))))
        return fields.map { field in
            if let source = Self.column(of: field), let (column, perOrdinal) = byColumn[source] {
                return Self.fold(field, column: column, perOrdinal: perOrdinal)
            }
            return count(field)
        }
    }

    /// The counts of `field`'s values among the matches, most frequent first, ties by value;
    /// `nil` when a list or record turns out damaged.
    func count(_ field: FacetField) -> FacetCounts? {
        if let source = Self.column(of: field), let (column, perOrdinal) = columnCounts([source])[source] {
            return Self.fold(field, column: column, perOrdinal: perOrdinal)
        }
        let (prefix, valueLength) = Self.terms(of: field)
        var values: [(value: String, count: Int)] = []
        if nonzero.isEmpty { return FacetCounts(field: field, values: []) }
        for entry in reader.terms.termEntries(withPrefix: prefix) {
            if let valueLength, reader.terms.termKeyLength(at: entry) != prefix.utf8.count + valueLength { continue }
            guard let key = reader.terms.termString(at: entry) else { return nil }
            var value = String(key.dropFirst(prefix.count))
            guard let info = reader.terms.termInfo(at: entry) else { return nil }
            var n = 0
            var first: UInt32?
            if info.hasBitmaps {
                guard let b = reader.terms.bitmaps(info) else { return nil }
                for w in nonzero { n &+= (matches[w] & b.presentWord(w)).nonzeroBitCount }
                if n > 0, let w = nonzero.first(where: { matches[$0] & b.presentWord($0) != 0 }) {
                    first = UInt32(w << 6 | (matches[w] & b.presentWord(w)).trailingZeroBitCount)
                }
            } else if info.documentFrequency <= 4 * matchCount {
                // A list not much longer than the matches: walk it, testing each document's bit.
                guard let c = reader.terms.cursor(info) else { return nil }
                var d = c.first()
                while d != PostingsCursor.exhausted {
                    if matches[Int(d >> 6)] >> UInt64(d & 63) & 1 != 0 {
                        n &+= 1
                        if first == nil { first = d }
                    }
                    d = c.next()
                }
                if c.isCorrupt { return nil }
            } else {
                // Few matches, a long list: leapfrog — the list seeks to the next match, the
                // matches to the list's next document.
                guard let c = reader.terms.cursor(info) else { return nil }
                var k = 0 // index into `nonzero`, only moving forward
                var d = c.first()
                while d != PostingsCursor.exhausted {
                    let w = Int(d >> 6)
                    while k < nonzero.count && nonzero[k] < w { k += 1 }
                    if k == nonzero.count { break }
                    // The first match at or after d.
                    var target: UInt32
                    let here = nonzero[k] == w ? matches[w] & (~0 << UInt64(d & 63)) : 0
                    if here != 0 {
                        target = UInt32(w << 6 | here.trailingZeroBitCount)
                    } else {
                        let next = nonzero[k] == w ? k + 1 : k
                        if next == nonzero.count { break }
                        target = UInt32(nonzero[next] << 6 | matches[nonzero[next]].trailingZeroBitCount)
                    }
                    if target == d {
                        n &+= 1
                        if first == nil { first = d }
                        d = c.next()
                    } else {
                        d = c.seek(target)
                    }
                }
                if c.isCorrupt { return nil }
            }
            guard n > 0, let first else { continue }
            switch field {
            case .state: value = value.uppercased()
            case .accreditor:
                // Terms are lowercase; show the accreditor as its records spell it: from the
                // first match's accreditor list (its row's string, "|"-joined), not its whole record.
                guard let list = reader.string(reader.rows.field(Int(first), .accreditors)),
                      let spelled = list.split(separator: "|").first(where: { $0.lowercased() == value }) else { return nil }
                value = String(spelled)
            default: break
            }
            values.append((value, n))
        }
        values.sort { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
        return FacetCounts(field: field, values: values)
    }

    /// The keyword column a facet of `field` can be counted from: `KeywordColumn.Field.state`
    /// for states, `.cip` for CIP families, series and codes; `nil` for the multi-valued or
    /// few-valued fields (level, delivery, accreditor), which the keyword lists count.
    static func column(of field: FacetField) -> KeywordColumn.Field? {
        switch field {
        case .state: .state
        case .cip2, .cip4, .cip6: .cip
        case .level, .delivery, .accreditor: nil
        }
    }

    /// Per source, its column and the matches' count per value ordinal: one load and one
    /// increment per match and column, the match bitmap walked once for all of them. When more
    /// than half the documents match, the non-matches are counted instead and subtracted from
    /// the columns' totals (at most N/2 loads either way). A source is left out when its column
    /// is not built and the matches are fewer than 1/64 of the documents (the postings count
    /// those, leapfrogging), or when it cannot be built (damaged rows).
    /// - Complexity: O(nonzero match words + min(matches, N − matches) × sources); O(N / 64)
    ///   words when counting the complement.
    func columnCounts(_ sources: Set<KeywordColumn.Field>) -> [KeywordColumn.Field: (KeywordColumn, [Int])] {
        // Building a column reads every row once (then it stays with the open index): worth
        // it for many matches, whose value lists the postings count would walk nearly whole;
        // a few matches leapfrog through the lists instead, unless the column is built already.
        let building = matchCount >= reader.documentCount / 64
        let columns = sources.sorted { $0 == .state && $1 == .cip }.compactMap { source in
            reader.keywordColumn(source, building: building).map { (source, $0) }
        }
        guard !columns.isEmpty else { return [:] }
        let complement = matchCount > reader.documentCount / 2
        var first = complement ? columns[0].1.totals : [Int](repeating: 0, count: columns[0].1.names.count)
        var second = columns.count < 2 ? [] : complement ? columns[1].1.totals : [Int](repeating: 0, count: columns[1].1.names.count)
        let step = complement ? -1 : 1
        first.withUnsafeMutableBufferPointer { counts in
            columns[0].1.withOrdinals { ordinals in
                guard columns.count == 2 else {
                    MatchBitmap.forEach(in: matches, words: words, documentCount: reader.documentCount, complement: complement) {
                        counts[Int(ordinals[$0])] &+= step
                    }
                    return
                }
                second.withUnsafeMutableBufferPointer { counts2 in
                    columns[1].1.withOrdinals { ordinals2 in
                        MatchBitmap.forEach(in: matches, words: words, documentCount: reader.documentCount, complement: complement) {
                            counts[Int(ordinals[$0])] &+= step
                            counts2[Int(ordinals2[$0])] &+= step
                        }
                    }
                }
            }
        }
        var out: [KeywordColumn.Field: (KeywordColumn, [Int])] = [columns[0].0: (columns[0].1, first)]
        if columns.count == 2 { out[columns[1].0] = (columns[1].1, second) }
        return out
    }

    /// The facet of `field` (a state or CIP facet) from its column's count per ordinal: the
    /// value ordinals folded into the facet's values (a state uppercased; a CIP code's family,
    /// series or itself, `CIPCode.prefixes`, none when it is not a valid code — as the `state:`
    /// and `cip:` terms hold them), most frequent first, ties by value.
    /// - Complexity: O(the column's distinct values + the facet's values × log).
    static func fold(_ field: FacetField, column: KeywordColumn, perOrdinal: [Int]) -> FacetCounts {
        var byValue: [String: Int] = [:]
        if field == .state {
            for (ordinal, n) in perOrdinal.enumerated() where n > 0 { byValue[column.names[ordinal].uppercased(), default: 0] += n }
        } else {
            // A CIP code's family, series or itself (`CIPCode.prefixes`) is a byte prefix of a
            // valid code: counted by those bytes, made strings once per distinct prefix.
            let length = field == .cip2 ? 2 : field == .cip4 ? 5 : 7
            var byPrefix: [UInt64: Int] = [:]
            for (ordinal, n) in perOrdinal.enumerated() where n > 0 {
                let name = column.names[ordinal]
                guard CIPCode.isValid(name) else { continue }
                byPrefix[name.utf8.prefix(length).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }, default: 0] += n
            }
            for (key, n) in byPrefix {
                let bytes = (0 ..< length).reversed().map { UInt8(truncatingIfNeeded: key >> (8 * UInt64($0))) }
                byValue[String(decoding: bytes, as: UTF8.self)] = n
            }
        }
        let values = byValue.map { (value: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
        return FacetCounts(field: field, values: values)
    }
}

import Corpus
import IndexFormat

/// Facet counts from the query's matches as a bitmap (bit d set ⇔ document d matches) and the
/// index's keyword lists: per value of a field, |matches ∩ value's documents| — a popcount of
/// two bitmaps for a dense value, a walk of its postings testing bits for a sparse one. No
/// per-match work beyond setting the match bit, so a facet over 250,000 matches costs about
/// (dense values × N/64) word operations plus the sparse values' postings.
/// - Complexity: O(Σ over the field's values of min(N/64, its documents)) per field.
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
        nonzero = (0 ..< words).filter { matches[$0] != 0 }
        matchCount = nonzero.reduce(0) { $0 + matches[$1].nonzeroBitCount }
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

    /// The counts of `field`'s values among the matches, most frequent first, ties by value;
    /// `nil` when a list or record turns out damaged.
    func count(_ field: FacetField) -> FacetCounts? {
        let (prefix, valueLength) = Self.terms(of: field)
        var values: [(value: String, count: Int)] = []
        if nonzero.isEmpty { return FacetCounts(field: field, values: []) }
        for entry in reader.termEntries(withPrefix: prefix) {
            if let valueLength, reader.termKeyLength(at: entry) != prefix.utf8.count + valueLength { continue }
            guard let key = reader.termString(at: entry) else { return nil }
            var value = String(key.dropFirst(prefix.count))
            guard let info = reader.termInfo(at: entry) else { return nil }
            var n = 0
            var first: UInt32?
            if info.hasBitmaps {
                guard let b = reader.bitmaps(info) else { return nil }
                for w in nonzero {
                    let both = matches[w] & b.presentWord(w)
                    if both != 0 && first == nil { first = UInt32(w << 6 | both.trailingZeroBitCount) }
                    n &+= both.nonzeroBitCount
                }
            } else if info.documentFrequency <= 4 * matchCount {
                // A list not much longer than the matches: walk it, testing each document's bit.
                guard let c = reader.cursor(info) else { return nil }
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
                guard let c = reader.cursor(info) else { return nil }
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
                // Terms are lowercase; show the accreditor as its records spell it.
                guard let record = try? reader.record(Int(first)),
                      let spelled = record.accreditors.first(where: { $0.lowercased() == value }) else { return nil }
                value = spelled
            default: break
            }
            values.append((value, n))
        }
        values.sort { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
        return FacetCounts(field: field, values: values)
    }
}

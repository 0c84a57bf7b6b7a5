import IndexFormat

/// Which of 64 documents can still reach a score threshold, decided from bits alone: the
/// filter of the dense relevance scan (`runDenseByRelevance`).
///
/// A document's score depends only on its length and on each query word's frequency in it. A
/// word's documents fall into *frequency classes* read from its bitmaps: frequency 1 (not
/// Repeated) and a top class, frequency 2 or more (Repeated). One class per word is a
/// *combination*; at a given length its documents score at most its *bound*: each word's score
/// at frequency 1, or for a top class at the word's length peak (the largest frequency among its
/// documents of that length, `Index/FORMAT.md`). A peak below a class's frequency means the
/// class has no document of that length. When every class is exact (frequency 1, or a top class
/// whose documents of that length share one frequency), the bound is the exact score of every
/// document of the combination and length, bit for bit.
///
/// For a threshold, a combination's *cutoff* is the longest length whose bound reaches it, and
/// the combination is *live* when some length does. A document passes when its combination is
/// live and its length is at most the cutoff. As the threshold rises cutoffs only fall, so each
/// is walked down from where it was: over a whole query a combination's cutoff visits each
/// length at most once. Documents of 255 tokens or more always pass (they are scored exactly).
///
/// Per 64 documents, a combination is a number of at most six bits, each bit one *slice*: the
/// Repeated word of a query word with two classes. The filter takes the cheaper of two ways:
/// per live combination, an AND of its slices (or their complements) and one comparison of 64
/// lengths on LENGTHBITS (`LengthBitPlanes.atMost`); or per document, its combination's bits
/// and its LENGTHS byte.
///
/// Invariant: a document whose exact score reaches the threshold always passes. Requires a
/// scorer whose term scores grow with frequency.
final class ScoreClassFilter {
    /// Bits of a combination number: at most 64 combinations. In a query of more repeated words,
    /// the last ones get one class.
    static let maximumSlices = 6

    /// Cutoffs for thresholds of one kind: "at least" (`loose`) or "above" (`strict`).
    private struct Cutoffs {
        /// The threshold they are for (NaN: not computed yet).
        var threshold = Double.nan
        /// Per combination number: the cutoff; below `shortest` when it is not live.
        var lengths: UnsafeMutablePointer<Int>
        /// The live combination numbers, `liveCount` of them.
        var live: UnsafeMutablePointer<Int>
        var liveCount = 0
    }

    private let reader: IndexReader
    /// Query words.
    private let m: Int
    /// Classes a word can have: frequency 1, and 2 or more (its Repeated bit).
    private static let classesPerWord = 2
    /// Per word: its classes (1–2) and its slice count (0–1).
    private let classCount: [Int]
    private let sliceCount: [Int]
    /// Per word, its Repeated bitmap when it has a slice, and its slice's bit in a combination number.
    private let repeatedBitmaps: UnsafeMutablePointer<UnsafeRawPointer?>
    private let sliceStart: UnsafeMutablePointer<Int>
    /// Per combination number × slice: 0 to AND the slice, ~0 to AND its complement.
    private let flips: UnsafeMutablePointer<UInt64>
    /// Slices in a combination number; 2^slices numbers.
    private let slices: Int
    let combinations: Int
    /// Per word × class × length: the class's term in the bound, -∞ when the class has no
    /// document of that length. Lengths `shortest ... longest` only.
    private let terms: UnsafeMutablePointer<Double>
    private var loose: Cutoffs
    private var strict: Cutoffs
    /// Scratch: the slices of the current 64 documents.
    private let sliceWords: UnsafeMutablePointer<UInt64>
    /// The LENGTHS bytes below 255 lie in `shortest ... longest` (META); `planes` bits hold them.
    private let shortest: Int, longest: Int, planes: Int
    private let hasLongDocuments: Bool

    init(scored: [ScoredTerm], table: ScoreTable, reader: IndexReader) {
        self.reader = reader
        m = scored.count
        var counts: [Int] = scored.map { s in s.bitmaps?.repeated == nil ? 1 : Self.classesPerWord }
        // Within budget: the last repeated words get one class (their top class is all of them).
        var sliced = 0
        for t in counts.indices where counts[t] > 1 {
            if sliced == Self.maximumSlices { counts[t] = 1 } else { sliced += 1 }
        }
        classCount = counts
        sliceCount = counts.map { $0 - 1 }
        var first: [Int] = [], n = 0
        for c in sliceCount { first.append(n); n += c }
        slices = n
        combinations = 1 << n
        repeatedBitmaps = .allocate(capacity: max(1, m))
        sliceStart = .allocate(capacity: max(1, m))
        for (t, s) in scored.enumerated() {
            repeatedBitmaps[t] = counts[t] > 1 ? s.bitmaps?.repeated?.base : nil
            sliceStart[t] = first[t]
        }
        flips = .allocate(capacity: combinations * Self.maximumSlices)
        for number in 0 ..< combinations {
            for k in 0 ..< Self.maximumSlices { flips[number * Self.maximumSlices + k] = k < n && (number >> k) & 1 == 0 ? ~0 : 0 }
        }
        shortest = Int(reader.shortestLength)
        longest = Int(reader.longestLength)
        planes = LengthBitPlanes.width(reader.longestLength)
        hasLongDocuments = reader.hasLongDocuments
        let span = max(0, longest - shortest + 1)
        terms = .allocate(capacity: max(1, m * Self.classesPerWord * span))
        terms.initialize(repeating: -.infinity, count: max(1, m * Self.classesPerWord * span))
        for (t, s) in scored.enumerated() {
            for length in shortest ..< shortest + span {
                // No document of the word at this length has more: a class above it has none here.
                guard let largest = s.frequencyBound(atLength: length) else { continue }
                for j in 0 ..< counts[t] where largest >= UInt32(j + 1) {
                    let f = j == counts[t] - 1 ? largest : UInt32(j + 1)
                    terms[(t * Self.classesPerWord + j) * span + length - shortest] = table.term(t, frequency: f, length: UInt32(length))
                }
            }
        }
        // Before the first threshold every combination is live (none when no document is
        // shorter than 255 tokens), its cutoff the longest length.
        let (combos, longestLength, shortestLength) = (combinations, longest, shortest)
        let existing = span > 0 ? Array(0 ..< combos) : []
        func cutoffs() -> Cutoffs {
            let lengths = UnsafeMutablePointer<Int>.allocate(capacity: combos)
            lengths.initialize(repeating: shortestLength - 1, count: combos)
            let live = UnsafeMutablePointer<Int>.allocate(capacity: combos)
            for (k, number) in existing.enumerated() { live[k] = number; lengths[number] = longestLength }
            return Cutoffs(lengths: lengths, live: live, liveCount: existing.count)
        }
        loose = cutoffs()
        strict = cutoffs()
        sliceWords = .allocate(capacity: Self.maximumSlices)
        sliceWords.initialize(repeating: ~0, count: Self.maximumSlices)
    }

    deinit {
        terms.deallocate(); sliceWords.deallocate(); repeatedBitmaps.deallocate(); sliceStart.deallocate(); flips.deallocate()
        for c in [loose, strict] { c.lengths.deallocate(); c.live.deallocate() }
    }

    /// A word's class in combination `number`, from its `count` slices starting at `first`.
    private static func classIndex(_ number: Int, _ first: Int, _ count: Int) -> Int { (number >> first) & ((1 << count) - 1) }

    /// The most a document of combination `number` and `length` tokens (`shortest ... longest`)
    /// can score, summed in word order as `Execution.exactScore` sums; -∞ when the combination
    /// has no document of that length.
    func bound(_ number: Int, length: Int) -> Double {
        let span = longest - shortest + 1
        var score = 0.0
        for t in 0 ..< m {
            score += terms[(t * Self.classesPerWord + Self.classIndex(number, sliceStart[t], sliceCount[t])) * span + length - shortest]
        }
        return score
    }

    /// Brings `c` to `threshold`: each live combination's cutoff walks down to the longest length
    /// whose bound reaches it (its lengths above the old cutoff were below a lower threshold).
    /// Precondition: `threshold` is not below the one `c` was last brought to.
    private func update(_ c: inout Cutoffs, to threshold: Double, above: Bool) {
        var kept = 0
        for k in 0 ..< c.liveCount {
            let number = c.live[k]
            var length = c.lengths[number]
            while length >= shortest {
                let b = bound(number, length: length)
                if above ? b > threshold : b >= threshold { break }
                length -= 1
            }
            if length >= shortest { c.live[kept] = number; kept += 1 } else { length = shortest - 1 }
            c.lengths[number] = length
        }
        c.liveCount = kept
        c.threshold = threshold
    }

    /// The documents of `bits` (documents `64·word ..< 64·word + 64`, each holding every query
    /// word) that can score at least `threshold`, or above it when `above`. Thresholds asked
    /// with the same `above` must not fall from one call to the next (a k-th score only rises).
    @inline(__always)
    func candidates(_ bits: UInt64, word i: Int, threshold: Double, above: Bool) -> UInt64 {
        if above {
            if strict.threshold != threshold { update(&strict, to: threshold, above: true) }
        } else if loose.threshold != threshold {
            update(&loose, to: threshold, above: false)
        }
        let (live, liveCount, cutoffs) = above ? (strict.live, strict.liveCount, strict.lengths) : (loose.live, loose.liveCount, loose.lengths)
        var passing: UInt64 = 0
        if liveCount > 0 {
            // Slices: a two-class word's Repeated word.
            let offset = i &* 8
            for t in 0 ..< m {
                guard let repeated = repeatedBitmaps[t] else { continue }
                sliceWords[sliceStart[t]] = repeated.load(fromByteOffset: offset, as: UInt64.self)
            }
            // Six slice words (unused ones all ones, their flips 0), so a combination's AND has a
            // fixed shape.
            let w0 = sliceWords[0], w1 = sliceWords[1], w2 = sliceWords[2], w3 = sliceWords[3], w4 = sliceWords[4], w5 = sliceWords[5]
            if liveCount &* 16 &+ 50 <= bits.nonzeroBitCount &* 37 {
                // By combination: its documents are an AND of its slices or their complements,
                // then the lengths at most its cutoff (one comparison per distinct cutoff).
                var lastCutoff = Int.min, lastShort: UInt64 = 0
                for k in 0 ..< liveCount {
                    let number = live[k]
                    let f = flips + number &* Self.maximumSlices
                    var inCombination = bits & (w0 ^ f[0]) & (w1 ^ f[1]) & (w2 ^ f[2])
                    inCombination &= (w3 ^ f[3]) & (w4 ^ f[4]) & (w5 ^ f[5])
                    if inCombination == 0 { continue }
                    let cut = cutoffs[number]
                    if cut < longest && inCombination.nonzeroBitCount <= 2 {
                        // One or two documents: their LENGTHS bytes.
                        var rest = inCombination
                        while rest != 0 {
                            let bit = rest.trailingZeroBitCount
                            rest &= rest &- 1
                            if Int(reader.lengths.base.load(fromByteOffset: (i &<< 6) | bit, as: UInt8.self)) > cut { inCombination &= ~(1 << UInt64(bit)) }
                        }
                    } else if cut < longest {
                        if cut != lastCutoff {
                            lastCutoff = cut
                            lastShort = LengthBitPlanes.atMost(cut, word: i, planes: planes, in: reader.lengthBits)
                        }
                        inCombination &= lastShort
                    }
                    passing |= inCombination
                }
            } else {
                // By document: its combination number from the slices, its length from LENGTHS.
                var rest = bits
                let lengths = reader.lengths.base + (i &<< 6), numberMask = combinations &- 1
                while rest != 0 {
                    let bit = UInt64(truncatingIfNeeded: rest.trailingZeroBitCount)
                    rest &= rest &- 1
                    let low = ((w0 >> bit) & 1) | ((w1 >> bit) & 1) << 1 | ((w2 >> bit) & 1) << 2
                    let number = Int(truncatingIfNeeded: low | ((w3 >> bit) & 1) << 3 | ((w4 >> bit) & 1) << 4 | ((w5 >> bit) & 1) << 5) & numberMask
                    if Int(lengths.load(fromByteOffset: Int(bit), as: UInt8.self)) <= cutoffs[number] { passing |= 1 << bit }
                }
            }
        }
        if hasLongDocuments {
            // A byte of 255 means "255 tokens or more": scored exactly, whatever the bound.
            var long: UInt64 = ~0
            for j in 0 ..< IndexLayout.lengthBitPlanes { long &= reader.rows.lengthBitPlane(word: i, bit: j) }
            passing |= bits & long
        }
        return passing
    }
}

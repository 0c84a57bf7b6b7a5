import Platform

/// Makes equal strings of different records share one copy: a corpus repeats an institution's
/// name, city and website on each of its programs, titles across institutions and (the real
/// corpus) catalog descriptions across programs, and each parsed line allocates its own.
///
/// A field whose values turn out distinct (after 4,096 looked up, fewer than 1 in 4 seen
/// before, as generated descriptions are) is no longer looked up, so it costs a few thousand
/// hashes, not one per record. Strings of 15 UTF-8 bytes or fewer are stored inline by Swift
/// and are left alone. Values are equal when their UTF-8 bytes are: a value is only ever
/// replaced by the same bytes (two Unicode spellings of one text, composed and decomposed, stay
/// as each line wrote them). - Complexity: one hash of the string per looked-up value.
struct RepeatedStrings {
    /// The fields shared, in the order `share(_:)` takes them.
    enum Field: Int, CaseIterable { case institution, city, website, title, description }

    /// Open addressing with linear probing over the values' UTF-8 bytes (`ByteHash.words`): a
    /// lookup hashes a value's bytes once and compares it with the few values of equal hash, far
    /// cheaper than a `Dictionary`'s per-string SipHash (which cost more than the parse of the
    /// field).
    /// Slot → index + 1 into `values` (0 = empty); never more than half full.
    private var slots = [Int32](repeating: 0, count: 1024)
    private var values: [String] = []
    private var hashes: [UInt64] = []
    private var lookups = [Int](repeating: 0, count: Field.allCases.count)
    private var hits = [Int](repeating: 0, count: Field.allCases.count)
    private static let trial = 4096

    /// Whether `field`'s values are still looked up (not given up on as distinct).
    func isSharing(_ field: Field) -> Bool {
        let f = field.rawValue
        return lookups[f] < Self.trial || hits[f] * 4 >= lookups[f]
    }

    /// Replaces `value` by the copy seen first, when `field` still shares.
    mutating func share(_ value: inout String, as field: Field) {
        let f = field.rawValue
        guard value.utf8.count > 15, isSharing(field) else { return }
        lookups[f] += 1
        let hash = Self.hash(value)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            let k = Int(slots[slot]) - 1
            if hashes[k] == hash && values[k] == value {
                value = values[k]
                hits[f] += 1
                return
            }
            slot = (slot + 1) & mask
        }
        values.append(value)
        hashes.append(hash)
        slots[slot] = Int32(values.count)
        if values.count * 2 > slots.count { grow() }
    }

    /// Doubles the slot array and reinserts every value by its stored hash.
    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for k in hashes.indices {
            var slot = Int(truncatingIfNeeded: hashes[k]) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(k + 1)
        }
    }

    /// `ByteHash.words` of the UTF-8 bytes.
    private static func hash(_ s: String) -> UInt64 {
        // A parsed string is native, its UTF-8 contiguous: hashed from its buffer in place.
        if let h = s.utf8.withContiguousStorageIfAvailable({ ByteHash.words(UnsafeRawBufferPointer($0)) }) { return h }
        return Array(s.utf8).withUnsafeBytes { ByteHash.words($0) }
    }

    /// Shares the repeated text fields of `r`.
    mutating func share(_ r: inout ProgramRecord) {
        share(&r.institutionName, as: .institution)
        share(&r.city, as: .city)
        share(&r.website, as: .website)
        share(&r.title, as: .title)
        share(&r.description, as: .description)
    }
}

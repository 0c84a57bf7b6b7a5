/// Makes equal strings of different records share one copy: a corpus repeats an institution's
/// name, city and website on each of its programs, titles across institutions and (the real
/// corpus) catalog descriptions across programs, and each parsed line allocates its own.
///
/// A field whose values turn out distinct (after 4,096 looked up, fewer than 1 in 4 seen
/// before, as generated descriptions are) is no longer looked up, so it costs a few thousand
/// hashes, not one per record. Strings of 15 UTF-8 bytes or fewer are stored inline by Swift
/// and are left alone. - Complexity: one hash of the string per looked-up value.
struct RepeatedStrings {
    /// The fields shared, in the order `share(_:)` takes them.
    enum Field: Int, CaseIterable { case institution, city, website, title, description }

    private var seen: [String: String] = [:]
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
        if let first = seen[value] {
            value = first
            hits[f] += 1
        } else {
            seen[value] = value
        }
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

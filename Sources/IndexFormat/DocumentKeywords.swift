/// The keyword terms (`level:`, `delivery:`, `state:`, `cip:`, `acc:`) of every document, in
/// document order, as term ids of the writer's `TermTable`: appended one document after the
/// other while the writer walks the records, inverted with the text afterwards
/// (`TermTable.invert`).
///
/// A document's keywords follow from five of its values (`Key`), and many documents share them
/// (at 10M generated records, a few hundred thousand distinct sets), so each distinct set is
/// kept once and a document holds only its set's number: 4 bytes a document plus the sets,
/// where a list of every document's terms took some 36 (360 MB of the 10M build's peak, in the
/// rows phase). - Complexity: `append` is one hash lookup; `terms(of:)` O(1).
struct DocumentKeywords {
    /// What decides a document's keywords: its level and delivery codes and the STRINGS ids of
    /// its state, CIP code and accreditor list.
    struct Key: Hashable {
        var level: UInt8
        var delivery: UInt8
        var state: UInt32
        var cip: UInt32
        var accreditors: UInt32
    }

    /// Every distinct set's terms, one set after the other.
    private var setTerms: [Int32] = []
    /// Count = sets + 1: set s's terms are `setTerms[setEnds[s] ..< setEnds[s + 1]]`.
    private var setEnds: [UInt32] = [0]
    /// Per document, its set.
    private var setOfDocument: [UInt32] = []
    /// The set of each key seen (building only).
    private var setOfKey: [Key: UInt32] = [:]

    init(expectedDocuments: Int) {
        setOfDocument.reserveCapacity(expectedDocuments)
    }

    /// Appends the next document, whose keywords `key` decides; `terms` appends them to the
    /// array it is given, and is called only for a key not seen before.
    mutating func append(_ key: Key, terms: (inout [Int32]) -> Void) {
        if let s = setOfKey[key] {
            setOfDocument.append(s)
            return
        }
        let s = UInt32(setEnds.count - 1)
        terms(&setTerms)
        setEnds.append(UInt32(setTerms.count))
        setOfKey[key] = s
        setOfDocument.append(s)
    }

    /// Lets go of what only `append` needs (the table of keys seen); `append` may not be called after.
    mutating func finishAppending() { setOfKey = [:] }

    /// The keyword terms of document `d`.
    func terms(of d: Int) -> ArraySlice<Int32> {
        let s = Int(setOfDocument[d])
        return setTerms[Int(setEnds[s]) ..< Int(setEnds[s + 1])]
    }
}

/// The keyword terms (`level:`, `delivery:`, `state:`, `cip:`, `acc:`) of every document, in
/// document order, as term ids of the writer's `TermTable`: appended one document after the
/// other while the writer walks the records, inverted with the text afterwards
/// (`TermTable.invert`). 4 bytes per keyword plus 4 per document.
struct DocumentKeywords {
    private var terms: [Int32] = []
    /// Count = documents + 1: document d's keywords are `terms[ends[d] ..< ends[d + 1]]`.
    private var ends: [UInt32] = [0]

    init(expectedDocuments: Int) {
        terms.reserveCapacity(expectedDocuments * 8)
        ends.reserveCapacity(expectedDocuments + 1)
    }

    /// Adds keyword term `t` to the document being appended.
    mutating func append(_ t: Int32) { terms.append(t) }

    /// Closes the document being appended; the next `append` starts the next one.
    mutating func endDocument() { ends.append(UInt32(terms.count)) }

    /// The keyword terms of document `d`.
    func terms(of d: Int) -> ArraySlice<Int32> { terms[Int(ends[d]) ..< Int(ends[d + 1])] }
}

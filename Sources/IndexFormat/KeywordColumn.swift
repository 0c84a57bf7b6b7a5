/// Per document, the value of a single-valued keyword field — its institution's state, its CIP
/// code — as a small ordinal into the field's value names: a column ("doc values") read in
/// document order, so a facet over many matches costs one load and one increment per match
/// instead of a walk of every value's postings.
///
/// Built from the document rows once per reader on first use (`IndexReader.keywordColumn`).
/// Names are what the keyword terms hold after their field prefix: a state lowercased (the
/// `state:` terms), a CIP code as stored (its `cip:` prefixes are `CIPCode.prefixes(of:)` of it);
/// string ids whose names are equal share one ordinal.
/// - Complexity: building is O(documents) hash probes on the rows' string ids plus one string
///   read per distinct id, and one pass for `totals`; `ordinal(_:)` is one load. Memory: 2
///   bytes per document.
public struct KeywordColumn: Sendable {
    /// The single-valued keyword fields a column can be built for.
    public enum Field: Sendable, Hashable {
        /// The institution's state, lowercased (the institution row's state string).
        case state
        /// The CIP code as stored (the document row's cip string).
        case cip
    }

    /// Per document, its value's index in `names`.
    @usableFromInline let ordinals: [UInt16]
    /// The distinct values, by ordinal.
    public let names: [String]
    /// Per ordinal, the documents holding it (over the whole index): a facet over most of the
    /// documents counts the few that do not match and subtracts.
    public let totals: [Int]

    /// The column of `field` over `reader`'s documents; `nil` when a row names a string or an
    /// institution that does not exist, or the field has more than 65,536 distinct values.
    /// A state is looked up once per institution row, then copied to its documents.
    init?(_ reader: IndexReader, _ field: Field) {
        let n = reader.documentCount
        var table = OrdinalTable(lowercasing: field == .state)
        var ordinals = [UInt16](repeating: 0, count: n)
        let complete: Bool = ordinals.withUnsafeMutableBufferPointer { out in
            switch field {
            case .state:
                let institutions = reader.institutionCount
                var ofInstitution = [UInt16](repeating: 0, count: institutions)
                for inst in 0 ..< institutions {
                    guard let o = table.ordinal(of: reader.rows.institutionField(inst, .state), reader) else { return false }
                    ofInstitution[inst] = o
                }
                return ofInstitution.withUnsafeBufferPointer { byInstitution in
                    for d in 0 ..< n {
                        let inst = Int(reader.rows.field(d, .institution))
                        guard inst < institutions else { return false }
                        out[d] = byInstitution[inst]
                    }
                    return true
                }
            case .cip:
                for d in 0 ..< n {
                    guard let o = table.ordinal(of: reader.rows.field(d, .cip), reader) else { return false }
                    out[d] = o
                }
                return true
            }
        }
        guard complete else { return nil }
        var totals = [Int](repeating: 0, count: table.names.count)
        for o in ordinals { totals[Int(o)] &+= 1 }
        self.ordinals = ordinals
        self.totals = totals
        names = table.names
    }

    /// String id → value ordinal while a column is built (`StringIDMap`); string ids whose
    /// names are equal (after lowercasing, for states) share an ordinal.
    private struct OrdinalTable {
        let lowercasing: Bool
        private var ordinalOfID = StringIDMap()
        private var ordinalOfName: [String: UInt16] = [:]
        private(set) var names: [String] = []

        init(lowercasing: Bool) { self.lowercasing = lowercasing }

        /// The ordinal of string `id`'s name; `nil` when the string cannot be read or a 65,537th
        /// name would be needed.
        @inline(__always)
        mutating func ordinal(of id: UInt32, _ reader: IndexReader) -> UInt16? {
            guard id != .max else { return nil }
            if let known = ordinalOfID.value(for: id) { return UInt16(truncatingIfNeeded: known) }
            return add(id, reader)
        }

        /// Reads the name of an id not seen before and gives it its ordinal.
        @inline(never)
        private mutating func add(_ id: UInt32, _ reader: IndexReader) -> UInt16? {
            guard let raw = reader.string(id) else { return nil }
            let name = lowercasing ? raw.lowercased() : raw
            let ordinal: UInt16
            if let known = ordinalOfName[name] {
                ordinal = known
            } else {
                guard names.count <= Int(UInt16.max) else { return nil }
                ordinal = UInt16(names.count)
                ordinalOfName[name] = ordinal
                names.append(name)
            }
            ordinalOfID.insert(id, value: UInt32(ordinal))
            return ordinal
        }
    }

    /// Calls `body` with the ordinals by document (each below `names.count`).
    @inlinable
    public func withOrdinals<R>(_ body: (UnsafeBufferPointer<UInt16>) throws -> R) rethrows -> R {
        try ordinals.withUnsafeBufferPointer(body)
    }

    /// The ordinal of document `doc`'s value; precondition: `doc < documentCount`.
    @inlinable @inline(__always)
    public func ordinal(_ doc: Int) -> Int { Int(ordinals[doc]) }
}

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
///   read per distinct id; `ordinal(_:)` is one load. Memory: 2 bytes per document.
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
                    guard let o = table.ordinal(of: reader.institutionField(inst, .state), reader) else { return false }
                    ofInstitution[inst] = o
                }
                return ofInstitution.withUnsafeBufferPointer { byInstitution in
                    for d in 0 ..< n {
                        let inst = Int(reader.documentField(d, .institution))
                        guard inst < institutions else { return false }
                        out[d] = byInstitution[inst]
                    }
                    return true
                }
            case .cip:
                for d in 0 ..< n {
                    guard let o = table.ordinal(of: reader.documentField(d, .cip), reader) else { return false }
                    out[d] = o
                }
                return true
            }
        }
        guard complete else { return nil }
        self.ordinals = ordinals
        names = table.names
    }

    /// String id → value ordinal while a column is built: open addressing with linear probing,
    /// at most half full, u32.max marking an empty slot (the string ids of short strings are
    /// below 2^31); string ids whose names are equal (after lowercasing, for states) share an
    /// ordinal.
    private struct OrdinalTable {
        let lowercasing: Bool
        private var keys = [UInt32](repeating: .max, count: 64)
        private var values = [UInt16](repeating: 0, count: 64)
        private var used = 0
        private var ordinalOfName: [String: UInt16] = [:]
        private(set) var names: [String] = []

        init(lowercasing: Bool) { self.lowercasing = lowercasing }

        private static func slot(_ id: UInt32, _ keys: [UInt32]) -> Int {
            let mask = keys.count - 1
            var s = Int(truncatingIfNeeded: (UInt64(id) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
            while keys[s] != .max && keys[s] != id { s = (s &+ 1) & mask }
            return s
        }

        /// The ordinal of string `id`'s name; `nil` when the string cannot be read or a 65,537th
        /// name would be needed.
        @inline(__always)
        mutating func ordinal(of id: UInt32, _ reader: IndexReader) -> UInt16? {
            guard id != .max else { return nil }
            if let known = known(id) { return known }
            return add(id, reader)
        }

        /// The ordinal of an id seen before: one probe sequence over the raw buffers.
        @inline(__always)
        private func known(_ id: UInt32) -> UInt16? {
            keys.withUnsafeBufferPointer { k in
                let mask = k.count - 1
                var s = Int(truncatingIfNeeded: (UInt64(id) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
                while k[s] != .max {
                    if k[s] == id { return values.withUnsafeBufferPointer { $0[s] } }
                    s = (s &+ 1) & mask
                }
                return nil
            }
        }

        /// Reads the name of an id not seen before and gives it its ordinal.
        @inline(never)
        private mutating func add(_ id: UInt32, _ reader: IndexReader) -> UInt16? {
            var s = Self.slot(id, keys)
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
            if 2 * (used + 1) > keys.count {
                // Grow and rehash, then find the id's slot in the larger table.
                let (oldKeys, oldValues) = (keys, values)
                keys = [UInt32](repeating: .max, count: 2 * oldKeys.count)
                values = [UInt16](repeating: 0, count: 2 * oldKeys.count)
                for (k, v) in zip(oldKeys, oldValues) where k != .max {
                    let t = Self.slot(k, keys)
                    keys[t] = k
                    values[t] = v
                }
                s = Self.slot(id, keys)
            }
            keys[s] = id
            values[s] = ordinal
            used += 1
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

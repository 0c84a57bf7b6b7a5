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
    init?(_ reader: IndexReader, _ field: Field) {
        let n = reader.documentCount
        // String id → ordinal, open addressing (at most half full); u32.max marks an empty slot
        // (string ids of short strings are below 2^31).
        var capacity = 64
        var keys = [UInt32](repeating: .max, count: capacity)
        var values = [UInt16](repeating: 0, count: capacity)
        var used = 0
        var ordinalOfName: [String: UInt16] = [:]
        var names: [String] = []
        var ordinals = [UInt16](repeating: 0, count: n)
        func slot(_ id: UInt32, _ keys: [UInt32]) -> Int {
            let mask = keys.count - 1
            var s = Int(truncatingIfNeeded: (UInt64(id) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
            while keys[s] != .max && keys[s] != id { s = (s &+ 1) & mask }
            return s
        }
        for d in 0 ..< n {
            let id: UInt32
            switch field {
            case .state:
                let inst = Int(reader.documentField(d, .institution))
                guard inst < reader.institutionCount else { return nil }
                id = reader.institutionField(inst, .state)
            case .cip:
                id = reader.documentField(d, .cip)
            }
            guard id != .max else { return nil }
            var s = slot(id, keys)
            if keys[s] == .max {
                guard let raw = reader.string(id) else { return nil }
                let name = field == .state ? raw.lowercased() : raw
                let ordinal: UInt16
                if let known = ordinalOfName[name] {
                    ordinal = known
                } else {
                    guard names.count <= Int(UInt16.max) else { return nil }
                    ordinal = UInt16(names.count)
                    ordinalOfName[name] = ordinal
                    names.append(name)
                }
                if 2 * (used + 1) > capacity {
                    // Grow and rehash, then find the id's slot in the larger table.
                    let (oldKeys, oldValues) = (keys, values)
                    capacity *= 2
                    keys = [UInt32](repeating: .max, count: capacity)
                    values = [UInt16](repeating: 0, count: capacity)
                    for (k, v) in zip(oldKeys, oldValues) where k != .max {
                        let t = slot(k, keys)
                        keys[t] = k
                        values[t] = v
                    }
                    s = slot(id, keys)
                }
                keys[s] = id
                values[s] = ordinal
                used += 1
            }
            ordinals[d] = values[s]
        }
        self.ordinals = ordinals
        self.names = names
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

/// A map from string ids (u32) to small u32 values, for the tables a reader builds once over
/// its rows (`InstitutionGroups`, `KeywordColumn`): open addressing with linear probing and a
/// multiplicative hash, at most half full, growing by doubling. u32.max marks an empty slot —
/// the string ids of short strings are below 2^31 — so it is never found.
/// - Complexity: `value(for:)` and `insert(_:value:)` expected O(1); 8 bytes per slot.
struct StringIDMap {
    private var keys: [UInt32]
    private var values: [UInt32]
    /// Ids inserted.
    private(set) var count = 0

    /// An empty map sized for `expected` ids without growing.
    init(expected: Int = 0) {
        var capacity = 16
        while capacity < 2 * expected { capacity <<= 1 }
        keys = [UInt32](repeating: .max, count: capacity)
        values = [UInt32](repeating: 0, count: capacity)
    }

    /// The slot of `id` in `keys`, or the empty slot where it would go.
    @inline(__always)
    private static func slot(_ id: UInt32, in keys: UnsafeBufferPointer<UInt32>) -> Int {
        let mask = keys.count - 1
        var s = Int(truncatingIfNeeded: (UInt64(id) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
        while keys[s] != .max && keys[s] != id { s = (s &+ 1) & mask }
        return s
    }

    /// The value inserted for `id`, or `nil`.
    @inline(__always)
    func value(for id: UInt32) -> UInt32? {
        keys.withUnsafeBufferPointer { k in
            let s = Self.slot(id, in: k)
            return k[s] == id && id != .max ? values.withUnsafeBufferPointer { $0[s] } : nil
        }
    }

    /// Sets `id`'s value (a new id, or a new value for one already there).
    mutating func insert(_ id: UInt32, value: UInt32) {
        growIfFull()
        if place(id, value) { count += 1 }
    }

    /// `id`'s value; when it has none, `newValue`, inserted — one probe sequence either way.
    mutating func value(for id: UInt32, insertingIfAbsent newValue: UInt32) -> UInt32 {
        growIfFull()
        let (value, inserted) = keys.withUnsafeMutableBufferPointer { k in
            values.withUnsafeMutableBufferPointer { v in
                let s = Self.slot(id, in: UnsafeBufferPointer(k))
                if k[s] == id && id != .max { return (v[s], false) }
                k[s] = id
                v[s] = newValue
                return (newValue, true)
            }
        }
        if inserted { count += 1 }
        return value
    }

    /// Doubles the table when one more id would make it more than half full.
    private mutating func growIfFull() {
        guard 2 * (count + 1) > keys.count else { return }
        let (oldKeys, oldValues) = (keys, values)
        keys = [UInt32](repeating: .max, count: 2 * oldKeys.count)
        values = [UInt32](repeating: 0, count: 2 * oldKeys.count)
        for (k, v) in zip(oldKeys, oldValues) where k != .max { place(k, v) }
    }

    /// Writes `id`'s slot; `true` when the id was not there before.
    @discardableResult
    private mutating func place(_ id: UInt32, _ value: UInt32) -> Bool {
        let s = keys.withUnsafeBufferPointer { Self.slot(id, in: $0) }
        let new = keys[s] != id
        keys[s] = id
        values[s] = value
        return new
    }
}

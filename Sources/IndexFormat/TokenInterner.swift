import Platform

/// Byte strings → dense ids `0 ..< count`, in order of first sight: the index writer's
/// per-thread vocabulary while it analyzes documents, before the ids are merged into the term
/// table (`DocumentTokens`), and its pool of short strings (`StringPool`, STRINGS).
///
/// Open addressing with linear probing over a power-of-two slot array, never more than half
/// full; keys live back to back in one byte arena, so a lookup hashes and compares bytes and
/// makes no `String` (`ByteHash.words`: the keys are short strings the corpus chose, not an
/// adversary's).
///
/// - Complexity: `id(of:)` is O(token length) expected; memory is the keys' bytes plus 12 bytes
///   per key and 8 per slot.
struct TokenInterner {
    /// Slot → id + 1 (0 = empty).
    private var slots: [Int32]
    /// Per id: the hash of its key (to skip most byte comparisons and to rehash).
    private var hashes: [UInt64] = []
    /// Per id: the end of its key in `arena`; the start is the previous id's end (0 for id 0).
    private var ends: [UInt32] = []
    /// Every key's bytes, back to back, in id order.
    private var arena: [UInt8] = []

    init(expectedKeys: Int = 1024) {
        var capacity = 16
        while capacity < expectedKeys * 2 { capacity <<= 1 }
        slots = [Int32](repeating: 0, count: capacity)
    }

    /// How many distinct keys were interned.
    var count: Int { ends.count }

    /// Every key's bytes, back to back, in id order.
    var keyBytes: [UInt8] { arena }
    /// Per id, the end of its key in `keyBytes` (its start is the previous id's end, 0 for id 0).
    var keyEnds: [UInt32] { ends }

    /// The bytes of the key with id `id`.
    func key(_ id: Int) -> ArraySlice<UInt8> {
        arena[(id == 0 ? 0 : Int(ends[id - 1])) ..< Int(ends[id])]
    }

    /// The key with id `id` as a `String` (keys are analyzer tokens, ASCII).
    func string(_ id: Int) -> String { String(decoding: key(id), as: UTF8.self) }

    /// The id of `token`, adding it when new.
    mutating func id(of token: [UInt8]) -> Int32 {
        token.withUnsafeBufferPointer { id(of: $0) }
    }

    /// The id of `token`, adding it when new.
    mutating func id(of token: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = Self.hash(token)
        let (found, slot) = probe(token, hash: hash)
        if let found { return found }
        let id = ends.count
        arena.append(contentsOf: token)
        ends.append(UInt32(arena.count))
        hashes.append(hash)
        // Growing places every id, this one too; otherwise it takes the empty slot found.
        if (id + 1) * 2 > slots.count { grow() } else { slots[slot] = Int32(id + 1) }
        return Int32(id)
    }

    /// The id of `token` when it was interned, without adding it.
    func existingID(of token: UnsafeBufferPointer<UInt8>) -> Int32? {
        probe(token, hash: Self.hash(token)).found
    }

    /// `token`'s id, or the empty slot it would take. The probe reads the tables through
    /// buffers (no bounds or uniqueness checks per step).
    @inline(__always)
    private func probe(_ token: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (found: Int32?, slot: Int) {
        let mask = slots.count - 1
        return slots.withUnsafeBufferPointer { slots in
            hashes.withUnsafeBufferPointer { hashes in
                ends.withUnsafeBufferPointer { ends in
                    arena.withUnsafeBufferPointer { arena -> (Int32?, Int) in
                        var slot = Int(truncatingIfNeeded: hash) & mask
                        while true {
                            let entry = Int(slots[slot])
                            if entry == 0 { return (nil, slot) }
                            let id = entry &- 1
                            if hashes[id] == hash {
                                let start = id == 0 ? 0 : Int(ends[id &- 1]), end = Int(ends[id])
                                let key = UnsafeBufferPointer(rebasing: arena[start ..< end])
                                if ByteComparison.equal(UnsafeRawBufferPointer(key), UnsafeRawBufferPointer(token)) { return (Int32(id), slot) }
                            }
                            slot = (slot &+ 1) & mask
                        }
                    }
                }
            }
        }
    }

    /// Doubles the slot array and reinserts every id by its stored hash.
    private mutating func grow() {
        let capacity = slots.count * 2
        slots = [Int32](repeating: 0, count: capacity)
        let mask = capacity - 1
        for id in 0 ..< hashes.count {
            var slot = Int(truncatingIfNeeded: hashes[id]) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id + 1)
        }
    }

    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 { ByteHash.words(UnsafeRawBufferPointer(bytes)) }
}

/// Little-endian serializer for the index file's fixed-width fields.
public struct ByteWriter {
    public var bytes: [UInt8] = []

    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    public var count: Int { bytes.count }

    public mutating func u8(_ v: UInt8) { bytes.append(v) }
    public mutating func u16(_ v: UInt16) { littleEndian(v) }
    public mutating func u32(_ v: UInt32) { littleEndian(v) }
    public mutating func u64(_ v: UInt64) { littleEndian(v) }

    /// Appends `v`'s bytes, least significant first, one `append` each: the compiler unrolls
    /// the loop into a few stores, where `append(contentsOf:)` of the value's bytes goes
    /// through the generic sequence path (about a hundred instructions a field; the row loop
    /// writes millions of fields).
    @inline(__always)
    private mutating func littleEndian<T: FixedWidthInteger>(_ v: T) {
        for k in 0 ..< MemoryLayout<T>.size { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * k))) }
    }
    public mutating func f64(_ v: Double) { u64(v.bitPattern) }
    /// Appends each of `values` as `u64` does, as one copy (bitmaps: thousands of words).
    public mutating func u64s(_ values: [UInt64]) {
        #if _endian(little)
        guard !values.isEmpty else { return }
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: values.count * 8))
        bytes.withUnsafeMutableBytes { out in
            values.withUnsafeBytes { out.baseAddress!.advanced(by: start).copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        }
        #else
        for v in values { u64(v) }
        #endif
    }
    public mutating func raw(_ b: [UInt8]) { bytes.append(contentsOf: b) }
    public mutating func raw(_ b: ArraySlice<UInt8>) { bytes.append(contentsOf: b) }
    public mutating func varint(_ v: UInt32) { VarInt.append(v, to: &bytes) }

    /// Pads with zeros to a multiple of `alignment`.
    public mutating func align(_ alignment: Int) {
        while bytes.count % alignment != 0 { bytes.append(0) }
    }

    /// Pads with zeros up to byte `offset` (nothing when already there), so the next field is
    /// written at the offset `IndexLayout` names for it. Precondition: `count <= offset`: what
    /// was written before does not run into the field.
    public mutating func pad(to offset: Int) {
        precondition(bytes.count <= offset, "field at \(offset) overlaps the \(bytes.count) bytes before it")
        while bytes.count < offset { bytes.append(0) }
    }

    /// Writes a field at byte `offset` (`pad(to:)` first).
    public mutating func u8(_ v: UInt8, at offset: Int) { pad(to: offset); u8(v) }
    public mutating func u16(_ v: UInt16, at offset: Int) { pad(to: offset); u16(v) }
    public mutating func u32(_ v: UInt32, at offset: Int) { pad(to: offset); u32(v) }
    public mutating func u64(_ v: UInt64, at offset: Int) { pad(to: offset); u64(v) }
    public mutating func f64(_ v: Double, at offset: Int) { pad(to: offset); f64(v) }

    /// The 8-byte header STRINGS, TERMS, CELLS, ZIPS, TABLES, FIELDPEAKS and BLOCKSUMS
    /// start with: Count u32, pad u32 (`IndexLayout.countedHeaderSize`). Precondition: nothing
    /// written yet.
    public mutating func countedHeader(_ count: UInt32) {
        precondition(bytes.isEmpty)
        u32(count, at: IndexLayout.CountedHeaderField.count.rawValue)
        pad(to: IndexLayout.countedHeaderSize)
    }

}

/// Bounds-checked little-endian reads from a region of the mapped file. Every read checks
/// `offset + width <= count` and returns `nil` instead of reading outside the region.
public struct ByteRegion: @unchecked Sendable {
    public let base: UnsafeRawPointer
    public let count: Int

    public init(base: UnsafeRawPointer, count: Int) {
        self.base = base
        self.count = count
    }

    @inlinable public func u8(_ o: Int) -> UInt8? { o >= 0 && o < count ? base.load(fromByteOffset: o, as: UInt8.self) : nil }
    @inlinable public func u16(_ o: Int) -> UInt16? { o >= 0 && o <= count - 2 ? UInt16(littleEndian: base.loadUnaligned(fromByteOffset: o, as: UInt16.self)) : nil }
    @inlinable public func u32(_ o: Int) -> UInt32? { o >= 0 && o <= count - 4 ? UInt32(littleEndian: base.loadUnaligned(fromByteOffset: o, as: UInt32.self)) : nil }
    @inlinable public func u64(_ o: Int) -> UInt64? { o >= 0 && o <= count - 8 ? UInt64(littleEndian: base.loadUnaligned(fromByteOffset: o, as: UInt64.self)) : nil }
    @inlinable public func f64(_ o: Int) -> Double? { u64(o).map { Double(bitPattern: $0) } }

    /// Unchecked reads for hot paths whose bounds were validated up front.
    @inlinable public func u32Unchecked(_ o: Int) -> UInt32 { UInt32(littleEndian: base.loadUnaligned(fromByteOffset: o, as: UInt32.self)) }
    @inlinable public func u64Unchecked(_ o: Int) -> UInt64 { UInt64(littleEndian: base.loadUnaligned(fromByteOffset: o, as: UInt64.self)) }
    @inlinable public func f64Unchecked(_ o: Int) -> Double { Double(bitPattern: UInt64(littleEndian: base.loadUnaligned(fromByteOffset: o, as: UInt64.self))) }

    /// The sub-region `[offset, offset + length)`, or `nil` when it does not fit.
    public func slice(_ offset: Int, _ length: Int) -> ByteRegion? {
        guard offset >= 0, length >= 0, offset <= count, length <= count - offset else { return nil }
        return ByteRegion(base: base + offset, count: length)
    }

    /// Copies `[offset, offset + length)` out as bytes, or `nil` when it does not fit.
    public func bytes(_ offset: Int, _ length: Int) -> [UInt8]? {
        guard let s = slice(offset, length) else { return nil }
        return Array(UnsafeRawBufferPointer(start: s.base, count: s.count))
    }

    public func crc32() -> UInt32 { CRC32.checksum(base, count: count) }
}

/// Per-document numbers stored as bit-packed columns (DOCUMENTS, RANKS, RANKED, DETAILS,
/// FIELDLENGTHS; `Index/FORMAT.md`, "Packed columns"): tantivy's fast fields and Lucene's
/// `DirectWriter`, one frame of reference and one bit width per column.
///
/// A section of packed columns is
/// ```
/// ColumnCount u32, RowCount u32,
/// Column[ColumnCount] = (DataOffset u32, Width u8, pad u8 ×3, Base u32, pad u32)
/// then each column's data: ⌈RowCount · Width / 8⌉ bytes, zero bytes to the next multiple
/// of 8, and `IndexLayout.packedColumnSlack` more zero bytes (DataOffset 8-aligned, from the
/// section's start, columns in order, nothing between them)
/// ```
/// Row r's value is `Base &+ bits(r·Width ..< (r+1)·Width)` of the column's little-endian bit
/// stream (bit k of the stream is bit `k % 8` of byte `k / 8`), the sum wrapping modulo 2³².
/// Width 0 (every row `Base`) takes no data bytes but the slack. The wrap lets a column whose
/// values cluster at both ends of the u32 range — DETAILS numbers with `detailUnknown`
/// (`UInt32.max`) among small counts — store `value + 1` in a few bits.
///
/// The slack makes every read one unaligned 8-byte load, a shift and a mask (`PackedColumn`),
/// never outside the column: a value's bits start in the byte `r·Width / 8` at a shift of at
/// most 7, and 7 + 32 bits lie within the 8 bytes loaded.
public enum PackedColumns {
    /// The base and width that store `values` in the fewest bits: the plain frame of reference
    /// (base the smallest value), or, when the values sit in two clusters across the top of the
    /// u32 range, a base in the upper cluster and offsets wrapping past `UInt32.max`. O(n).
    public static func frame(of values: UnsafeBufferPointer<UInt32>) -> (base: UInt32, width: Int) {
        guard let first = values.first else { return (0, 0) }
        var low = first, high = first
        // The lower cluster's largest value and the upper cluster's smallest (the halves of the range).
        var lowerMax: UInt32? = nil, upperMin: UInt32? = nil
        for v in values {
            low = min(low, v); high = max(high, v)
            if v < 1 << 31 { lowerMax = max(lowerMax ?? v, v) } else { upperMin = min(upperMin ?? v, v) }
        }
        var best = (base: low, width: BitPacking.width(ofLargest: high &- low))
        if let lowerMax, let upperMin {
            let width = BitPacking.width(ofLargest: lowerMax &- upperMin) // wraps: the span from upperMin up through 0 to lowerMax
            if width < best.width { best = (upperMin, width) }
        }
        return best
    }

    /// Bytes of one column's data at `width` for `rows` rows: the packed bits rounded up to 8
    /// bytes, then the slack.
    public static func dataSize(rows: Int, width: Int) -> Int {
        (rows * width + 63) / 64 * 8 + IndexLayout.packedColumnSlack
    }

    /// The section holding `columns`, each of `rowCount` values, each at its own `frame`.
    /// O(rows × columns).
    public static func encode(_ columns: [[UInt32]], rowCount: Int) -> [UInt8] {
        precondition(columns.allSatisfy { $0.count == rowCount })
        let values = Values(columns: columns.count, rows: rowCount)
        for (c, column) in columns.enumerated() { for (r, v) in column.enumerated() { values[c, r] = v } }
        return values.encoded()
    }

    /// A writer's values of a packed-column section, `columns` × `rows`, set in place
    /// (`values[column, row] = v`, O(1), no array growth or copy-on-write checks per value), then
    /// `encoded()`. Unset values are 0.
    ///
    /// Each column is held at the fewest whole bytes its values so far need: none while its
    /// rows, set in order from row 0, all have one value (`constants`; the rows not yet set are
    /// 0), then 1, 2 or 4 bytes a value, widened (one O(rows) copy) when a value does not fit.
    /// The rows step, where these are filled, was the build's peak: at 10M generated records
    /// (DETAILS all unknown there, so no bytes) the peak fell from 3,971,868 to 3,582,316 kB.
    public final class Values {
        let columns: Int
        let rows: Int
        // Per-column state in raw memory behind `let`s, so the setter (12 calls a record) pays
        // no exclusivity check.
        /// Per column, bytes a value: 0 (rows `0 ..< prefixes[c]` are `constants[c]`, the rest
        /// 0), 1, 2 or 4.
        private let widths: UnsafeMutablePointer<Int>
        /// Per column at width 0, the value of its first `prefixes[c]` rows.
        private let constants: UnsafeMutablePointer<UInt32>
        /// Per column at width 0, how many rows from row 0 were set (to `constants[c]`).
        private let prefixes: UnsafeMutablePointer<Int>
        /// Per column, `rows × widths[c]` bytes (nil at width 0).
        private let storage: UnsafeMutablePointer<UnsafeMutableRawPointer?>
        /// `column(_:)`'s values as u32, reused from column to column.
        private var scratch: UnsafeMutablePointer<UInt32>?

        public init(columns: Int, rows: Int) {
            precondition(columns >= 0 && rows >= 0 && rows < Int(UInt32.max))
            self.columns = columns
            self.rows = rows
            widths = .allocate(capacity: max(1, columns))
            widths.initialize(repeating: 0, count: max(1, columns))
            constants = .allocate(capacity: max(1, columns))
            constants.initialize(repeating: 0, count: max(1, columns))
            prefixes = .allocate(capacity: max(1, columns))
            prefixes.initialize(repeating: 0, count: max(1, columns))
            storage = .allocate(capacity: max(1, columns))
            storage.initialize(repeating: nil, count: max(1, columns))
        }

        deinit {
            for c in 0 ..< columns { storage[c]?.deallocate() }
            widths.deallocate()
            constants.deallocate()
            prefixes.deallocate()
            storage.deallocate()
            scratch?.deallocate()
        }

        /// Bytes a value needs to hold `v`: 1, 2 or 4.
        @inline(__always)
        static func bytesNeeded(_ v: UInt32) -> Int { v <= 0xFF ? 1 : v <= 0xFFFF ? 2 : 4 }

        @inline(__always)
        private static func load(_ p: UnsafeMutableRawPointer, width: Int, row: Int) -> UInt32 {
            switch width {
            case 1: UInt32(p.load(fromByteOffset: row, as: UInt8.self))
            case 2: UInt32(p.load(fromByteOffset: row &* 2, as: UInt16.self))
            default: p.load(fromByteOffset: row &* 4, as: UInt32.self)
            }
        }

        /// Stores `v`, which fits `width`.
        @inline(__always)
        private static func store(_ v: UInt32, _ p: UnsafeMutableRawPointer, width: Int, row: Int) {
            switch width {
            case 1: p.storeBytes(of: UInt8(truncatingIfNeeded: v), toByteOffset: row, as: UInt8.self)
            case 2: p.storeBytes(of: UInt16(truncatingIfNeeded: v), toByteOffset: row &* 2, as: UInt16.self)
            default: p.storeBytes(of: v, toByteOffset: row &* 4, as: UInt32.self)
            }
        }

        /// Column `c` rewritten at `width` bytes a value (wider than now), every value kept.
        private func widen(_ c: Int, to width: Int) {
            let new = UnsafeMutableRawPointer.allocate(byteCount: max(1, rows * width), alignment: 4)
            if let old = storage[c] {
                let from = widths[c]
                for r in 0 ..< rows { Self.store(Self.load(old, width: from, row: r), new, width: width, row: r) }
                old.deallocate()
            } else {
                let k = prefixes[c]
                for r in 0 ..< rows { Self.store(r < k ? constants[c] : 0, new, width: width, row: r) }
            }
            storage[c] = new
            widths[c] = width
        }

        /// Row `row` of column `column`. Preconditions: both in range (checked in debug builds).
        @inline(__always)
        public subscript(column: Int, row: Int) -> UInt32 {
            get {
                assert(column < columns && row < rows)
                let w = widths[column]
                if w == 0 { return row < prefixes[column] ? constants[column] : 0 }
                return Self.load(storage[column]!, width: w, row: row)
            }
            set {
                assert(column < columns && row < rows)
                var w = widths[column]
                if w == 0 {
                    let k = prefixes[column]
                    if row == k && (k == 0 || newValue == constants[column]) { // the next row, in order
                        constants[column] = newValue
                        prefixes[column] = k + 1
                        return
                    }
                    if newValue == (row < k ? constants[column] : 0) { return } // unchanged
                    widen(column, to: max(k > 0 ? Self.bytesNeeded(constants[column]) : 1, Self.bytesNeeded(newValue)))
                    w = widths[column]
                } else if Self.bytesNeeded(newValue) > w {
                    widen(column, to: Self.bytesNeeded(newValue))
                    w = widths[column]
                }
                Self.store(newValue, storage[column]!, width: w, row: row)
            }
        }

        /// Bytes a value column `column` takes now: 0, 1, 2 or 4.
        func width(_ column: Int) -> Int { widths[column] }

        /// Column `column`'s values, valid until the next call.
        func column(_ column: Int) -> UnsafeBufferPointer<UInt32> {
            if scratch == nil { scratch = .allocate(capacity: max(1, rows)) }
            let out = scratch!
            switch widths[column] {
            case 0:
                let k = prefixes[column]
                out.initialize(repeating: constants[column], count: k)
                (out + k).initialize(repeating: 0, count: rows - k)
            case 4: out.initialize(from: storage[column]!.assumingMemoryBound(to: UInt32.self), count: rows)
            default:
                let p = storage[column]!, w = widths[column]
                for r in 0 ..< rows { out[r] = Self.load(p, width: w, row: r) }
            }
            return UnsafeBufferPointer(start: out, count: rows)
        }

        /// The section (`PackedColumns`). O(rows × columns); memory 4 bytes a row more, for the
        /// column being encoded.
        public func encoded() -> [UInt8] { PackedColumns.encode(columnCount: columns, rowCount: rows, column: column) }
    }

    /// The section of `columnCount` columns of `rowCount` values each, `column(i)` giving column
    /// i's values (each buffer is used up before the next call). O(rows × columns).
    static func encode(columnCount: Int, rowCount: Int, column: (Int) -> UnsafeBufferPointer<UInt32>) -> [UInt8] {
        var out = ByteWriter(capacity: IndexLayout.packedColumnDataOffset(columns: columnCount))
        out.u32(UInt32(columnCount))
        out.u32(UInt32(rowCount))
        var frames: [(base: UInt32, width: Int)] = []
        var dataOffset = IndexLayout.packedColumnDataOffset(columns: columnCount)
        for c in 0 ..< columnCount {
            let f = frame(of: column(c))
            frames.append(f)
            typealias Field = IndexLayout.PackedColumnField
            let e = out.count
            out.u32(UInt32(dataOffset), at: e + Field.dataOffset.rawValue)
            out.u8(UInt8(f.width), at: e + Field.width.rawValue)
            out.u32(f.base, at: e + Field.base.rawValue)
            out.pad(to: e + IndexLayout.packedColumnEntrySize)
            dataOffset += dataSize(rows: rowCount, width: f.width)
        }
        var bytes = out.bytes
        bytes.reserveCapacity(dataOffset)
        for (c, f) in frames.enumerated() {
            let start = bytes.count
            var pending: UInt64 = 0, pendingBits = 0
            for v in column(c) {
                let offset = UInt64(v &- f.base)
                pending |= offset << UInt64(pendingBits)
                pendingBits += f.width
                while pendingBits >= 8 {
                    bytes.append(UInt8(truncatingIfNeeded: pending))
                    pending >>= 8
                    pendingBits -= 8
                }
            }
            if pendingBits > 0 { bytes.append(UInt8(truncatingIfNeeded: pending)) }
            bytes.append(contentsOf: repeatElement(0, count: start + dataSize(rows: rowCount, width: f.width) - bytes.count))
        }
        precondition(bytes.count == dataOffset)
        return bytes
    }

    /// The `expectedColumns` columns of the packed-column section `region` for `rowCount` rows, or
    /// the reason the section is not one: a count that differs, a width above 32, data that is
    /// not 8-aligned, not in column order, or does not fill the section exactly. Values are not
    /// checked (any bits are some u32). O(columns).
    public static func columns(in region: ByteRegion, expectedColumns: Int, rowCount: Int) -> Result<[PackedColumn], ColumnsProblem> {
        guard region.count >= IndexLayout.packedColumnDataOffset(columns: 0),
              let count = region.u32(IndexLayout.PackedColumnsHeaderField.columnCount.rawValue),
              let rows = region.u32(IndexLayout.PackedColumnsHeaderField.rowCount.rawValue) else {
            return .failure(.init("header does not fit"))
        }
        guard Int(count) == expectedColumns else { return .failure(.init("\(count) columns, expected \(expectedColumns)")) }
        guard Int(rows) == rowCount else { return .failure(.init("\(rows) rows, expected \(rowCount) from the counts in META")) }
        var expectedOffset = IndexLayout.packedColumnDataOffset(columns: expectedColumns)
        guard region.count >= expectedOffset else { return .failure(.init("column table does not fit")) }
        var result: [PackedColumn] = []
        for i in 0 ..< expectedColumns {
            typealias Field = IndexLayout.PackedColumnField
            let e = IndexLayout.packedColumnEntryOffset(i)
            let offset = Int(region.u32Unchecked(e + Field.dataOffset.rawValue))
            let width = Int(region.u8(e + Field.width.rawValue)!)
            let base = region.u32Unchecked(e + Field.base.rawValue)
            guard width <= 32 else { return .failure(.init("column \(i) has width \(width), more than 32")) }
            guard offset == expectedOffset else { return .failure(.init("column \(i) data at \(offset), expected \(expectedOffset)")) }
            expectedOffset += dataSize(rows: rowCount, width: width)
            guard expectedOffset <= region.count else { return .failure(.init("column \(i) data runs past the section's end")) }
            result.append(PackedColumn(data: region.base + offset, sectionOffset: offset, width: width, base: base))
        }
        guard expectedOffset == region.count else { return .failure(.init("length \(region.count), the columns take \(expectedOffset)")) }
        return .success(result)
    }

    /// Where a packed-column section `region` (already accepted by `columns(in:…)`) is not in
    /// its one canonical form: nonzero entry padding, or nonzero bits past the last row's value
    /// or in the slack. What `IndexChecker` reports; a reader never reads those bits. O(bytes).
    public static func paddingProblems(in region: ByteRegion, columns: [PackedColumn], rowCount: Int) -> [String] {
        var problems: [String] = []
        for (i, column) in columns.enumerated() {
            let e = IndexLayout.packedColumnEntryOffset(i)
            typealias Field = IndexLayout.PackedColumnField
            if region.u8(e + Field.width.rawValue + 1)! != 0 || region.u16(e + Field.width.rawValue + 2)! != 0
                || region.u32(e + Field.base.rawValue + 4)! != 0 {
                problems.append("column \(i) entry padding is not zero")
            }
            let usedBits = rowCount * column.width
            let end = column.sectionOffset + dataSize(rows: rowCount, width: column.width)
            var clean = true
            if usedBits % 8 != 0, region.u8(column.sectionOffset + usedBits / 8)! >> UInt8(usedBits % 8) != 0 { clean = false }
            for o in column.sectionOffset + (usedBits + 7) / 8 ..< end where region.u8(o)! != 0 { clean = false; break }
            if !clean { problems.append("column \(i) has nonzero bits past its last row") }
        }
        return problems
    }

    /// Why a section is not a packed-column section (`columns(in:…)`).
    public struct ColumnsProblem: Error, Sendable {
        public let detail: String
        init(_ detail: String) { self.detail = detail }
    }
}

/// One bit-packed column of an open index (`PackedColumns`): row r's value in O(1), one
/// unaligned 8-byte load. Valid while the mapping it points into is.
public struct PackedColumn: @unchecked Sendable {
    @usableFromInline let data: UnsafeRawPointer
    /// The column's data offset from its section's start (where `byteOffset(row:)` counts from).
    public let sectionOffset: Int
    /// Bits per value, 0–32.
    public let width: Int
    @usableFromInline let mask: UInt64
    /// Added (modulo 2³²) to every stored value.
    public let base: UInt32

    init(data: UnsafeRawPointer, sectionOffset: Int, width: Int, base: UInt32) {
        self.data = data
        self.sectionOffset = sectionOffset
        self.width = width
        mask = (1 << UInt64(width)) &- 1
        self.base = base
    }

    /// Row `row`'s value. Precondition: `row` below the section's RowCount.
    @inlinable @inline(__always)
    public func value(_ row: Int) -> UInt32 {
        let bit = row &* width
        let word = UInt64(littleEndian: data.loadUnaligned(fromByteOffset: bit >> 3, as: UInt64.self))
        return base &+ UInt32(truncatingIfNeeded: (word >> UInt64(bit & 7)) & mask)
    }

    /// The byte offset in the section of the 8 bytes `value(row)` loads (what block checks cover).
    public func byteOffset(row: Int) -> Int { sectionOffset + (row * width) >> 3 }
}

extension IndexReader {
    /// The key of TERMS entry `i` as bytes inside the mapped file (no copy, no decoding), or
    /// `nil` when `i` is out of 0 ..< termCount or the key does not fit the section. The bytes
    /// stay valid while the reader lives. Dictionary walks compare and step through keys with it.
    /// - Complexity: O(1).
    public func termKeyBytes(at i: Int) -> UnsafeRawBufferPointer? {
        guard i >= 0, i < termCount, let key = termKey(i) else { return nil }
        return UnsafeRawBufferPointer(start: key.base, count: key.count)
    }
}

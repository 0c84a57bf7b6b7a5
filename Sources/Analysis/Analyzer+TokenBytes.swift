extension Analyzer {
    /// True for the bytes a token is made of, `[a-z0-9]` (`isToken` is: non-empty, all such
    /// bytes). Term dictionary walks use it to tell text terms from field and keyword terms,
    /// whose keys hold ':' (and keyword values '.', as in `cip:51.07`).
    /// - Complexity: O(1).
    @inlinable
    public static func isTokenByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
    }
}

/// Why `ProgramIndex` could not do what was asked. `description` is one line naming the file or
/// value and the fix.
public enum ProgramIndexError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The index file could not be opened, read or written.
    case index(IndexFormatError)
    /// The search request was invalid, or the index was found damaged while searching.
    case search(SearchError)

    /// One line: what went wrong and what to do.
    public var description: String {
        switch self {
        case let .index(e): e.description
        case let .search(e): e.description
        }
    }
}

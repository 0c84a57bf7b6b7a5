/// The release number `schoolfinder --version` prints (semantic versioning). The one place it is
/// written; the index file's format version is separate (`IndexLayout.formatVersion`).
public enum SchoolFinderVersion {
    /// "MAJOR.MINOR.PATCH".
    public static let current = "0.1.0"
}

/// The exit statuses every `--help` documents, and the only ones the CLI returns.
enum ExitStatus {
    static let help = """
        EXIT STATUS:
          0  success, including a search with no matches
          1  `check` found the index file damaged
          2  usage or input error (bad option or value, unreadable file, unusable index)

        """
}

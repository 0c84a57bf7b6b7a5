/// A usage error: one line naming the bad value and the fix. The CLI prints it as
/// `error: <message>` and exits 2; a batch line answers with it as its `error`.
public struct UsageError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The line, without "error: ".
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

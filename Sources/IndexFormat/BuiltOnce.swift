import Synchronization

/// A value an open `IndexReader` builds on first use — a parsed table, a column over every
/// document — once, whichever thread asks first (the others wait for it), then shares.
/// Opening stays O(1): nothing is built until asked for.
final class BuiltOnce<Value: Sendable>: Sendable {
    private let cell = Mutex<Value?>(nil)

    /// The value, built by `build` on the first call.
    func value(_ build: () -> Value) -> Value {
        cell.withLock { cached in
            if let cached { return cached }
            let built = build()
            cached = built
            return built
        }
    }

    /// The value if built; else, with `building`, built now by `build`; else `nil`.
    func value(building: Bool, _ build: () -> Value) -> Value? {
        cell.withLock { cached in
            if let cached { return cached }
            guard building else { return nil }
            let built = build()
            cached = built
            return built
        }
    }

    /// Whether the value has been built.
    var isBuilt: Bool { cell.withLock { $0 != nil } }
}

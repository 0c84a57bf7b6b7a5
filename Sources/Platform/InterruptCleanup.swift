#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Files to remove when the process is interrupted (SIGINT, SIGTERM, SIGHUP): the temporary
/// file of an index being written, which a Ctrl-C would otherwise leave until the next build's
/// sweep. A writer registers its file (`register`) and unregisters it once renamed or removed;
/// a command-line tool calls `installHandlers` once. Without the handlers, registering does
/// nothing visible, so a library may register whatever its host does.
///
/// The handler only calls `unlink` on the registered paths (async-signal-safe), then restores
/// the signal's default action and raises it again, so the process ends as interrupted (exit
/// status 128 + the signal in a shell). Paths live in `capacity` fixed slots of C strings that
/// are never freed (a cleared slot's string leaks, about a path's length per index built), so
/// a handler running on another thread never reads freed memory. SIGKILL cannot be caught: its
/// leftovers are for the sweep.
public enum InterruptCleanup {
    /// Registered paths at once; more are not registered (`register` returns `nil`).
    public static let capacity = 16

    /// The slots: a C string, or nil. Written by registering threads (under `lock`), read by
    /// the handler (word-sized pointer loads).
    nonisolated(unsafe) private static let slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let p = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        p.initialize(repeating: nil, count: capacity)
        return p
    }()
    nonisolated(unsafe) private static var lock = pthread_mutex_t()
    nonisolated(unsafe) private static var installed = false

    /// Registers `path` for removal on interruption; returns its slot for `unregister`, or
    /// `nil` when every slot is taken.
    public static func register(_ path: String) -> Int? {
        let copy = strdup(path)
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        for i in 0 ..< capacity where slots[i] == nil {
            slots[i] = copy
            return i
        }
        free(copy)
        return nil
    }

    /// Forgets the path in `slot` (it was renamed or removed); its string is not freed (see
    /// the type's comment).
    public static func unregister(_ slot: Int) {
        pthread_mutex_lock(&lock)
        slots[slot] = nil
        pthread_mutex_unlock(&lock)
    }

    /// The paths registered now (for tests and diagnostics).
    public static var registered: [String] {
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        return (0 ..< capacity).compactMap { slots[$0].map { String(cString: $0) } }
    }

    /// Installs the handler for SIGINT, SIGTERM and SIGHUP (once; later calls do nothing),
    /// but not for a signal the process was started ignoring (a background job's SIGINT: it
    /// stays ignored), and unblocks them on the calling thread, so they are taken there even
    /// when the process was started with them blocked.
    public static func installHandlers() {
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        guard !installed else { return }
        installed = true
        _ = slots // made before any signal can ask for them
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            var current = sigaction()
            sigaction(signal, nil, &current)
            #if canImport(Glibc)
            let ignored = unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
            #else
            let ignored = unsafeBitCast(current.__sigaction_u.__sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
            #endif
            if ignored { continue }
            sigaddset(&unblocked, signal)
            var action = sigaction()
            #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = interrupted
            #else
            action.__sigaction_u.__sa_handler = interrupted
            #endif
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(signal, &action, nil)
        }
        pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
    }

    /// The handler: removes every registered path, then dies of the signal as it would have.
    private static let interrupted: @convention(c) (Int32) -> Void = { signal in
        for i in 0 ..< InterruptCleanup.capacity {
            if let path = InterruptCleanup.slots[i] { unlink(path) }
        }
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = SIG_DFL
        #else
        action.__sigaction_u.__sa_handler = SIG_DFL
        #endif
        sigemptyset(&action.sa_mask)
        sigaction(signal, &action, nil)
        raise(signal)
    }
}

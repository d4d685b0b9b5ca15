import Foundation

/// How a child process ended: its exit code, or the signal that killed it.
public struct ChildExit: Sendable, Equatable {
    /// The exit code, or the signal number when `killedBySignal`.
    public let status: Int32
    public let killedBySignal: Bool

    public init(status: Int32, killedBySignal: Bool) {
        self.status = status
        self.killedBySignal = killedBySignal
    }
}

extension Process {
    /// Waits for the child to end and says how.
    ///
    /// Foundation's `waitUntilExit()` on Linux relies on its own exit monitor, which was seen to miss a
    /// child killed around the moment it started, leaving the caller blocked forever on a zombie. This
    /// polls both Foundation's view and `waitpid(WNOHANG)`, and returns as soon as either sees the end.
    public func waitForExit() -> ChildExit {
        let pid = processIdentifier
        while true {
            if !isRunning {
                return ChildExit(status: terminationStatus, killedBySignal: terminationReason == .uncaughtSignal)
            }
            var raw: Int32 = 0
            if waitpid(pid, &raw, WNOHANG) == pid {
                // The wait status: the signal in the low 7 bits, else the exit code in bits 8–15.
                let signal = raw & 0x7F
                return signal == 0
                    ? ChildExit(status: (raw >> 8) & 0xFF, killedBySignal: false)
                    : ChildExit(status: signal, killedBySignal: true)
            }
            // Not yet, or Foundation reaped it first (ECHILD): its `isRunning` turns false next.
            usleep(2_000)
        }
    }
}

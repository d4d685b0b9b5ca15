import Foundation

/// Progress and messages for a person at a terminal, or log lines for a batch job.
struct Terminal: Sendable {
    let interactive: Bool
    let quiet: Bool

    init(quiet: Bool) {
        self.quiet = quiet
        interactive = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["CI"] == nil
    }

    /// A progress bar on a terminal; a log line every tenth otherwise.
    func progress(_ label: String, done: Int, total: Int) {
        guard !quiet, total > 0 else { return }
        if interactive {
            let width = 30
            let filled = done * width / total
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
            FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(done)/\(total)".utf8))
            if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
        } else if done == total || done % max(1, total / 10) == 0 {
            FileHandle.standardError.write(Data("\(label): \(done)/\(total)\n".utf8))
        }
    }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    }
}

import Foundation
import ScenarioSchema
import Studies

/// Progress and messages for a person at a terminal, or periodic log lines for a batch job.
/// Errors and progress go to stderr; data goes to files and stdout.
struct Terminal: Sendable {
    let interactive: Bool
    let quiet: Bool
    private let clock = LogClock()

    init(quiet: Bool) {
        self.quiet = quiet
        interactive = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["CI"] == nil
    }

    /// A progress bar on a terminal; a log line every tenth otherwise.
    func progress(_ label: String, done: Int, total: Int) {
        guard !quiet, total > 0 else { return }
        if interactive {
            FileHandle.standardError.write(Data("\r\(label) \(Self.bar(done, total)) \(done)/\(total)".utf8))
            if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
        } else if done == total || done % max(1, total / 10) == 0 {
            FileHandle.standardError.write(Data("\(label): \(done)/\(total)\n".utf8))
        }
    }

    /// Points done, replicates per second and ETA for a study; a log line every 5 s off a terminal.
    func studyProgress(_ p: StudyProgress) {
        guard !quiet else { return }
        let eta = p.etaSeconds.isFinite ? String(format: "%.0f s", p.etaSeconds) : "?"
        let text =
            "replicates \(p.replicatesDone)/\(p.replicatesPlanned), points \(p.pointsDone)/\(p.points), "
            + String(format: "%.1f rep/s, ETA ", p.rate) + eta
        let finished = p.replicatesDone >= p.replicatesPlanned
        if interactive {
            FileHandle.standardError.write(Data("\r\(Self.bar(p.replicatesDone, p.replicatesPlanned)) \(text)   ".utf8))
            if finished { FileHandle.standardError.write(Data("\n".utf8)) }
        } else if clock.due(every: 5) || finished {
            FileHandle.standardError.write(Data("study: \(text)\n".utf8))
        }
    }

    static func bar(_ done: Int, _ total: Int, width: Int = 24) -> String {
        let filled = total > 0 ? min(width, done * width / total) : width
        return "[" + String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled) + "]"
    }

    /// One `error:` line on stderr, whatever the message holds: `ErrorText.oneLine` escapes line
    /// breaks and cuts a message longer than ``maxErrorBytes`` in the middle, so a huge echoed value
    /// cannot flood the terminal or a log.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("error: \(ErrorText.oneLine(message, maxBytes: maxErrorBytes))\n".utf8))
    }

    static let maxErrorBytes = 400

    /// One progress line on stderr (a long search logs each step it takes).
    static func info(_ message: String) {
        FileHandle.standardError.write(Data("\(ErrorText.oneLine(message, maxBytes: maxErrorBytes))\n".utf8))
    }
}

/// Wall-clock pacing for log lines (never reaches results).
final class LogClock: @unchecked Sendable {
    private let lock = NSLock()
    private var last = Date.distantPast

    func due(every seconds: Double) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(last) >= seconds else { return false }
        last = now
        return true
    }
}

import ArgumentParser

/// Checks of command-line values that every command shares, each refusing with exit code 2.
enum CommandChecks {
    /// The most worker tasks any command starts: far beyond the cores of any one machine.
    static let maxWorkers = 1_024
    /// What `ballast fan` may keep in memory for the paths it summarises.
    static let fanMemoryLimit = 2.0 * 1024 * 1024 * 1024

    static func workers(_ n: Int) throws {
        guard (1...maxWorkers).contains(n) else {
            Terminal.error("--workers: expected an integer in [1, \(maxWorkers)], got \(n)")
            throw ExitCode(2)
        }
    }

    /// Says why a command line is refused (one `error:` line on stderr) and returns exit code 2 to throw,
    /// so that what the command holds is released before the process exits.
    static func refusal(_ message: String) -> ExitCode {
        Terminal.error(message)
        return ExitCode(2)
    }
}

import Foundation
import Simulation

/// What a child process printed and how it ended.
public struct ChildResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs executables to their end, as a user would from a shell, for the command-line tests.
public enum ChildCommand {
    /// Runs `executable` with `args` in `directory`, the environment extended by `environment`.
    ///
    /// Output goes to temporary files, not pipes: a child that fills one pipe while the parent drains
    /// the other would block both. The child is awaited with `waitForExit`, which also reaps it when
    /// Foundation's own monitor misses the exit.
    public static func run(
        _ executable: URL, _ args: [String], in directory: URL,
        environment: [String: String] = [:]
    ) throws -> ChildResult {
        let p = Process()
        p.executableURL = executable
        p.arguments = args
        p.currentDirectoryURL = directory
        p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("ballast-child-\(UUID().uuidString)")
        let err = out.appendingPathExtension("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        p.standardOutput = try FileHandle(forWritingTo: out)
        p.standardError = try FileHandle(forWritingTo: err)
        try p.run()
        let status = p.waitForExit().status
        return ChildResult(
            status: status, stdout: try String(contentsOf: out, encoding: .utf8),
            stderr: try String(contentsOf: err, encoding: .utf8))
    }
}

extension BallastBinary {
    /// Runs the built `ballast` with `args` from the repository root.
    public static func run(_ args: [String], environment: [String: String] = [:]) throws -> ChildResult {
        try ChildCommand.run(url, args, in: repositoryRoot, environment: environment)
    }
}

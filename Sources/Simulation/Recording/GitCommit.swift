import Foundation

/// The git commit of the checkout holding a path, for manifests and reports.
public enum GitCommit {
    /// `git rev-parse HEAD` run in `folder`, with `-dirty` appended when tracked files differ from
    /// that commit; nil when git is absent or `folder` is not in a checkout. Never throws.
    public static func describe(in folder: String) -> String? {
        let folder = folder.isEmpty ? "." : folder
        guard let head = git(["-C", folder, "rev-parse", "HEAD"]), !head.isEmpty else { return nil }
        let changes = git(["-C", folder, "status", "--porcelain", "--untracked-files=no"]) ?? ""
        return changes.isEmpty ? head : head + "-dirty"
    }

    /// ``describe(in:)`` for the folder holding `path`.
    public static func describe(near path: String) -> String? {
        describe(in: (path as NSString).deletingLastPathComponent)
    }

    /// Trimmed stdout of a successful git command, or nil.
    private static func git(_ arguments: [String]) -> String? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git"] + arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        guard p.waitForExit().status == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

import Foundation

/// A result path that cannot be written, with the reason in plain words (never a raw Foundation error).
public struct OutputError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "cannot write \(path): \(reason)" }

    /// `strerror(errno)`, e.g. "Permission denied".
    static func errnoText(_ code: Int32 = errno) -> String { String(cString: strerror(code)) }

    /// The POSIX reason behind a Foundation file error when there is one, else its short description.
    static func reason(_ error: any Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return errnoText(Int32(underlying.code))
        }
        if ns.domain == NSPOSIXErrorDomain { return errnoText(Int32(ns.code)) }
        switch CocoaError.Code(rawValue: ns.code) {
        case .fileWriteNoPermission, .fileReadNoPermission: return "permission denied"
        case .fileWriteOutOfSpace: return "no space left on the device"
        case .fileWriteVolumeReadOnly: return "read-only file system"
        case .fileNoSuchFile, .fileReadNoSuchFile: return "a parent folder does not exist"
        default: return "the file system refused the write"
        }
    }
}

/// A folder of result files that appears all at once: written into a hidden staging folder
/// beside its destination and renamed into place.
public enum OutputFolder {
    /// Creates `directory` if needed and proves a file can be made in it, before any work starts.
    public static func ensureWritable(_ directory: URL) throws(OutputError) {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: directory.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw OutputError(path: directory.path, reason: "it is a file, not a folder")
        }
        do {
            try fm.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: directory.path, reason: OutputError.reason(error))
        }
        try probe(directory)
    }

    static func probe(_ folder: URL) throws(OutputError) {
        let fm = FileManager.default
        let probe = folder.appendingPathComponent(".ballast-probe-\(getpid())")
        guard fm.createFile(atPath: probe.path, contents: Data()) else {
            throw OutputError(
                path: folder.path,
                reason: access(folder.path, W_OK) == 0
                    ? "the folder refused a new file"
                    : OutputError.errnoText())
        }
        try? fm.removeItem(at: probe)
    }

    /// Files that a run folder may hold (the run's own, the figure `ballast plot` draws there and the
    /// report `ballast report` writes there).
    static let runFiles: Set<String> = [
        "series.csv", "outcome.json", "manifest.json", "assets.csv", "markets.csv", "treasury.csv", "policies.csv",
        "incentives.csv", "stability_pool.csv",
        "series.png", "series.svg", "series.dat", "series.gp", "report.html",
    ]

    /// Refuses a destination that exists and is not a run folder, or whose parent cannot be written.
    /// Creates the parent folders (they are needed anyway) and probes them with a small file.
    static func checkReplaceable(_ directory: URL) throws(OutputError) {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: directory.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw OutputError(path: directory.path, reason: "it is a file, not a folder")
            }
            let entries = (try? fm.contentsOfDirectory(atPath: directory.path)) ?? []
            let foreign = entries.filter { !runFiles.contains($0) && !$0.hasPrefix(".") }
            guard foreign.isEmpty else {
                throw OutputError(
                    path: directory.path,
                    reason:
                        "it holds files that are not a run's (\(foreign.sorted().prefix(3).joined(separator: ", "))); "
                        + "choose another --out")
            }
        }
        let parent = directory.deletingLastPathComponent()
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: parent.path, reason: OutputError.reason(error))
        }
        try probe(parent)
    }

    /// Writes `files` into a staging folder and renames it to `directory`, replacing an earlier run folder.
    static func install(_ files: [(name: String, data: Data)], at directory: URL) throws {
        try checkReplaceable(directory)
        let fm = FileManager.default
        let parent = directory.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(directory.lastPathComponent).partial-\(getpid())")
        try? fm.removeItem(at: staging)
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: false)
            for f in files { try f.data.write(to: staging.appendingPathComponent(f.name)) }
        } catch {
            try? fm.removeItem(at: staging)
            throw OutputError(path: staging.path, reason: OutputError.reason(error))
        }
        // An earlier run folder moves aside first; rename(2) cannot replace a non-empty folder.
        var old: URL?
        if fm.fileExists(atPath: directory.path) {
            let aside = parent.appendingPathComponent(".\(directory.lastPathComponent).old-\(getpid())")
            try? fm.removeItem(at: aside)
            guard rename(directory.path, aside.path) == 0 else {
                let reason = OutputError.errnoText()
                try? fm.removeItem(at: staging)
                throw OutputError(path: directory.path, reason: reason)
            }
            old = aside
        }
        guard rename(staging.path, directory.path) == 0 else {
            let reason = OutputError.errnoText()
            if let old { _ = rename(old.path, directory.path) }
            try? fm.removeItem(at: staging)
            throw OutputError(path: directory.path, reason: reason)
        }
        if let old { try? fm.removeItem(at: old) }
    }
}

import Foundation

/// Where the tests find the repository and the `ballast` executable they drive as a user would.
public enum BallastBinary {
    /// The package root (the folder with Package.swift): three levels above this file.
    public static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The executable beside the test bundle in the build folder, whatever the configuration or
    /// sanitizer (each scratch folder has its own), else the default debug build.
    public static let url: URL = {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        while dir.path != "/" {
            let candidate = dir.appendingPathComponent("ballast")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return repositoryRoot.appendingPathComponent(".build/debug/ballast")
    }()
}

import Foundation
import Simulation

/// Who wrote a report, and from which checkout.
enum ReportProvenance {
    /// "Written by Ballast 0.1.0 at commit …". No date, so the same inputs give the same page.
    static func footer() -> String {
        let commit = GitCommit.describe(in: FileManager.default.currentDirectoryPath) ?? "unknown (not a git checkout)"
        return
            "Written by Ballast \(RunWriter.version) at commit \(commit). Self-contained: this page loads nothing from elsewhere."
    }
}

import ArgumentParser
import Foundation
import Reports
import ScenarioSchema
import Studies

/// `ballast report`: write a run's or a study's self-contained HTML report.
struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Write report.html for a run or study folder: one self-contained page with its figures, tables and manifest."
    )

    @Argument(help: "A study folder (results.sqlite or estimates.csv) or a run folder (series.csv).") var directory:
        String
    @Option(
        help: "The study file, for a study folder without study.json (checked against the store when there is one).")
    var study: String?
    @Option(
        help: "Report P(run) intervals with a half-width above this (default: the study's adaptive target, else 0.05).")
    var maxHalfWidth: Double?

    func run() async throws {
        let dir = URL(fileURLWithPath: directory)
        if let maxHalfWidth, !(maxHalfWidth > 0 && maxHalfWidth < 0.5) {
            Terminal.error("--max-half-width: expected a number in (0, 0.5), got \(maxHalfWidth)")
            throw ExitCode(2)
        }
        var spec: StudySpec?
        if let study {
            do { spec = try StudySpec.load(path: study) } catch {
                Terminal.error(error.description)
                throw ExitCode(2)
            }
        }
        guard ReportFile.kind(of: dir) != nil else {
            Terminal.error(
                "\(directory) holds neither a study (\(ResultStore.fileName) or estimates.csv) nor a run (series.csv)")
            throw ExitCode(2)
        }
        do {
            let url = try ReportFile.write(for: dir, spec: spec, halfWidth: maxHalfWidth)
            print("report: \(Self.shown(url, given: directory))")
        } catch {
            Terminal.error("\(error)")
            throw ExitCode(2)
        }
    }

    /// `DIR/report.html` as the user named `DIR`.
    static func shown(_ url: URL, given directory: String) -> String {
        (directory.hasSuffix("/") ? directory : directory + "/") + url.lastPathComponent
    }
}

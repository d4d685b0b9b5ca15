import BallastTestSupport
import Foundation
import Simulation
import Testing

/// `ballast report` and the report that `ballast run` writes, driven as a user would.
@Suite("ballast report on the command line")
struct ReportCommandTests {
    static func ballast(_ args: [String]) throws -> ChildResult { try BallastBinary.run(args) }

    @Test func runWritesItsReportAndReportRewritesIt() throws {
        let out = ReportFixtures.temporaryFolder("cli-run").appendingPathComponent("run")
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        let r = try Self.ballast([
            "run", "experiments/reference/reference.yaml", "--quiet", "--out", out.path,
            "--set", "ticks=250", "--set", "depositors.count=500", "--set", "market.shock.tick=100",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("report:             \(out.path)/report.html"))
        let report = out.appendingPathComponent("report.html")
        #expect(FileManager.default.fileExists(atPath: report.path))
        // The run folder with its report can be written again (report.html is a run file).
        let again = try Self.ballast([
            "run", "experiments/reference/reference.yaml", "--quiet", "--out", out.path,
            "--set", "ticks=250", "--set", "depositors.count=500", "--set", "market.shock.tick=100",
        ])
        #expect(again.status == 0, "\(again.stderr)")
        let rewrite = try Self.ballast(["report", out.path])
        #expect(rewrite.status == 0 && rewrite.stdout == "report: \(out.path)/report.html\n")
    }

    @Test func aFolderWithNoResultsIsOneLineAndExitTwo() throws {
        let folder = ReportFixtures.temporaryFolder("cli-empty")
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = try Self.ballast(["report", folder.path])
        #expect(r.status == 2)
        #expect(
            r.stderr
                == "error: \(folder.path) holds neither a study (results.sqlite or estimates.csv) nor a run (series.csv)\n"
        )
    }

    @Test func aStudyFileThatIsNotTheStoredStudyIsRefused() throws {
        let folder = try ReportFixtures.studyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = try Self.ballast(["report", folder.path, "--study", "experiments/run-probability/quick.yaml"])
        #expect(r.status == 2)
        #expect(
            r.stderr.hasPrefix(
                "error: experiments/run-probability/quick.yaml is not the study stored in \(folder.path) (study hash "))
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("report.html").path))
    }
}

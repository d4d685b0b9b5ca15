import BallastTestSupport
import Foundation
import Testing

@testable import Studies

/// A real `ballast optimize` child is killed with SIGKILL mid-search, then run again: it replays the
/// stored evaluations and ends with the same bytes as a search that was never interrupted.
@Suite("Optimize resume", .serialized)
struct OptimizeResumeTests {
    static func makeStudy(_ name: String, constraint: String = "", shock: Double = 0.3) throws -> URL {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("ballast-\(name)-\(getpid())")
        try? FileManager.default.removeItem(at: tmp)
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        let study = tmp.appendingPathComponent("optimize.yaml")
        let overrides = SweepChild.smallReference + ["market.shock.size=\(shock)"]
        try """
        name: \(name)
        scenario: \(SweepChild.root.appendingPathComponent("experiments/reference/reference.yaml").path)
        seed: 3
        overrides: [\(overrides.map { "\"\($0)\"" }.joined(separator: ", "))]
        parameters:
          - {key: depositors.stay_bonus, bounds: [0, 0.04], start: 0.005, cost_per_unit: 2}
        objective: {lambda: 1}
        \(constraint)
        replicates: {start: 6, max: 12, grow_when_simplex_below: 0.2}
        max_evaluations: 14
        """.write(to: study, atomically: true, encoding: .utf8)
        return study
    }

    static func lines(_ url: URL) -> Int {
        ((try? String(contentsOf: url, encoding: .utf8)) ?? "").split(separator: "\n").count
    }

    @Test func killedSearchResumesToTheSameBytes() async throws {
        let study = try Self.makeStudy("optimize-resume")
        let folder = study.deletingLastPathComponent()
        let whole = folder.appendingPathComponent("whole")
        let killed = folder.appendingPathComponent("killed")
        let args = { (out: URL) in ["optimize", study.path, "--out", out.path, "--workers", "2", "--quiet"] }
        #expect(try SweepChild.runToEnd(args(whole)) == 0)

        let child = SweepChild.process(args(killed))
        try child.run()
        let log = killed.appendingPathComponent("evaluations.log")
        // Kill once 3 evaluations are stored (the header is line 1).
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            Thread.detachNewThread {
                let deadline = Date().addingTimeInterval(300)
                while child.isRunning, Self.lines(log) < 4, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
                if child.isRunning { kill(child.processIdentifier, SIGKILL) }
                done.resume()
            }
        }
        _ = child.waitForExit()
        let stored = Self.lines(log) - 1
        #expect(stored >= 3)
        #expect(!FileManager.default.fileExists(atPath: killed.appendingPathComponent("optimum.json").path))
        #expect(try SweepChild.runToEnd(args(killed)) == 0)

        for name in ["path.csv", "optimum.json", "evaluations.log"] {
            let a = try Data(contentsOf: whole.appendingPathComponent(name))
            let b = try Data(contentsOf: killed.appendingPathComponent(name))
            #expect(a == b, "\(name) differs after the resume")
        }
        // A third run runs nothing new: every evaluation is replayed from the store.
        let before = try Data(contentsOf: log)
        #expect(try SweepChild.runToEnd(args(killed)) == 0)
        #expect(try Data(contentsOf: log) == before)
        try? FileManager.default.removeItem(at: folder)
    }

    @Test func anUnreachableTargetIsReportedInfeasible() async throws {
        // A 0.7 shock runs the bank in nearly every replicate whatever the bonus in [0, 0.04].
        let study = try Self.makeStudy(
            "optimize-infeasible", constraint: "constraint: {at_most: 0.02, mode: penalty}", shock: 0.7)
        let out = study.deletingLastPathComponent().appendingPathComponent("out")
        let status = try SweepChild.runToEnd(["optimize", study.path, "--out", out.path, "--quiet"])
        #expect(status == 1)
        let json = try String(contentsOf: out.appendingPathComponent("optimum.json"), encoding: .utf8)
        #expect(json.contains("\"feasible\": false"))
        try? FileManager.default.removeItem(at: study.deletingLastPathComponent())
    }
}

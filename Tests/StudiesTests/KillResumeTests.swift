import Foundation
import Simulation
import Testing

@testable import Studies

/// A real `ballast sweep` child process is killed with SIGKILL mid-study, then resumed:
/// every (point, replicate) ends up stored exactly once, and the estimates equal those of
/// an uninterrupted run with another worker count. The helpers are in SweepChildSupport.swift;
/// RepeatedKillTests kills a study twenty times.
@Suite("Kill and resume a study")
struct KillResumeTests {
    @Test func killedStudyResumesExactlyOnce() async throws {
        let (tmp, study) = try SweepChild.makeStudy("kill-test", shocks: "0.2, 0.3, 0.4", replicates: 100)
        let killed = tmp.appendingPathComponent("killed")
        let clean = tmp.appendingPathComponent("clean")

        // Small batches: many commits, so the kill lands mid-study whatever the machine's speed.
        let child = SweepChild.process([
            "sweep", study.path, "--out", killed.path, "--workers", "1", "--batch", "1", "--quiet",
        ])
        try child.run()
        let seen = await SweepChild.signal(child, onceRows: 2, in: killed)
        #expect(child.waitForExit().killedBySignal, "the child was killed, not finished")
        let partial = try ResultStore.open(directory: killed).replicateCount()
        #expect(partial >= seen && partial < 300, "killed mid-study with \(partial) replicates stored")

        // Without --resume an existing study folder is refused; with it, the study completes.
        #expect(try SweepChild.runToEnd(["sweep", study.path, "--out", killed.path, "--quiet"]) == 2)
        #expect(
            try SweepChild.runToEnd([
                "sweep", study.path, "--out", killed.path, "--resume", "--workers", "2", "--quiet",
            ]) == 0)
        let store = try ResultStore.open(directory: killed)
        #expect(try store.replicateCount() == 300)
        let keys = try store.allOutcomes().map(\.key)
        #expect(Set(keys).count == 300)
        #expect(Set(keys) == Set((0..<3).flatMap { p in (0..<100).map { ReplicateKey(point: p, replicate: $0) } }))

        #expect(try SweepChild.runToEnd(["sweep", study.path, "--out", clean.path, "--workers", "1", "--quiet"]) == 0)
        let a = try String(contentsOf: killed.appendingPathComponent("estimates.csv"), encoding: .utf8)
        let b = try String(contentsOf: clean.appendingPathComponent("estimates.csv"), encoding: .utf8)
        #expect(a == b)
        let ra = try String(contentsOf: killed.appendingPathComponent("replicates.csv"), encoding: .utf8)
        let rb = try String(contentsOf: clean.appendingPathComponent("replicates.csv"), encoding: .utf8)
        #expect(ra == rb)
        try? FileManager.default.removeItem(at: tmp)
    }

    @Test func ctrlCStopsCleanlyAndKeepsWhatItHas() async throws {
        // Long enough that the interrupt always lands mid-study; the resume itself is tested above.
        let (tmp, study) = try SweepChild.makeStudy("sigint-test", shocks: "0.2, 0.4", replicates: 1_000)
        let out = tmp.appendingPathComponent("out")
        let child = SweepChild.process([
            "sweep", study.path, "--out", out.path, "--workers", "1", "--batch", "1", "--quiet",
        ])
        let err = Pipe()
        child.standardError = err
        try child.run()
        await SweepChild.signal(child, onceRows: 2, in: out, signal: SIGINT)
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(child.waitForExit() == ChildExit(status: 130, killedBySignal: false), "\(message)")
        #expect(message.contains("--resume"))
        let saved = try ResultStore.open(directory: out).replicateCount()
        #expect(saved >= 2 && saved < 2_000)
        // What was saved is complete and consistent: the estimates can be exported from it.
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("estimates.csv").path))
        try? FileManager.default.removeItem(at: tmp)
    }
}

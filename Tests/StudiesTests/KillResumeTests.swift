import Foundation
import Testing
@testable import Studies

/// A real `ballast sweep` child process is killed with SIGKILL mid-study, then resumed:
/// every (point, replicate) ends up stored exactly once, and the estimates equal those of
/// an uninterrupted run with another worker count.
@Suite("Kill and resume a study")
struct KillResumeTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let binary: URL = {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        while dir.path != "/" {
            let candidate = dir.appendingPathComponent("ballast")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return root.appendingPathComponent(".build/debug/ballast")
    }()

    static func process(_ args: [String]) -> Process {
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        p.currentDirectoryURL = root
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        return p
    }

    static func runToEnd(_ args: [String]) throws -> Int32 {
        let p = process(args)
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }

    /// A fresh folder holding `study.yaml`: a small, fast study on the reference model.
    static func makeStudy(_ name: String, shocks: String, replicates: Int) throws -> (folder: URL, study: URL) {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("ballast-\(name)-\(getpid())")
        try? FileManager.default.removeItem(at: tmp)
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        let study = tmp.appendingPathComponent("study.yaml")
        try """
        name: \(name)
        scenario: \(root.appendingPathComponent("experiments/reference/reference.yaml").path)
        seed: 2
        overrides: ["ticks=210", "depositors.count=500", "depositors.shards=1", "borrowers.count=200"]
        parameters: [{key: market.shock.size, values: [\(shocks)]}]
        replicates: \(replicates)
        """.write(to: study, atomically: true, encoding: .utf8)
        return (tmp, study)
    }

    /// Waits until the child has stored at least `count` replicates (or has exited); returns what it saw.
    static func waitForRows(_ count: Int, in folder: URL, child: Process) async throws -> Int {
        var store: ResultStore?
        for _ in 0..<12_000 where child.isRunning {
            if store == nil, FileManager.default.fileExists(atPath: folder.appendingPathComponent(ResultStore.fileName).path) {
                store = try? ResultStore.open(directory: folder)
            }
            if let n = try? store?.replicateCount(), n >= count { return n }
            try await Task.sleep(for: .milliseconds(2))
        }
        return 0
    }

    @Test func killedStudyResumesExactlyOnce() async throws {
        let (tmp, study) = try Self.makeStudy("kill-test", shocks: "0.2, 0.3, 0.4", replicates: 100)
        let killed = tmp.appendingPathComponent("killed"), clean = tmp.appendingPathComponent("clean")

        // Small batches: many commits, so the kill lands mid-study whatever the machine's speed.
        let child = Self.process(["sweep", study.path, "--out", killed.path, "--workers", "1", "--batch", "1", "--quiet"])
        try child.run()
        let seen = try await Self.waitForRows(2, in: killed, child: child)
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        #expect(child.terminationReason == .uncaughtSignal, "the child was killed, not finished")
        let partial = try ResultStore.open(directory: killed).replicateCount()
        #expect(partial >= seen && partial < 300, "killed mid-study with \(partial) replicates stored")

        // Without --resume an existing study folder is refused; with it, the study completes.
        #expect(try Self.runToEnd(["sweep", study.path, "--out", killed.path, "--quiet"]) == 2)
        #expect(try Self.runToEnd(["sweep", study.path, "--out", killed.path, "--resume", "--workers", "2", "--quiet"]) == 0)
        let store = try ResultStore.open(directory: killed)
        #expect(try store.replicateCount() == 300)
        let keys = try store.allOutcomes().map(\.key)
        #expect(Set(keys).count == 300)
        #expect(Set(keys) == Set((0..<3).flatMap { p in (0..<100).map { ReplicateKey(point: p, replicate: $0) } }))

        #expect(try Self.runToEnd(["sweep", study.path, "--out", clean.path, "--workers", "1", "--quiet"]) == 0)
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
        let (tmp, study) = try Self.makeStudy("sigint-test", shocks: "0.2, 0.4", replicates: 1_000)
        let out = tmp.appendingPathComponent("out")
        let child = Self.process(["sweep", study.path, "--out", out.path, "--workers", "1", "--batch", "1", "--quiet"])
        let err = Pipe()
        child.standardError = err
        try child.run()
        _ = try await Self.waitForRows(2, in: out, child: child)
        kill(child.processIdentifier, SIGINT)
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        child.waitUntilExit()
        #expect(child.terminationStatus == 130, "\(message)")
        #expect(message.contains("--resume"))
        let saved = try ResultStore.open(directory: out).replicateCount()
        #expect(saved >= 2 && saved < 2_000)
        // What was saved is complete and consistent: the estimates can be exported from it.
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("estimates.csv").path))
        try? FileManager.default.removeItem(at: tmp)
    }
}

import BallastTestSupport
import Foundation
import Simulation
import Testing

/// Drives the real `ballast` binary, as a user would.
@Suite("ballast on the command line")
struct CommandLineTests {
    /// The binary sits beside the test bundle in the build folder.
    static let binary = BallastBinary.url

    typealias Result = ChildResult

    static func ballast(_ args: [String], environment: [String: String] = [:]) throws -> Result {
        try BallastBinary.run(args, environment: environment)
    }

    static func tempDir(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("ballast-cli-\(name)-\(getpid())")
    }

    @Test func badInputIsAClearErrorThatWritesNothing() throws {
        let out = Self.tempDir("bad")
        try? FileManager.default.removeItem(at: out)
        let r = try Self.ballast([
            "run", "experiments/reference/reference.yaml", "--set", "depositors.attention=1.5", "--out", out.path,
        ])
        #expect(r.status == 2)
        #expect(
            r.stderr
                == "error: --set depositors.attention=1.5: depositors.attention: expected a probability in [0, 1], got 1.5\n"
        )
        #expect(r.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: out.path), "no result folder for a refused scenario")
        let missing = try Self.ballast(["run", "no/such/scenario.yaml", "--out", out.path])
        #expect(
            missing.status == 2 && missing.stderr.contains("no/such/scenario.yaml") && !missing.stderr.contains("Fatal")
        )
    }

    @Test func aRunWritesItsThreeFilesAndASummary() throws {
        let out = Self.tempDir("run")
        let r = try Self.ballast([
            "run", "experiments/reference/reference.yaml", "--set", "ticks=40", "--set", "market.shock.size=0",
            "--out", out.path, "--quiet",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("run:") && r.stdout.contains("agent-steps/s"))
        for f in ["series.csv", "outcome.json", "manifest.json"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(f).path))
        }
        let manifest = try String(contentsOf: out.appendingPathComponent("manifest.json"), encoding: .utf8)
        #expect(manifest.contains("\"overrides\" : [\n    \"ticks=40\",\n    \"market.shock.size=0\"\n  ]"))
        try? FileManager.default.removeItem(at: out)
    }

    @Test func oneThreadAndManyGiveTheSameBytes() throws {
        // LIBDISPATCH_COOPERATIVE_POOL_STRICT=1 shrinks Swift's cooperative pool to one thread.
        var outputs: [Data] = []
        for (i, env) in [["LIBDISPATCH_COOPERATIVE_POOL_STRICT": "1"], [:]].enumerated() {
            let out = Self.tempDir("threads-\(i)")
            let r = try Self.ballast(
                [
                    "run", "experiments/reference/reference.yaml", "--set", "ticks=240", "--workers",
                    i == 0 ? "1" : "4",
                    "--out", out.path, "--quiet",
                ], environment: env)
            #expect(r.status == 0, "\(r.stderr)")
            outputs.append(
                try Data(contentsOf: out.appendingPathComponent("series.csv"))
                    + Data(contentsOf: out.appendingPathComponent("outcome.json")))
            try? FileManager.default.removeItem(at: out)
        }
        #expect(outputs[0] == outputs[1])
    }
}

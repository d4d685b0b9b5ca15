import Foundation
import Testing

/// Every refusal of the `ballast` binary: exit code 2 for input, 1 for a failed run, one `error:` line,
/// nothing written.
@Suite("ballast's errors and exit codes")
struct CommandLineErrorTests {
    static let reference = "experiments/reference/reference.yaml"
    typealias CLI = CommandLineTests

    struct Case: CustomStringConvertible, Sendable {
        var args: [String]
        var status: Int32
        var stderr: String
        var description: String { args.joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case(
            args: ["run"], status: 2, stderr: "error: Missing expected argument '<scenario>' (see 'ballast help run')"),
        Case(
            args: ["run", reference, "--seed", "abc"], status: 2,
            stderr: "error: The value 'abc' is invalid for '--seed <seed>'"),
        Case(args: ["frobnicate"], status: 2, stderr: "error: Unexpected argument 'frobnicate'"),
        Case(
            args: ["run", reference, "--workers", "0"], status: 2,
            stderr: "error: --workers: expected an integer in [1, 1024], got 0"),
        Case(
            args: ["sweep", "experiments/run-probability/quick.yaml", "--workers=-3"], status: 2,
            stderr: "error: --workers: expected an integer in [1, 1024], got -3"),
        Case(
            args: ["bench", "--replicates=-1"], status: 2,
            stderr: "error: --replicates: expected an integer >= 1, got -1"),
        Case(
            args: ["curve", reference, "--vary", "market.shock.size=0.1:0.5:100000000"], status: 2,
            stderr: "expected at most 1000000 steps, got 100000000"),
        Case(
            args: [
                "curve", reference, "--vary", "market.shock.size=0.1:0.5:3", "--by", "lending.reserve_fraction=0.1,abc",
            ],
            status: 2, stderr: "expected numbers separated by commas, got \"abc\""),
        Case(
            args: ["fan", reference, "--replicates", "100000000"], status: 2,
            stderr: "of series in memory; at most 2.0 GiB"),
        Case(args: ["run", reference, "--out", "/proc/ballast-out"], status: 2, stderr: "error: cannot write /proc"),
        Case(
            args: ["run", reference, "--set", "ticks=" + String(repeating: "9", count: 120_000)], status: 2,
            stderr: "(120000 characters)"),
        Case(args: ["export", "Tests"], status: 2, stderr: "error: result store: no study results in"),
        Case(args: ["plot", "Tests"], status: 2, stderr: "holds neither a study"),
        Case(
            args: ["stress", reference, "--stresses", "flash_crsh", "--replicates", "4"], status: 2,
            stderr: "stresses[0]: unknown stress flash_crsh (known: bear_market,"),
        Case(
            args: ["stress", reference, "--stresses", "flash_crash", "--replicates", "0"], status: 2,
            stderr: "error: --replicates: expected an integer >= 1, got 0"),
        Case(
            args: ["stress", reference, "--stresses", "flash_crash", "--policies", "nope.yaml", "--replicates", "2"],
            status: 2, stderr: "error: --policies nope.yaml: file not found"),
        Case(
            args: ["stress", reference, "--stresses", "oracle_delay", "--replicates", "2"], status: 2,
            stderr: "stress oracle_delay applies only where lending.oracle is \"feed\"; the scenario has \"amm\""),
        Case(
            args: [
                "stress", reference, "--stresses", "flash_crash", "--reverse", "flash_crash.size", "--range", "0.5,0.1",
                "--replicates", "2",
            ],
            status: 2, stderr: "error: --range: expected LOW,HIGH with LOW < HIGH, got 0.5,0.1"),
    ]

    @Test(arguments: cases)
    func refusedWithOneLineAndItsExitCode(_ c: Case) throws {
        let r = try CLI.ballast(c.args)
        #expect(r.status == c.status, "\(r.stderr)")
        #expect(r.stderr.contains(c.stderr), "\(r.stderr)")
        #expect(r.stderr.hasPrefix("error: ") && r.stderr.filter { $0 == "\n" }.count == 1, "one line: \(r.stderr)")
        #expect(r.stderr.utf8.count <= 500 && r.stdout.isEmpty)
    }

    @Test func helpAndVersionSucceed() throws {
        let help = try CLI.ballast(["run", "--help"])
        #expect(help.status == 0 && help.stdout.contains("USAGE: ballast run"))
        let version = try CLI.ballast(["--version"])
        #expect(version.status == 0 && version.stdout == "0.1.0\n")
    }

    @Test func aStoreThatIsNotAStoreIsTheSameInputErrorForPlotAndExport() throws {
        let dir = CLI.tempDir("not-a-store")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data("not sqlite at all".utf8).write(to: dir.appendingPathComponent("results.sqlite"))
        defer { try? FileManager.default.removeItem(at: dir) }
        let plot = try CLI.ballast(["plot", dir.path])
        let export = try CLI.ballast(["export", dir.path])
        #expect(plot.status == 2 && export.status == 2, "\(plot.stderr) \(export.stderr)")
    }

    /// A price that grows e-fold per tick overflows to infinity at tick 690: the run fails (exit 1),
    /// names the tick and the column, writes no files, and leaves an earlier run folder as it was.
    @Test func aNonFiniteRunFailsWithoutWritingAndKeepsTheOldFolder() throws {
        let dir = CLI.tempDir("overflow")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenario = dir.appendingPathComponent("overflow.yaml")
        try Data(
            """
            ticks: 800
            phases: [depositors]
            market: {model: gbm, initial_price: 1e9, drift: 1, sigma: 0}
            amm: {reserve_collateral: 5000, reserve_usd: 10000000}
            lending: {reserve_fraction: 0.2}
            depositors: {count: 10}
            """.utf8
        ).write(to: scenario)
        let out = dir.appendingPathComponent("run")
        let good = try CLI.ballast(["run", scenario.path, "--set", "ticks=100", "--out", out.path, "--quiet"])
        #expect(good.status == 0, "\(good.stderr)")
        let before = try Data(contentsOf: out.appendingPathComponent("series.csv"))
        let r = try CLI.ballast(["run", scenario.path, "--out", out.path, "--quiet"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("non-finite value (inf) in column p_ext at tick 690"), "\(r.stderr)")
        #expect(
            try Data(contentsOf: out.appendingPathComponent("series.csv")) == before, "the earlier run is untouched")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "no staging folders left: \(leftovers)")
    }

    /// A run folder is replaced whole, and `--out` naming something that is not a run folder is refused first.
    @Test func runFoldersAreReplacedWholeAndForeignFoldersRefused() throws {
        let dir = CLI.tempDir("replace")
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("study"), withIntermediateDirectories: true)
        try Data().write(to: dir.appendingPathComponent("study/results.sqlite"))
        try Data().write(to: dir.appendingPathComponent("plain-file"))
        defer { try? FileManager.default.removeItem(at: dir) }
        let args = ["--set", "ticks=30", "--set", "market.shock.size=0", "--quiet"]
        let foreign = try CLI.ballast(
            ["run", Self.reference, "--out", dir.appendingPathComponent("study").path] + args)
        #expect(foreign.status == 2 && foreign.stderr.contains("holds files that are not a run's (results.sqlite)"))
        let file = try CLI.ballast(
            ["run", Self.reference, "--out", dir.appendingPathComponent("plain-file").path] + args)
        #expect(file.status == 2 && file.stderr.contains("it is a file, not a folder"))
        let out = dir.appendingPathComponent("run")
        for seed in ["1", "2"] {
            let r = try CLI.ballast(["run", Self.reference, "--seed", seed, "--out", out.path] + args)
            #expect(r.status == 0, "\(r.stderr)")
        }
        let manifest = try String(contentsOf: out.appendingPathComponent("manifest.json"), encoding: .utf8)
        #expect(manifest.contains("\"seed\" : 2"))
        // The run's three files, its report, and the figure the report drew (png and svg only with gnuplot).
        let figure: Set<String> = ["series.dat", "series.gp", "series.png", "series.svg"]
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: out.path).filter { !figure.contains($0) }.sorted()
                == ["manifest.json", "outcome.json", "report.html", "series.csv"])
    }

    /// `--resume` after the scenario file was edited would mix two models' replicates: it is refused
    /// with exit code 2, naming the point and the changed scenario hash, and the store keeps what it had.
    @Test func resumingAfterTheScenarioChangedIsRefused() throws {
        let dir = CLI.tempDir("resume-edit")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenario = dir.appendingPathComponent("s.yaml")
        let text = try String(contentsOf: TestSupport.root.appendingPathComponent(Self.reference), encoding: .utf8)
        try Data(text.utf8).write(to: scenario)
        let out = dir.appendingPathComponent("curve").path
        let args = [
            "curve", scenario.path, "--vary", "depositors.attention=0.1:0.2:2", "--replicates", "2",
            "--set", "ticks=30", "--set", "market.shock.size=0", "--workers", "1", "--out", out, "--quiet",
        ]
        let first = try CLI.ballast(args)
        #expect(first.status == 0, "\(first.stderr)")
        try Data(text.replacingOccurrences(of: "herding: 0.1", with: "herding: 0.9").utf8).write(to: scenario)
        #expect(try String(contentsOf: scenario, encoding: .utf8) != text, "the edit took")
        let resumed = try CLI.ballast(args + ["--resume"])
        #expect(resumed.status == 2)
        #expect(
            resumed.stderr.contains("point 0 was run with scenario hash")
                && resumed.stderr.contains("(the scenario file or an override changed)"), "\(resumed.stderr)")
        // Unchanged, the same resume is welcome (and has nothing left to do).
        try Data(text.utf8).write(to: scenario)
        let again = try CLI.ballast(args + ["--resume"])
        #expect(again.status == 0, "\(again.stderr)")
    }
}

import ArgumentParser
import Foundation
import Reports
import ScenarioSchema
import Simulation

/// `ballast run`: one replicate of a scenario, written to a folder.
struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run one replicate of a scenario and write its series, outcome and manifest.")

    @Argument(help: "The scenario file (YAML).") var scenario: String
    @Option(help: "The seed (default: the scenario's `seed`).") var seed: UInt64?
    @Option(help: "The replicate number.") var replicate: UInt64 = 0
    @Option(name: .customLong("set"), help: "Override a scenario key: --set path.to.key=value (repeatable).")
    var overrides: [String] = []
    @Option(help: "The output folder.") var out: String = "out/run"
    @Option(help: "How many populations may propose concurrently (results do not depend on it).") var workers: Int = 2
    @Flag(help: "No progress output.") var quiet = false
    @Flag(help: "Print to stderr when the first tick ended, after the process started (start-up time).")
    var timings = false

    func run() async throws {
        let term = Terminal(quiet: quiet)
        try CommandChecks.workers(workers)
        let scenario: Scenario
        do {
            scenario = try Scenario.load(path: self.scenario, overrides: overrides)
        } catch {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
        let destination = URL(fileURLWithPath: out)
        // Refuse an unwritable --out now, not after the simulation has run.
        do { try RunWriter.checkDestination(destination) } catch {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
        let seed = self.seed ?? scenario.seed
        let started = ContinuousClock.now
        let total = scenario.ticks
        let result: RunResult
        do {
            result = try await Engine(scenario: scenario, workers: workers)
                .run(
                    seed: seed, replicate: replicate, progressEvery: timings ? 1 : 50,
                    progress: { [timings] done in
                        if timings && done == 1 { StartupTiming.reportFirstTick() }
                        if done % 50 == 0 || done == total { term.progress("ticks", done: done, total: total) }
                    })
            try RunWriter.write(result, scenario: scenario, seed: seed, replicate: replicate, to: destination)
        } catch {
            Terminal.error("run failed, nothing written: \(error)")
            throw ExitCode(1)
        }
        let elapsed = ContinuousClock.now - started
        print(
            Summary.text(
                result.outcome, scenario: scenario, seed: seed, replicate: replicate, elapsed: elapsed, out: out,
                assets: !result.assets.isEmpty))
        do {
            let report = try ReportFile.write(for: destination)
            print("  report:             \(Report.shown(report, given: out))")
        } catch {
            Terminal.error("the run is written to \(out), but its report is not: \(error)")
            throw ExitCode(1)
        }
    }
}

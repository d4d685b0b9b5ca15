import ArgumentParser
import Foundation
import Simulation

/// `ballast bench`: agent-steps per second and peak memory on a scenario.
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure agent-steps per second, replicates per second and peak memory on a scenario.")

    @Argument(help: "The scenario file.") var scenario = "experiments/reference/reference.yaml"
    @Option(help: "Replicates to time (the median is reported).") var replicates = 5
    @Option(help: "Concurrent populations per replicate.") var workers = 1
    @Option(name: .customLong("set"), help: "Override a scenario key (repeatable).") var overrides: [String] = []

    func run() async throws {
        guard replicates >= 1 else {
            Terminal.error("--replicates: expected an integer >= 1, got \(replicates)")
            throw ExitCode(2)
        }
        try CommandChecks.workers(workers)
        let s: Scenario
        do { s = try Scenario.load(path: scenario, overrides: overrides) } catch {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
        let engine = Engine(scenario: s, workers: workers)
        var times: [Double] = []
        var steps = 0
        for r in 0..<replicates {
            let t0 = ContinuousClock.now
            let result = try await engine.run(seed: s.seed, replicate: UInt64(r), recordSeries: false)
            let d = ContinuousClock.now - t0
            times.append(Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
            steps = result.outcome.agentSteps
        }
        times.sort()
        let median = times[times.count / 2]
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        print(
            """
            scenario: \(s.name) (\(s.agentCount) agents × \(s.ticks) ticks = \(steps) agent-steps per replicate)
            replicates timed: \(times.count), workers: \(workers), cores: \(ProcessInfo.processInfo.activeProcessorCount)
            median replicate: \(String(format: "%.3f", median)) s  (min \(String(format: "%.3f", times[0])), max \(String(format: "%.3f", times[times.count - 1])))
            agent-steps/s:    \(String(format: "%.1f", Double(steps) / median / 1e6)) M
            replicates/s:     \(String(format: "%.2f", 1 / median))
            peak RSS:         \(usage.ru_maxrss / 1024) MiB
            """)
    }
}

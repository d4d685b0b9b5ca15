import ArgumentParser
import Foundation
import Simulation

/// `ballast bench`: CPU and wall time per replicate, agent-steps per second per core, throughput with one
/// worker and with every core, peak memory, and (`--scale`) how all of it grows with the population.
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure CPU per replicate, agent-steps per second per core, throughput and peak memory.",
        discussion: """
            Replicates run one at a time for the per-replicate times (CPU from getrusage: every thread of the \
            process), then as many at once as there are cores for the parallel throughput. --scale runs this \
            command again in a child process per depositor count, so that each peak RSS is its own, and \
            writes a table and a log-log figure.
            """)

    @Argument(help: "The scenario file.") var scenario = "experiments/reference/reference.yaml"
    @Option(help: "Replicates to time (the median is reported).") var replicates = 5
    @Option(help: "Concurrent populations per replicate.") var workers = 1
    @Option(name: .customLong("set"), help: "Override a scenario key (repeatable).") var overrides: [String] = []
    @Flag(help: "Print the measurements as JSON on stdout.") var json = false
    @Flag(name: .customLong("no-parallel"), help: "Skip the all-cores throughput run.") var noParallel = false
    @Flag(help: "Measure at 10^3 to 10^6 depositors (a child process each); write a table and a figure.")
    var scale = false
    @Option(help: "Depositor counts for --scale, comma-separated.") var counts = "1000,10000,100000,1000000"
    @Option(help: "The folder --scale writes its table and figure to.") var out = "bench-scale"
    @Flag(help: "Count heap allocations (a child process with the BallastAllocationCounter library preloaded).")
    var allocations = false
    @Option(
        name: .customLong("allocation-counts"),
        help: "Two depositor counts between which --allocations measures allocations per depositor-step.")
    var allocationCounts = "1000,100000"

    func run() async throws {
        guard replicates >= 1 else {
            Terminal.error("--replicates: expected an integer >= 1, got \(replicates)")
            throw ExitCode(2)
        }
        try CommandChecks.workers(workers)
        if allocations && scale {
            Terminal.error("--allocations: expected without --scale (each counts in its own child process)")
            throw ExitCode(2)
        }
        let slopeCounts = try BenchScale.parse(allocationCounts, flag: "--allocation-counts")
        guard slopeCounts.count == 2, slopeCounts[0] < slopeCounts[1] else {
            Terminal.error("--allocation-counts: expected two different depositor counts, got \(allocationCounts)")
            throw ExitCode(2)
        }
        if allocations && BenchAllocations.counter == nil {
            try BenchAllocations.rerunPreloaded()
            return
        }
        let s: Scenario
        do { s = try Scenario.load(path: scenario, overrides: overrides) } catch {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
        if scale {
            try await BenchScale(
                scenario: scenario, overrides: overrides, counts: try BenchScale.parse(counts), out: out,
                replicates: replicates
            ).run(json: json)
            return
        }
        var report = try await measure(s)
        if allocations, let counter = BenchAllocations.counter {
            try await BenchAllocations.fill(
                &report, s, path: scenario, overrides: overrides, workers: workers, replicates: replicates,
                depositorCounts: slopeCounts, counter)
        }
        if json {
            print(String(decoding: try RunWriter.encode(report), as: UTF8.self), terminator: "")
        } else {
            print(report.text)
        }
    }

    /// Times `replicates` replicates one at a time, then (unless `--no-parallel`) as many at once as there are cores.
    func measure(_ s: Scenario) async throws -> BenchReport {
        let engine = Engine(scenario: s, workers: workers)
        var wall: [Double] = []
        var cpu: [Double] = []
        var steps = 0
        let start = ContinuousClock.now
        for r in 0..<replicates {
            let t0 = ContinuousClock.now
            let c0 = ResourceUsage.cpuSeconds()
            let result = try await engine.run(seed: s.seed, replicate: UInt64(r), recordSeries: false)
            cpu.append(ResourceUsage.cpuSeconds() - c0)
            wall.append(Self.seconds(ContinuousClock.now - t0))
            steps = result.outcome.agentSteps
        }
        let sequential = Self.seconds(ContinuousClock.now - start)
        wall.sort()
        cpu.sort()
        let cores = ProcessInfo.processInfo.activeProcessorCount
        var report = BenchReport(
            scenario: s.name, agents: s.agentCount, ticks: s.ticks, agentStepsPerReplicate: steps,
            replicates: replicates, workers: workers, cores: cores, wallMedian: wall[wall.count / 2],
            wallMin: wall[0], wallMax: wall[wall.count - 1], cpuMedian: cpu[cpu.count / 2], cpuMin: cpu[0],
            cpuMax: cpu[cpu.count - 1], agentStepsPerCoreSecond: Double(steps) / max(cpu[cpu.count / 2], 1e-9),
            replicatesPerSecondOneWorker: Double(replicates) / sequential, peakRSSBytes: 0)
        if !noParallel && cores > 1 {
            let all = try await Self.parallelRate(s, replicates: max(replicates, cores), cores: cores)
            report.replicatesPerSecondAllCores = all
            report.parallelEfficiency = all / report.replicatesPerSecondOneWorker / Double(cores)
        }
        report.peakRSSBytes = ResourceUsage.peakRSSBytes()
        return report
    }

    /// Replicates per second with `cores` replicates running at once, one worker each (as a study runs them).
    static func parallelRate(_ s: Scenario, replicates: Int, cores: Int) async throws -> Double {
        let engine = Engine(scenario: s, workers: 1)
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            var next = 0
            func launch() {
                let r = UInt64(next)
                next += 1
                group.addTask { _ = try await engine.run(seed: s.seed, replicate: r, recordSeries: false) }
            }
            while next < min(cores, replicates) { launch() }
            while try await group.next() != nil { if next < replicates { launch() } }
        }
        return Double(replicates) / seconds(ContinuousClock.now - start)
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}

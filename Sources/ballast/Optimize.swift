import ArgumentParser
import Dispatch
import Foundation
import ScenarioSchema
import Simulation
import Studies

/// `ballast optimize STUDY.yaml`: Nelder–Mead over incentive parameters on common-random-number
/// estimates of P(run) + λ · cost (+ a P(run) constraint), resumable from its store.
struct Optimize: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Search scenario keys in their bounds for the least P(run) + lambda * cost: resumable.")

    @Argument(help: "The optimisation study file.") var study: String
    @Option(help: "The output folder (default: out/NAME).") var out: String?
    @Option(help: "Replicates run at once.") var workers: Int = ProcessInfo.processInfo.activeProcessorCount
    @Flag(help: "No progress output.") var quiet = false

    func run() async throws {
        try CommandChecks.workers(workers)
        let spec: OptimizeSpec
        do { spec = try OptimizeSpec.load(path: study) } catch { throw CommandChecks.refusal(error.description) }
        let folder = URL(fileURLWithPath: out ?? "out/\(spec.name)")
        let journal: OptimizeJournal
        do {
            try OutputFolder.ensureWritable(folder)
            journal = try OptimizeJournal(folder: folder, hash: spec.hash)
        } catch let e as ConfigError {
            throw CommandChecks.refusal(e.description)
        } catch {
            throw CommandChecks.refusal("\(error)")
        }
        let replayed = journal.count
        let evaluator = OptimizeEvaluator(spec: spec, journal: journal, workers: workers, quiet: quiet)
        let result = try await onThread {
            try NoisySimplexSearch(settings: spec.settings).run { x, n in try evaluator.objective(x, n) }
        }
        // The start on the optimum's replicates, for the paired difference.
        let start = try await onThread { try evaluator.entry(spec.parameters.map { $0.start }, result.replicates) }
        let best = try await onThread { try evaluator.entry(result.best, result.replicates) }
        let report = OptimizeReport(spec: spec, result: result, best: best, start: start, journal: journal)
        try report.write(to: folder)
        if !quiet {
            Terminal.info(
                "optimize: \(result.path.count) evaluations (\(replayed) stored before this run), "
                    + "stopped: \(result.stop.rawValue)")
        }
        print(report.summary)
        print("path: \(folder.path)/path.csv, optimum: \(folder.path)/optimum.json")
        if !report.feasible {
            Terminal.error(
                "infeasible: the best point found does not meet P(run) <= \(spec.constraint?.atMost ?? 0) "
                    + "(\(spec.constraint?.mode.rawValue ?? "")); it is reported above and in optimum.json")
            throw ExitCode(1)
        }
    }

    /// Runs `body` on a new thread (it blocks while runs are in flight) and returns its result.
    func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }
}

/// Estimates the objective at a point from replicates 0 … n − 1 of the study's seed, through the store.
struct OptimizeEvaluator: Sendable {
    var spec: OptimizeSpec
    var journal: OptimizeJournal
    var workers: Int
    var quiet: Bool

    func objective(_ x: [Double], _ n: Int) throws -> Double {
        let e = try entry(x, n)
        let runs = e.runs.filter { $0 }.count
        return try spec.objective(
            runs: runs, replicates: n, at: x, measuredUSD: e.meanCost, withdrawn: e.withdrawn)
    }

    /// The stored evaluation, or a new one run now and stored before it is used.
    func entry(_ x: [Double], _ n: Int) throws -> OptimizeJournal.Entry {
        if let e = journal.entry(x, replicates: n) { return e }
        let scenario = try Scenario.load(path: spec.scenarioPath, overrides: spec.overrides(at: x))
        let results = try blocking { try await runOutcomes(scenario, n) }
        let runs = results.map { $0.ran }
        // Costs are stored only when the objective uses them, so other studies' journals stay as they were.
        let e = OptimizeJournal.Entry(
            point: x, runs: runs, costs: spec.measuredCostPerUSD > 0 ? results.map { $0.cost } : [],
            withdrawn: spec.smoothing != nil ? results.map { $0.withdrawn } : [])
        try journal.append(e)
        if !quiet {
            let p = Double(runs.filter { $0 }.count) / Double(n)
            let point = zip(spec.parameters, x).map { "\($0.key)=\(String(format: "%.4g", $1))" }
            Terminal.info(
                "optimize: evaluation \(journal.count): \(point.joined(separator: " ")) n=\(n) "
                    + "P(run)=\(String(format: "%.4f", p)) "
                    + (spec.smoothing.map {
                        "smoothed=\(String(format: "%.4f", spec.smoothedRunProbability(e.withdrawn, bandwidth: $0))) "
                    } ?? "")
                    + "cost=\(String(format: "%.4g", spec.cost(at: x, measuredUSD: e.meanCost)))")
        }
        return e
    }

    /// Replicates 0 … n − 1: whether each ran, its incentive programme's cost at market value (0 without one),
    /// and its final withdrawn fraction.
    func runOutcomes(_ s: Scenario, _ n: Int) async throws -> [(ran: Bool, cost: Double, withdrawn: Double)] {
        var outcomes = [(ran: Bool, cost: Double, withdrawn: Double)](repeating: (false, 0, 0), count: n)
        var next = 0
        let seed = spec.seed
        try await withThrowingTaskGroup(of: (Int, Bool, Double, Double).self) { group in
            func add() {
                let r = next
                next += 1
                group.addTask {
                    let o = try await Engine(scenario: s).run(seed: seed, replicate: UInt64(r), recordSeries: false)
                        .outcome
                    return (r, o.run, o.incentives?.costUSD ?? 0, o.finalWithdrawnFraction)
                }
            }
            for _ in 0..<min(workers, n) { add() }
            while let (r, ran, cost, withdrawn) = try await group.next() {
                outcomes[r] = (ran, cost, withdrawn)
                if next < n { add() }
            }
        }
        return outcomes
    }

    func blocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task {
            do { box.value = .success(try await body()) } catch { box.value = .failure(error) }
            done.signal()
        }
        done.wait()
        return try box.get()
    }
}

/// A result handed from a task to a blocked thread (the semaphore orders the accesses).
final class ResultBox<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Result<T, any Error>?
    var value: Result<T, any Error>? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
    func get() throws -> T {
        guard let value else { throw CancellationError() }
        return try value.get()
    }
}

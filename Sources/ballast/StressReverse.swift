import ArgumentParser
import Dispatch
import Foundation
import ScenarioSchema
import Simulation
import Studies

/// `ballast stress --reverse STRESS.PARAM`: the smallest PARAM at which P(run) reaches the target.
///
/// Every size runs replicates 0 … R − 1 of the same seed (common random numbers). The other stresses
/// in `--stresses` are applied as written; the searched one gets PARAM = size. Brent's solver calls
/// the estimate synchronously, so the search runs on its own thread and waits for each batch of runs.
struct StressReverse {
    var scenario: String
    var stresses: [String]
    var policies: [String]
    var parameter: String
    var range: String?
    var target: Double
    var tolerance: Double
    var replicates: Int
    var seed: UInt64
    var workers: Int
    var out: String
    var quiet: Bool

    func run() async throws {
        let dot = parameter.lastIndex(of: ".")
        guard let dot, dot != parameter.startIndex, parameter.index(after: dot) != parameter.endIndex else {
            throw CommandChecks.refusal(
                "--reverse: expected STRESS.PARAM (e.g. flash_crash.size), got \(ConfigNode.echo(parameter))")
        }
        let stress = String(parameter[..<dot])
        let name = String(parameter[parameter.index(after: dot)...])
        guard let index = stresses.firstIndex(where: { $0.split(separator: ":").first.map(String.init) == stress })
        else {
            throw CommandChecks.refusal(
                "--reverse \(parameter): \(stress) is not one of --stresses (\(stresses.joined(separator: ",")))")
        }
        let bounds = (range ?? "").split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard bounds.count == 2, bounds[0].isFinite, bounds[1].isFinite, bounds[0] < bounds[1] else {
            throw CommandChecks.refusal(
                "--range: expected LOW,HIGH with LOW < HIGH, got \(ConfigNode.echo(range ?? "nothing"))")
        }
        guard target > 0, target < 1 else {
            throw CommandChecks.refusal("--target: expected a probability in (0, 1), got \(target)")
        }
        guard tolerance > 0, tolerance.isFinite else {
            throw CommandChecks.refusal("--tolerance: expected a number > 0, got \(tolerance)")
        }
        let overridesAt: @Sendable (Double) -> [String] = { [stresses, policies] x in
            var list = stresses
            list[index] += ":\(name)=\(x)"
            return [
                "policies=[" + policies.map(StressMatrix.flow).joined(separator: ", ") + "]",
                "stresses=[" + list.map(StressMatrix.flow).joined(separator: ", ") + "]",
            ]
        }
        // Both ends must load before any run: a bad parameter is an input error.
        for x in bounds {
            do { _ = try Scenario.load(path: scenario, overrides: overridesAt(x)) } catch {
                throw CommandChecks.refusal(error.description)
            }
        }
        do { try OutputFolder.ensureWritable(URL(fileURLWithPath: out)) } catch {
            throw CommandChecks.refusal(error.description)
        }
        let batch = ReplicateBatch(
            scenario: scenario, replicates: replicates, seed: seed, workers: workers, quiet: quiet)
        let result: ReverseStress.Result
        do {
            result = try await onThread {
                try ReverseStress.solve(
                    lower: bounds[0], upper: bounds[1], target: target, tolerance: tolerance
                ) { x in try batch.runsBlocking(overrides: overridesAt(x), size: x) }
            }
        } catch let e as ReverseStress.NotBracketed {
            Terminal.error("--reverse \(parameter): \(e.description)")
            throw ExitCode(1)
        }
        var csv = "\(name),runs,replicates,p_run\n"
        for e in result.evaluations {
            csv += "\(e.size),\(e.runs),\(e.replicates),\(Double(e.runs) / Double(e.replicates))\n"
        }
        let file = URL(fileURLWithPath: out).appendingPathComponent("reverse.csv")
        try AtomicFile.write(csv, to: file)
        let lo = result.lower.map { String(format: "%.4g", $0) } ?? "below \(bounds[0])"
        let hi = result.upper.map { String(format: "%.4g", $0) } ?? "above \(bounds[1])"
        print(
            String(format: "%@ = %.4g: the smallest at which P(run) >= %.2f", parameter, result.threshold, target)
                + " (95% interval from the Wilson band: [\(lo), \(hi)]; \(replicates) replicates per size, "
                + "\(result.evaluations.count) sizes)")
        print("evaluations: \(out)/reverse.csv")
    }

    /// Runs `body` on a new thread (it blocks while runs are in flight) and returns its result.
    func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }
}

/// Runs replicates 0 … R − 1 of a scenario with overrides and counts the runs.
struct ReplicateBatch: Sendable {
    var scenario: String
    var replicates: Int
    var seed: UInt64
    var workers: Int
    var quiet: Bool

    func runs(overrides: [String]) async throws -> Int {
        let s = try Scenario.load(path: scenario, overrides: overrides)
        var total = 0
        var next = 0
        try await withThrowingTaskGroup(of: Bool.self) { group in
            func add() {
                let r = next
                next += 1
                group.addTask {
                    try await Engine(scenario: s).run(seed: seed, replicate: UInt64(r), recordSeries: false).outcome.run
                }
            }
            for _ in 0..<min(workers, replicates) { add() }
            while let ran = try await group.next() {
                if ran { total += 1 }
                if next < replicates { add() }
            }
        }
        return total
    }

    /// ``runs(overrides:)`` from a thread that may block; reports the size's estimate.
    func runsBlocking(overrides: [String], size: Double) throws -> (runs: Int, replicates: Int) {
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        Task {
            do { box.set(.success(try await runs(overrides: overrides))) } catch { box.set(.failure(error)) }
            done.signal()
        }
        done.wait()
        let n = try box.get()
        if !quiet {
            FileHandle.standardError.write(
                Data("reverse: size \(size): \(n)/\(replicates) runs, P(run) \(Double(n) / Double(replicates))\n".utf8))
        }
        return (n, replicates)
    }

    final class Box: @unchecked Sendable {
        private let lock = NSLock()
        private var value: Result<Int, any Error> = .success(0)
        func set(_ v: Result<Int, any Error>) {
            lock.lock()
            value = v
            lock.unlock()
        }
        func get() throws -> Int {
            lock.lock()
            defer { lock.unlock() }
            return try value.get()
        }
    }
}

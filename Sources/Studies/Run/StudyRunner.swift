import Foundation
import ScenarioSchema
import Simulation
import Stochastics

/// Runs a study's replicates in parallel and stores them, resumably.
///
/// Common random numbers: replicate r of every point uses the streams of `(seed, r, …)`,
/// so differences between points are not sampling noise. Results are keyed by
/// (point, replicate) and estimates read them in replicate order, so the output does not
/// depend on the number of workers or on which replicate finished first.
public struct StudyRunner: Sendable {
    public let spec: StudySpec
    public let workers: Int
    /// Results are written in one transaction per batch of this many (or at the end).
    public let flushEvery: Int
    /// The slice of (point, replicate) pairs this runner owns; the whole study when nil.
    public private(set) var shard: StudyShard?

    /// A runner of the whole study.
    public init(spec: StudySpec, workers: Int, flushEvery: Int = 32) {
        self.spec = spec
        self.workers = max(1, workers)
        self.flushEvery = max(1, flushEvery)
        shard = nil
    }

    /// A runner of one shard of the study: it runs only the pairs `shard` owns.
    /// - Throws: `ShardError` for an adaptive study (see `StudyShard.check`).
    public init(spec: StudySpec, workers: Int, flushEvery: Int = 32, shard: StudyShard) throws(ShardError) {
        try StudyShard.check(spec)
        self.init(spec: spec, workers: workers, flushEvery: flushEvery)
        self.shard = shard
    }

    /// Validates every point's scenario before any work starts.
    public func scenarios(for points: [StudyPoint]) throws(ConfigError) -> [Scenario] {
        var out: [Scenario] = []
        for p in points {
            do {
                out.append(try Scenario.load(path: spec.scenarioPath, overrides: spec.overrides(for: p)))
            } catch {
                // Name the study and the point, then the scenario's own located error.
                throw ConfigError(
                    file: spec.sourcePath, line: nil, keyPath: "parameters",
                    message: "point \(p.index) is not a valid scenario: \(error.description)")
            }
        }
        return out
    }

    /// Runs what is missing from `store`. Returns false when stopped early.
    /// `validated` are the points' scenarios when the caller has already loaded them.
    public func run(
        store: ResultStore, validated: [Scenario]? = nil, stop: StopSignal = StopSignal(),
        progress: (@Sendable (StudyProgress) -> Void)? = nil
    ) async throws -> Bool {
        var points = try spec.points()
        let scenarios = try validated ?? scenarios(for: points)
        // Each point records the scenario it runs, so a resume after an edit is refused, not mixed.
        for i in points.indices { points[i].scenarioHash = scenarios[i].contentHash }
        try store.registerPoints(points)
        var target = [Int](repeating: spec.replicates, count: points.count)
        let started = ContinuousClock.now
        var doneThisSession = 0
        while true {
            let completed = try store.completed()
            var jobs: [ReplicateKey] = []
            var planned = 0
            for p in points.indices {
                for r in 0..<target[p] {
                    let key = ReplicateKey(point: p, replicate: r)
                    if let shard, !shard.contains(key, replicatesPerPoint: spec.replicates) { continue }
                    planned += 1
                    if !completed.contains(key) { jobs.append(key) }
                }
            }
            let alreadyDone = planned - jobs.count
            func report(_ doneNow: Int, _ pointsDone: Int) {
                guard let progress else { return }
                let elapsed = Self.seconds(ContinuousClock.now - started)
                let rate = elapsed > 0 ? Double(doneThisSession + doneNow) / elapsed : 0
                let left = jobs.count - doneNow
                progress(
                    StudyProgress(
                        replicatesDone: alreadyDone + doneNow, replicatesPlanned: planned,
                        pointsDone: pointsDone, points: points.count, rate: rate,
                        etaSeconds: rate > 0 ? Double(left) / rate : .infinity))
            }
            let finished = try await execute(
                jobs, points: points.count, scenarios: scenarios, store: store, stop: stop,
                report: report)
            doneThisSession += finished
            if stop.isStopped { return false }
            guard let adaptive = spec.adaptive else { return true }
            // Adaptive: grow every point whose interval is still too wide, in fixed batches, so the
            // final counts depend only on results, never on timing.
            var grew = false
            for p in points.indices where target[p] < adaptive.maxReplicates {
                let outcomes = try store.outcomes(point: p)
                let ci = try ProportionInterval.wilson(
                    successes: outcomes.filter(\.run).count, trials: max(1, outcomes.count),
                    confidence: spec.confidence)
                if ci.halfWidth > adaptive.targetHalfWidth {
                    target[p] = min(adaptive.maxReplicates, target[p] + adaptive.batch)
                    grew = true
                }
            }
            if !grew { return true }
        }
    }

    /// Runs `jobs` with at most `workers` at once, flushing results to the store in batches.
    private func execute(
        _ jobs: [ReplicateKey], points: Int, scenarios: [Scenario], store: ResultStore, stop: StopSignal,
        report: (Int, Int) -> Void
    ) async throws -> Int {
        var remaining = [Int](repeating: 0, count: points)
        for j in jobs { remaining[j.point] += 1 }
        var pointsDone = remaining.filter { $0 == 0 }.count
        guard !jobs.isEmpty else {
            report(0, pointsDone)
            return 0
        }
        let seed = spec.seed
        var pending: [(key: ReplicateKey, outcome: Outcome)] = []
        var done = 0
        try await withThrowingTaskGroup(of: (ReplicateKey, Outcome).self) { group in
            var next = 0
            func launch() {
                let key = jobs[next]
                let scenario = scenarios[key.point]
                next += 1
                group.addTask {
                    do {
                        let r = try await Engine(scenario: scenario, workers: 1)
                            .run(seed: seed, replicate: UInt64(key.replicate), recordSeries: false)
                        return (key, r.outcome)
                    } catch {
                        throw ReplicateFailure(
                            point: key.point, replicate: key.replicate,
                            overrides: scenario.overrides, reason: "\(error)")
                    }
                }
            }
            while next < jobs.count && next < workers && !stop.isStopped { launch() }
            while let (key, outcome) = try await group.next() {
                pending.append((key, outcome))
                done += 1
                remaining[key.point] -= 1
                if remaining[key.point] == 0 { pointsDone += 1 }
                if pending.count >= flushEvery {
                    try store.record(pending)
                    pending.removeAll(keepingCapacity: true)
                }
                report(done, pointsDone)
                if next < jobs.count && !stop.isStopped { launch() }
            }
        }
        // The loop has already reported the last replicate.
        if !pending.isEmpty { try store.record(pending) }
        return done
    }

    /// A replicate that produced no result. The study stops; what was stored before stays stored.
    public struct ReplicateFailure: Error, CustomStringConvertible, Sendable {
        public let point: Int
        public let replicate: Int
        public let overrides: [String]
        public let reason: String

        public var description: String {
            "point \(point) (\(overrides.joined(separator: ", "))), replicate \(replicate) failed: \(reason)"
        }
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}

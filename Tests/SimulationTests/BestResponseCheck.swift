import Agents
import Foundation
import Stochastics
import Testing

@testable import Simulation

/// The best-response check: does one depositor gain by deviating from the threshold everyone else plays?
///
/// Each replicate runs the scenario once; every depositor of the first shard then serves as a negligible
/// deviator (one depositor does not move the outcome). A depositor with signal x who runs below x' earns
/// 1{x < x'} (F − t), F = 1 when the regime failed, and nothing when it stays. The gain of x' over the played
/// x* is the paired difference on the same replicates and signals (common random numbers), so its standard
/// error is that of the paired differences across replicates.
struct BestResponseCheck {
    /// One deviation's mean gain and its Monte Carlo standard error.
    struct Gain { let threshold: Double, mean: Double, standardError: Double }

    let scenario: Scenario
    let game: Depositors.Game

    init(_ scenario: Scenario) throws {
        self.scenario = scenario
        let section = try #require(scenario.agentSections.first { $0.key == Depositors.key })
        self.game = try #require(section.config(as: Depositors.self)?.game)
    }

    /// Mean gains of running below each of `thresholds` rather than below x*, over `replicates` replicates.
    func gains(_ thresholds: [Double], replicates: Int, seed: UInt64 = 1) async throws -> [Gain] {
        let played = game.played.signal
        let t = game.model.cost
        var perReplicate = [[Double]](repeating: [], count: thresholds.count)
        for r in 0..<replicates {
            let box = SignalBox()
            var engine = Engine(scenario: scenario)
            engine.tickObserver = { _, _, pops in
                guard let shard = pops.first as? DepositorShard else { return }
                await box.set(await shard.players.map(\.signal))
            }
            let result = try await engine.run(seed: seed, replicate: UInt64(r), recordSeries: false)
            let failed = result.outcome.run ? 1.0 : 0.0
            let signals = await box.signals
            for (k, x) in thresholds.enumerated() {
                var sum = 0.0
                for s in signals {
                    sum += ((s < x ? 1.0 : 0) - (s < played ? 1.0 : 0)) * (failed - t)
                }
                perReplicate[k].append(sum / Double(max(1, signals.count)))
            }
        }
        return zip(thresholds, perReplicate).map { x, d in
            let n = Double(d.count)
            let mean = d.reduce(0, +) / n
            let variance = d.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / max(1, n - 1)
            return Gain(threshold: x, mean: mean, standardError: (variance / n).squareRoot())
        }
    }
}

private actor SignalBox {
    var signals: [Double] = []
    func set(_ s: [Double]) { signals = s }
}

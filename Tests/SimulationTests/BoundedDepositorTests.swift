import Agents
import Foundation
import Games
import Stochastics
import Testing

@testable import Simulation

/// The bounded-rationality strategies in the engine, on paired replicates (common random numbers).
@Suite("Boundedly rational depositors")
struct BoundedDepositorTests {
    static func runs(_ overrides: [String], replicates: Int = 200) async throws -> [Bool] {
        let s = try GameStrategyTests.scenario(overrides)
        var out: [Bool] = []
        for r in 0..<replicates {
            out.append(
                try await Engine(scenario: s).run(seed: 1, replicate: UInt64(r), recordSeries: false).outcome.run)
        }
        return out
    }

    @Test func levelKRunsLessAtEachLevelFromAlwaysRun() async throws {
        let nash = try await Self.runs(["depositors.strategy=morris_shin"])
        var levels: [[Bool]] = []
        for k in 0...3 {
            levels.append(try await Self.runs(["depositors.strategy=level_k", "depositors.game.level=\(k)"]))
        }
        #expect(levels[0].allSatisfy { $0 }, "level 0 always runs")
        // Same signals, nested thresholds x₁ > x₂ > x₃ > x*: whoever runs at a level runs at every lower one.
        let chain = levels + [nash]
        for (hi, lo) in zip(chain, chain.dropFirst()) {
            #expect(zip(hi, lo).allSatisfy { $0 || !$1 })
        }
        // Beyond Monte Carlo error: a sign test on the discordant pairs of level 1 against Nash.
        let discordant = zip(levels[1], nash).filter { $0 != $1 }.count
        #expect(discordant >= 10, "P = 2^-\(discordant) under no effect")
    }

    @Test func quantalResponseRunsAtItsEquilibriumFrequency() async throws {
        let s = try GameStrategyTests.scenario(["depositors.strategy=quantal", "depositors.game.rationality=3"])
        let game = try #require(s.agentSections.first?.config(as: Depositors.self)?.game)
        let p = StandardNormal.cdf(
            game.model.priorPrecision.squareRoot() * (game.quantalFailureThreshold - game.model.priorMean))
        let n = 300
        let ran = try await Self.runs(["depositors.strategy=quantal", "depositors.game.rationality=3"], replicates: n)
        let pHat = Double(ran.filter { $0 }.count) / Double(n)
        #expect(abs(pHat - p) < 4 * (p * (1 - p) / Double(n)).squareRoot(), "simulated \(pHat), QRE \(p)")
        #expect(abs(game.quantalFailureThreshold - game.played.theta) > 0.02, "λ = 3 is far from Nash")
    }

    @Test func sharpQuantalResponseActsLikeTheNashThreshold() async throws {
        let nash = try await Self.runs(["depositors.strategy=morris_shin"], replicates: 100)
        let sharp = try await Self.runs(
            ["depositors.strategy=quantal", "depositors.game.rationality=100000"], replicates: 100)
        #expect(zip(nash, sharp).filter { $0 != $1 }.count <= 3)
    }
}

extension BoundedDepositorTests {
    @Test func fictitiousPlayLearnsTowardsTheEquilibriumAcrossEpisodes() async throws {
        let learn = ["depositors.strategy=fictitious_play"]
        let first = try await Self.runs(learn + ["depositors.game.episode=0"])
        let later = try await Self.runs(learn + ["depositors.game.episode=300"])
        let nash = try await Self.runs(["depositors.strategy=morris_shin"])
        // From a first belief that everyone runs, thresholds fall towards x* episode by episode: nested outcomes.
        #expect(zip(first, later).allSatisfy { $0 || !$1 } && zip(later, nash).allSatisfy { $0 || !$1 })
        let gained = zip(first, later).filter { $0 != $1 }.count
        let left = zip(later, nash).filter { $0 != $1 }.count
        #expect(gained >= 10 && left < gained, "episode 0 → 300 removed \(gained) runs; \(left) more to Nash")
    }
}

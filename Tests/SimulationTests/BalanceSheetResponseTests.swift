import Agents
import Foundation
import Testing

@testable import Simulation

/// Bounded-rationality responses and mixed populations of `balance_sheet` depositors, in the engine: each
/// moves the withdrawn fraction the way theory says, on paired replicates (same seed and replicate), beyond
/// three standard errors of the paired mean difference.
@Suite("Balance-sheet responses and mixed depositors")
struct BalanceSheetResponseTests {
    /// The early, purely liquidity-driven run of the balance-sheet tests, measured after its first 6 ticks (how
    /// fast the depositors leave), with a fire-sale quote of `fireSale` of the collateral.
    static func scenario(fireSale: Double, _ overrides: [String]) throws -> Scenario {
        try BalanceSheetGameTests.scenario(fireSale: fireSale, ["ticks=6"] + overrides)
    }

    static func effect(fireSale: Double = 0.3, _ a: [String], _ b: [String]) async throws -> (mean: Double, se: Double)
    {
        try await BalanceSheetGameTests.paired(
            try scenario(fireSale: fireSale, a), try scenario(fireSale: fireSale, b), replicates: 8,
            BalanceSheetGameTests.withdrawn)
    }

    @Test func levelOneFromAlwaysRunWithdrawsMoreThanNash() async throws {
        let (mean, se) = try await Self.effect(fireSale: 0.25, [], ["depositors.game.response=level_k"])
        #expect(mean > 3 * se, "paired mean \(mean), standard error \(se)")
    }

    @Test func levelOneFromNeverRunWithdrawsLessThanNash() async throws {
        let (mean, se) = try await Self.effect(
            [], ["depositors.game.response=level_k", "depositors.game.level_zero=never_run"])
        #expect(mean < -3 * se, "paired mean \(mean), standard error \(se)")
    }

    @Test func noisierQuantalChoiceWithdrawsMoreInCalm() async throws {
        // With a shallow fire-sale quote staying dominates (t = 1), yet the logit still withdraws with probability
        // 1/(1 + e^{λ(1 − P(fail | x))}) per look: more often when λ is smaller.
        let quantal = ["depositors.game.response=quantal", "ticks=60"]
        let (mean, se) = try await Self.effect(
            fireSale: 0.02, quantal + ["depositors.game.rationality=300"], quantal + ["depositors.game.rationality=5"])
        #expect(mean > 3 * se, "paired mean \(mean), standard error \(se)")
    }

    @Test func fictitiousPlayLearnsToRunLessThanLevelOne() async throws {
        // Episode 0 best-responds to everyone running (level 1); later episodes approach x* from above. With
        // noisy signals (β ≈ 290) the best response is flat enough for 50 episodes to show it.
        let learning = [
            "depositors.game.response=fictitious_play", "depositors.game.signal_precision=400",
            "depositors.game.price_signal_precision=1000",
        ]
        let (mean, se) = try await Self.effect(fireSale: 0.25, learning, learning + ["depositors.game.episode=50"])
        #expect(mean < -3 * se, "paired mean \(mean), standard error \(se)")
    }

    @Test func aShareThatNeverRunsLowersWithdrawals() async throws {
        let mix = "depositors.mix=[{share: 0.5, response: level_k, level_zero: never_run}]"
        let (mean, se) = try await Self.effect([], [mix])
        #expect(mean < -3 * se, "paired mean \(mean), standard error \(se)")
    }

    @Test func anAllHerdingMixRunsExactlyAsTheHeuristicRule() async throws {
        // The herding share draws from the same decision stream as the heuristic strategy, and nothing else.
        let herding = try BalanceSheetGameTests.scenario([
            "depositors.mix=[{share: 1, response: herding}]", "market.shock.size=0.3", "ticks=260",
        ])
        let heuristic = try BalanceSheetGameTests.scenario([
            "depositors.strategy=heuristic", "depositors.game=null", "market.shock.size=0.3", "ticks=260",
        ])
        for r in 0..<2 {
            let a = try await Engine(scenario: herding).run(seed: 3, replicate: UInt64(r))
            let b = try await Engine(scenario: heuristic).run(seed: 3, replicate: UInt64(r))
            #expect(a.series == b.series && a.outcome == b.outcome)
        }
    }

    @Test func theSameSeedGivesTheSameMixedRunAtAnyWorkerCount() async throws {
        let s = try BalanceSheetGameTests.scenario([
            "depositors.mix=[{share: 0.3, response: herding}, {share: 0.3, response: quantal, rationality: 50}]",
            "ticks=220", "market.shock.size=0.3",
        ])
        let one = try await Engine(scenario: s, workers: 1).run(seed: 5, replicate: 1)
        let two = try await Engine(scenario: s, workers: 2).run(seed: 5, replicate: 1)
        #expect(one.series == two.series && one.outcome == two.outcome)
    }
}

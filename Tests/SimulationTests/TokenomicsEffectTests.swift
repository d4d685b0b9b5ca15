import Foundation
import Testing

@testable import ProtocolModel
@testable import Simulation

/// The native token's feedback loop and each incentive instrument of experiments/tokenomics-feedback, on
/// paired replicates (the same seed and replicate with and without the instrument: common random numbers):
/// each moves its outcome the right way beyond three standard errors of the paired mean difference.
@Suite("Tokenomics")
struct TokenomicsEffectTests {
    static let file = TestSupport.root.appendingPathComponent("experiments/tokenomics-feedback/tokenomics.yaml").path
    static let replicates = 16

    /// The experiment's scenario, 300 ticks (the shock at 200), 2,000 depositors, plus `overrides`.
    static func scenario(_ overrides: [String]) throws -> Scenario {
        try Scenario.load(path: file, overrides: ["ticks=300", "depositors.count=2000"] + overrides)
    }

    /// The paired differences `measure(b) − measure(a)` over the replicates.
    static func differences(
        _ a: [String], _ b: [String], ticks: Int = 300, replicates: Int = replicates,
        _ measure: (RunResult) -> Double
    ) async throws -> (mean: Double, se: Double) {
        let sa = try scenario(a + ["ticks=\(ticks)"])
        let sb = try scenario(b + ["ticks=\(ticks)"])
        var d: [Double] = []
        for r in 0..<replicates {
            let x = try await Engine(scenario: sa).run(seed: 1, replicate: UInt64(r))
            let y = try await Engine(scenario: sb).run(seed: 1, replicate: UInt64(r))
            d.append(measure(y) - measure(x))
        }
        return MultiAssetEffectTests.paired(d)
    }

    static func finalTokenPrice(_ r: RunResult) -> Double { r.outcome.incentives?.finalTokenPrice ?? .nan }
    static func withdrawn(_ r: RunResult) -> Double { r.outcome.finalWithdrawnFraction }
    /// The mean withdrawn fraction over ticks `from..<to`: less bimodal than the final one, which a run
    /// pushes to 1.
    static func meanWithdrawn(_ from: Int, _ to: Int) -> (RunResult) -> Double {
        { r in r.series[from..<min(to, r.series.count)].reduce(0) { $0 + $1.withdrawnFraction } / Double(to - from) }
    }
    static let noBonus = ["incentives.stay_bonus=0"]
    static let paidInUSD = ["incentives.paid_in=usd", "incentives.budget_usd=20000000", "incentives.budget_tokens=0"]

    /// Holders value the token on the protocol's health: the ETH shock (through TVL, bad debt and outflows)
    /// lowers the token's price against the same replicates without a shock.
    @Test func holdersSellTheTokenWhenTheProtocolWeakens() async throws {
        let (mean, se) = try await Self.differences(
            Self.noBonus + ["market.shocks[0].factor=1"], Self.noBonus, Self.finalTokenPrice)
        #expect(mean < -3 * se && mean < -0.05, "paired mean \(mean), standard error \(se)")
    }

    /// A stay bonus paid in USD lowers withdrawals against no bonus.
    @Test func aStayBonusKeepsDepositors() async throws {
        let (mean, se) = try await Self.differences(Self.noBonus, Self.paidInUSD, Self.withdrawn)
        #expect(mean < -3 * se, "paired mean \(mean), standard error \(se)")
    }

    /// The same bonus fixed in tokens is worth less once the token falls: over the stressed ticks its
    /// offered value is below the USD bonus's, and depositors withdraw more than under the USD bonus (the
    /// mean withdrawn fraction over the 100 ticks after the shock, 64 replicates, at twice the bonus).
    @Test func aBonusInTheTokenIsWorthLessInStress() async throws {
        func offered(_ r: RunResult) -> Double { r.incentives.dropFirst(200).reduce(0) { $0 + $1.offeredStayBonus } }
        let value = try await Self.differences(Self.paidInUSD, [], offered)
        #expect(value.mean < -3 * value.se, "offered value: paired mean \(value.mean), standard error \(value.se)")
        let larger = ["incentives.stay_bonus=0.001"]
        let (mean, se) = try await Self.differences(
            Self.paidInUSD + larger, larger, replicates: 64, Self.meanWithdrawn(200, 300))
        #expect(mean > 3 * se, "withdrawn: paired mean \(mean), standard error \(se)")
    }

    /// Depositors who read the token's fall as a warning (`token_sensitivity`) withdraw more (the mean
    /// withdrawn fraction over the run).
    @Test func aFallingTokenTriggersExits() async throws {
        let (mean, se) = try await Self.differences(
            Self.noBonus, Self.noBonus + ["depositors.token_sensitivity=0.05"], Self.meanWithdrawn(0, 300))
        #expect(mean > 3 * se, "paired mean \(mean), standard error \(se)")
    }

    /// Buy-backs below 90% of the opening price hold the token up.
    @Test func buyBacksHoldTheTokenUp() async throws {
        let buyBack = [
            "incentives.budget_usd=5000000", "incentives.buy_back_below=0.9", "incentives.buy_back_usd=100000",
        ]
        let (mean, se) = try await Self.differences(Self.noBonus, Self.noBonus + buyBack, Self.finalTokenPrice)
        #expect(mean > 3 * se, "paired mean \(mean), standard error \(se)")
    }

    /// LP emissions in stress raise LPs' tolerance: fewer of them leave pool 0.
    @Test func lpEmissionsKeepLiquidityProviders() async throws {
        let lps = ["incentives.trigger=always", "incentives.lp_bonus=0.05", "incentives.lp_emission_usd=2000"]
        let (mean, se) = try await Self.differences(Self.noBonus, Self.noBonus + lps) { $0.outcome.lpExitFractionMax }
        #expect(mean < -3 * se, "paired mean \(mean), standard error \(se)")
    }
}

import Simulation
import Stochastics

/// What the stress matrix reports for one cell, each figure with a confidence interval.
///
/// - P(run): the share of replicates with a run (the scenario's `run_definition`), Wilson interval.
/// - P(insolvency): the share of replicates that were insolvent at some tick: bad debt above zero at the
///   end, or a solvency margin θ below zero at some tick (assets short of deposits); Wilson interval.
/// - Bad-debt VaR 95%: the 95th percentile over replicates of the run's bad debt (USD, over the scenario's
///   horizon), percentile-bootstrap interval.
/// - Worst LCR: the 5th percentile over replicates of each run's minimum liquidity coverage ratio (the
///   low tail of the worst tick), percentile-bootstrap interval.
/// - Yield given up: the mean over replicates of the treasury's yield given up against its menu fully
///   invested (``/Simulation/TreasuryOutcome/yieldGivenUpUSD``), and the mean share of its capital in
///   instruments (``/Simulation/TreasuryOutcome/investedShare``); percentile-bootstrap intervals; NaN without a treasury `instruments` menu.
public struct StressCellEstimate: Sendable, Equatable {
    /// Replicates the estimates use.
    public var replicates: Int
    /// P(run).
    public var runProbability: ProportionInterval
    /// P(insolvency).
    public var insolvencyProbability: ProportionInterval
    /// The 95th percentile of bad debt.
    public var badDebtVaR95: Estimate
    /// The 5th percentile of the minimum LCR.
    public var worstLCR: Estimate
    /// The mean yield the treasury gave up, USD over the horizon.
    public var yieldGivenUp = Estimate(value: .nan, lower: .nan, upper: .nan)
    /// The mean share of the treasury's capital in instruments.
    public var investedShare = Estimate(value: .nan, lower: .nan, upper: .nan)

    /// Whether one replicate counts as insolvent.
    public static func insolvent(_ o: Outcome) -> Bool {
        o.badDebtUSD > 0 || o.worstTheta < 0
    }

    /// Estimates from one cell's outcomes, in replicate order; `cell` keys the bootstrap stream.
    public static func make(outcomes: [Outcome], cell: Int, confidence: Double, seed: UInt64) throws
        -> StressCellEstimate
    {
        let n = max(1, outcomes.count)
        var rng = RandomStream(seed: seed, population: "stress", shard: UInt64(cell), purpose: "bootstrap")
        var e = StressCellEstimate(
            replicates: outcomes.count,
            runProbability: try .wilson(successes: outcomes.filter(\.run).count, trials: n, confidence: confidence),
            insolvencyProbability: try .wilson(
                successes: outcomes.filter(insolvent).count, trials: n, confidence: confidence),
            badDebtVaR95: Bootstrap.interval(
                outcomes.map(\.badDebtUSD), confidence: confidence, rng: &rng, statistic: Bootstrap.quantile(0.95)),
            worstLCR: Bootstrap.interval(
                outcomes.map(\.minLiquidityCoverage), confidence: confidence, rng: &rng,
                statistic: Bootstrap.quantile(0.05)))
        // Drawn after the figures above, so their intervals do not depend on whether a treasury ran.
        let given = outcomes.compactMap { $0.treasury?.yieldGivenUpUSD }
        let invested = outcomes.compactMap { $0.treasury?.investedShare }
        if !given.isEmpty {
            e.yieldGivenUp = Bootstrap.interval(given, confidence: confidence, rng: &rng, statistic: Bootstrap.mean)
            e.investedShare = Bootstrap.interval(invested, confidence: confidence, rng: &rng, statistic: Bootstrap.mean)
        }
        return e
    }

    /// Column names of ``csvValues``.
    public static let csvColumns = [
        "replicates", "p_run", "p_run_lo", "p_run_hi", "p_insolvency", "p_insolvency_lo", "p_insolvency_hi",
        "bad_debt_var95", "bad_debt_var95_lo", "bad_debt_var95_hi", "worst_lcr", "worst_lcr_lo", "worst_lcr_hi",
        "yield_given_up", "yield_given_up_lo", "yield_given_up_hi", "invested_share", "invested_share_lo",
        "invested_share_hi",
    ]

    /// The figures in ``csvColumns`` order.
    public var csvValues: [Double] {
        let p = runProbability
        let q = insolvencyProbability
        return [Double(replicates), p.estimate, p.lower, p.upper, q.estimate, q.lower, q.upper]
            + [badDebtVaR95, worstLCR, yieldGivenUp, investedShare].flatMap { [$0.value, $0.lower, $0.upper] }
    }
}

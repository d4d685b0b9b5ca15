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
        return StressCellEstimate(
            replicates: outcomes.count,
            runProbability: try .wilson(successes: outcomes.filter(\.run).count, trials: n, confidence: confidence),
            insolvencyProbability: try .wilson(
                successes: outcomes.filter(insolvent).count, trials: n, confidence: confidence),
            badDebtVaR95: Bootstrap.interval(
                outcomes.map(\.badDebtUSD), confidence: confidence, rng: &rng, statistic: Bootstrap.quantile(0.95)),
            worstLCR: Bootstrap.interval(
                outcomes.map(\.minLiquidityCoverage), confidence: confidence, rng: &rng,
                statistic: Bootstrap.quantile(0.05)))
    }

    /// Column names of ``csvValues``.
    public static let csvColumns = [
        "replicates", "p_run", "p_run_lo", "p_run_hi", "p_insolvency", "p_insolvency_lo", "p_insolvency_hi",
        "bad_debt_var95", "bad_debt_var95_lo", "bad_debt_var95_hi", "worst_lcr", "worst_lcr_lo", "worst_lcr_hi",
    ]

    /// The figures in ``csvColumns`` order.
    public var csvValues: [Double] {
        let p = runProbability
        let q = insolvencyProbability
        return [Double(replicates), p.estimate, p.lower, p.upper, q.estimate, q.lower, q.upper]
            + [badDebtVaR95, worstLCR].flatMap { [$0.value, $0.lower, $0.upper] }
    }
}

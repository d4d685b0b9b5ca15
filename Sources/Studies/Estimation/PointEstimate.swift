import Simulation
import Stochastics

/// What a study reports for one point: P(run) with intervals, and tail metrics of the losses.
///
/// "Value at risk" here is the 95th percentile of bad debt over the scenario's horizon
/// (e.g. 1,000 hours), not an annualised figure; "liquidations at risk" likewise.
public struct PointEstimate: Sendable, Equatable {
    public var point: StudyPoint
    public var replicates: Int
    public var runs: Int
    /// P(run) with Wilson's interval.
    public var runProbability: ProportionInterval
    /// P(run) with the Clopper–Pearson interval.
    public var runProbabilityExact: ProportionInterval
    public var meanBadDebt: Estimate
    public var badDebtAtRisk95: Estimate
    public var meanLiquidated: Estimate
    public var liquidationsAtRisk95: Estimate
    public var meanMinAMMPrice: Estimate
    /// Quartiles of the tick of the run, among replicates that ran (NaN when none did).
    public var runTickQuartiles: [Double]

    /// Estimates from one point's outcomes, ordered by replicate.
    public static func make(point: StudyPoint, outcomes: [Outcome], confidence: Double, seed: UInt64) throws
        -> PointEstimate
    {
        let n = outcomes.count
        let runs = outcomes.filter(\.run).count
        var rng = RandomStream(seed: seed, population: "study", shard: UInt64(point.index), purpose: "bootstrap")
        let bad = outcomes.map(\.badDebtUSD)
        let liq = outcomes.map(\.liquidatedUSD)
        let ticks = outcomes.compactMap(\.runTick).map(Double.init)
        return PointEstimate(
            point: point, replicates: n, runs: runs,
            runProbability: try .wilson(successes: runs, trials: max(1, n), confidence: confidence),
            runProbabilityExact: try .clopperPearson(successes: runs, trials: max(1, n), confidence: confidence),
            meanBadDebt: Bootstrap.interval(bad, confidence: confidence, rng: &rng, statistic: Bootstrap.mean),
            badDebtAtRisk95: Bootstrap.interval(
                bad, confidence: confidence, rng: &rng, statistic: Bootstrap.quantile(0.95)),
            meanLiquidated: Bootstrap.interval(liq, confidence: confidence, rng: &rng, statistic: Bootstrap.mean),
            liquidationsAtRisk95: Bootstrap.interval(
                liq, confidence: confidence, rng: &rng, statistic: Bootstrap.quantile(0.95)),
            meanMinAMMPrice: Bootstrap.interval(
                outcomes.map(\.minAMMPrice), confidence: confidence, rng: &rng, statistic: Bootstrap.mean),
            runTickQuartiles: ticks.isEmpty ? [.nan, .nan, .nan] : (try Summary.quantiles(ticks, [0.25, 0.5, 0.75])))
    }

    /// Column names of ``csvValues``, after the parameter columns.
    public static let csvColumns = [
        "replicates", "runs", "p_run", "p_run_wilson_lo", "p_run_wilson_hi", "p_run_cp_lo", "p_run_cp_hi",
        "bad_debt_mean", "bad_debt_mean_lo", "bad_debt_mean_hi", "bad_debt_p95", "bad_debt_p95_lo", "bad_debt_p95_hi",
        "liquidated_mean", "liquidated_mean_lo", "liquidated_mean_hi", "liquidated_p95", "liquidated_p95_lo",
        "liquidated_p95_hi",
        "min_amm_price_mean", "min_amm_price_mean_lo", "min_amm_price_mean_hi", "run_tick_q25", "run_tick_median",
        "run_tick_q75",
    ]

    public var csvValues: [Double] {
        let p = runProbability
        let c = runProbabilityExact
        return point.values + [Double(replicates), Double(runs), p.estimate, p.lower, p.upper, c.lower, c.upper]
            + [meanBadDebt, badDebtAtRisk95, meanLiquidated, liquidationsAtRisk95, meanMinAMMPrice].flatMap {
                [$0.value, $0.lower, $0.upper]
            }
            + runTickQuartiles
    }
}

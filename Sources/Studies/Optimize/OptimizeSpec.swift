import Foundation
import ScenarioSchema
import Simulation
import Stochastics

/// An optimisation study (`ballast optimize STUDY.yaml`): which scenario keys to search, in which
/// bounds, and the objective P̂(run) + λ · cost + penalty, estimated on common random numbers. The cost is
/// deterministic (Σ cost_per_unit · value) plus, with ``measuredCostPerUSD``, the incentive programme's cost at
/// market value averaged over the point's replicates (`incentive_cost_usd`), which only a run can tell.
public struct OptimizeSpec: Sendable, Equatable {
    /// One searched scenario key.
    public struct Parameter: Sendable, Equatable {
        /// The scenario key path, e.g. `depositors.stay_bonus`.
        public var key: String
        /// The lower bound (the scenario accepts it).
        public var lower: Double
        /// The upper bound (the scenario accepts it).
        public var upper: Double
        /// The starting value, strictly inside the bounds (default: the midpoint).
        public var start: Double
        /// Cost per unit of the key's value, in the objective's units before λ.
        public var costPerUnit: Double
    }

    /// How the P(run) target enters the objective.
    public enum ConstraintMode: String, Sendable, Equatable, CaseIterable {
        /// weight · max(0, P̂ − target) is added.
        case penalty
        /// weight · max(0, Wilson upper − target) is added; the optimum must have its upper limit ≤ target.
        case wilsonUpper = "wilson_upper"
    }

    /// P(run) ≤ target, as a penalty or a bound on the Wilson upper limit.
    public struct Constraint: Sendable, Equatable {
        /// The largest acceptable P(run).
        public var atMost: Double
        /// How it is enforced.
        public var mode: ConstraintMode
        /// The penalty's weight per unit of excess probability.
        public var weight: Double
    }

    /// The study's name (its output folder's default name).
    public var name: String
    /// The scenario file, resolved from the study's folder.
    public var scenarioPath: String
    /// The seed of every replicate.
    public var seed: UInt64
    /// `key=value` overrides applied at every point.
    public var fixedOverrides: [String]
    /// The searched keys.
    public var parameters: [Parameter]
    /// The weight of the cost against P(run).
    public var lambda: Double
    /// Cost units per USD of the incentive programme's measured cost (`objective.incentive_cost_per_usd`);
    /// 0: the cost is the parameters' deterministic cost alone.
    public var measuredCostPerUSD = 0.0
    /// The optional P(run) constraint.
    public var constraint: Constraint?
    /// Replicates per evaluation in the first stage.
    public var startReplicates: Int
    /// Replicates per evaluation at most.
    public var maxReplicates: Int
    /// The simplex size (logistic coordinates) at which the replicates double.
    public var growBelow: Double
    /// The most evaluations in all.
    public var maxEvaluations: Int
    /// The minimiser: Nelder–Mead, or BFGS on a smoothed objective (`method`).
    public var method = NoisySimplexSearch.Method.nelderMead
    /// The bandwidth h of the smoothed P(run) (`objective.smoothing`): the mean over replicates of
    /// Φ((w − run_threshold)/h), w the replicate's final withdrawn fraction, in place of the share that ran.
    /// nil: the share that ran.
    public var smoothing: Double?
    /// The scenario's `run_threshold` (what the smoothed P(run) is centred on).
    public var runThreshold = 0.5
    /// BFGS only: the gradient's finite-difference step in the logistic coordinates (`gradient_step`).
    public var gradientStep = 0.05
    /// The level of every interval.
    public var confidence: Double
    /// The study file's content hash: a store written for another file is refused.
    public var hash: String
    /// The study file.
    public var sourcePath: String

    /// The scenario overrides at point x.
    public func overrides(at x: [Double]) -> [String] {
        fixedOverrides + zip(parameters, x).map { "\($0.key)=\($1)" }
    }

    /// The cost of point x: Σ cost_per_unit · value, plus `incentive_cost_per_usd` × the mean measured
    /// incentive cost (USD) of its replicates, `measuredUSD`.
    public func cost(at x: [Double], measuredUSD: Double = 0) -> Double {
        zip(parameters, x).reduce(0) { $0 + $1.0.costPerUnit * $1.1 } + measuredCostPerUSD * measuredUSD
    }

    /// The search settings.
    public var settings: NoisySimplexSearch.Settings {
        NoisySimplexSearch.Settings(
            lower: parameters.map { $0.lower }, upper: parameters.map { $0.upper },
            start: parameters.map { $0.start }, startReplicates: startReplicates, maxReplicates: maxReplicates,
            growBelow: growBelow, maxEvaluations: maxEvaluations, method: method, gradientStep: gradientStep)
    }

    /// The smoothed P(run) of replicates whose final withdrawn fractions are `withdrawn` (``smoothing``).
    public func smoothedRunProbability(_ withdrawn: [Double], bandwidth h: Double) -> Double {
        guard !withdrawn.isEmpty else { return 0 }
        return withdrawn.reduce(0) { $0 + StandardNormal.cdf(($1 - runThreshold) / h) } / Double(withdrawn.count)
    }

    /// The objective from runs out of n replicates at x, whose mean measured incentive cost is `measuredUSD`;
    /// with ``smoothing``, P(run) is the smoothed one of the replicates' final withdrawn fractions `withdrawn`.
    public func objective(
        runs: Int, replicates n: Int, at x: [Double], measuredUSD: Double = 0, withdrawn: [Double] = []
    ) throws -> Double {
        let p = smoothing.map { smoothedRunProbability(withdrawn, bandwidth: $0) } ?? Double(runs) / Double(n)
        var value = p + lambda * cost(at: x, measuredUSD: measuredUSD)
        if let c = constraint {
            let edge =
                c.mode == .penalty
                ? p : try ProportionInterval.wilson(successes: runs, trials: n, confidence: confidence).upper
            value += c.weight * max(0, edge - c.atMost)
        }
        return value
    }
}

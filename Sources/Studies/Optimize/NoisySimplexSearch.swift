import Foundation
import Stochastics

/// Nelder–Mead over a box, on a noisy objective whose noise falls with its replicate count.
///
/// The objective `evaluate(x, n)` must be a deterministic function of the point and of n (for a
/// simulation: replicates 0 … n − 1 of one seed, common random numbers), so a search replays
/// exactly from a cache of its evaluations, and the simplex compares points on the same draws.
///
/// Each bound parameter is searched through the logistic map x = lo + (hi − lo)/(1 + e^(−u)), so
/// GSL's unconstrained simplex (`nmsimplex2`, Nelder & Mead 1965) never leaves the box. A stage runs
/// the simplex at n replicates until its size in u falls below `growBelow`; then n doubles (up to
/// `maxReplicates`) and the next stage restarts from the best vertex with half the step. Once the
/// simplex is smaller than the noise can resolve, more replicates are what moves it on (the
/// replicate schedule of stochastic simplex methods, e.g. Chang 2012, "Stochastic Nelder–Mead
/// simplex method"). `maxEvaluations` bounds the work in every case.
///
/// With ``Method/bfgs``, each stage runs GSL's BFGS (`vector_bfgs2`) instead, from the best point so far, with
/// a central finite-difference gradient of step `gradientStep` in u (every probe is an evaluation on the
/// path), until the gradient's norm falls below `growBelow`. Only for an objective that is smooth in the
/// parameters at fixed n (a smoothed P(run) on common random numbers, not a count of runs).
public struct NoisySimplexSearch: Sendable {
    /// The minimiser each stage runs.
    public enum Method: String, Sendable, Equatable, CaseIterable {
        case nelderMead = "nelder_mead"
        case bfgs
    }

    /// The box and the schedule.
    public struct Settings: Sendable, Equatable {
        /// The lower bound of each parameter.
        public var lower: [Double]
        /// The upper bound of each parameter (strictly above its lower bound).
        public var upper: [Double]
        /// The starting point, strictly inside the box.
        public var start: [Double]
        /// Replicates per evaluation in the first stage.
        public var startReplicates: Int
        /// Replicates per evaluation in the last stage.
        public var maxReplicates: Int
        /// The simplex size (in the logistic coordinates u) at which a stage ends.
        public var growBelow: Double
        /// The most objective evaluations in all (cached ones count: a replay takes the same path).
        public var maxEvaluations: Int
        /// The minimiser (Nelder–Mead unless said); with BFGS, `growBelow` bounds the gradient's norm.
        public var method = Method.nelderMead
        /// BFGS only: the finite-difference step of the gradient, in the logistic coordinates u.
        public var gradientStep = 0.05

        /// Collects the settings.
        public init(
            lower: [Double], upper: [Double], start: [Double], startReplicates: Int, maxReplicates: Int,
            growBelow: Double, maxEvaluations: Int, method: Method = .nelderMead, gradientStep: Double = 0.05
        ) {
            self.method = method
            self.gradientStep = gradientStep
            self.lower = lower
            self.upper = upper
            self.start = start
            self.startReplicates = startReplicates
            self.maxReplicates = maxReplicates
            self.growBelow = growBelow
            self.maxEvaluations = maxEvaluations
        }
    }

    /// One objective evaluation on the search's path.
    public struct Step: Sendable, Equatable {
        /// The point, in the parameters' own units.
        public var point: [Double]
        /// The replicates it was estimated on.
        public var replicates: Int
        /// The objective's estimate there.
        public var value: Double
    }

    /// Why the search ended.
    public enum Stop: String, Sendable, Equatable {
        /// The last stage (at `maxReplicates`) shrank below `growBelow` (BFGS: its gradient, or it could make no
        /// further progress).
        case converged
        /// `maxEvaluations` ran out first.
        case evaluationLimit = "evaluation_limit"
    }

    /// The best point of the last stage and the whole path.
    public struct Result: Sendable, Equatable {
        /// The best point found at the largest replicate count reached.
        public var best: [Double]
        /// The objective there.
        public var value: Double
        /// The replicates of that estimate.
        public var replicates: Int
        /// Every evaluation, in the order the search asked for them.
        public var path: [Step]
        /// Why the search ended.
        public var stop: Stop
    }

    /// The search's settings.
    public var settings: Settings

    /// A search with these settings; ``run(_:)`` checks them.
    public init(settings: Settings) { self.settings = settings }

    struct OutOfBudget: Error {}

    /// |u| beyond which a parameter sits on its bound (the logistic is then within 5e-5 of it).
    static let uLimit = 10.0

    /// Runs the search. `evaluate(x, n)` estimates the objective at x from n replicates.
    public func run(_ evaluate: @escaping ([Double], Int) throws -> Double) throws -> Result {
        let s = settings
        try check(s)
        let toU: ([Double]) -> [Double] = { x in
            x.indices.map { i in
                let t = (x[i] - s.lower[i]) / (s.upper[i] - s.lower[i])
                return min(Self.uLimit, max(-Self.uLimit, log(t / (1 - t))))
            }
        }
        // Beyond |u| = uLimit the point is the bound itself: the objective is flat there, so a
        // simplex pressing on a bound contracts instead of expanding towards u = ±∞.
        let toX: ([Double]) -> [Double] = { u in
            u.indices.map { i in
                if u[i] <= -Self.uLimit { return s.lower[i] }
                if u[i] >= Self.uLimit { return s.upper[i] }
                return s.lower[i] + (s.upper[i] - s.lower[i]) / (1 + exp(-u[i]))
            }
        }
        var path: [Step] = []
        var failure: (any Error)?
        var n = s.startReplicates
        var u = toU(s.start)
        var step = 1.0
        var best = (x: s.start, value: Double.infinity)
        while true {
            best.value = .infinity
            let replicates = n
            let f: ([Double]) throws -> Double = { v in
                guard path.count < s.maxEvaluations else { throw OutOfBudget() }
                let x = toX(v)
                let value: Double
                do { value = try evaluate(x, replicates) } catch {
                    failure = error
                    throw error
                }
                path.append(Step(point: x, replicates: replicates, value: value))
                if value < best.value { best = (x, value) }
                return value
            }
            var exhausted = false
            do {
                switch s.method {
                case .nelderMead:
                    let solution = try Minimizer.nelderMead(
                        start: u, steps: Array(repeating: step, count: u.count), sizeTolerance: s.growBelow,
                        maxIterations: max(1, s.maxEvaluations), f)
                    u = solution.x
                case .bfgs:
                    let h = s.gradientStep
                    let gradient: ([Double]) throws -> [Double] = { v in
                        try v.indices.map { i in
                            var up = v
                            var down = v
                            up[i] += h
                            down[i] -= h
                            return (try f(up) - f(down)) / (2 * h)
                        }
                    }
                    let solution = try Minimizer.bfgs(
                        start: u, initialStep: step, lineTolerance: 0.1, gradientTolerance: s.growBelow,
                        maxIterations: max(1, s.maxEvaluations), gradient: gradient, f)
                    u = solution.x
                }
            } catch {
                if let failure { throw failure }
                guard path.count >= s.maxEvaluations else { throw error }
                exhausted = true
            }
            if exhausted || path.count >= s.maxEvaluations {
                return Result(best: best.x, value: best.value, replicates: n, path: path, stop: .evaluationLimit)
            }
            if n >= s.maxReplicates {
                return Result(best: best.x, value: best.value, replicates: n, path: path, stop: .converged)
            }
            // Restart from the best vertex seen at this n, with twice the replicates.
            u = toU(best.x)
            n = min(2 * n, s.maxReplicates)
            step = max(step / 2, 4 * s.growBelow)
        }
    }

    func check(_ s: Settings) throws {
        func bad(_ what: String) -> StochasticsError {
            .invalidParameter(name: "settings", value: what, expected: "a valid search")
        }
        let d = s.start.count
        guard d >= 1, s.lower.count == d, s.upper.count == d else { throw bad("\(d) dimensions") }
        for i in 0..<d {
            guard s.lower[i].isFinite, s.upper[i].isFinite, s.lower[i] < s.upper[i],
                s.lower[i] < s.start[i], s.start[i] < s.upper[i]
            else { throw bad("bounds [\(s.lower[i]), \(s.upper[i])] and start \(s.start[i])") }
        }
        guard s.startReplicates >= 1, s.maxReplicates >= s.startReplicates, s.growBelow > 0, s.maxEvaluations >= 1,
            s.gradientStep > 0, s.gradientStep.isFinite
        else { throw bad("replicates \(s.startReplicates)…\(s.maxReplicates), evaluations \(s.maxEvaluations)") }
    }
}

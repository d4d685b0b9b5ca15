import Stochastics

/// The reverse stress test: the smallest stress size at which P(run) reaches a target.
///
/// `evaluate(x)` estimates P(run) at size x from the same replicates at every x (common random
/// numbers), so the estimate is a non-decreasing step function of x when every replicate's run is
/// monotone in the stress. The threshold is the root of P̂(x) − p, found by GSL's Brent solver on
/// [lower, upper] (a value exactly at the target counts as reached, so the root is where P̂ first
/// reaches p). Its confidence interval inverts the Wilson band: the lower end is where the band's
/// upper edge first reaches p, the upper end where its lower edge does; each is a Brent root too.
/// Every evaluation is cached, so the three searches share their runs.
public struct ReverseStress {
    /// One evaluated size: runs out of replicates.
    public struct Evaluation: Sendable, Equatable {
        public var size: Double
        public var runs: Int
        public var replicates: Int
    }

    /// The threshold and its interval; an end is `nil` when the band does not cross p inside the range.
    public struct Result: Sendable, Equatable {
        public var threshold: Double
        public var lower: Double?
        public var upper: Double?
        /// Every size evaluated, in increasing order.
        public var evaluations: [Evaluation]
    }

    /// Searching where no root exists.
    public struct NotBracketed: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Finds the threshold.
    /// - Parameters:
    ///   - lower: The smallest size considered.
    ///   - upper: The largest size considered.
    ///   - target: The P(run) to reach, in (0, 1).
    ///   - tolerance: The absolute precision of each root in x.
    ///   - confidence: The Wilson band's level.
    ///   - evaluate: Runs and replicates at a size.
    public static func solve(
        lower: Double, upper: Double, target: Double, tolerance: Double, confidence: Double = 0.95,
        evaluate: @escaping (Double) throws -> (runs: Int, replicates: Int)
    ) throws -> Result {
        var cache: [Double: Evaluation] = [:]
        func at(_ x: Double) throws -> Evaluation {
            if let e = cache[x] { return e }
            let (runs, n) = try evaluate(x)
            let e = Evaluation(size: x, runs: runs, replicates: n)
            cache[x] = e
            return e
        }
        // f ≥ 0 once the chosen edge reaches p; a tiny positive value where it equals p exactly.
        func root(_ edge: @escaping (Evaluation) throws -> Double) throws -> Double? {
            let f: (Double) throws -> Double = { x in
                let d = try edge(try at(x)) - target
                return d == 0 ? 1e-12 : d
            }
            let fLow = try f(lower)
            let fHigh = try f(upper)
            if fLow > 0 { return lower }
            guard fHigh > 0 else { return nil }
            return try RootFinder.brent(
                in: lower, upper, absoluteTolerance: tolerance, relativeTolerance: 0, f
            ).x
        }
        let point: (Evaluation) -> Double = { Double($0.runs) / Double(max(1, $0.replicates)) }
        guard let threshold = try root(point) else {
            let e = try at(upper)
            throw NotBracketed(
                description: "P(run) is \(point(e)) at the top of the range (\(upper)), below the target \(target): "
                    + "widen the range")
        }
        let band: (Evaluation, Bool) throws -> Double = { e, upperEdge in
            let w = try ProportionInterval.wilson(
                successes: e.runs, trials: max(1, e.replicates), confidence: confidence)
            return upperEdge ? w.upper : w.lower
        }
        let low = try root { try band($0, true) }
        let high = try root { try band($0, false) }
        return Result(
            threshold: threshold, lower: low, upper: high,
            evaluations: cache.values.sorted { $0.size < $1.size })
    }
}

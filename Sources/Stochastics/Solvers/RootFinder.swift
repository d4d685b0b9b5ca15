import CGSL

/// Bracketing root finding with Brent's method (`gsl_root_fsolver_brent`).
///
/// Used for equilibrium thresholds: the signal at which a depositor is indifferent
/// between staying and running, the shock size at which P(run) crosses ½, and so on.
public enum RootFinder {
    /// Finds x in [lower, upper] with f(x) = 0, given that f(lower) and f(upper) differ in sign.
    ///
    /// Stops when the bracket satisfies |hi − lo| < absoluteTolerance + relativeTolerance·min(|lo|, |hi|)
    /// (`gsl_root_test_interval`), or after `maxIterations`.
    /// - Throws: ``StochasticsError/notBracketed(lower:upper:fLower:fUpper:)`` when there is no sign change;
    ///   the closure's own error when it throws; a GSL error for a non-finite value.
    public static func brent(
        in lower: Double, _ upper: Double,
        absoluteTolerance: Double = 1e-10, relativeTolerance: Double = 1e-12,
        maxIterations: Int = 200,
        _ f: @escaping (Double) throws -> Double
    ) throws(StochasticsError) -> ScalarSolution {
        try Check.finite("lower", lower)
        try Check.finite("upper", upper)
        guard lower < upper else {
            throw .invalidParameter(name: "interval", value: "[\(lower), \(upper)]", expected: "lower < upper")
        }
        try Check.nonNegative("absoluteTolerance", absoluteTolerance)
        try Check.nonNegative("relativeTolerance", relativeTolerance)
        guard maxIterations >= 1 else {
            throw .invalidParameter(name: "maxIterations", value: "\(maxIterations)", expected: "an integer >= 1")
        }
        GSLRuntime.ensureReady()
        let box = CallbackBox<Double>(f)
        let fLower = box.call(lower)
        let fUpper = box.call(upper)
        try box.rethrowFailure()
        guard fLower.isFinite, fUpper.isFinite else { throw .nonFiniteObjective(at: "an interval end") }
        if fLower == 0 { return ScalarSolution(x: lower, value: 0, iterations: 0, stop: .converged) }
        if fUpper == 0 { return ScalarSolution(x: upper, value: 0, iterations: 0, stop: .converged) }
        guard (fLower < 0) != (fUpper < 0) else {
            throw .notBracketed(lower: lower, upper: upper, fLower: fLower, fUpper: fUpper)
        }
        guard let solver = gsl_root_fsolver_alloc(cgsl_root_fsolver_brent()) else {
            throw .gsl(status: Int32(GSL_ENOMEM), reason: "allocation failed", during: "gsl_root_fsolver_alloc")
        }
        defer { gsl_root_fsolver_free(solver) }
        return try withExtendedLifetime(box) { () throws(StochasticsError) -> ScalarSolution in
            var fn = gsl_function(
                function: { x, params in CallbackBox<Double>.from(params).call(x) },
                params: box.opaque)
            let setStatus = gsl_root_fsolver_set(solver, &fn, lower, upper)
            try box.rethrowFailure()
            try GSLRuntime.check(setStatus, during: "gsl_root_fsolver_set")
            for iteration in 1...maxIterations {
                let status = gsl_root_fsolver_iterate(solver)
                try box.rethrowFailure()
                try GSLRuntime.check(status, during: "Brent root iteration \(iteration)")
                let lo = gsl_root_fsolver_x_lower(solver)
                let hi = gsl_root_fsolver_x_upper(solver)
                if gsl_root_test_interval(lo, hi, absoluteTolerance, relativeTolerance) == Int32(GSL_SUCCESS) {
                    let x = gsl_root_fsolver_root(solver)
                    return ScalarSolution(x: x, value: box.call(x), iterations: iteration, stop: .converged)
                }
            }
            let x = gsl_root_fsolver_root(solver)
            return ScalarSolution(x: x, value: box.call(x), iterations: maxIterations, stop: .iterationLimit)
        }
    }
}

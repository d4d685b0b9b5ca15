import CGSL

/// Minimisation through GSL: Brent in one dimension (`gsl_min_fminimizer_brent`),
/// Nelder–Mead (`nmsimplex2`) and BFGS (`vector_bfgs2`) in several.
///
/// Used for incentive design and calibration. Every method stops on its
/// tolerance test or its iteration cap, and says which in ``StopReason``.
public enum Minimizer {
    /// Minimises f on [lower, upper] from `guess`, which must satisfy f(guess) < f(lower) and f(guess) < f(upper).
    /// Stops when the bracket passes `gsl_min_test_interval(absoluteTolerance, relativeTolerance)`.
    public static func brent(
        in lower: Double, _ upper: Double, guess: Double,
        absoluteTolerance: Double = 1e-7, relativeTolerance: Double = 1e-7,
        maxIterations: Int = 200,
        _ f: @escaping (Double) throws -> Double
    ) throws(StochasticsError) -> ScalarSolution {
        try Check.finite("lower", lower)
        try Check.finite("upper", upper)
        guard lower < guess, guess < upper else {
            throw .invalidParameter(
                name: "guess", value: "\(guess)", expected: "a point strictly inside (\(lower), \(upper))")
        }
        try validateCap(maxIterations)
        GSLRuntime.ensureReady()
        let box = CallbackBox<Double>(f)
        guard let solver = gsl_min_fminimizer_alloc(cgsl_min_fminimizer_brent()) else {
            throw .gsl(status: Int32(GSL_ENOMEM), reason: "allocation failed", during: "gsl_min_fminimizer_alloc")
        }
        defer { gsl_min_fminimizer_free(solver) }
        return try withExtendedLifetime(box) { () throws(StochasticsError) -> ScalarSolution in
            var fn = gsl_function(
                function: { x, params in CallbackBox<Double>.from(params).call(x) },
                params: box.opaque)
            let setStatus = gsl_min_fminimizer_set(solver, &fn, guess, lower, upper)
            try box.rethrowFailure()
            if setStatus == Int32(GSL_EINVAL) {
                throw .invalidParameter(
                    name: "guess", value: "\(guess)",
                    expected: "a point with f(guess) below f at both ends of [\(lower), \(upper)]")
            }
            try GSLRuntime.check(setStatus, during: "gsl_min_fminimizer_set")
            for iteration in 1...maxIterations {
                let status = gsl_min_fminimizer_iterate(solver)
                try box.rethrowFailure()
                try GSLRuntime.check(status, during: "Brent minimiser iteration \(iteration)")
                let lo = gsl_min_fminimizer_x_lower(solver)
                let hi = gsl_min_fminimizer_x_upper(solver)
                if gsl_min_test_interval(lo, hi, absoluteTolerance, relativeTolerance) == Int32(GSL_SUCCESS) {
                    return ScalarSolution(
                        x: gsl_min_fminimizer_x_minimum(solver),
                        value: gsl_min_fminimizer_f_minimum(solver),
                        iterations: iteration, stop: .converged)
                }
            }
            return ScalarSolution(
                x: gsl_min_fminimizer_x_minimum(solver), value: gsl_min_fminimizer_f_minimum(solver),
                iterations: maxIterations, stop: .iterationLimit)
        }
    }

    /// Nelder–Mead simplex (`gsl_multimin_fminimizer_nmsimplex2`) from `start` with initial
    /// step sizes `steps`. Stops when the simplex size (`gsl_multimin_fminimizer_size`) is
    /// below `sizeTolerance`, or after `maxIterations`.
    public static func nelderMead(
        start: [Double], steps: [Double]? = nil,
        sizeTolerance: Double = 1e-8, maxIterations: Int = 5_000,
        _ f: @escaping ([Double]) throws -> Double
    ) throws(StochasticsError) -> VectorSolution {
        let n = start.count
        try validateStart(start)
        let stepSizes = steps ?? start.map { max(0.1, abs($0) * 0.1) }
        guard stepSizes.count == n else {
            throw .invalidParameter(name: "steps", value: "\(stepSizes.count) entries", expected: "\(n) entries")
        }
        for (i, s) in stepSizes.enumerated() { try Check.positive("steps[\(i)]", s) }
        try Check.positive("sizeTolerance", sizeTolerance)
        try validateCap(maxIterations)
        GSLRuntime.ensureReady()
        let box = CallbackBox<[Double]>(f)
        guard let solver = gsl_multimin_fminimizer_alloc(cgsl_multimin_nmsimplex2(), n) else {
            throw .gsl(status: Int32(GSL_ENOMEM), reason: "allocation failed", during: "gsl_multimin_fminimizer_alloc")
        }
        let x0 = gsl_vector_alloc(n)
        let ss = gsl_vector_alloc(n)
        defer {
            gsl_multimin_fminimizer_free(solver)
            gsl_vector_free(x0)
            gsl_vector_free(ss)
        }
        guard let x0, let ss else {
            throw .gsl(status: Int32(GSL_ENOMEM), reason: "allocation failed", during: "gsl_vector_alloc")
        }
        fill(x0, with: start)
        fill(ss, with: stepSizes)
        return try withExtendedLifetime(box) { () throws(StochasticsError) -> VectorSolution in
            var fn = gsl_multimin_function(
                f: { v, params in CallbackBox<[Double]>.from(params).call(v.unsafelyUnwrapped.pointee.array) },
                n: n, params: box.opaque)
            let setStatus = gsl_multimin_fminimizer_set(solver, &fn, x0, ss)
            try box.rethrowFailure()
            try GSLRuntime.check(setStatus, during: "gsl_multimin_fminimizer_set")
            for iteration in 1...maxIterations {
                let status = gsl_multimin_fminimizer_iterate(solver)
                try box.rethrowFailure()
                try GSLRuntime.check(status, during: "Nelder–Mead iteration \(iteration)")
                let size = gsl_multimin_fminimizer_size(solver)
                if gsl_multimin_test_size(size, sizeTolerance) == Int32(GSL_SUCCESS) {
                    return VectorSolution(
                        x: solver.pointee.x.pointee.array, value: solver.pointee.fval,
                        iterations: iteration, stop: .converged)
                }
            }
            return VectorSolution(
                x: solver.pointee.x.pointee.array, value: solver.pointee.fval,
                iterations: maxIterations, stop: .iterationLimit)
        }
    }

    static func validateStart(_ start: [Double]) throws(StochasticsError) {
        guard !start.isEmpty else {
            throw .invalidParameter(name: "start", value: "[]", expected: "at least one coordinate")
        }
        for (i, x) in start.enumerated() { try Check.finite("start[\(i)]", x) }
    }

    static func validateCap(_ maxIterations: Int) throws(StochasticsError) {
        guard maxIterations >= 1 else {
            throw .invalidParameter(name: "maxIterations", value: "\(maxIterations)", expected: "an integer >= 1")
        }
    }
}

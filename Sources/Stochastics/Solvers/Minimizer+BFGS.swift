import CGSL

extension Minimizer {
    /// The objective and, optionally, its gradient, carried through GSL's callbacks.
    final class GradientProblem {
        let f: ([Double]) throws -> Double
        let gradient: (([Double]) throws -> [Double])?
        var failure: (any Error)?

        init(f: @escaping ([Double]) throws -> Double, gradient: (([Double]) throws -> [Double])?) {
            self.f = f
            self.gradient = gradient
        }

        func value(_ x: [Double]) -> Double {
            guard failure == nil else { return .nan }
            do { return try f(x) } catch {
                failure = error
                return .nan
            }
        }

        /// The given gradient, or central finite differences with step 1e-6·max(1, |xᵢ|).
        func grad(_ x: [Double]) -> [Double] {
            guard failure == nil else { return x.map { _ in .nan } }
            if let gradient {
                do { return try gradient(x) } catch {
                    failure = error
                    return x.map { _ in .nan }
                }
            }
            var g = [Double](repeating: 0, count: x.count)
            var probe = x
            for i in x.indices {
                let h = 1e-6 * max(1, abs(x[i]))
                probe[i] = x[i] + h
                let up = value(probe)
                probe[i] = x[i] - h
                let down = value(probe)
                probe[i] = x[i]
                g[i] = (up - down) / (2 * h)
            }
            return g
        }

        static func from(_ raw: UnsafeMutableRawPointer?) -> GradientProblem {
            Unmanaged<GradientProblem>.fromOpaque(raw.unsafelyUnwrapped).takeUnretainedValue()
        }
    }

    /// BFGS (`gsl_multimin_fdfminimizer_vector_bfgs2`) from `start`. Without `gradient`,
    /// a central finite-difference gradient is used. Stops when ‖∇f‖ < `gradientTolerance`
    /// (`gsl_multimin_test_gradient`), when GSL reports no further progress, or after `maxIterations`.
    public static func bfgs(
        start: [Double], initialStep: Double = 0.01, lineTolerance: Double = 0.1,
        gradientTolerance: Double = 1e-6, maxIterations: Int = 1_000,
        gradient: (([Double]) throws -> [Double])? = nil,
        _ f: @escaping ([Double]) throws -> Double
    ) throws(StochasticsError) -> VectorSolution {
        let n = start.count
        try validateStart(start)
        try Check.positive("initialStep", initialStep)
        try Check.positive("lineTolerance", lineTolerance)
        try Check.positive("gradientTolerance", gradientTolerance)
        try validateCap(maxIterations)
        GSLRuntime.ensureReady()
        let problem = GradientProblem(f: f, gradient: gradient)
        guard let solver = gsl_multimin_fdfminimizer_alloc(cgsl_multimin_vector_bfgs2(), n) else {
            throw .gsl(
                status: Int32(GSL_ENOMEM), reason: "allocation failed", during: "gsl_multimin_fdfminimizer_alloc")
        }
        let x0 = gsl_vector_alloc(n)
        defer {
            gsl_multimin_fdfminimizer_free(solver)
            gsl_vector_free(x0)
        }
        guard let x0 else {
            throw .gsl(status: Int32(GSL_ENOMEM), reason: "allocation failed", during: "gsl_vector_alloc")
        }
        fill(x0, with: start)

        func rethrow() throws(StochasticsError) {
            if let failure = problem.failure {
                if let e = failure as? StochasticsError { throw e }
                throw .objectiveThrew(message: String(describing: failure))
            }
        }
        return try withExtendedLifetime(problem) { () throws(StochasticsError) -> VectorSolution in
            var fn = gsl_multimin_function_fdf(
                f: { v, p in GradientProblem.from(p).value(v.unsafelyUnwrapped.pointee.array) },
                df: { v, p, g in
                    let grad = GradientProblem.from(p).grad(v.unsafelyUnwrapped.pointee.array)
                    if let g { fill(g, with: grad) }
                },
                fdf: { v, p, fx, g in
                    let problem = GradientProblem.from(p)
                    let x = v.unsafelyUnwrapped.pointee.array
                    fx?.pointee = problem.value(x)
                    if let g { fill(g, with: problem.grad(x)) }
                },
                n: n, params: Unmanaged.passUnretained(problem).toOpaque())
            let setStatus = gsl_multimin_fdfminimizer_set(solver, &fn, x0, initialStep, lineTolerance)
            try rethrow()
            try GSLRuntime.check(setStatus, during: "gsl_multimin_fdfminimizer_set")
            var result: (Int, StopReason) = (maxIterations, .iterationLimit)
            for iteration in 1...maxIterations {
                let status = gsl_multimin_fdfminimizer_iterate(solver)
                try rethrow()
                if status == Int32(GSL_ENOPROG) {
                    result = (iteration, .noProgress)
                    break
                }
                try GSLRuntime.check(status, during: "BFGS iteration \(iteration)")
                if gsl_multimin_test_gradient(solver.pointee.gradient, gradientTolerance) == Int32(GSL_SUCCESS) {
                    result = (iteration, .converged)
                    break
                }
            }
            return VectorSolution(
                x: solver.pointee.x.pointee.array, value: solver.pointee.f,
                iterations: result.0, stop: result.1)
        }
    }
}

import CGSL

/// Nonlinear least squares through GSL (`gsl_multifit_nlinear`): the parameters x minimising ½‖f(x)‖² for
/// a residual function f: ℝᵖ → ℝⁿ, by a trust-region method with Levenberg–Marquardt steps
/// (`gsl_multifit_nlinear_trust`, `gsl_multifit_nlinear_trs_lm`) and a forward-difference Jacobian.
///
/// Used to calibrate parametric volatility surfaces to quotes. The driver stops on GSL's step test
/// (`xtol`), its gradient test (`gtol`) or its iteration cap, and says which in ``StopReason``.
public enum NonlinearLeastSquares {
    /// A fitted nonlinear model.
    public struct Fit: Sendable, Equatable {
        /// The fitted parameters.
        public var parameters: [Double]
        /// The residual sum of squares ‖f(x)‖² at the fit.
        public var residualSumOfSquares: Double
        /// Iterations the driver took.
        public var iterations: Int
        /// Why the driver stopped.
        public var stop: StopReason
    }

    /// Fits `residuals` (n ≥ p values for p parameters) from `start`.
    /// - Parameters:
    ///   - start: The starting parameters (p ≥ 1, finite).
    ///   - n: The number n of residuals `residuals` returns (n ≥ p).
    ///   - stepTolerance: GSL's `xtol`: stop when every step is below it relative to the parameter.
    ///   - gradientTolerance: GSL's `gtol`: stop when the scaled gradient is below it.
    ///   - maxIterations: The iteration cap.
    ///   - residuals: The residual vector at a parameter vector.
    /// - Throws: ``StochasticsError/invalidParameter(name:value:expected:)`` for bad arguments or a residual
    ///   vector of the wrong size, ``StochasticsError/nonFiniteObjective(at:)`` for a non-finite residual,
    ///   ``StochasticsError/gsl(status:reason:during:)`` when GSL fails.
    public static func fit(
        start: [Double], count n: Int, stepTolerance: Double = 1e-10, gradientTolerance: Double = 1e-12,
        maxIterations: Int = 500, _ residuals: @escaping ([Double]) throws -> [Double]
    ) throws(StochasticsError) -> Fit {
        try Minimizer.validateStart(start)
        let p = start.count
        guard n >= p else {
            throw .invalidParameter(
                name: "count", value: "\(n)", expected: "at least as many residuals as parameters (\(p))")
        }
        try Check.positive("stepTolerance", stepTolerance)
        try Check.positive("gradientTolerance", gradientTolerance)
        try Minimizer.validateCap(maxIterations)
        GSLRuntime.ensureReady()
        let box = ResidualBox(count: n, residuals)
        var params = gsl_multifit_nlinear_default_parameters()
        params.trs = cgsl_multifit_nlinear_trs_lm()
        let work = gsl_multifit_nlinear_alloc(cgsl_multifit_nlinear_trust(), &params, n, p)
        let x0 = gsl_vector_alloc(p)
        defer {
            if let work { gsl_multifit_nlinear_free(work) }
            gsl_vector_free(x0)
        }
        guard let work, let x0 else {
            throw .gsl(status: Int32(GSL_ENOMEM), reason: "allocation failed", during: "gsl_multifit_nlinear_alloc")
        }
        fill(x0, with: start)
        return try withExtendedLifetime(box) { () throws(StochasticsError) -> Fit in
            var fdf = gsl_multifit_nlinear_fdf()
            fdf.f = { x, params, f in
                ResidualBox.from(params).evaluate(x.unsafelyUnwrapped.pointee.array, into: f.unsafelyUnwrapped)
            }
            fdf.df = nil  // forward differences, step h_df
            fdf.fvv = nil
            fdf.n = n
            fdf.p = p
            fdf.params = box.opaque
            let initStatus = gsl_multifit_nlinear_init(x0, &fdf, work)
            try box.rethrowFailure()
            try GSLRuntime.check(initStatus, during: "gsl_multifit_nlinear_init")
            var info: Int32 = 0
            let status = gsl_multifit_nlinear_driver(
                maxIterations, stepTolerance, gradientTolerance, 0, nil, nil, &info, work)
            try box.rethrowFailure()
            let stop: StopReason
            switch status {
            case Int32(GSL_SUCCESS): stop = .converged
            case Int32(GSL_EMAXITER): stop = .iterationLimit
            case Int32(GSL_ENOPROG): stop = .noProgress
            default:
                try GSLRuntime.check(status, during: "gsl_multifit_nlinear_driver")
                stop = .converged
            }
            let f = gsl_multifit_nlinear_residual(work).unsafelyUnwrapped.pointee.array
            return Fit(
                parameters: gsl_multifit_nlinear_position(work).unsafelyUnwrapped.pointee.array,
                residualSumOfSquares: f.reduce(0) { $0 + $1 * $1 },
                iterations: Int(gsl_multifit_nlinear_niter(work)), stop: stop)
        }
    }
}

/// Carries the residual closure through GSL's `void *params`, as ``CallbackBox`` does for scalar
/// objectives: a thrown error or a bad residual is parked and the callback returns `GSL_EBADFUNC`.
final class ResidualBox {
    let count: Int
    let body: ([Double]) throws -> [Double]
    private(set) var failure: StochasticsError?

    init(count: Int, _ body: @escaping ([Double]) throws -> [Double]) {
        self.count = count
        self.body = body
    }

    func evaluate(_ x: [Double], into f: UnsafeMutablePointer<gsl_vector>) -> Int32 {
        guard failure == nil else { return Int32(GSL_EBADFUNC) }
        let values: [Double]
        do {
            values = try body(x)
        } catch let e as StochasticsError {
            failure = e
            return Int32(GSL_EBADFUNC)
        } catch {
            failure = .objectiveThrew(message: String(describing: error))
            return Int32(GSL_EBADFUNC)
        }
        guard values.count == count else {
            failure = .invalidParameter(name: "residuals", value: "\(values.count) values", expected: "\(count) values")
            return Int32(GSL_EBADFUNC)
        }
        if let bad = values.first(where: { !$0.isFinite }) {
            failure = .nonFiniteObjective(at: "\(x) (residual \(bad))")
            return Int32(GSL_EBADFUNC)
        }
        fill(f, with: values)
        return Int32(GSL_SUCCESS)
    }

    func rethrowFailure() throws(StochasticsError) {
        if let failure { throw failure }
    }

    var opaque: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    static func from(_ raw: UnsafeMutableRawPointer?) -> ResidualBox {
        // Only ``NonlinearLeastSquares`` creates these pointers, always from a live box.
        Unmanaged<ResidualBox>.fromOpaque(raw.unsafelyUnwrapped).takeUnretainedValue()
    }
}

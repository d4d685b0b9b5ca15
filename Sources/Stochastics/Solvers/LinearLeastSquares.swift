import CGSL

/// Ordinary least squares through GSL (`gsl_multifit_linear`): the coefficients c minimising ‖y − X·c‖²,
/// by a singular value decomposition of X that truncates singular values below machine precision times the
/// largest, so a rank-deficient design (a constant column beside the intercept) still gets a fit.
public enum LinearLeastSquares {
    /// A fitted linear model.
    public struct Fit: Sendable, Equatable {
        /// One coefficient per column of the design.
        public var coefficients: [Double]
        /// The residual sum of squares ‖y − X·c‖².
        public var residualSumOfSquares: Double

        /// The model's prediction for one row of regressors.
        public func predict(_ row: [Double]) -> Double {
            var y = 0.0
            for (c, x) in zip(coefficients, row) { y += c * x }
            return y
        }
    }

    /// Fits `response` on the rows of `design`: `design` holds `response.count` rows of `columns`
    /// regressors each, row after row.
    /// - Throws: ``StochasticsError/invalidParameter(name:value:expected:)`` for a design whose size does not
    ///   match, fewer rows than columns, or a non-finite value; ``StochasticsError/gsl(status:reason:during:)``
    ///   when GSL fails.
    public static func fit(design: [Double], columns: Int, response: [Double]) throws(StochasticsError) -> Fit {
        let n = response.count
        guard columns >= 1, n >= columns else {
            throw .invalidParameter(
                name: "rows", value: "\(n)", expected: "at least as many rows as columns (\(columns))")
        }
        guard design.count == n * columns else {
            throw .invalidParameter(
                name: "design", value: "\(design.count) values", expected: "\(n) rows × \(columns) columns")
        }
        for v in design where !v.isFinite { throw .invalidParameter(name: "design", value: "\(v)", expected: "finite") }
        for v in response where !v.isFinite {
            throw .invalidParameter(name: "response", value: "\(v)", expected: "finite")
        }
        GSLRuntime.ensureReady()
        let x = gsl_matrix_alloc(n, columns)
        let y = gsl_vector_alloc(n)
        let c = gsl_vector_alloc(columns)
        let cov = gsl_matrix_alloc(columns, columns)
        let work = gsl_multifit_linear_alloc(n, columns)
        defer {
            // Each free accepts NULL.
            gsl_matrix_free(x)
            gsl_vector_free(y)
            gsl_vector_free(c)
            gsl_matrix_free(cov)
            gsl_multifit_linear_free(work)
        }
        guard let x, let y, let c, let cov, let work else {
            throw .gsl(status: Int32(GSL_ENOMEM), reason: "allocation failed", during: "gsl_multifit_linear_alloc")
        }
        for i in 0..<n {
            gsl_vector_set(y, i, response[i])
            for j in 0..<columns { gsl_matrix_set(x, i, j, design[i * columns + j]) }
        }
        var chisq = 0.0
        try GSLRuntime.check(gsl_multifit_linear(x, y, c, cov, &chisq, work), during: "gsl_multifit_linear")
        return Fit(coefficients: c.pointee.array, residualSumOfSquares: chisq)
    }
}

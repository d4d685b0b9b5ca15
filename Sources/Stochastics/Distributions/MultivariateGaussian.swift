import CGSL

/// A multivariate normal distribution given by means, standard deviations and a
/// correlation matrix. The covariance Σ = D·C·D is factored once with GSL's
/// Cholesky decomposition; draws use `gsl_ran_multivariate_gaussian`.
public struct MultivariateGaussian: Sampler {
    public let mean: [Double]
    public let standardDeviations: [Double]
    public let correlation: [[Double]]
    /// Lower-triangular Cholesky factor of Σ, row-major n×n.
    @usableFromInline let choleskyFactor: [Double]

    public var dimension: Int { mean.count }

    /// - Throws: when sizes disagree, a value is not finite, the correlation matrix is
    ///   not symmetric with a unit diagonal and entries in [-1, 1], or is not positive definite.
    public init(mean: [Double], standardDeviations: [Double], correlation: [[Double]]) throws(StochasticsError) {
        let n = mean.count
        guard n >= 1 else {
            throw .invalidParameter(name: "mean", value: "[]", expected: "at least one dimension")
        }
        guard standardDeviations.count == n else {
            throw .invalidParameter(
                name: "standardDeviations", value: "\(standardDeviations.count) entries",
                expected: "\(n) entries, one per dimension")
        }
        guard correlation.count == n, correlation.allSatisfy({ $0.count == n }) else {
            throw .invalidParameter(
                name: "correlation", value: "\(correlation.count) rows",
                expected: "a \(n)×\(n) matrix")
        }
        for i in 0..<n {
            try Check.finite("mean[\(i)]", mean[i])
            try Check.positive("standardDeviations[\(i)]", standardDeviations[i])
            for j in 0..<n {
                let c = correlation[i][j]
                guard c.isFinite, c >= -1, c <= 1 else {
                    throw .invalidParameter(
                        name: "correlation[\(i)][\(j)]", value: "\(c)", expected: "a number in [-1, 1]")
                }
                guard abs(c - correlation[j][i]) <= 1e-12 else {
                    throw .invalidParameter(
                        name: "correlation[\(i)][\(j)]", value: "\(c)",
                        expected: "a symmetric matrix (correlation[\(j)][\(i)] = \(correlation[j][i]))")
                }
            }
            guard correlation[i][i] == 1 else {
                throw .invalidParameter(
                    name: "correlation[\(i)][\(i)]", value: "\(correlation[i][i])", expected: "1 on the diagonal")
            }
        }
        var sigma = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0..<n {
                sigma[i * n + j] = standardDeviations[i] * correlation[i][j] * standardDeviations[j]
            }
        }
        GSLRuntime.ensureReady()
        let status = sigma.withUnsafeMutableBufferPointer { buf -> Int32 in
            var view = gsl_matrix_view_array(buf.baseAddress, n, n)
            return gsl_linalg_cholesky_decomp1(&view.matrix)
        }
        guard status == Int32(GSL_SUCCESS) else {
            throw .invalidParameter(
                name: "correlation", value: "\(correlation)",
                expected: "a positive-definite matrix (Cholesky failed: \(String(cString: gsl_strerror(status))))")
        }
        // decomp1 leaves Lᵀ in the upper triangle; zero it so the factor is plainly lower-triangular.
        for i in 0..<n { for j in (i + 1)..<max(i + 1, n) { sigma[i * n + j] = 0 } }
        self.mean = mean
        self.standardDeviations = standardDeviations
        self.correlation = correlation
        self.choleskyFactor = sigma
    }

    /// Writes one draw into `out` (resized to the dimension), without allocating once it has the capacity.
    public func sample(_ rng: inout RandomStream, into out: inout [Double]) {
        let n = dimension
        if out.count != n { out = [Double](repeating: 0, count: n) }
        rng.withGSL { r in
            mean.withUnsafeBufferPointer { mu in
                choleskyFactor.withUnsafeBufferPointer { l in
                    out.withUnsafeMutableBufferPointer { o in
                        let muView = gsl_vector_const_view_array(mu.baseAddress, n)
                        let lView = gsl_matrix_const_view_array(l.baseAddress, n, n)
                        var oView = gsl_vector_view_array(o.baseAddress, n)
                        withUnsafePointer(to: muView.vector) { muPtr in
                            withUnsafePointer(to: lView.matrix) { lPtr in
                                _ = gsl_ran_multivariate_gaussian(r, muPtr, lPtr, &oView.vector)
                            }
                        }
                    }
                }
            }
        }
    }

    public func sample(_ rng: inout RandomStream) -> [Double] {
        var out: [Double] = []
        sample(&rng, into: &out)
        return out
    }
}

import CGSL

/// The Dirichlet distribution on the simplex with concentrations α, `gsl_ran_dirichlet`.
public struct Dirichlet: Sampler {
    public let alpha: [Double]

    public init(alpha: [Double]) throws(StochasticsError) {
        guard alpha.count >= 2 else {
            throw .invalidParameter(name: "alpha", value: "\(alpha.count) entries", expected: "at least 2 entries")
        }
        for (i, a) in alpha.enumerated() { try Check.positive("alpha[\(i)]", a) }
        self.alpha = alpha
    }

    public func sample(_ rng: inout RandomStream) -> [Double] {
        var theta = [Double](repeating: 0, count: alpha.count)
        rng.withGSL { r in
            alpha.withUnsafeBufferPointer { a in
                theta.withUnsafeMutableBufferPointer { t in
                    gsl_ran_dirichlet(r, alpha.count, a.baseAddress, t.baseAddress)
                }
            }
        }
        return theta
    }
}

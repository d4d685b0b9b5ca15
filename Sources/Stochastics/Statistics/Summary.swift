import CGSL

/// Summary statistics of a sample, computed by GSL (`gsl_stats_*`).
public enum Summary {
    /// The arithmetic mean. - Throws: on an empty sample.
    public static func mean(_ xs: [Double]) throws(StochasticsError) -> Double {
        try nonEmpty(xs, 1)
        return xs.withUnsafeBufferPointer { gsl_stats_mean($0.baseAddress, 1, xs.count) }
    }

    /// The unbiased (n − 1) sample variance. - Throws: with fewer than 2 values.
    public static func variance(_ xs: [Double]) throws(StochasticsError) -> Double {
        try nonEmpty(xs, 2)
        return xs.withUnsafeBufferPointer { gsl_stats_variance($0.baseAddress, 1, xs.count) }
    }

    /// The unbiased (n − 1) sample standard deviation. - Throws: with fewer than 2 values.
    public static func standardDeviation(_ xs: [Double]) throws(StochasticsError) -> Double {
        try nonEmpty(xs, 2)
        return xs.withUnsafeBufferPointer { gsl_stats_sd($0.baseAddress, 1, xs.count) }
    }

    /// The p-quantile by linear interpolation between order statistics
    /// (`gsl_stats_quantile_from_sorted_data`, the same rule as R's type 7).
    public static func quantile(_ xs: [Double], _ p: Double) throws(StochasticsError) -> Double {
        try nonEmpty(xs, 1)
        try Check.probability("p", p)
        let sorted = try sortedFinite(xs)
        return sorted.withUnsafeBufferPointer {
            gsl_stats_quantile_from_sorted_data($0.baseAddress, 1, sorted.count, p)
        }
    }

    /// Several quantiles from one sort.
    public static func quantiles(_ xs: [Double], _ ps: [Double]) throws(StochasticsError) -> [Double] {
        try nonEmpty(xs, 1)
        for p in ps { try Check.probability("p", p) }
        let sorted = try sortedFinite(xs)
        return sorted.withUnsafeBufferPointer { buf in
            ps.map { gsl_stats_quantile_from_sorted_data(buf.baseAddress, 1, sorted.count, $0) }
        }
    }

    static func sortedFinite(_ xs: [Double]) throws(StochasticsError) -> [Double] {
        for (i, x) in xs.enumerated() where !x.isFinite {
            throw .invalidParameter(name: "sample[\(i)]", value: "\(x)", expected: "a finite number")
        }
        var sorted = xs
        sorted.withUnsafeMutableBufferPointer { gsl_sort($0.baseAddress, 1, xs.count) }
        return sorted
    }

    static func nonEmpty(_ xs: [Double], _ minimum: Int) throws(StochasticsError) {
        guard xs.count >= minimum else {
            throw .invalidParameter(name: "sample", value: "\(xs.count) values", expected: "at least \(minimum) values")
        }
    }
}

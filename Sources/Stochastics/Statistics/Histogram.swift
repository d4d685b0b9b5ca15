import CGSL

/// A histogram with equal-width bins on [lower, upper), filled through `gsl_histogram`.
public struct Histogram: Sendable, Equatable {
    public let lower: Double
    public let upper: Double
    /// The count in each bin.
    public private(set) var counts: [Double]
    /// Values outside [lower, upper), which GSL does not bin.
    public private(set) var outside: Int

    /// Bins `values` into `bins` equal bins on [lower, upper).
    public init(_ values: [Double], bins: Int, lower: Double, upper: Double) throws(StochasticsError) {
        guard bins >= 1 else {
            throw .invalidParameter(name: "bins", value: "\(bins)", expected: "an integer >= 1")
        }
        try Check.finite("lower", lower)
        try Check.finite("upper", upper)
        guard lower < upper else {
            throw .invalidParameter(name: "range", value: "[\(lower), \(upper))", expected: "lower < upper")
        }
        GSLRuntime.ensureReady()
        guard let h = gsl_histogram_alloc(bins) else {
            throw .gsl(status: Int32(GSL_ENOMEM), reason: "allocation failed", during: "gsl_histogram_alloc")
        }
        defer { gsl_histogram_free(h) }
        try GSLRuntime.check(
            gsl_histogram_set_ranges_uniform(h, lower, upper), during: "gsl_histogram_set_ranges_uniform")
        var outside = 0
        for v in values where gsl_histogram_increment(h, v) != Int32(GSL_SUCCESS) { outside += 1 }
        self.lower = lower
        self.upper = upper
        self.counts = (0..<bins).map { gsl_histogram_get(h, $0) }
        self.outside = outside
    }

    /// The [lower, upper) edges of bin i.
    public func edges(of bin: Int) -> (Double, Double) {
        let width = (upper - lower) / Double(counts.count)
        return (lower + Double(bin) * width, lower + Double(bin + 1) * width)
    }
}

import Stochastics

/// Percentile bootstrap intervals (Efron and Tibshirani, 1993, ch. 13).
///
/// Resampling draws from a stream keyed by the study seed and the point, so the
/// same results always give the same interval.
public enum Bootstrap {
    /// The statistic on `sample`, with a `confidence` percentile interval from `resamples` resamples.
    public static func interval(
        _ sample: [Double], confidence: Double = 0.95, resamples: Int = 1_000,
        rng: inout RandomStream, statistic: ([Double]) -> Double
    ) -> Estimate {
        let value = statistic(sample)
        guard sample.count > 1, resamples > 1 else { return Estimate(value: value, lower: value, upper: value) }
        var stats: [Double] = []
        stats.reserveCapacity(resamples)
        var buffer = [Double](repeating: 0, count: sample.count)
        for _ in 0..<resamples {
            for i in buffer.indices { buffer[i] = sample[rng.integer(below: sample.count)] }
            stats.append(statistic(buffer))
        }
        let alpha = (1 - confidence) / 2
        let q = (try? Summary.quantiles(stats.filter(\.isFinite), [alpha, 1 - alpha])) ?? [value, value]
        return Estimate(value: value, lower: q[0], upper: q[1])
    }

    /// The sample mean.
    public static func mean(_ xs: [Double]) -> Double {
        xs.isEmpty ? .nan : xs.reduce(0, +) / Double(xs.count)
    }

    /// The p-quantile (type 7), NaN on an empty sample.
    public static func quantile(_ p: Double) -> ([Double]) -> Double {
        { xs in (try? Summary.quantile(xs, p)) ?? .nan }
    }
}

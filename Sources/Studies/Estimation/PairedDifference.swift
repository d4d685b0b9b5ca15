import Simulation
import Stochastics

/// The difference in P(run) between two points, estimated on paired replicates.
///
/// Under common random numbers replicate r sees the same market path and agent draws at
/// both points, so the difference is estimated far more precisely than two independent
/// proportions would allow. The interval is a percentile bootstrap over replicates,
/// resampling pairs together (never the two points separately).
public struct PairedDifference: Sendable, Equatable {
    public var baseline: StudyPoint
    public var treatment: StudyPoint
    public var pairs: Int
    /// P(run | treatment) − P(run | baseline), with its interval.
    public var runProbability: Estimate
    /// Pairs where only the baseline ran, and where only the treatment ran.
    public var onlyBaselineRan: Int
    public var onlyTreatmentRan: Int

    /// Pairs replicate r of `baseline` with replicate r of `treatment` (both ordered by replicate).
    public static func make(
        baseline: StudyPoint, _ a: [Outcome], treatment: StudyPoint, _ b: [Outcome],
        confidence: Double, rng: inout RandomStream, resamples: Int = 2_000
    ) -> PairedDifference {
        let n = min(a.count, b.count)
        // d_r ∈ {−1, 0, 1}: the mean of d is the difference in run frequencies.
        let d = (0..<n).map { r in (b[r].run ? 1.0 : 0) - (a[r].run ? 1.0 : 0) }
        let estimate = Bootstrap.interval(
            d, confidence: confidence, resamples: resamples, rng: &rng, statistic: Bootstrap.mean)
        return PairedDifference(
            baseline: baseline, treatment: treatment, pairs: n, runProbability: estimate,
            onlyBaselineRan: d.filter { $0 < 0 }.count, onlyTreatmentRan: d.filter { $0 > 0 }.count)
    }
}

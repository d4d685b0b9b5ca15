import Foundation
import Simulation
import Stochastics
import Testing

@testable import Studies

@Suite("Study estimators")
struct EstimatorTests {
    /// Synthetic outcomes: `runs` of `n` ran, bad debt i·1000 for replicate i.
    static func outcomes(n: Int, runs: Int) -> [Outcome] {
        (0..<n).map { i in
            var o = Outcome()
            o.run = i < runs
            o.runTick = i < runs ? 200 + i : nil
            o.badDebtUSD = Double(i) * 1_000
            o.liquidatedUSD = 5_000
            o.minAMMPrice = 1_500
            return o
        }
    }

    @Test func estimatesMatchTheirClosedForms() throws {
        let e = try PointEstimate.make(
            point: StudyPoint(index: 0, values: [0.3]), outcomes: Self.outcomes(n: 100, runs: 30),
            confidence: 0.95, seed: 1)
        #expect(e.replicates == 100 && e.runs == 30 && e.runProbability.estimate == 0.3)
        // Wilson 95%, 30/100: centre (0.3 + 1.9208/100)/1.038415 = 0.30740, half 0.08863 → [0.2188, 0.3961].
        #expect(abs(e.runProbability.lower - 0.2188) < 5e-4 && abs(e.runProbability.upper - 0.3961) < 5e-4)
        // Clopper–Pearson 95%, 30/100: [0.2124, 0.3998].
        #expect(abs(e.runProbabilityExact.lower - 0.2124) < 5e-4 && abs(e.runProbabilityExact.upper - 0.3998) < 5e-4)
        // Mean bad debt = 1000·(0+…+99)/100 = 49,500; the 95th percentile (type 7) = 1000·(0.95·99) = 94,050.
        #expect(e.meanBadDebt.value == 49_500)
        #expect(abs(e.badDebtAtRisk95.value - 94_050) < 1e-6)
        #expect(e.meanBadDebt.lower < 49_500 && e.meanBadDebt.upper > 49_500)
        // Bootstrap sd of the mean ≈ 28,866/√100 ≈ 2,887: the 95% interval is about ±5,660 wide each side.
        #expect(abs((e.meanBadDebt.upper - e.meanBadDebt.lower) / 2 - 5_660) < 1_000)
        // A constant outcome has a degenerate interval.
        #expect(e.meanLiquidated == Estimate(value: 5_000, lower: 5_000, upper: 5_000))
        // Run ticks 200…229: quartiles 207.25, 214.5, 221.75.
        #expect(e.runTickQuartiles == [207.25, 214.5, 221.75])
    }

    @Test func wilsonCoverageIsNearNominalForStudySizedSamples() throws {
        // 1,000 simulated studies of 40 replicates at p = 0.1 (near the edge, where Wald fails).
        var rng = RandomStream(seed: 5, purpose: "coverage")
        let coin = try Bernoulli(probability: 0.1)
        var covered = 0
        for _ in 0..<1_000 {
            let k = coin.sample(&rng, count: 40).filter { $0 }.count
            let ci = try ProportionInterval.wilson(successes: k, trials: 40)
            if ci.lower <= 0.1 && 0.1 <= ci.upper { covered += 1 }
        }
        // Wilson's coverage at n = 40, p = 0.1 is about 0.94–0.96; sd of the estimate ≈ 0.007.
        #expect(covered >= 920 && covered <= 985, "coverage \(covered)/1000")
    }

    @Test func bootstrapPercentileIntervalCoversTheMeanOfANormalSample() throws {
        var rng = RandomStream(seed: 8, purpose: "sample")
        var boot = RandomStream(seed: 8, purpose: "bootstrap")
        var covered = 0
        let g = try Gaussian(mean: 10, standardDeviation: 2)
        for _ in 0..<200 {
            let xs = g.sample(&rng, count: 50)
            let e = Bootstrap.interval(xs, resamples: 400, rng: &boot, statistic: Bootstrap.mean)
            if e.lower <= 10 && 10 <= e.upper { covered += 1 }
        }
        #expect(covered >= 176 && covered <= 198, "bootstrap coverage \(covered)/200")
    }
}

@Suite("Paired differences under common random numbers")
struct PairedDifferenceTests {
    @Test func pairedDifferenceMatchesItsClosedFormAndIsTighterThanUnpaired() throws {
        // Baseline runs in replicates 0..<30, treatment in 0..<40: d = 1 for r in 30..<40, else 0.
        let a = EstimatorTests.outcomes(n: 100, runs: 30)
        let b = EstimatorTests.outcomes(n: 100, runs: 40)
        var rng = RandomStream(seed: 1, purpose: "paired")
        let d = PairedDifference.make(
            baseline: StudyPoint(index: 0, values: [0]), a,
            treatment: StudyPoint(index: 1, values: [1]), b, confidence: 0.95, rng: &rng)
        #expect(abs(d.runProbability.value - 0.1) < 1e-12)
        #expect(d.onlyTreatmentRan == 10 && d.onlyBaselineRan == 0 && d.pairs == 100)
        // sd of the mean of d ≈ √(0.1·0.9/100) = 0.03: the 95% interval is about ±0.06 and excludes 0.
        #expect(d.runProbability.lower > 0.02 && d.runProbability.upper < 0.18, "\(d.runProbability)")
        // Unpaired, the two Wilson intervals (0.30 and 0.40 at n = 100) overlap.
        let wa = try ProportionInterval.wilson(successes: 30, trials: 100)
        let wb = try ProportionInterval.wilson(successes: 40, trials: 100)
        #expect(wa.upper > wb.lower)
    }
}

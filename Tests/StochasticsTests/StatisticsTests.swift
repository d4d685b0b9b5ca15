import Testing

@testable import Stochastics

@Suite("Summary statistics and intervals")
struct StatisticsTests {
    @Test func summariesMatchHandComputedValues() throws {
        let xs = [2.0, 4, 4, 4, 5, 5, 7, 9]
        #expect(try Summary.mean(xs) == 5)
        #expect(abs(try Summary.variance(xs) - 32.0 / 7) < 1e-12)  // Σ(x−5)² = 32, n−1 = 7
        #expect(try Summary.quantile(xs, 0.5) == 4.5)
        #expect(try Summary.quantiles([1, 2, 3, 4, 5], [0, 0.25, 1]) == [1, 2, 5])
    }

    @Test func histogramCountsBinsAndOutliers() throws {
        let h = try Histogram([0.1, 0.2, 0.6, 0.9, 1.5, -1], bins: 2, lower: 0, upper: 1)
        #expect(h.counts == [2, 2])
        #expect(h.outside == 2)
    }

    @Test func wilsonAndClopperPearsonMatchPublishedValues() throws {
        // Wilson, 95%, 5/20: centre (0.25 + 1.92/20)/1.192 = 0.29027, half 0.19212 → [0.1119, 0.4690].
        let w = try ProportionInterval.wilson(successes: 5, trials: 20)
        #expect(abs(w.lower - 0.1119) < 5e-4 && abs(w.upper - 0.4690) < 5e-4, "\(w)")
        // Clopper–Pearson, 95%, 5/20: [0.0866, 0.4910] (standard tables).
        let cp = try ProportionInterval.clopperPearson(successes: 5, trials: 20)
        #expect(abs(cp.lower - 0.0866) < 5e-4 && abs(cp.upper - 0.4910) < 5e-4, "\(cp)")
        // Edge cases: 0 successes gives lower 0, upper 1 − (α/2)^(1/n).
        let zero = try ProportionInterval.clopperPearson(successes: 0, trials: 10)
        #expect(zero.lower == 0 && abs(zero.upper - 0.30850) < 1e-4)
    }

    @Test func intervalCoverageIsNearNominalBySimulation() throws {
        // 2,000 experiments of n = 50 Bernoulli(0.2) trials. Clopper–Pearson must cover at
        // least ~95%; Wilson close to 95%. Coverage sd ≈ √(0.95·0.05/2000) ≈ 0.005.
        var rng = RandomStream(seed: 77, purpose: "coverage")
        let coin = try Bernoulli(probability: 0.2)
        var wilson = 0
        var exact = 0
        let experiments = 2_000
        for _ in 0..<experiments {
            let k = coin.sample(&rng, count: 50).filter { $0 }.count
            let w = try ProportionInterval.wilson(successes: k, trials: 50)
            let c = try ProportionInterval.clopperPearson(successes: k, trials: 50)
            if w.lower <= 0.2 && 0.2 <= w.upper { wilson += 1 }
            if c.lower <= 0.2 && 0.2 <= c.upper { exact += 1 }
        }
        let wc = Double(wilson) / Double(experiments)
        let ec = Double(exact) / Double(experiments)
        #expect(wc > 0.93 && wc < 0.975, "Wilson coverage \(wc)")
        #expect(ec > 0.94, "Clopper–Pearson coverage \(ec)")
    }
}

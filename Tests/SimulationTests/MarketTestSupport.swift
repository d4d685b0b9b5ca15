import Foundation
import Stochastics
import Testing

@testable import Simulation

/// The parent of every market suite, so `swift test --filter MarketTests` runs them all.
@Suite enum MarketTests {}

/// Small helpers shared by the Market test suites.
enum MarketTestSupport {
    /// The Pearson correlation of two equally long samples (test-side arithmetic, checked in the suites).
    static func correlation(_ x: [Double], _ y: [Double]) -> Double {
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n
        let my = y.reduce(0, +) / n
        var sxy = 0.0
        var sxx = 0.0
        var syy = 0.0
        for i in 0..<x.count {
            sxy += (x[i] - mx) * (y[i] - my)
            sxx += (x[i] - mx) * (x[i] - mx)
            syy += (y[i] - my) * (y[i] - my)
        }
        return sxy / (sxx * syy).squareRoot()
    }

    /// Runs `model` for ticks 1...ticks and returns the per-tick log-returns of every asset ([asset][tick-1]).
    static func logReturns<M: MarketProcess>(_ model: M, ticks: Int, seed: UInt64) -> [[Double]] {
        var rng = RandomStream(seed: seed, purpose: "market-test")
        var state = model.initialState()
        var out = [[Double]](repeating: [], count: state.prices.count)
        for t in 1...ticks {
            let before = state.prices
            model.advance(&state, tick: t, rng: &rng)
            for i in 0..<before.count { out[i].append(log(state.prices[i] / before[i])) }
        }
        return out
    }

    /// Runs `paths` independent paths of `ticks` ticks from one stream; returns p_T / p_0 of asset 0 per path.
    static func terminalRatios<M: MarketProcess>(_ model: M, paths: Int, ticks: Int, seed: UInt64) -> [Double] {
        var rng = RandomStream(seed: seed, purpose: "market-test")
        var ratios: [Double] = []
        for _ in 0..<paths {
            var state = model.initialState()
            for t in 1...ticks { model.advance(&state, tick: t, rng: &rng) }
            ratios.append(state.prices[0] / model.initialState().prices[0])
        }
        return ratios
    }

    /// The mean and its standard error.
    static func meanAndError(_ xs: [Double]) throws -> (mean: Double, se: Double) {
        (try Summary.mean(xs), try Summary.standardDeviation(xs) / Double(xs.count).squareRoot())
    }

    /// `data/<name>` in this repository: the repository root (holding Package.swift) is 3 levels above this file.
    static func repositoryData(_ name: String, filePath: String = #filePath) -> String {
        URL(fileURLWithPath: filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("data/\(name)").path
    }
}

import Games
import Stochastics
import Testing

/// The best-response check for the balance-sheet game, by simulation of the game itself.
///
/// Each replicate draws θ uniformly on a wide interval around x* (a diffuse prior), lets a continuum of other
/// depositors withdraw below x* (so ℓ = min(g, Φ(√β(x* − θ))) and the pool fails when h(θ, ℓ) < 0), and gives
/// one negligible depositor a signal x = θ + ε. Its gain from withdrawing below x' instead of x* is
/// (1{x < x'} − 1{x < x*}) times the payoff of withdrawing minus that of staying, both read from the game's terms.
/// Every deviation is scored on the same draws (common random numbers).
@Suite("Balance-sheet best response")
struct BalanceSheetBestResponseTests {
    @Test func noDeviationGainsBeyondMonteCarloError() throws {
        let g = try BalanceSheetGameTests.handGame()
        let star = try g.threshold()
        let sd = 1 / g.precision.squareRoot()
        let offsets = [-0.1, -0.03, -0.01, 0.01, 0.03, 0.1]
        // Payoffs of withdrawing and of staying, when the pool survives and when it fails (losses not socialised).
        let withdrawSurvive = 1 - g.fee
        let withdrawFail = (1 - g.fee) * (g.paidNow + (1 - g.paidNow) * 1)
        let staySurvive = 1 + g.stayGain
        let stayFail = g.recovery
        let n = 20_000
        var sums = [Double](repeating: 0, count: offsets.count)
        var squares = [Double](repeating: 0, count: offsets.count)
        var rng = RandomStream(seed: 11, purpose: "best-response")
        for _ in 0..<n {
            let theta = star - 0.5 + rng.uniform()
            let fails = g.margin(theta: theta, withdrawn: g.fractionWithdrawing(theta: theta, threshold: star)) < 0
            let x = theta + sd * rng.standardNormal()
            let edge = fails ? withdrawFail - stayFail : withdrawSurvive - staySurvive
            for (k, offset) in offsets.enumerated() {
                let d = ((x < star + offset ? 1.0 : 0) - (x < star ? 1.0 : 0)) * edge
                sums[k] += d
                squares[k] += d * d
            }
        }
        var gains: [(mean: Double, se: Double)] = []
        for k in offsets.indices {
            let mean = sums[k] / Double(n)
            let variance = (squares[k] / Double(n) - mean * mean) * Double(n) / Double(n - 1)
            gains.append((mean, (variance / Double(n)).squareRoot()))
            #expect(mean <= 3 * gains[k].se, "deviating by \(offsets[k]) gains \(mean) ± \(gains[k].se)")
        }
        // The check has power: the far deviations lose, clearly.
        #expect(gains[0].mean < -3 * gains[0].se && gains[5].mean < -3 * gains[5].se)
    }
}

import Foundation
import Stochastics

/// What a level-0 depositor does in ``MorrisShin``'s game: the anchor of level-k reasoning.
public enum LevelZero: String, Sendable, Equatable, CaseIterable {
    /// Runs whatever its signal: x₀ = +∞.
    case alwaysRun = "always_run"
    /// Never runs: x₀ = −∞.
    case neverRun = "never_run"
    /// Runs below 1 − t, the threshold of a Laplacian belief (the fraction running is uniform on [0, 1]):
    /// the equilibrium's limit as private signals become precise.
    case laplacian
}

/// A game in which a depositor withdraws when its signal is below a threshold, and which can give the best
/// response to everyone else playing a threshold: what level-k reasoning and fictitious play iterate on.
public protocol ThresholdGame {
    /// The threshold a level-0 depositor plays.
    func levelZeroThreshold(_ behaviour: LevelZero) -> Double
    /// The best threshold for one depositor when everyone else withdraws below `threshold`.
    func bestResponse(to threshold: Double) throws(GameError) -> Double
}

extension ThresholdGame {
    /// Level-k thresholds x₀ … x_k: level k best-responds to everyone playing level k − 1, x_k = BR(x_{k−1}).
    /// The best response is increasing in the others' threshold, so the sequence is monotone; with a unique
    /// equilibrium it converges to x*, from above when level 0 runs more than the equilibrium and from below otherwise.
    public func levelKThresholds(_ levelZero: LevelZero, upTo k: Int) throws(GameError) -> [Double] {
        var out = [levelZeroThreshold(levelZero)]
        for _ in 0..<max(0, k) { out.append(try bestResponse(to: out[out.count - 1])) }
        return out
    }

    /// Fictitious play across episodes: in episode e every depositor best-responds to the average threshold
    /// played in the episodes before it (episode 0 believes `start`). Returns the thresholds played.
    public func fictitiousPlay(start: Double, episodes: Int) throws(GameError) -> [Double] {
        var played: [Double] = []
        var sum = 0.0
        for e in 0..<max(0, episodes) {
            let x = try bestResponse(to: e == 0 ? start : sum / Double(e))
            played.append(x)
            sum += x
        }
        return played
    }
}

extension MorrisShin: ThresholdGame {
    /// The threshold a level-0 depositor plays.
    public func levelZeroThreshold(_ behaviour: LevelZero) -> Double {
        switch behaviour {
        case .alwaysRun: return .infinity
        case .neverRun: return -.infinity
        case .laplacian: return 1 - cost
        }
    }

    /// The logit choice probability of running, 1 / (1 + exp(−λ (P(θ ≤ θ_c | x) − t))).
    public func quantalRunProbability(signal: Double, failureThreshold: Double, rationality: Double) -> Double {
        let gain = failureProbability(signal: signal, failureThreshold: failureThreshold) - cost
        return 1 / (1 + exp(-rationality * gain))
    }

    /// The fraction running at fundamental θ when everyone makes a logit choice believing the regime fails
    /// below θ_c: E[quantal run probability] over x ~ N(θ, 1/β), by Gauss–Legendre quadrature over ±10 sd.
    /// The interval is cut at the best-response threshold, where the choice probability is ½, and at 40 logit
    /// widths either side of it, so that a steep choice (large λ) is resolved by a panel of its own.
    public func quantalFractionRunning(
        theta: Double, failureThreshold: Double, rationality: Double,
        rule: GaussLegendre
    ) -> Double {
        let beta = signalPrecision
        let alpha = priorPrecision
        let sd = 1 / beta.squareRoot()
        let lo = theta - 10 * sd
        let hi = theta + 10 * sd
        let centre =
            ((alpha + beta) * failureThreshold - (alpha + beta).squareRoot() * costQuantile - alpha * priorMean) / beta
        // |d/dx (P(fail | x) − t)| at the centre is φ(Φ⁻¹(t)) β / √(α+β).
        let width = 40 / (rationality * StandardNormal.pdf(costQuantile) * beta / (alpha + beta).squareRoot())
        let f = { (x: Double) -> Double in
            self.quantalRunProbability(signal: x, failureThreshold: failureThreshold, rationality: rationality)
                * StandardNormal.pdf((x - theta) / sd) / sd
        }
        let cuts = ([lo, hi] + [centre - width, centre, centre + width].filter { $0 > lo && $0 < hi }).sorted()
        var sum = 0.0
        for k in 0..<(cuts.count - 1) { sum += rule.integrate(from: cuts[k], to: cuts[k + 1], f) }
        return sum
    }

    /// The logit quantal-response equilibria (McKelvey and Palfrey, 1995) of the game, as failure thresholds θ_c:
    /// the roots in [0, 1] of θ = ℓ_λ(θ; θ), where everyone's logit choice uses the θ_c it produces.
    /// As λ → ∞ they tend to the Nash θ*. Sorted increasingly; one when the equilibrium is unique.
    public func quantalEquilibria(rationality: Double) throws(GameError) -> [Double] {
        try GameError.check("rationality", rationality, "a number > 0") { $0 > 0 }
        let rule: GaussLegendre
        do { rule = try GaussLegendre(points: 64) } catch { throw .solverFailed(error.description) }
        let h = { (t: Double) -> Double in
            t - self.quantalFractionRunning(theta: t, failureThreshold: t, rationality: rationality, rule: rule)
        }
        // H(0) < 0 < H(1): the logit never makes the whole population run or stay.
        let grid = (0...400).map { Double($0) / 400 }
        var roots: [Double] = []
        var previous = (grid[0], h(grid[0]))
        for x in grid.dropFirst() {
            let value = h(x)
            if value == 0 { roots.append(x) }
            if (previous.1 < 0) != (value < 0), previous.1 != 0, value != 0 {
                let lo = previous.0
                roots.append(
                    try GameError.solve { () throws(StochasticsError) in
                        try RootFinder.brent(
                            in: lo, x, absoluteTolerance: 1e-13, relativeTolerance: 1e-14, maxIterations: 300, h)
                    })
            }
            previous = (x, value)
        }
        guard !roots.isEmpty else { throw .solverFailed("no quantal-response equilibrium found in [0, 1]") }
        return roots.sorted()
    }
}

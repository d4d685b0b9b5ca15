import Foundation
import Stochastics

/// Bounded rationality in the balance-sheet run game: the same payoffs and failure condition as the Nash
/// threshold of ``BalanceSheetGame``, played by depositors who reason a finite number of steps, learn from
/// past episodes (both from ``ThresholdGame``), or choose with logit noise.
extension BalanceSheetGame: ThresholdGame {
    /// The threshold a level-0 depositor plays: +∞ (always runs), −∞ (never runs), or the Laplacian threshold
    /// θ_ℓ at ℓ = min(g, 1 − t), the equilibrium's limit as the signals become precise (β → ∞).
    public func levelZeroThreshold(_ behaviour: LevelZero) -> Double {
        switch behaviour {
        case .alwaysRun: return .infinity
        case .neverRun: return -.infinity
        case .laplacian:
            let t = cost
            if t <= 0 { return .infinity }
            if t >= 1 { return -.infinity }
            return thetaAt(withdrawn: min(gate, 1 - t))
        }
    }

    /// L_λ(t) = ∫₀¹ 1/(1 + e^{−λ(u − t)}) du = (softplus(λ(1 − t)) − softplus(−λt))/λ: the fraction that runs
    /// at the failure threshold when everyone makes a logit choice (rationality λ) on the posterior failure
    /// probability. With a diffuse prior, P(fail | x) = Φ(√β(θ_c − x)) is uniform on [0, 1] across the
    /// depositors when θ = θ_c, hence the integral. As λ → ∞ it tends to 1 − t, the Nash critical mass.
    public static func logitMass(cost t: Double, rationality lambda: Double) -> Double {
        func softplus(_ z: Double) -> Double { z > 30 ? z + log1p(exp(-z)) : log1p(exp(z)) }
        return (softplus(lambda * (1 - t)) - softplus(-lambda * t)) / lambda
    }

    /// θ_c of the logit quantal-response equilibrium (McKelvey and Palfrey 1995) with rationality λ: the
    /// failure threshold that everyone's logit choice, made believing θ_c, reproduces. At θ = θ_c the
    /// fraction withdrawing is min(g, L_λ(t)), so θ_c = θ_ℓ at that ℓ, in closed form.
    public func quantalFailureThreshold(rationality lambda: Double) -> Double {
        thetaAt(withdrawn: min(gate, Self.logitMass(cost: cost, rationality: lambda)))
    }

    /// The logit probability of withdrawing with signal x, believing the pool fails below θ_c:
    /// 1/(1 + exp(−λ(Φ(√β(θ_c − x)) − t))).
    public func quantalRunProbability(signal x: Double, failureThreshold thetaC: Double, rationality lambda: Double)
        -> Double
    {
        let failure = StandardNormal.cdf(precision.squareRoot() * (thetaC - x))
        return 1 / (1 + exp(-lambda * (failure - cost)))
    }
}

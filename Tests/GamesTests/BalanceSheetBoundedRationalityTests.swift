import Foundation
import Stochastics
import Testing

@testable import Games

/// Bounded rationality in the balance-sheet run game: the quantal response's closed form against quadrature,
/// its limit at the Nash threshold, level-k ordering and fictitious play's convergence.
@Suite("Bounded rationality in the balance-sheet game")
struct BalanceSheetBoundedRationalityTests {
    /// The hand-computed game of the balance-sheet tests: t = 1/3, θ* = 0.116667, x* = 0.138203.
    static func game(gate: Double = 1) throws -> BalanceSheetGame {
        try BalanceSheetGame(
            queue: 0, cash: 0.2, fee: 0, gate: gate, fireSaleLoss: 0.25, stayGain: 0.05, recovery: 0.9,
            socialised: false, precision: 400)
    }

    /// ∫ f over [a, b] by Gauss–Legendre on `panels` equal panels, so that a steep logit is resolved.
    static func integrate(_ a: Double, _ b: Double, panels: Int = 400, _ f: (Double) -> Double) throws -> Double {
        let rule = try GaussLegendre(points: 16)
        let h = (b - a) / Double(panels)
        return (0..<panels).reduce(0) { sum, k in
            sum + rule.integrate(from: a + Double(k) * h, to: a + Double(k + 1) * h, f)
        }
    }

    @Test func theLogitMassIsTheIntegralOfTheChoiceProbabilities() throws {
        for (t, lambda) in [(1.0 / 3, 3.0), (0.5, 30), (0.1, 300), (-0.2, 5), (1.4, 5)] {
            let integral = try Self.integrate(0, 1) { u in 1 / (1 + exp(-lambda * (u - t))) }
            let closed = BalanceSheetGame.logitMass(cost: t, rationality: lambda)
            #expect(abs(integral - closed) < 1e-10, "t \(t), λ \(lambda): \(integral) against \(closed)")
        }
    }

    @Test func theQuantalFailureThresholdIsAFixedPoint() throws {
        // At θ_c, the fraction withdrawing (the logit probability averaged over x ~ N(θ_c, 1/β)) puts the
        // pool exactly at its failure margin h = 0.
        let g = try Self.game()
        let sd = 1 / g.precision.squareRoot()
        for lambda in [2.0, 20, 200] {
            let thetaC = g.quantalFailureThreshold(rationality: lambda)
            let withdrawn = try Self.integrate(thetaC - 12 * sd, thetaC + 12 * sd, panels: 2_000) { x in
                g.quantalRunProbability(signal: x, failureThreshold: thetaC, rationality: lambda)
                    * StandardNormal.pdf((x - thetaC) / sd) / sd
            }
            #expect(abs(g.margin(theta: thetaC, withdrawn: withdrawn)) < 1e-8, "λ \(lambda): θ_c \(thetaC)")
        }
    }

    @Test func quantalResponseTendsToTheNashThreshold() throws {
        let g = try Self.game()
        let nash = try g.failureThreshold(forThreshold: try g.threshold())
        let gaps = [1.0, 3, 10, 30, 100].map { abs(g.quantalFailureThreshold(rationality: $0) - nash) }
        for (a, b) in zip(gaps, gaps.dropFirst()) { #expect(b < a, "gaps \(gaps)") }
        // L_λ − (1 − t) = (softplus(−λ(1 − t)) − softplus(−λt))/λ shrinks exponentially in λ.
        #expect(gaps[gaps.count - 1] < 1e-9, "gaps \(gaps)")
        // With a gate the critical mass is capped at g for every λ large enough.
        let gated = try Self.game(gate: 0.3)
        #expect(abs(gated.quantalFailureThreshold(rationality: 1_000) - 0.25 * 0.1) < 1e-12)
    }

    @Test func levelKIsOrderedAndConvergesTowardsNash() throws {
        let g = try Self.game()
        let star = try g.threshold()
        let fromRun = try g.levelKThresholds(.alwaysRun, upTo: 3)
        let fromStay = try g.levelKThresholds(.neverRun, upTo: 3)
        #expect(fromRun[0] == .infinity && fromStay[0] == -.infinity)
        for k in 1...3 {
            #expect(fromRun[k] > star && fromStay[k] < star, "level \(k): \(fromRun[k]), \(fromStay[k]), x* \(star)")
            if k > 1 { #expect(fromRun[k] < fromRun[k - 1] && fromStay[k] > fromStay[k - 1]) }
        }
        // Level 1 from a level 0 that always runs: ℓ = 1, θ_c = 0.25 · 0.8 = 0.2, x₁ = θ_c − Φ⁻¹(1/3)/20.
        #expect(abs(fromRun[1] - (0.2 + 0.430_727_299_295_457_56 / 20)) < 1e-9)
        // The Laplacian level 0 is the β → ∞ limit of the equilibrium, θ_ℓ at ℓ = 1 − t.
        #expect(abs(g.levelZeroThreshold(.laplacian) - 0.25 * (2.0 / 3 - 0.2)) < 1e-12)
    }

    @Test func fictitiousPlayApproachesTheEquilibrium() throws {
        let g = try Self.game()
        let star = try g.threshold()
        let played = try g.fictitiousPlay(start: .infinity, episodes: 201)
        #expect(played[0] == (try g.levelKThresholds(.alwaysRun, upTo: 1))[1], "episode 0 plays level 1")
        let gaps = [0, 10, 50, 200].map { played[$0] - star }
        for (a, b) in zip(gaps, gaps.dropFirst()) { #expect(b > 0 && b < a, "gaps \(gaps)") }
    }
}

import Foundation
import Stochastics
import Testing

@testable import Games

@Suite("Bounded rationality in the Morris–Shin game")
struct BoundedRationalityTests {
    static let game = try! MorrisShin(cost: 0.3, priorMean: 0.6, priorPrecision: 4, signalPrecision: 100)

    @Test func quantalResponseTendsToTheNashThreshold() throws {
        let nash = try #require(try Self.game.equilibria().last).theta
        var gaps: [Double] = []
        for lambda in [3.0, 30, 300, 3000, 30000] {
            let qre = try Self.game.quantalEquilibria(rationality: lambda)
            #expect(qre.count == 1)
            gaps.append(abs(qre[0] - nash))
        }
        for (a, b) in zip(gaps, gaps.dropFirst()) { #expect(b < a, "gaps \(gaps)") }
        #expect(gaps[gaps.count - 1] < 2e-3, "gaps \(gaps)")
    }

    @Test func quantalFractionRunningIsAnExpectationOfChoiceProbabilities() throws {
        // A huge λ makes the logit a step at the best response: ℓ = Φ(√β (x_BR − θ)).
        let rule = try GaussLegendre(points: 96)
        let thetaC = 0.7
        let theta = 0.65
        // Others run below x̂ = θ_c + Φ⁻¹(θ_c)/√β exactly when the regime fails below θ_c.
        let xBR = try Self.game.bestResponse(to: thetaC + (try StandardNormal.quantile(thetaC)) / 10)
        let step = Self.game.fractionRunning(theta: theta, threshold: xBR)
        let smooth = Self.game.quantalFractionRunning(
            theta: theta, failureThreshold: thetaC, rationality: 1e7, rule: rule)
        #expect(abs(step - smooth) < 1e-4)
    }

    @Test func levelKThresholdsAreOrderedAndConverge() throws {
        let xStar = try #require(try Self.game.equilibria().first).signal
        let fromRun = try Self.game.levelKThresholds(.alwaysRun, upTo: 3)
        let fromStay = try Self.game.levelKThresholds(.neverRun, upTo: 3)
        // Level 0 runs always (never); each level runs less (more), and all stay on their side of x*.
        #expect(fromRun[0] == .infinity && fromStay[0] == -.infinity)
        #expect(fromRun[1] > fromRun[2] && fromRun[2] > fromRun[3] && fromRun[3] > xStar)
        #expect(fromStay[1] < fromStay[2] && fromStay[2] < fromStay[3] && fromStay[3] < xStar)
        let deep = try Self.game.levelKThresholds(.laplacian, upTo: 60)
        #expect(abs(deep[60] - xStar) < 1e-6 && abs(deep[60] - xStar) < abs(deep[30] - xStar))
    }

    @Test func fictitiousPlayLearnsTheEquilibrium() throws {
        let xStar = try #require(try Self.game.equilibria().first).signal
        let path = try Self.game.fictitiousPlay(start: 2, episodes: 400)
        #expect(abs(path[0] - xStar) > 0.1)
        let gaps = path.map { abs($0 - xStar) }
        #expect(gaps[399] < 0.25 * gaps[0] && gaps[399] < gaps[99] && gaps[99] < gaps[9])
    }

    @Test func gaussLegendreIntegratesANormalDensity() throws {
        let rule = try GaussLegendre(points: 64)
        #expect(abs(rule.integrate(from: -10, to: 10) { StandardNormal.pdf($0) } - 1) < 1e-12)
        #expect(abs(rule.weights.reduce(0, +) - 2) < 1e-12)
    }
}

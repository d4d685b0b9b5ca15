import Foundation
import Stochastics
import Testing

@testable import Games

@Suite("Morris–Shin regime-change game")
struct MorrisShinTests {
    static func game(t: Double = 0.3, y: Double = 0.6, alpha: Double = 1, beta: Double = 100) throws -> MorrisShin {
        try MorrisShin(cost: t, priorMean: y, priorPrecision: alpha, signalPrecision: beta)
    }

    /// Both equilibrium conditions, as the model states them, at (θ*, x*).
    static func conditionErrors(_ g: MorrisShin, _ e: MorrisShinEquilibrium) -> (mass: Double, indifference: Double) {
        let mass = e.theta - g.fractionRunning(theta: e.theta, threshold: e.signal)
        let indifference = g.failureProbability(signal: e.signal, failureThreshold: e.theta) - g.cost
        return (mass, indifference)
    }

    @Test(arguments: [
        (0.1, 0.3, 1.0, 10.0), (0.3, 0.6, 1.0, 100.0), (0.5, 0.9, 1.0, 1000.0), (0.8, -0.5, 2.0, 50.0),
        (0.2, 1.5, 0.5, 5.0), (0.5, 0.5, 10.0, 1.0), (0.4, 0.45, 10.0, 2.0),
    ])
    func everyEquilibriumSatisfiesBothConditions(_ p: (Double, Double, Double, Double)) throws {
        let g = try Self.game(t: p.0, y: p.1, alpha: p.2, beta: p.3)
        let all = try g.equilibria()
        #expect(!all.isEmpty)
        for e in all {
            let err = Self.conditionErrors(g, e)
            #expect(abs(err.mass) < 1e-10 && abs(err.indifference) < 1e-10, "\(p): \(e)")
            #expect(abs(e.runProbability - StandardNormal.cdf(p.2.squareRoot() * (e.theta - p.1))) < 1e-15)
        }
        if g.hasUniqueEquilibrium { #expect(all.count == 1) }
    }

    /// With t = ½ and y = ½ the game is symmetric about ½: θ* = x* = ½ whatever the precisions.
    @Test(arguments: [(1.0, 10.0), (1.0, 1000.0), (3.0, 7.0)])
    func symmetricGameHasThetaOneHalf(_ p: (Double, Double)) throws {
        let e = try #require(try Self.game(t: 0.5, y: 0.5, alpha: p.0, beta: p.1).equilibria().first)
        #expect(abs(e.theta - 0.5) < 1e-12 && abs(e.signal - 0.5) < 1e-12)
    }

    /// Closed form: θ* = ½ exactly when y = ½ − √(1 + α/β) Φ⁻¹(t) √β / α (the equation with Φ⁻¹(θ*) = 0).
    @Test(arguments: [0.1, 0.25, 0.7])
    func priorMeanThatPutsThetaAtOneHalf(_ t: Double) throws {
        let alpha = 1.0
        let beta = 100.0
        let y = 0.5 - (1 + alpha / beta).squareRoot() * (try StandardNormal.quantile(t)) * beta.squareRoot() / alpha
        let all = try Self.game(t: t, y: y, alpha: alpha, beta: beta).equilibria()
        #expect(all.count == 1)
        #expect(abs(all[0].theta - 0.5) < 1e-12 && abs(all[0].signal - 0.5) < 1e-12)
        #expect(abs(all[0].runProbability - StandardNormal.cdf(alpha.squareRoot() * (0.5 - y))) < 1e-12)
    }

    /// As private signals become precise, θ* → 1 − t (Morris and Shin's Laplacian limit).
    @Test func preciseSignalsGiveOneMinusCost() throws {
        for t in [0.2, 0.5, 0.9] {
            let e = try #require(try Self.game(t: t, y: 0.6, alpha: 1, beta: 1e14).equilibria().first)
            #expect(abs(e.theta - (1 - t)) < 1e-6)
        }
    }

    @Test func multipleEquilibriaBelowTheBound() throws {
        let g = try Self.game(t: 0.5, y: 0.5, alpha: 10, beta: 1)
        #expect(!g.hasUniqueEquilibrium && g.uniquenessBound > 15.9 && g.uniquenessBound < 16)
        let all = try g.equilibria()
        #expect(all.count == 3)
        #expect(abs(all[1].theta - 0.5) < 1e-12 && abs(all[0].theta + all[2].theta - 1) < 1e-10)
        #expect(all.map(\.stable) == [true, false, true])
        #expect(g.uniquenessCondition.contains("signal_precision < prior_precision^2/(2 pi)"))
    }

    @Test func comparativeStaticsMatchFiniteDifferences() throws {
        let t = 0.3
        let y = 0.6
        let alpha = 1.0
        let beta = 100.0
        let e = try #require(try Self.game(t: t, y: y, alpha: alpha, beta: beta).equilibria().first)
        func theta(_ t: Double, _ y: Double, _ b: Double) throws -> Double {
            try #require(try Self.game(t: t, y: y, alpha: alpha, beta: b).equilibria().first).theta
        }
        let h = 1e-5
        let dt = (try theta(t + h, y, beta) - theta(t - h, y, beta)) / (2 * h)
        let db = (try theta(t, y, beta + 1e-3) - theta(t, y, beta - 1e-3)) / 2e-3
        let dy = (try theta(t, y + h, beta) - theta(t, y - h, beta)) / (2 * h)
        #expect(abs(e.dThetaDCost - dt) < 1e-6 * max(1, abs(dt)))
        #expect(abs(e.dThetaDSignalPrecision - db) < 1e-6 * max(1e-3, abs(db)))
        #expect(abs(e.dThetaDPriorMean - dy) < 1e-6 * max(1, abs(dy)))
        #expect(e.dThetaDCost < 0, "a dearer run makes the regime fail less often")
    }

    @Test func theEquilibriumThresholdIsABestResponseToItself() throws {
        let g = try Self.game()
        let e = try #require(try g.equilibria().first)
        #expect(abs(try g.bestResponse(to: e.signal) - e.signal) < 1e-9)
        #expect(abs(try g.failureThreshold(forThreshold: e.signal) - e.theta) < 1e-12)
    }

    @Test func badParametersNameThemselves() {
        #expect(throws: GameError.invalidParameter(name: "cost", value: 1, expected: "a number in (0, 1)")) {
            try MorrisShin(cost: 1, priorMean: 0.5, priorPrecision: 1, signalPrecision: 1)
        }
        #expect(throws: GameError.invalidParameter(name: "prior_precision", value: 0, expected: "a number > 0")) {
            try MorrisShin(cost: 0.5, priorMean: 0.5, priorPrecision: 0, signalPrecision: 1)
        }
        #expect(throws: GameError.invalidParameter(name: "signal_precision", value: -1, expected: "a number > 0")) {
            try MorrisShin(cost: 0.5, priorMean: 0.5, priorPrecision: 1, signalPrecision: -1)
        }
    }
}

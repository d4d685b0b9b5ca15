import Foundation
import Stochastics

/// The regime-change game of Morris and Shin (2003, section 2.3) with a normal prior and normal private signals.
///
/// The fundamental is θ ~ N(y, 1/α). Depositor i sees x_i = θ + ε_i with ε_i ~ N(0, 1/β), independent.
/// Running costs t and pays 1 when the regime fails, which happens when the fraction ℓ of depositors
/// running is at least θ; staying pays 0. In a threshold equilibrium everyone runs below x*, so
/// ℓ(θ) = Φ(√β (x* − θ)) and the regime fails exactly when θ ≤ θ*. The pair (θ*, x*) solves
///
/// - critical mass: θ* = Φ(√β (x* − θ*));
/// - indifference: P(θ ≤ θ* | x*) = Φ(√(α+β) (θ* − (αy + βx*)/(α+β))) = t.
///
/// Eliminating x* leaves one equation in z = Φ⁻¹(θ*):
///
///     G(z) = (α/√β)(Φ(z) − y) − z − √(1 + α/β) Φ⁻¹(t) = 0,    x* = Φ(z) + z/√β.
///
/// G'(z) = (α/√β) φ(z) − 1, so G is decreasing, and the equilibrium unique, exactly when β ≥ α²/(2π).
/// Below that bound G has up to three monotone pieces and up to three roots; each is found by GSL's
/// Brent method in its own bracket.
public struct MorrisShin: Sendable, Equatable {
    /// t, the cost of running, in (0, 1).
    public let cost: Double
    /// y, the prior mean of θ.
    public let priorMean: Double
    /// α, the precision of the prior (1 / variance), > 0.
    public let priorPrecision: Double
    /// β, the precision of each private signal, > 0.
    public let signalPrecision: Double

    /// Validates and stores the game's parameters.
    /// - Parameters:
    ///   - cost: t, in (0, 1).
    ///   - priorMean: y, any finite number.
    ///   - priorPrecision: α > 0.
    ///   - signalPrecision: β > 0.
    /// - Throws: ``GameError/invalidParameter(name:value:expected:)`` naming the first bad parameter.
    public init(cost: Double, priorMean: Double, priorPrecision: Double, signalPrecision: Double) throws(GameError) {
        try GameError.check("cost", cost, "a number in (0, 1)") { $0 > 0 && $0 < 1 }
        try GameError.check("prior_mean", priorMean, "a finite number") { _ in true }
        try GameError.check("prior_precision", priorPrecision, "a number > 0") { $0 > 0 }
        try GameError.check("signal_precision", signalPrecision, "a number > 0") { $0 > 0 }
        self.cost = cost
        self.priorMean = priorMean
        self.priorPrecision = priorPrecision
        self.signalPrecision = signalPrecision
    }

    /// α²/(2π): the equilibrium is unique when β is at least this.
    public var uniquenessBound: Double { priorPrecision * priorPrecision / (2 * Double.pi) }

    /// Whether β ≥ α²/(2π), the condition for a unique equilibrium.
    public var hasUniqueEquilibrium: Bool { signalPrecision >= uniquenessBound }

    /// The condition for uniqueness in words, with its numbers.
    public var uniquenessCondition: String {
        let relation = hasUniqueEquilibrium ? ">=" : "<"
        return
            "signal_precision \(relation) prior_precision^2/(2 pi): \(signalPrecision) \(relation) \(uniquenessBound)"
    }

    var slope: Double { priorPrecision / signalPrecision.squareRoot() }
    var costQuantile: Double { (try? StandardNormal.quantile(cost)) ?? .nan }
    var costScale: Double { (1 + priorPrecision / signalPrecision).squareRoot() }

    /// G(z), the equilibrium equation in z = Φ⁻¹(θ*).
    public func residual(z: Double) -> Double {
        slope * (StandardNormal.cdf(z) - priorMean) - z - costScale * costQuantile
    }

    /// Every equilibrium, by increasing θ*. One when ``hasUniqueEquilibrium``, else one to three.
    /// - Throws: ``GameError/solverFailed(_:)`` if Brent fails, which valid parameters do not cause.
    public func equilibria() throws(GameError) -> [MorrisShinEquilibrium] {
        let a = slope
        let c = costScale * costQuantile
        // G(−L) > 0 and G(L) < 0, since a·(Φ − y) lies between −a·y and a·(1 − y).
        let far = abs(c) + a * (abs(priorMean) + 1) + 1
        var cuts = [-far, far]
        let ratio = a / (2 * Double.pi).squareRoot()
        if ratio > 1 {
            let turn = (2 * log(ratio)).squareRoot()
            if turn < far { cuts = [-far, -turn, turn, far] }
        }
        var roots: [Double] = []
        for k in 0..<(cuts.count - 1) {
            let lo = cuts[k]
            let hi = cuts[k + 1]
            let gLo = residual(z: lo)
            let gHi = residual(z: hi)
            guard gLo == 0 || gHi == 0 || (gLo < 0) != (gHi < 0) else { continue }
            let z = try GameError.solve { () throws(StochasticsError) in
                try RootFinder.brent(in: lo, hi, absoluteTolerance: 1e-14, relativeTolerance: 1e-15, maxIterations: 500)
                {
                    self.residual(z: $0)
                }
            }
            if !roots.contains(where: { abs($0 - z) < 1e-12 }) { roots.append(z) }
        }
        guard !roots.isEmpty else { throw .solverFailed("no sign change of the equilibrium equation") }
        return roots.sorted().map(equilibrium(z:))
    }

    /// The equilibrium at a root z of ``residual(z:)``, with its comparative statics by implicit differentiation.
    func equilibrium(z: Double) -> MorrisShinEquilibrium {
        let alpha = priorPrecision
        let beta = signalPrecision
        let theta = StandardNormal.cdf(z)
        let density = StandardNormal.pdf(z)
        let zt = costQuantile
        let scale = costScale
        let gz = slope * density - 1
        let gt = -scale / StandardNormal.pdf(zt)
        let gBeta = -alpha * (theta - priorMean) / (2 * pow(beta, 1.5)) + zt * alpha / (2 * beta * beta * scale)
        let gy = -slope
        // dθ*/dp = φ(z) · dz/dp = −φ(z) G_p / G_z.
        return MorrisShinEquilibrium(
            theta: theta, signal: theta + z / beta.squareRoot(),
            runProbability: StandardNormal.cdf(alpha.squareRoot() * (theta - priorMean)),
            dThetaDCost: -density * gt / gz, dThetaDSignalPrecision: -density * gBeta / gz,
            dThetaDPriorMean: -density * gy / gz, stable: gz < 0)
    }

    /// ℓ(θ) = Φ(√β (x̂ − θ)): the fraction that runs at fundamental θ when everyone runs below x̂.
    public func fractionRunning(theta: Double, threshold: Double) -> Double {
        StandardNormal.cdf(signalPrecision.squareRoot() * (threshold - theta))
    }

    /// P(θ ≤ θ_c | x): the posterior probability that the regime fails, for a depositor with signal x.
    public func failureProbability(signal: Double, failureThreshold: Double) -> Double {
        let alpha = priorPrecision
        let beta = signalPrecision
        let mean = (alpha * priorMean + beta * signal) / (alpha + beta)
        return StandardNormal.cdf((alpha + beta).squareRoot() * (failureThreshold - mean))
    }

    /// The θ below which the regime fails when everyone runs below x̂: the root of θ = Φ(√β (x̂ − θ)),
    /// unique because the left side rises and the right side falls.
    public func failureThreshold(forThreshold threshold: Double) throws(GameError) -> Double {
        try GameError.solve { () throws(StochasticsError) in
            try RootFinder.brent(in: -1e-9, 1 + 1e-9, absoluteTolerance: 1e-15, relativeTolerance: 0) {
                $0 - self.fractionRunning(theta: $0, threshold: threshold)
            }
        }
    }

    /// The best response to everyone else running below x̂: run below the signal at which the posterior
    /// failure probability equals t, x = ((α+β) θ_c − √(α+β) Φ⁻¹(t) − αy) / β.
    public func bestResponse(to threshold: Double) throws(GameError) -> Double {
        let alpha = priorPrecision
        let beta = signalPrecision
        let thetaC = try failureThreshold(forThreshold: threshold)
        return ((alpha + beta) * thetaC - (alpha + beta).squareRoot() * costQuantile - alpha * priorMean) / beta
    }
}

/// One threshold equilibrium of ``MorrisShin``.
public struct MorrisShinEquilibrium: Sendable, Equatable {
    /// θ*: the regime fails when θ ≤ θ*.
    public let theta: Double
    /// x*: a depositor runs when its signal is below x*.
    public let signal: Double
    /// P(θ ≤ θ*) = Φ(√α (θ* − y)) under the prior: the ex-ante probability of a run.
    public let runProbability: Double
    /// ∂θ*/∂t by implicit differentiation.
    public let dThetaDCost: Double
    /// ∂θ*/∂β by implicit differentiation.
    public let dThetaDSignalPrecision: Double
    /// ∂θ*/∂y by implicit differentiation.
    public let dThetaDPriorMean: Double
    /// Whether best-response dynamics return to it (G'(z*) < 0); with three equilibria the middle one is unstable.
    public let stable: Bool
}

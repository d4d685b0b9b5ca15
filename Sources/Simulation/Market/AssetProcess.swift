import Foundation
import Stochastics

/// The price process of one asset of a `MultiAssetMarket`. X is the asset's entry of the tick's
/// correlated standard normals, m the stress volatility multiplier (1 in calm); all rates are per tick.
///
/// - `gbm`: p_t = p_t−1 · exp(μ − (mσ)²/2 + mσ·X), as `CorrelatedGBM`.
/// - `jumpDiffusion`: the `gbm` step, then Merton jumps as in `JumpDiffusion` (jumps are not scaled in stress).
/// - `garch`: r = μ − v/2 + ε with v = m²·h, ε = √v·X, then h ← ω + α·ε² + β·h, as `GARCHVolatility`.
/// - `ouPeg`: the exact Ornstein–Uhlenbeck step of `OrnsteinUhlenbeckPeg` (Δ = 1), noise times m.
/// - `replay`: row t of a historical series, as `HistoricalReplay`; X is drawn but unused.
public enum AssetProcess: Sendable, Equatable {
    /// Geometric Brownian motion with drift μ and volatility σ (>= 0).
    case gbm(drift: Double, sigma: Double)
    /// GBM with compensated lognormal jumps.
    case jumpDiffusion(drift: Double, sigma: Double, jumps: JumpDiffusion.Jumps)
    /// GARCH(1,1) variance; `initialVariance` nil means the long-run variance ω / (1 − α − β).
    case garch(drift: Double, omega: Double, alpha: Double, beta: Double, initialVariance: Double?)
    /// A peg μ (> 0) with mean-reversion speed κ (> 0) and volatility σ (>= 0).
    case ouPeg(peg: Double, speed: Double, sigma: Double)
    /// A replayed price series (its first row is the opening price).
    case replay(HistoricalReplay)
}

/// One asset's process with everything a tick needs precomputed (internal to `MultiAssetMarket`).
enum AssetStep: Sendable {
    /// log-drift μ − σ²/2 and σ, in calm and in stress; the jumps, if any.
    case diffusion(calm: (Double, Double), stress: (Double, Double), jumps: JumpStep?)
    case garch(drift: Double, omega: Double, alpha: Double, beta: Double, stressVariance: Double)
    case peg(peg: Double, decay: Double, calmNoise: Double, stressNoise: Double)
    case replay([Double])

    /// Merton jumps of one asset: −λk, the Poisson law of the count, and the jump size law N(m, s²).
    struct JumpStep: Sendable {
        let compensator: Double
        let count: Poisson
        let logMean: Double
        let logStandardDeviation: Double
    }

    /// Precomputes `process` for a stress multiplier `m`; `name` (e.g. `assets[2]`) prefixes the keys in errors.
    init(_ process: AssetProcess, stressMultiplier m: Double, name: String) throws(MarketError) {
        do { try self.init(process, stressMultiplier: m) } catch { throw Self.relabel(error, name) }
    }

    /// The one-asset models below check the parameters; their keys are relabelled to this asset's.
    private init(_ process: AssetProcess, stressMultiplier m: Double) throws(MarketError) {
        switch process {
        case let .gbm(drift, sigma):
            try Self.checkDiffusion(drift, sigma)
            self = .diffusion(
                calm: (drift - sigma * sigma / 2, sigma), stress: Self.stressed(drift, sigma, m), jumps: nil)
        case let .jumpDiffusion(drift, sigma, j):
            try Self.checkDiffusion(drift, sigma)
            // JumpDiffusion validates the jump parameters and derives the compensator and the count's law.
            let one = try JumpDiffusion(
                diffusion: try CorrelatedGBM(assets: [.init(name: "x", initialPrice: 1, drift: drift, sigma: sigma)]),
                jumps: [j])
            let step = one.counts[0].map {
                JumpStep(
                    compensator: one.compensator[0], count: $0, logMean: j.logMean,
                    logStandardDeviation: j.logStandardDeviation)
            }
            self = .diffusion(
                calm: (drift - sigma * sigma / 2, sigma), stress: Self.stressed(drift, sigma, m), jumps: step)
        case let .garch(drift, omega, alpha, beta, h0):
            _ = try GARCHVolatility(assets: [
                .init(
                    name: "x", initialPrice: 1, drift: drift, omega: omega, alpha: alpha, beta: beta,
                    initialVariance: h0)
            ])
            self = .garch(drift: drift, omega: omega, alpha: alpha, beta: beta, stressVariance: m * m)
        case let .ouPeg(peg, speed, sigma):
            let ou = try OrnsteinUhlenbeckPeg(assets: [.init(name: "x", peg: peg, speed: speed, sigma: sigma)])
            self = .peg(peg: peg, decay: ou.decay[0], calmNoise: ou.noise[0], stressNoise: m * ou.noise[0])
        case let .replay(r):
            self = .replay(r.prices)
        }
    }

    private static func stressed(_ drift: Double, _ sigma: Double, _ m: Double) -> (Double, Double) {
        let s = m * sigma
        return (drift - s * s / 2, s)
    }

    private static func checkDiffusion(_ drift: Double, _ sigma: Double) throws(MarketError) {
        try MarketCheck.finite("assets[0].drift", drift)
        try MarketCheck.nonNegative("assets[0].sigma", sigma)
    }

    /// `assets[0].sigma` → `<name>.sigma`, `jumps[0].intensity` → `<name>.jump_intensity` (the scenario keys).
    private static func relabel(_ error: MarketError, _ name: String) -> MarketError {
        guard case let .invalidParameter(key, value, expected) = error else { return error }
        let local = key.replacingOccurrences(of: "assets[0].", with: "").replacingOccurrences(
            of: "jumps[0].", with: "jump_")
        return .invalidParameter(name: "\(name).\(local)", value: value, expected: expected)
    }
}

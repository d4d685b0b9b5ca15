import Foundation
import Stochastics

/// Correlated geometric Brownian motion, one step per tick:
///
///     p_i,t = p_i,t−1 · exp((μ_i − σ_i²/2) + σ_i·X_i,t),   X_t = L·Z_t,  C = L·Lᵀ,  Z_t ~ N(0, I)
///
/// With μ = 0 each price is a martingale: E[p_t | p_t−1] = p_t−1. For one asset X_t is exactly
/// one `rng.standardNormal()` draw, so μ = 0 gives the reference model's `p_t = p_t−1·exp(−σ²/2 + σ·Z_t)`.
///
/// Scenario keys: `assets` (a list of `name`, `initial_price` (> 0), `drift` (μ per tick, finite,
/// default 0), `sigma` (σ per tick, >= 0)) and `correlation` (n×n, symmetric, unit diagonal,
/// positive definite; default the identity).
public struct CorrelatedGBM: MarketProcess, Equatable {
    /// One asset's parameters.
    public struct Asset: Sendable, Equatable {
        public var name: String
        public var initialPrice: Double
        public var drift: Double
        public var sigma: Double

        public init(name: String, initialPrice: Double, drift: Double = 0, sigma: Double) {
            self.name = name
            self.initialPrice = initialPrice
            self.drift = drift
            self.sigma = sigma
        }
    }

    public let assets: [Asset]
    public let correlation: [[Double]]
    let factor: CorrelationFactor
    /// Per-asset μ − σ²/2 and σ, precomputed so the step reads two flat arrays.
    let logDrift: [Double]
    let sigmas: [Double]

    public var assetNames: [String] { assets.map(\.name) }

    /// - Parameters:
    ///   - assets: the assets, in the order of the price vector.
    ///   - correlation: nil means independent assets.
    /// - Throws: `MarketError.invalidParameter` naming the first bad parameter.
    public init(assets: [Asset], correlation: [[Double]]? = nil) throws(MarketError) {
        try MarketCheck.nonEmpty("assets", assets.count)
        try MarketCheck.uniqueNames(assets.map(\.name))
        for (i, a) in assets.enumerated() {
            try MarketCheck.positive("assets[\(i)].initial_price", a.initialPrice)
            try MarketCheck.finite("assets[\(i)].drift", a.drift)
            try MarketCheck.nonNegative("assets[\(i)].sigma", a.sigma)
        }
        let n = assets.count
        if let correlation {
            factor = try CorrelationFactor(correlation, dimension: n, name: "correlation")
            self.correlation = correlation
        } else {
            factor = CorrelationFactor(identity: n)
            self.correlation = (0..<n).map { i in (0..<n).map { $0 == i ? 1.0 : 0.0 } }
        }
        self.assets = assets
        logDrift = assets.map { $0.drift - $0.sigma * $0.sigma / 2 }
        sigmas = assets.map(\.sigma)
    }

    public func initialState() -> MarketState {
        MarketState(
            prices: assets.map(\.initialPrice),
            frozen: [Bool](repeating: false, count: assets.count),
            regime: 0,
            variances: sigmas.map { $0 * $0 })
    }

    public func advance(_ state: inout MarketState, tick: Int, rng: inout RandomStream) {
        factor.withDraws(&rng) { x in
            for i in 0..<x.count {
                state.prices[i] *= exp(logDrift[i] + sigmas[i] * x[i])
            }
        }
    }
}

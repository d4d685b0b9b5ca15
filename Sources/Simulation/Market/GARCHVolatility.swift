import Foundation
import Stochastics

/// Log-returns with GARCH(1,1) volatility (Bollerslev 1986) and constant conditional correlation:
///
///     r_i,t = μ_i − h_i,t/2 + ε_i,t,   ε_i,t = √h_i,t · X_i,t,   X_t = L·Z_t
///     h_i,t+1 = ω_i + α_i·ε_i,t² + β_i·h_i,t
///
/// `MarketState.variances[i]` holds h for the next tick. With α + β < 1 the variance is
/// mean-reverting, with long-run level ω / (1 − α − β); the −h/2 term keeps each price a
/// martingale when μ = 0.
///
/// Scenario keys: `assets` (a list of `name`, `initial_price` (> 0), `drift` (μ per tick, default 0),
/// `omega` (ω > 0), `alpha` (α >= 0), `beta` (β >= 0, with α + β < 1), `initial_variance`
/// (h at tick 1, > 0; default the long-run variance)) and `correlation` (as for `CorrelatedGBM`).
public struct GARCHVolatility: MarketProcess, Equatable {
    /// One asset's parameters.
    public struct Asset: Sendable, Equatable {
        public var name: String
        public var initialPrice: Double
        public var drift: Double
        public var omega: Double
        public var alpha: Double
        public var beta: Double
        public var initialVariance: Double?

        public init(
            name: String, initialPrice: Double, drift: Double = 0, omega: Double, alpha: Double,
            beta: Double, initialVariance: Double? = nil
        ) {
            self.name = name
            self.initialPrice = initialPrice
            self.drift = drift
            self.omega = omega
            self.alpha = alpha
            self.beta = beta
            self.initialVariance = initialVariance
        }

        /// ω / (1 − α − β), the unconditional variance of ε.
        public var longRunVariance: Double { omega / (1 - alpha - beta) }
    }

    public let assets: [Asset]
    let factor: CorrelationFactor

    public var assetNames: [String] { assets.map(\.name) }

    /// - Throws: `MarketError.invalidParameter` naming the first bad parameter.
    public init(assets: [Asset], correlation: [[Double]]? = nil) throws(MarketError) {
        try MarketCheck.nonEmpty("assets", assets.count)
        try MarketCheck.uniqueNames(assets.map(\.name))
        for (i, a) in assets.enumerated() {
            try MarketCheck.positive("assets[\(i)].initial_price", a.initialPrice)
            try MarketCheck.finite("assets[\(i)].drift", a.drift)
            try MarketCheck.positive("assets[\(i)].omega", a.omega)
            try MarketCheck.nonNegative("assets[\(i)].alpha", a.alpha)
            try MarketCheck.nonNegative("assets[\(i)].beta", a.beta)
            guard a.alpha + a.beta < 1 else {
                throw .invalidParameter(
                    name: "assets[\(i)].alpha + assets[\(i)].beta", value: "\(a.alpha + a.beta)",
                    expected: "< 1 (a stationary GARCH(1,1))")
            }
            if let h0 = a.initialVariance { try MarketCheck.positive("assets[\(i)].initial_variance", h0) }
        }
        let n = assets.count
        if let correlation {
            factor = try CorrelationFactor(correlation, dimension: n, name: "correlation")
        } else {
            factor = CorrelationFactor(identity: n)
        }
        self.assets = assets
    }

    public func initialState() -> MarketState {
        MarketState(
            prices: assets.map(\.initialPrice),
            frozen: [Bool](repeating: false, count: assets.count),
            regime: 0,
            variances: assets.map { $0.initialVariance ?? $0.longRunVariance })
    }

    public func advance(_ state: inout MarketState, tick: Int, rng: inout RandomStream) {
        factor.withDraws(&rng) { x in
            for i in 0..<x.count {
                let a = assets[i]
                let h = state.variances[i]
                let eps = h.squareRoot() * x[i]
                state.prices[i] *= exp(a.drift - h / 2 + eps)
                state.variances[i] = a.omega + a.alpha * eps * eps + a.beta * h
            }
        }
    }
}

import Foundation
import Stochastics

/// Merton jump-diffusion: the correlated GBM step times independent lognormal jumps per asset,
///
///     p_i,t = p_i,t−1 · exp((μ_i − σ_i²/2 − λ_i·k_i) + σ_i·X_i,t + Σ_{j=1}^{N_i,t} Y_i,j)
///     N_i,t ~ Poisson(λ_i),  Y ~ N(m_i, s_i²),  k_i = E[e^Y] − 1 = exp(m_i + s_i²/2) − 1
///
/// The compensator −λ·k makes E[p_t | p_t−1] = p_t−1·e^μ, so the price is a martingale when μ = 0
/// (Merton 1976). Jump counts come from Stochastics `Poisson` (GSL); the N jump sizes of one tick are
/// summed exactly as one normal N·m + s·√N·Z.
///
/// Scenario keys: the `CorrelatedGBM` keys (the diffusion), plus `jumps`, one entry per asset:
/// `intensity` (λ, expected jumps per tick, >= 0), `log_mean` (m, finite), `log_sd` (s, >= 0).
public struct JumpDiffusion: MarketProcess, Equatable {
    /// One asset's jump parameters.
    public struct Jumps: Sendable, Equatable {
        public var intensity: Double
        public var logMean: Double
        public var logStandardDeviation: Double

        public init(intensity: Double, logMean: Double, logStandardDeviation: Double) {
            self.intensity = intensity
            self.logMean = logMean
            self.logStandardDeviation = logStandardDeviation
        }
    }

    public let diffusion: CorrelatedGBM
    public let jumps: [Jumps]
    /// Per asset: −λ·k, added to every step's log-return.
    let compensator: [Double]
    /// Per asset: the Poisson law of the jump count, nil when λ = 0 (GSL's Poisson needs a mean > 0).
    let counts: [Poisson?]

    public var assetNames: [String] { diffusion.assetNames }

    /// - Throws: `MarketError.invalidParameter` naming the first bad parameter.
    public init(diffusion: CorrelatedGBM, jumps: [Jumps]) throws(MarketError) {
        try MarketCheck.count("jumps", jumps.count, diffusion.assets.count)
        var comp: [Double] = []
        var laws: [Poisson?] = []
        for (i, j) in jumps.enumerated() {
            try MarketCheck.nonNegative("jumps[\(i)].intensity", j.intensity)
            try MarketCheck.finite("jumps[\(i)].log_mean", j.logMean)
            try MarketCheck.nonNegative("jumps[\(i)].log_sd", j.logStandardDeviation)
            let k = expm1(j.logMean + j.logStandardDeviation * j.logStandardDeviation / 2)
            guard k.isFinite else {
                throw .invalidParameter(
                    name: "jumps[\(i)].log_mean", value: "\(j.logMean)",
                    expected: "a value with a finite mean jump exp(log_mean + log_sd²/2)")
            }
            comp.append(-j.intensity * k)
            if j.intensity > 0 {
                do { laws.append(try Poisson(mean: j.intensity)) } catch {
                    throw .invalidParameter(
                        name: "jumps[\(i)].intensity", value: "\(j.intensity)", expected: "\(error)")
                }
            } else {
                laws.append(nil)
            }
        }
        self.diffusion = diffusion
        self.jumps = jumps
        compensator = comp
        counts = laws
    }

    public func initialState() -> MarketState { diffusion.initialState() }

    /// Draw order per tick: the diffusion's n normals, then per asset its jump count and, if it jumped, one normal.
    public func advance(_ state: inout MarketState, tick: Int, rng: inout RandomStream) {
        diffusion.advance(&state, tick: tick, rng: &rng)
        for i in 0..<jumps.count {
            var logJump = compensator[i]
            if let law = counts[i] {
                let n = law.sample(&rng)
                if n > 0 {
                    let j = jumps[i]
                    let count = Double(n)
                    logJump += count * j.logMean + j.logStandardDeviation * count.squareRoot() * rng.standardNormal()
                }
            }
            state.prices[i] *= exp(logJump)
        }
    }
}

extension JumpDiffusion {
    /// Equal parameters; the derived compensators and Poisson laws follow from them.
    public static func == (lhs: JumpDiffusion, rhs: JumpDiffusion) -> Bool {
        lhs.diffusion == rhs.diffusion && lhs.jumps == rhs.jumps
    }
}

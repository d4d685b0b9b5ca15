/// The calm/stress regime of a `MultiAssetMarket`: a two-state Markov chain, optionally forced into
/// stress by the protocol's own liquidity (`StressTrigger`).
///
/// When liquidity dries up, correlations approach unity: in stress every asset's Gaussian innovations
/// use the correlation (1 − λ)·C + λ·J (J the all-ones matrix, λ = `stressCorrelationBlend`), and every
/// diffusion volatility is multiplied by `stressSigmaMultiplier`.
///
/// Each tick draws one uniform u, always, so the random stream stays aligned whatever the regime:
/// calm → stress when u < `calmToStress`, stress → calm when u < `stressToCalm`; then, if the trigger
/// fires on the tick's `StressSignal`, the regime is stress regardless of u.
///
/// Scenario keys (`market.regimes`): `calm_to_stress`, `stress_to_calm` (probabilities per tick),
/// `stress_correlation_blend` (λ in [0, 1], default 0), `stress_sigma_multiplier` (m in [1, 100],
/// default 1), `initial_regime` (0 or 1, default 0), `trigger` (optional, see `StressTrigger`).
public struct MarketRegimes: Sendable, Equatable {
    /// p₀₁, the probability per tick of calm → stress.
    public var calmToStress: Double
    /// p₁₀, the probability per tick of stress → calm (when the trigger does not hold the stress).
    public var stressToCalm: Double
    /// λ in [0, 1]: how far the stress correlation moves from C towards all ones.
    public var stressCorrelationBlend: Double
    /// m >= 1: the factor on every diffusion volatility in stress.
    public var stressSigmaMultiplier: Double
    /// The regime at tick 0: 0 calm, 1 stress.
    public var initialRegime: Int
    /// Forces stress when the protocol's liquidity crosses a threshold; nil for a pure Markov chain.
    public var trigger: StressTrigger?

    /// A regime specification; `MultiAssetMarket` validates it.
    public init(
        calmToStress: Double, stressToCalm: Double, stressCorrelationBlend: Double = 0,
        stressSigmaMultiplier: Double = 1, initialRegime: Int = 0, trigger: StressTrigger? = nil
    ) {
        self.calmToStress = calmToStress
        self.stressToCalm = stressToCalm
        self.stressCorrelationBlend = stressCorrelationBlend
        self.stressSigmaMultiplier = stressSigmaMultiplier
        self.initialRegime = initialRegime
        self.trigger = trigger
    }

    func validate() throws(MarketError) {
        try MarketCheck.probability("regimes.calm_to_stress", calmToStress)
        try MarketCheck.probability("regimes.stress_to_calm", stressToCalm)
        try MarketCheck.probability("regimes.stress_correlation_blend", stressCorrelationBlend)
        guard stressSigmaMultiplier.isFinite, stressSigmaMultiplier >= 1 else {
            throw .invalidParameter(
                name: "regimes.stress_sigma_multiplier", value: "\(stressSigmaMultiplier)",
                expected: "a finite number >= 1")
        }
        guard initialRegime == 0 || initialRegime == 1 else {
            throw .invalidParameter(
                name: "regimes.initial_regime", value: "\(initialRegime)", expected: "0 (calm) or 1 (stress)")
        }
        try trigger?.validate()
    }

    /// The regime after one tick's uniform `u`, from `regime`, given the tick's liquidity `signal`.
    @inline(__always)
    func next(from regime: Int, uniform u: Double, signal: StressSignal) -> Int {
        var next = regime
        if regime == 0 {
            if u < calmToStress { next = 1 }
        } else if u < stressToCalm {
            next = 0
        }
        if let trigger, trigger.fires(on: signal) { next = 1 }
        return next
    }
}

/// Endogenous stress: the market enters stress on any tick whose `StressSignal` reaches a threshold.
///
/// Scenario keys (`market.regimes.trigger`): `depth_drop` (a threshold on `ammDepthDrop`, in (0, 1))
/// and `outflow` (a threshold on `outflowFraction`, in (0, 1)); at least one of them.
public struct StressTrigger: Sendable, Equatable {
    /// Stress when `StressSignal.ammDepthDrop` >= this; nil for no depth threshold.
    public var depthDrop: Double?
    /// Stress when `StressSignal.outflowFraction` >= this; nil for no outflow threshold.
    public var outflow: Double?

    /// A trigger on either or both measures.
    public init(depthDrop: Double? = nil, outflow: Double? = nil) {
        self.depthDrop = depthDrop
        self.outflow = outflow
    }

    /// Whether `signal` reaches a threshold (a NaN measure never does).
    @inline(__always)
    public func fires(on signal: StressSignal) -> Bool {
        if let depthDrop, signal.ammDepthDrop >= depthDrop { return true }
        if let outflow, signal.outflowFraction >= outflow { return true }
        return false
    }

    func validate() throws(MarketError) {
        guard depthDrop != nil || outflow != nil else {
            throw .invalidParameter(
                name: "regimes.trigger", value: "neither threshold", expected: "depth_drop, outflow or both")
        }
        for (name, value) in [("depth_drop", depthDrop), ("outflow", outflow)] {
            guard let value else { continue }
            guard value.isFinite, value > 0, value < 1 else {
                throw .invalidParameter(
                    name: "regimes.trigger.\(name)", value: "\(value)", expected: "a threshold in (0, 1)")
            }
        }
    }
}

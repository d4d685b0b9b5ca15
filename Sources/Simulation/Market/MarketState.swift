import Stochastics

/// The state of all external prices at the end of a tick.
///
/// Every array has one entry per asset, in the order of the process's `assetNames`.
public struct MarketState: Sendable, Equatable {
    /// External (reference-market) price of each asset, in the numeraire.
    public var prices: [Double]
    /// Oracle freeze flags: `frozen[i]` means the oracle for asset `i` must not update this tick.
    public var frozen: [Bool]
    /// The market regime: 0 calm, 1 stress. Always 0 for models without regimes.
    public var regime: Int
    /// Per-asset variance of the next tick's log-return (the GARCH state; σ² for constant-volatility models,
    /// 0 for models without a variance, such as historical replay).
    public var variances: [Double]
    /// The liquidity signal for the next `advance`: the engine sets it every tick before advancing
    /// (`StressSignal.quiet` until then). Only a `MultiAssetMarket` with a `StressTrigger` reads it.
    public var stressSignal: StressSignal

    /// A state with the given arrays, regime and stress signal (by default `StressSignal.quiet`).
    public init(
        prices: [Double], frozen: [Bool], regime: Int, variances: [Double], stressSignal: StressSignal = .quiet
    ) {
        self.prices = prices
        self.frozen = frozen
        self.regime = regime
        self.variances = variances
        self.stressSignal = stressSignal
    }
}

/// One exogenous market model. Pure value type; all randomness comes from the `RandomStream` passed in.
public protocol MarketProcess: Sendable {
    /// The asset names, in state order. Scenario shocks refer to assets by index into this list.
    var assetNames: [String] { get }
    /// The state at tick 0.
    func initialState() -> MarketState
    /// Advances from tick t-1 to tick t (t >= 1). Does not allocate once `state` has its arrays.
    func advance(_ state: inout MarketState, tick: Int, rng: inout RandomStream)
    /// Checks, before a run, that the model can serve ticks 0 ..< `tickCount`
    /// (for example that a historical series is long enough). The default accepts any horizon.
    func validate(tickCount: Int) throws(MarketError)
}

extension MarketProcess {
    public func validate(tickCount: Int) throws(MarketError) {}

    /// The index of the asset called `name`, or nil.
    public func assetIndex(named name: String) -> Int? {
        assetNames.firstIndex(of: name)
    }
}

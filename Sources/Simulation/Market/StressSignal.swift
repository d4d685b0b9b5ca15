/// What the protocol's own liquidity looked like at the end of the previous tick, as the engine reports
/// it to the market before each `advance`. A `MultiAssetMarket` with a `StressTrigger` enters stress
/// when either measure reaches its threshold. Models without a trigger ignore it.
public struct StressSignal: Sendable, Equatable {
    /// 1 − (aggregate AMM depth now) / (aggregate AMM depth at tick 0): 0 while the pools keep their
    /// opening depth, approaching 1 as they drain.
    public var ammDepthDrop: Double
    /// The deposits withdrawn during the last tick, as a fraction of the opening deposits.
    public var outflowFraction: Double

    /// A signal with the given measures; both default to 0 (no stress).
    public init(ammDepthDrop: Double = 0, outflowFraction: Double = 0) {
        self.ammDepthDrop = ammDepthDrop
        self.outflowFraction = outflowFraction
    }

    /// No drop in depth and no outflow: what `MarketState` holds until the engine sets it.
    public static let quiet = StressSignal()
}

import ProtocolModel

/// What the depositors of one lending market see of it at the start of a phase: the quantities their
/// rule reads, computed by the engine for each market.
public struct MarketView: Sendable, Equatable {
    /// Deposits at tick 0 (D₀) of this market.
    public let initialDeposits: Double
    /// θ = A/L − 1 of this market (NaN when the phase does not read it).
    public let solvencyMargin: Double
    /// The fraction of this market's D₀ withdrawn or queued so far.
    public let withdrawnFraction: Double
    /// The fraction of this market's D₀ withdrawn or queued during the previous tick.
    public let recentOutflowFraction: Double

    /// Creates a view.
    public init(
        initialDeposits: Double, solvencyMargin: Double, withdrawnFraction: Double, recentOutflowFraction: Double
    ) {
        self.initialDeposits = initialDeposits
        self.solvencyMargin = solvencyMargin
        self.withdrawnFraction = withdrawnFraction
        self.recentOutflowFraction = recentOutflowFraction
    }
}

import ProtocolModel

/// What agent kinds contribute to, and read from, the world's opening balance sheet.
///
/// Kinds are built in ``AgentRegistry`` order: depositors fix D₀, borrowers then draw
/// their loans against it, LPs split the pool's opening shares.
public struct SetupContext: Sendable {
    public let seed: UInt64
    public let replicate: UInt64
    /// The collateral's price at tick 0.
    public let initialPrice: Double
    /// The fraction of D₀ lent to borrowers.
    public let loanFraction: Double
    /// The LP shares minted when the pool opened.
    public let initialPoolShares: Double
    /// The liquid reserve as a fraction of D₀: the scenario's `lending.reserve_fraction`, unless the depositor
    /// kind draws the pool's liquidity ratio as a game's fundamental (`depositors.game.fundamental: prior`).
    public var reserveFraction: Double
    /// Deposits at tick 0, set by the depositor kind.
    public var initialDeposits: Double = 0
    /// The loan book's positions, appended by the borrower kind; position i belongs to borrower i.
    public var positions: [CollateralPosition] = []

    public init(
        seed: UInt64, replicate: UInt64, initialPrice: Double, loanFraction: Double, initialPoolShares: Double,
        reserveFraction: Double = 0
    ) {
        self.reserveFraction = reserveFraction
        self.seed = seed
        self.replicate = replicate
        self.initialPrice = initialPrice
        self.loanFraction = loanFraction
        self.initialPoolShares = initialPoolShares
    }
}

import ProtocolModel

/// What every agent sees at the start of a phase: an immutable copy of the world.
///
/// Large parts (the loan book) are copy-on-write arrays, so taking a snapshot costs
/// a few reference-count increments, not a copy.
public struct Snapshot: Sendable {
    /// The current tick, 0 ..< ticks.
    public let tick: Int
    /// The external (off-chain) price of the collateral in USD, after this tick's market step.
    public let externalPrice: Double
    /// Whether the oracle for the collateral is frozen this tick (a scripted shock).
    public let oracleFrozen: Bool
    /// The AMM pool as it stands at the start of the phase.
    public let amm: UniswapV2Pool
    /// The price at which the lending pool values collateral (its oracle; the AMM price in the reference model).
    public let lendingPrice: Double
    /// End-of-tick AMM prices through tick − 1, starting with the opening price.
    public let ammHistory: PriceHistory
    /// End-of-tick value of one LP share, √(reserves product)/shares, through tick − 1: its growth is fee income.
    public let shareValueHistory: PriceHistory
    /// The lending side: positions and the deposit ledger.
    public let loans: LoanBook
    public let ledger: DepositLedger
    /// Deposits at tick 0 (D₀).
    public let initialDeposits: Double
    /// θ = A/L − 1 with A = reserve + insurance + Σ min(debt, collateral·p_AMM), L = D_t + queue.
    public let solvencyMargin: Double
    /// The fraction of D₀ withdrawn or queued so far.
    public let withdrawnFraction: Double
    /// The fraction of D₀ withdrawn or queued during the previous tick: the outflow
    /// that herding depositors observe.
    public let recentOutflowFraction: Double

    public init(
        tick: Int, externalPrice: Double, oracleFrozen: Bool, amm: UniswapV2Pool, lendingPrice: Double,
        ammHistory: PriceHistory, shareValueHistory: PriceHistory,
        loans: LoanBook, ledger: DepositLedger, initialDeposits: Double, solvencyMargin: Double,
        withdrawnFraction: Double, recentOutflowFraction: Double
    ) {
        self.tick = tick
        self.externalPrice = externalPrice
        self.oracleFrozen = oracleFrozen
        self.amm = amm
        self.lendingPrice = lendingPrice
        self.ammHistory = ammHistory
        self.shareValueHistory = shareValueHistory
        self.loans = loans
        self.ledger = ledger
        self.initialDeposits = initialDeposits
        self.solvencyMargin = solvencyMargin
        self.withdrawnFraction = withdrawnFraction
        self.recentOutflowFraction = recentOutflowFraction
    }

    /// The AMM's price, or its last price when empty. The pool is its own oracle in the reference model.
    public var ammPrice: Double { amm.price }
}

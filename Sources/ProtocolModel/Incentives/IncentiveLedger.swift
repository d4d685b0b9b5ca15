/// The books of an incentive programme: which account runs it, the native token it pays in, and what it has
/// offered, paid, minted, sold and bought, in tokens and in USD at the moment of each payment.
///
/// The programme's holdings are its account's balances; the ledger only keeps the flows, so the cost of a
/// policy can be read in tokens (dilution) and at market value (what it cost when it was paid) side by side.
/// Payments are valued at the native token's Uniswap v2 pool price of the moment they are made, which is
/// what a recipient could sell them for before slippage.
public struct IncentiveLedger: Sendable, Equatable {
    /// The account that may run ``IncentiveOperation``s (nil: no programme).
    public var account: Int?
    /// The native token's index.
    public var token: Int
    /// Its Uniswap v2 pool against the numeraire (base: the native token, quote: USD).
    public var pool: Int
    /// The native token's pool price when the world opened.
    public var openingPrice: Double
    /// The stay bonus offered this tick: USD of value per USD of deposit per tick, at the current price.
    /// Depositors read it; 0 when nothing is offered.
    public var offeredStayBonus: Double = 0
    /// The LP bonus offered this tick: what LPs add to their volatility tolerance, at the current price.
    public var offeredLPBonus: Double = 0
    /// The stability bonus offered this tick: what stability providers add to their loss tolerance, at the
    /// current price (0 unless the programme pays stability providers).
    public var offeredStabilityBonus: Double = 0
    /// The reward stream offered to lock-up boosts this tick: USD of value paid to lockers, shared by weight.
    public var offeredLockEmission: Double = 0
    /// Native tokens paid to recipients (stayers, LPs), and their value when paid.
    public var tokensPaid: Double = 0
    public var tokensPaidValue: Double = 0
    /// USD paid to recipients.
    public var usdPaid: Double = 0
    /// Native tokens minted by the backstop, the USD their sale raised, and the USD that covered deficits.
    public var tokensMinted: Double = 0
    public var mintProceeds: Double = 0
    public var deficitCovered: Double = 0
    /// Native tokens bought back, and the USD spent on them.
    public var tokensBoughtBack: Double = 0
    public var buyBackSpend: Double = 0

    /// Whether a native token is installed (with or without a programme).
    public var isInstalled: Bool { token != 0 }

    /// The native token's price now against its opening price (1 when none is installed).
    public func priceRatio(_ state: ProtocolState) -> Double {
        isInstalled && openingPrice > 0 ? state.nativePrice / openingPrice : 1
    }

    /// An inactive ledger (no programme).
    public static let inactive = IncentiveLedger(account: nil, token: 0, pool: 0, openingPrice: 1)

    /// Creates the books of a programme run by `account`, paying in `token`, which trades in Uniswap v2 pool
    /// `pool` at `openingPrice` when the world opens.
    public init(account: Int?, token: Int, pool: Int, openingPrice: Double) {
        self.account = account
        self.token = token
        self.pool = pool
        self.openingPrice = openingPrice
    }

    /// The programme's cost so far at market value: what it paid out (tokens at their price when paid, plus
    /// USD) and what it spent on buy-backs. Minted tokens sold for a deficit are counted in
    /// ``mintProceeds``; their cost falls on every holder as dilution, not on the programme's balance.
    public var costAtMarketValue: Double { tokensPaidValue + usdPaid + buyBackSpend }
}

import ProtocolModel

/// What agent kinds contribute to, and read from, the world's opening balance sheet.
///
/// Kinds are built in ``AgentRegistry`` order: depositors fix D₀, borrowers then draw their loans
/// against it, LPs split the pool's opening shares. Each kind takes a block of accounts with
/// ``allocateAccounts(_:)`` and records what those accounts hold at tick 0; the engine then builds the
/// protocol state from these records.
public struct SetupContext: Sendable {
    public let seed: UInt64
    public let replicate: UInt64
    /// The collateral's price at tick 0.
    public let initialPrice: Double
    /// The fraction of D₀ lent to borrowers.
    public let loanFraction: Double
    /// The LP shares minted when the pool opened.
    public let initialPoolShares: Double
    /// Where tokens, the pool and the reserves sit in the protocol state.
    public let layout: WorldLayout
    /// The lending market (index into ``/ProtocolModel/ProtocolState/markets``) whose agents this context
    /// sets up: 0 for the scenario's top-level sections, k for the k-th entry of `markets`. Its
    /// deposits, positions and collateral supplies go to that market.
    public let market: Int
    /// The market's name in the scenario (empty for market 0).
    public let marketName: String
    /// The liquid reserve as a fraction of D₀: the scenario's `lending.reserve_fraction`, unless the depositor
    /// kind draws the pool's liquidity ratio as a game's fundamental (`depositors.game.fundamental: prior`).
    public var reserveFraction: Double
    /// Deposits at tick 0, set by the depositor kind.
    public var initialDeposits: Double = 0
    /// The accounts handed out so far.
    public private(set) var accountCount = 0
    /// Opening USD supplies, block by block (``recordDeposits(firstAccount:count:amount:)``).
    public private(set) var deposits: [DepositBlock] = []
    /// Opening loans: collateral supplied and USD debt drawn, per account.
    public var positions: [(account: Int, collateral: Double, debt: Double)] = []
    /// Opening LP shares: (account, fraction of the pool's opening shares, the pool's index in
    /// ``/ProtocolModel/ProtocolState/amms``).
    public var poolShares: [(account: Int, fraction: Double, pool: Int)] = []
    /// The Uniswap v2 pool that the LP section being built provides to (index in
    /// ``/ProtocolModel/ProtocolState/amms``): 0 for the top-level `lps`, k for the `lps` of a `pools` entry.
    public private(set) var pool = 0
    /// That pool's opening price (quote per base) and LP shares.
    public private(set) var poolPrice: Double
    public private(set) var poolOpeningShares: Double
    /// Opening wallet balances: (account, token, amount).
    public var wallets: [(account: Int, token: Int, amount: Double)] = []
    /// Every token's symbol, by token index (USD first, then the market's assets).
    public var tokenSymbols: [String] = []
    /// Every token's price at tick 0, by token index (USD: 1).
    public var tokenPrices: [Double] = []
    /// Collateral supplied beside the positions' own (multi-asset baskets): (account, token, amount).
    public var collateralSupplies: [(account: Int, token: Int, amount: Double)] = []
    /// Standing inventories, topped up or swept back to these amounts at the start of every tick.
    public var inventories: [(account: Int, token: Int, amount: Double)] = []
    /// Ticks in a year (the scenario's `rates.ticks_per_year`; 8,760 hourly ticks by default).
    public var ticksPerYear = 8_760.0
    /// The treasury's books, when a treasury manager runs (installed as the state's treasury).
    public var treasury: Treasury?
    /// The native token, when the world has one (its pool is its only market).
    public var native: NativeToken?
    /// The incentive programme's books, when an incentive programme runs (installed as the state's).
    public var incentives: IncentiveLedger?
    /// The stability pool, when stability providers fund one (installed as the state's, empty).
    public var stabilityPool: StabilityPool?
    /// The lock-up boosts' book, when the incentive programme pays lockers (installed as the state's).
    public var locks: LockBook?
    /// Accounts appointed governors of the protocol state (policy agents that change reserve parameters).
    public var governors: [Int] = []

    public init(
        seed: UInt64, replicate: UInt64, initialPrice: Double, loanFraction: Double, initialPoolShares: Double,
        reserveFraction: Double = 0, layout: WorldLayout = .reference, market: Int = 0, marketName: String = "",
        firstAccount: Int = 0
    ) {
        self.market = market
        self.marketName = marketName
        self.poolPrice = initialPrice
        self.poolOpeningShares = initialPoolShares
        self.accountCount = max(0, firstAccount)
        self.reserveFraction = reserveFraction
        self.seed = seed
        self.replicate = replicate
        self.initialPrice = initialPrice
        self.loanFraction = loanFraction
        self.initialPoolShares = initialPoolShares
        self.layout = layout
    }

    /// The population name that keys a kind's random streams: the kind's key in market 0 (so a one-market
    /// scenario draws exactly what it always drew), `key@name` in another market, so that two markets'
    /// populations of one kind draw independently.
    public func streamName(_ key: String) -> String {
        if pool != 0 { return key + "@pool" + String(pool) }
        return market == 0 ? key : key + "@" + marketName
    }

    /// Points the next LP section at Uniswap v2 pool `index`, whose opening price is `price` and whose
    /// opening shares are `openingShares` (pool 0 is the collateral's pool, set at creation).
    public mutating func providing(pool index: Int, price: Double, openingShares: Double) {
        pool = index
        poolPrice = price
        poolOpeningShares = openingShares
    }

    /// Records that accounts `firstAccount ..< firstAccount + count` open with USD supplies, the k-th of them
    /// `amount(k)`. The amounts are read where the kind already keeps them (the depositors' balances), once,
    /// when the book opens: a list of its own would be 16 bytes per depositor alive at the run's peak.
    public mutating func recordDeposits(
        firstAccount: Int, count: Int, amount: @escaping @Sendable (Int) -> Double
    ) {
        deposits.append(DepositBlock(firstAccount: firstAccount, count: max(0, count), amount: amount))
    }

    /// Records that accounts from `firstAccount` on open with USD supplies `amounts`, one each.
    public mutating func recordDeposits(firstAccount: Int, amounts: [Double]) {
        recordDeposits(firstAccount: firstAccount, count: amounts.count) { amounts[$0] }
    }

    /// Hands out `count` consecutive accounts and returns the first.
    public mutating func allocateAccounts(_ count: Int) -> Int {
        let first = accountCount
        accountCount += max(0, count)
        return first
    }
}

/// Opening USD supplies of consecutive accounts: account `firstAccount + k` supplies `amount(k)`, for k in
/// `0 ..< count`.
public struct DepositBlock: Sendable {
    /// The first account of the block.
    public let firstAccount: Int
    /// How many accounts the block holds.
    public let count: Int
    /// The opening supply of the block's k-th account.
    public let amount: @Sendable (Int) -> Double
}

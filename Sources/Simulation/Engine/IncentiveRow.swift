import ProtocolModel

/// One row of `incentives.csv`, written when the world has a native token: its pool price and supply, and
/// the incentive programme's books at the end of the tick (cumulative flows, in tokens and USD).
public struct IncentiveRow: Sendable, Equatable {
    public var tick: Int
    /// The native token's pool price, USD per token.
    public var tokenPrice: Double
    /// Every native token in the model (holders, programme, reward accounts, pool): its inflows less outflows,
    /// which conservation makes equal to the sum of its holdings.
    public var tokenSupply: Double
    /// The stay bonus and LP bonus offered this tick, at the token's current value.
    public var offeredStayBonus: Double
    public var offeredLPBonus: Double
    /// Tokens paid to recipients, and their value when paid; USD paid.
    public var tokensPaid: Double
    public var tokensPaidValue: Double
    public var usdPaid: Double
    /// Tokens minted by the backstop, what their sale raised, and the deficit it covered.
    public var tokensMinted: Double
    public var mintProceeds: Double
    public var deficitCovered: Double
    /// Tokens bought back, and the USD spent.
    public var tokensBoughtBack: Double
    public var buyBackSpend: Double
    /// The programme's cost at market value (``/ProtocolModel/IncentiveLedger/costAtMarketValue``).
    public var costUSD: Double
    /// Whether the world has lock-up boosts: only then are the lock columns written.
    public var hasLocks = false
    /// Lock-up boosts (0 without them): the stream offered to lockers this tick (USD of value), the USD
    /// supply under running locks and its share of D₀, their weight, and the locks opened so far.
    public var offeredLockEmission = 0.0
    public var lockedUSD = 0.0
    public var lockedShare = 0.0
    public var lockWeight = 0.0
    public var locksOpened = 0.0
    /// The amount-weighted mean term of the locks opened so far, in ticks.
    public var meanLockTicks = 0.0

    static let baseHeader =
        "tick,token_price,token_supply,offered_stay_bonus,offered_lp_bonus,tokens_paid,tokens_paid_value,usd_paid,"
        + "tokens_minted,mint_proceeds,deficit_covered,tokens_bought_back,buy_back_spend,cost_usd"
    static let lockHeader = ",offered_lock_emission,locked_usd,locked_share,lock_weight,locks_opened,mean_lock_ticks"

    /// The header of `incentives.csv`: the lock columns only in a world with lock-up boosts.
    static func csvHeader(locks: Bool) -> String { baseHeader + (locks ? lockHeader : "") }

    /// The row of the tick that just closed; nil in a world without a native token.
    static func row(_ world: WorldState) -> IncentiveRow? {
        let l = world.state.incentives
        guard l.isInstalled else { return nil }
        let locks = world.state.locks
        var row = IncentiveRow(
            tick: world.tick, tokenPrice: world.state.nativePrice,
            tokenSupply: world.state.inflows[l.token] - world.state.outflows[l.token],
            offeredStayBonus: l.offeredStayBonus, offeredLPBonus: l.offeredLPBonus, tokensPaid: l.tokensPaid,
            tokensPaidValue: l.tokensPaidValue, usdPaid: l.usdPaid, tokensMinted: l.tokensMinted,
            mintProceeds: l.mintProceeds, deficitCovered: l.deficitCovered, tokensBoughtBack: l.tokensBoughtBack,
            buyBackSpend: l.buyBackSpend, costUSD: l.costAtMarketValue)
        if locks.isInstalled {
            row.hasLocks = true
            row.offeredLockEmission = l.offeredLockEmission
            row.lockedUSD = locks.lockedAmount
            row.lockedShare = world.initialDeposits > 0 ? locks.lockedAmount / world.initialDeposits : 0
            row.lockWeight = locks.totalWeight
            row.locksOpened = Double(locks.locksOpened)
            row.meanLockTicks = locks.meanTerm
        }
        return row
    }

    var values: [Double] {
        let base = [
            tokenPrice, tokenSupply, offeredStayBonus, offeredLPBonus, tokensPaid, tokensPaidValue, usdPaid,
            tokensMinted, mintProceeds, deficitCovered, tokensBoughtBack, buyBackSpend, costUSD,
        ]
        guard hasLocks else { return base }
        return base + [offeredLockEmission, lockedUSD, lockedShare, lockWeight, locksOpened, meanLockTicks]
    }

    var csvLine: String { ([String(tick)] + values.map { $0.description }).joined(separator: ",") }

    func firstNonFinite() -> (column: String, value: Double)? {
        let names = Self.csvHeader(locks: hasLocks).split(separator: ",").dropFirst()
        for (name, v) in zip(names, values) where !v.isFinite { return ("incentives." + name, v) }
        return nil
    }
}

/// The native token's and the incentive programme's part of the outcome.
public struct IncentiveOutcome: Sendable, Equatable, Codable {
    /// The token's opening price and supply, its lowest price (and first tick) and its final price.
    public var openingTokenPrice = 0.0
    public var openingTokenSupply = 0.0
    public var minTokenPrice = Double.infinity
    public var minTokenPriceTick = 0
    public var finalTokenPrice = 0.0
    /// The programme's cost at market value, and in tokens paid.
    public var costUSD = 0.0
    public var tokensPaid = 0.0
    /// Tokens minted by the backstop, as a share of the opening supply (the dilution), and what it covered.
    public var tokensMinted = 0.0
    public var dilution = 0.0
    public var deficitCoveredUSD = 0.0
    /// USD spent on buy-backs.
    public var buyBackUSD = 0.0
    /// Lock-up boosts (nil in a world without them, and then left out of the JSON).
    public var locks: LockOutcome?

    enum CodingKeys: String, CodingKey {
        case openingTokenPrice = "opening_token_price"
        case openingTokenSupply = "opening_token_supply"
        case minTokenPrice = "min_token_price"
        case minTokenPriceTick = "min_token_price_tick"
        case finalTokenPrice = "final_token_price"
        case costUSD = "cost_usd"
        case tokensPaid = "tokens_paid"
        case tokensMinted = "tokens_minted"
        case dilution
        case deficitCoveredUSD = "deficit_covered_usd"
        case buyBackUSD = "buy_back_usd"
        case locks
    }

    public init() {}

    /// Folds in a tick's row (`openingSupply` from the first).
    mutating func record(_ r: IncentiveRow) {
        if r.tick == 0 {
            openingTokenPrice = r.tokenPrice
            openingTokenSupply = r.tokenSupply - r.tokensMinted
        }
        if r.tokenPrice < minTokenPrice {
            minTokenPrice = r.tokenPrice
            minTokenPriceTick = r.tick
        }
        finalTokenPrice = r.tokenPrice
        costUSD = r.costUSD
        tokensPaid = r.tokensPaid
        tokensMinted = r.tokensMinted
        dilution = openingTokenSupply > 0 ? r.tokensMinted / openingTokenSupply : 0
        deficitCoveredUSD = r.deficitCovered
        buyBackUSD = r.buyBackSpend
        if r.hasLocks {
            var l = locks ?? LockOutcome()
            l.maxLockedShare = max(l.maxLockedShare, r.lockedShare)
            l.locksOpened = Int(r.locksOpened)
            l.meanLockTicks = r.meanLockTicks
            locks = l
        }
    }
}

/// The lock-up boosts' part of the outcome's `incentives` block.
public struct LockOutcome: Sendable, Equatable, Codable {
    /// The largest share of D₀ under running locks, the locks opened, and their amount-weighted mean term in
    /// ticks.
    public var maxLockedShare = 0.0
    public var locksOpened = 0
    public var meanLockTicks = 0.0

    enum CodingKeys: String, CodingKey {
        case maxLockedShare = "max_locked_share"
        case locksOpened = "locks_opened"
        case meanLockTicks = "mean_lock_ticks"
    }

    public init(maxLockedShare: Double = 0, locksOpened: Int = 0, meanLockTicks: Double = 0) {
        self.maxLockedShare = maxLockedShare
        self.locksOpened = locksOpened
        self.meanLockTicks = meanLockTicks
    }
}

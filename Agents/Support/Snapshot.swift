import ProtocolModel

/// What every agent sees at the start of a phase: an immutable copy of the world.
///
/// The protocol state's large parts (balances, the lending pool's claims) are copy-on-write arrays,
/// so taking a snapshot costs a few reference-count increments, not a copy. The engine lets go of
/// its snapshot before it applies the phase's intents, so those writes copy nothing either.
public struct Snapshot: Sendable {
    /// The current tick, 0 ..< ticks.
    public let tick: Int
    /// The external (off-chain) price of the collateral in USD, after this tick's market step.
    public let externalPrice: Double
    /// Whether the oracle for the collateral is frozen this tick (a scripted shock).
    public let oracleFrozen: Bool
    /// The protocol: balances, the lending pool, the pools, prices. Held in one box, so handing the
    /// snapshot to every population costs one reference count, not one per array of the state.
    public var state: ProtocolState {
        _read { yield box.state }
    }
    private let box: StateBox
    /// Where the numeraire, the collateral, the pool and the reserves sit in ``state``.
    public let layout: WorldLayout
    /// End-of-tick AMM prices through tick − 1, starting with the opening price.
    public let ammHistory: PriceHistory
    /// End-of-tick value of one LP share, √(reserves product)/shares, through tick − 1: its growth is fee income.
    public let shareValueHistory: PriceHistory
    /// Deposits at tick 0 (D₀).
    public let initialDeposits: Double
    /// θ = A/L − 1 with A = reserve + insurance + Σ min(debt, collateral·p), L = D_t + queue.
    public let solvencyMargin: Double
    /// The fraction of D₀ withdrawn or queued so far.
    public let withdrawnFraction: Double
    /// The fraction of D₀ withdrawn or queued during the previous tick: the outflow
    /// that herding depositors observe.
    public let recentOutflowFraction: Double
    /// The lending markets after the first, in order (D₀, θ and outflows of the first are the fields above).
    public let otherMarkets: [MarketView]
    /// End-of-tick prices and share values of the Uniswap v2 pools after the first, in pool order.
    public let otherPoolHistories: [(prices: PriceHistory, shareValues: PriceHistory)]

    public init(
        tick: Int, externalPrice: Double, oracleFrozen: Bool, state: ProtocolState, layout: WorldLayout,
        ammHistory: PriceHistory, shareValueHistory: PriceHistory, initialDeposits: Double, solvencyMargin: Double,
        withdrawnFraction: Double, recentOutflowFraction: Double, otherMarkets: [MarketView] = [],
        otherPoolHistories: [(prices: PriceHistory, shareValues: PriceHistory)] = []
    ) {
        self.otherMarkets = otherMarkets
        self.otherPoolHistories = otherPoolHistories
        self.tick = tick
        self.externalPrice = externalPrice
        self.oracleFrozen = oracleFrozen
        self.box = StateBox(state)
        self.layout = layout
        self.ammHistory = ammHistory
        self.shareValueHistory = shareValueHistory
        self.initialDeposits = initialDeposits
        self.solvencyMargin = solvencyMargin
        self.withdrawnFraction = withdrawnFraction
        self.recentOutflowFraction = recentOutflowFraction
    }

    /// The collateral/USD pool as it stands at the start of the phase.
    public var amm: UniswapV2Pool { state.amms[layout.pool].pool }
    /// The AMM's price, or its last price when empty. The pool is its own oracle in the reference model.
    public var ammPrice: Double { amm.price }
    /// The price at which the lending pool values the collateral (its oracle, or the AMM's price).
    public var lendingPrice: Double { state.prices[layout.collateral] }
    /// The deposit product's terms (fee, gate, lock-up, loss policy).
    public var withdrawalPolicy: WithdrawalPolicy { state.lending.configs[layout.depositReserve].withdrawals }

    /// End-of-tick prices of Uniswap v2 pool `pool` through tick − 1 (pool 0: ``ammHistory``).
    public func priceHistory(pool: Int) -> PriceHistory {
        pool > 0 && pool - 1 < otherPoolHistories.count ? otherPoolHistories[pool - 1].prices : ammHistory
    }

    /// End-of-tick value of one LP share of pool `pool` through tick − 1 (pool 0: ``shareValueHistory``).
    public func shareValueHistory(pool: Int) -> PriceHistory {
        pool > 0 && pool - 1 < otherPoolHistories.count ? otherPoolHistories[pool - 1].shareValues : shareValueHistory
    }

    /// What depositors see of lending market `m` (market 0: this snapshot's own fields).
    public func market(_ m: Int) -> MarketView {
        guard m > 0, m - 1 < otherMarkets.count else {
            return MarketView(
                initialDeposits: initialDeposits, solvencyMargin: solvencyMargin, withdrawnFraction: withdrawnFraction,
                recentOutflowFraction: recentOutflowFraction)
        }
        return otherMarkets[m - 1]
    }

    /// The deposit product's terms of lending market `m`.
    public func withdrawalPolicy(market m: Int) -> WithdrawalPolicy {
        state.markets[m].configs[layout.depositReserve].withdrawals
    }
}

/// An immutable protocol state behind one reference.
final class StateBox: Sendable {
    let state: ProtocolState
    init(_ state: ProtocolState) { self.state = state }
}

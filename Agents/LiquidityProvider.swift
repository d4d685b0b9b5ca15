import ProtocolModel
import ScenarioSchema
import Stochastics

/// Liquidity providers: they own the AMM's liquidity and flee it in volatility.
///
/// Each LP draws a volatility tolerance once. In the pool, it burns all its shares when
/// realised volatility exceeds its tolerance, remembering the USD value it took out. Out of
/// the pool, it comes back with that value, half in USD and half in collateral at the pool
/// price, once volatility falls below `reentry_ratio` × tolerance.
///
/// The tolerance is raised by incentive emissions and by recent fee income (fee yield per tick
/// over the window, weighted by `fee_yield_sensitivity`). An LP also leaves when its impermanent
/// loss since it entered, 1 − 2√r/(1 + r) for a price ratio r, exceeds `il_tolerance`.
public enum LiquidityProviders: AgentKind {
    public static let key = "lps"

    public struct Config: Sendable, Equatable {
        public var count = 50
        public var toleranceMin = 0.02
        public var toleranceMax = 0.10
        public var volatilityWindow = 24
        public var reentryRatio = 0.5
        /// Emission incentives add this much to every LP's tolerance.
        public var incentiveToleranceBonus = 0.0
        /// Weight of the recent fee yield per tick in the tolerance (0: fees are ignored).
        public var feeYieldSensitivity = 0.0
        /// Impermanent loss (fraction of the position's hold value) at which an LP leaves (1: never).
        public var ilTolerance = 1.0
        public init() {}
    }

    public struct Agent: Sendable, Equatable {
        public var tolerance: Double
        public var shares: Double
        /// The USD value withdrawn at exit, re-deposited on return.
        public var withdrawnValue: Double
        /// The pool price when it last entered.
        public var entryPrice: Double
        public var inPool: Bool { shares > 0 }
    }

    /// What every LP sees this tick.
    public struct TickView: Sendable {
        public var volatility: Double
        /// Mean log growth of one share's constant-product claim per tick over the window (≥ 0).
        public var feeYieldPerTick: Double
        public var price: Double
        /// The tolerance the incentive programme's LP emissions add this tick (0 without one).
        public var offeredBonus = 0.0
    }

    /// Impermanent loss of a constant-product position after the price moves by `ratio`.
    public static func impermanentLoss(priceRatio r: Double) -> Double {
        r > 0 ? 1 - 2 * r.squareRoot() / (1 + r) : 1
    }

    /// The decision rule for one LP, on pool `pool`.
    public static func decide(_ a: Agent, _ v: TickView, pool: Int, _ c: Config) -> IntentAction? {
        let tolerance =
            a.tolerance + c.incentiveToleranceBonus + v.offeredBonus + c.feeYieldSensitivity * v.feeYieldPerTick
        if a.inPool {
            let il = a.entryPrice > 0 ? impermanentLoss(priceRatio: v.price / a.entryPrice) : 0
            return v.volatility > tolerance || il > c.ilTolerance ? .removeLiquidity(pool: pool, shares: a.shares) : nil
        }
        let volatility = v.volatility
        return a.withdrawnValue > 0 && volatility < c.reentryRatio * tolerance
            ? .provideLiquidity(pool: pool, value: a.withdrawnValue) : nil
    }

    public static func agentCount(_ c: Config) -> Int { c.count }

    public static func decode(_ r: ConfigReader) throws(ConfigError) -> Config {
        var c = Config()
        c.count = try r.count("count", default: c.count, atLeast: 1, atMost: 100_000, bytesEach: 96, noun: "LPs")
        c.toleranceMin = try r.double("tolerance_min", default: c.toleranceMin, .nonNegative)
        c.toleranceMax = try r.double("tolerance_max", default: c.toleranceMax, .nonNegative)
        c.volatilityWindow = try r.int("volatility_window", default: c.volatilityWindow, .closed(2, 100_000))
        c.reentryRatio = try r.double("reentry_ratio", default: c.reentryRatio, .probability)
        c.incentiveToleranceBonus = try r.double("incentive_tolerance_bonus", default: 0, .nonNegative)
        c.feeYieldSensitivity = try r.double("fee_yield_sensitivity", default: 0, .nonNegative)
        c.ilTolerance = try r.double("il_tolerance", default: 1, .probability)
        if c.toleranceMin > c.toleranceMax {
            throw r.semanticError(
                "tolerance_min", "expected tolerance_min <= tolerance_max, got \(c.toleranceMin) > \(c.toleranceMax)")
        }
        if c.volatilityWindow > 120 {
            throw r.semanticError("volatility_window", "expected at most 120 ticks, got \(c.volatilityWindow)")
        }
        try r.finish()
        return c
    }

    public static func makePopulations(_ c: Config, setup: inout SetupContext) -> [any Population] {
        var rng = RandomStream(
            seed: setup.seed, replicate: setup.replicate, population: setup.streamName(key), purpose: "init")
        let share = setup.poolOpeningShares / Double(c.count)
        let first = setup.allocateAccounts(c.count)
        let agents = (0..<c.count).map { k in
            setup.poolShares.append((first + k, 1 / Double(c.count), setup.pool))
            return Agent(
                tolerance: rng.uniform(in: c.toleranceMin, c.toleranceMax), shares: share, withdrawnValue: 0,
                entryPrice: setup.poolPrice)
        }
        return [LiquidityProviderPopulation(config: c, agents: agents, firstAccount: first, pool: setup.pool)]
    }
}

public actor LiquidityProviderPopulation: Population {
    public nonisolated let kind = LiquidityProviders.key
    public nonisolated let shard = 0
    /// Only the first pool's LPs make the series' `lp_share_in_pool`.
    public nonisolated var reportsVenueShare: Bool { pool == 0 }
    public nonisolated let count: Int
    let config: LiquidityProviders.Config
    public private(set) var agents: [LiquidityProviders.Agent]
    let firstAccount: Int
    /// The Uniswap v2 pool these LPs provide to.
    public nonisolated let pool: Int

    init(config: LiquidityProviders.Config, agents: [LiquidityProviders.Agent], firstAccount: Int, pool: Int) {
        self.pool = pool
        self.config = config
        self.agents = agents
        self.firstAccount = firstAccount
        self.count = agents.count
    }

    public func propose(_ s: Snapshot, population: Int32) -> [Proposal] {
        let window = config.volatilityWindow
        let growth = s.shareValueHistory(pool: pool).logChange(window: window)
        let view = LiquidityProviders.TickView(
            volatility: s.priceHistory(pool: pool).realizedVolatility(window: window),
            feeYieldPerTick: max(0, growth) / Double(window), price: s.state.amms[pool].pool.price,
            offeredBonus: s.state.incentives.offeredLPBonus)
        var out: [Proposal] = []
        for i in agents.indices {
            // The shares are the state's: the agent's own count is only what it last saw.
            agents[i].shares = s.state.amms[pool].shares[firstAccount + i]
            if let action = LiquidityProviders.decide(agents[i], view, pool: pool, config) {
                out.append(
                    Proposal(
                        population: population, agent: Int32(i),
                        intent: Intent(account: firstAccount + i, action: action)))
            }
        }
        return out
    }

    public func settle(_ receipts: [Receipt], snapshot: Snapshot) {
        let price = snapshot.state.amms[pool].pool.price
        for r in receipts {
            guard let fill = r.fill else { continue }
            let i = r.intent.account - firstAccount
            agents[i].shares = snapshot.state.amms[pool].shares[r.intent.account]
            switch r.intent.action {
            case .removeLiquidity:
                // The quote leg and the base leg at the pool's price: the value it will bring back.
                agents[i].withdrawnValue = fill.amountOut + fill.secondaryOut * price
            case .provideLiquidity:
                agents[i].withdrawnValue = 0
                agents[i].entryPrice = price
            default: break
            }
        }
    }

    public func observe() -> PopulationObservation {
        PopulationObservation(active: agents.reduce(0) { $0 + ($1.inPool ? 1 : 0) }, total: count)
    }
}

import ProtocolModel
import ScenarioSchema
import Stochastics

/// Liquidators: profit-seeking keepers with a repayment budget per tick.
///
/// Each repeatedly takes the liquidatable position with the lowest health factor at the
/// AMM price, repays what the close factor and its budget allow, seizes collateral with
/// the bonus and sells it into the AMM at once. It skips a position whose quoted sale
/// proceeds, less gas, do not beat the repayment by its profit floor. Competition for the
/// same positions is resolved by the phase's ordering policy.
public enum Liquidators: AgentKind {
    public static let key = "liquidators"

    public struct Config: Sendable, Equatable {
        public var count = 10
        public var budgetPerTick = 100_000.0
        /// Log-sd of budgets across liquidators (0: all equal).
        public var budgetLogSD = 0.0
        public var gasCostUSD = 0.0
        public var minProfitUSD = 0.0
        /// Fraction of the budget bid as a priority fee under the priority-fee ordering.
        public var priorityFeeFraction = 0.0
        /// A gas spike: from tick `from` to tick `to` (inclusive) each liquidation costs `costUSD`
        /// instead of ``gasCostUSD`` (`gas_spike: {from, to, cost_usd}`).
        public var gasSpike: (from: Int, to: Int, costUSD: Double)?
        public init() {}

        /// The gas cost of one liquidation at `tick`.
        public func gasCost(atTick tick: Int) -> Double {
            guard let s = gasSpike, tick >= s.from, tick <= s.to else { return gasCostUSD }
            return s.costUSD
        }

        /// Compares every field (the spike field by field: a tuple is not `Equatable`).
        public static func == (a: Config, b: Config) -> Bool {
            a.count == b.count && a.budgetPerTick == b.budgetPerTick && a.budgetLogSD == b.budgetLogSD
                && a.gasCostUSD == b.gasCostUSD && a.minProfitUSD == b.minProfitUSD
                && a.priorityFeeFraction == b.priorityFeeFraction && a.gasSpike?.from == b.gasSpike?.from
                && a.gasSpike?.to == b.gasSpike?.to && a.gasSpike?.costUSD == b.gasSpike?.costUSD
        }
    }

    public static func decide(budget: Double, _ s: Snapshot, _ c: Config) -> IntentAction? {
        guard budget > 0, !s.amm.isEmpty else { return nil }
        return .liquidateLowest(
            collateralToken: s.layout.collateral, debtToken: s.layout.usd, budget: budget, sellPool: s.layout.pool,
            gasCost: c.gasCost(atTick: s.tick))
    }

    public static func agentCount(_ c: Config) -> Int { c.count }

    public static func decode(_ r: ConfigReader) throws(ConfigError) -> Config {
        var c = Config()
        c.count = try r.count("count", default: c.count, atMost: 100_000, bytesEach: 64, noun: "liquidators")
        c.budgetPerTick = try r.double("budget_per_tick", default: c.budgetPerTick, .usdAmount)
        c.budgetLogSD = try r.double("budget_log_sd", default: c.budgetLogSD, .logSD)
        c.gasCostUSD = try r.double("gas_cost_usd", default: c.gasCostUSD, .usdAmount)
        c.minProfitUSD = try r.double("min_profit_usd", default: c.minProfitUSD, .usdAmount)
        c.priorityFeeFraction = try r.double("priority_fee_fraction", default: c.priorityFeeFraction, .probability)
        if let g = try r.optionalChild("gas_spike") {
            let from = try g.int("from", .integerAtLeast(0))
            let to = try g.int("to", .integerAtLeast(0))
            guard to >= from else { throw g.semanticError("to", "expected to >= from (\(from)), got \(to)") }
            c.gasSpike = (from, to, try g.double("cost_usd", .usdAmount))
        }
        try r.finish()
        return c
    }

    public static func makePopulations(_ c: Config, setup: inout SetupContext) -> [any Population] {
        var budgets = [Double](repeating: c.budgetPerTick, count: c.count)
        if c.budgetLogSD > 0, c.budgetPerTick > 0,
            let dist = try? LogNormal(median: c.budgetPerTick, logStandardDeviation: c.budgetLogSD)
        {
            var rng = RandomStream(
                seed: setup.seed, replicate: setup.replicate, population: setup.streamName(key), purpose: "init")
            budgets = dist.sample(&rng, count: c.count)
        }
        // The budget is USD held, topped back up every tick; sale proceeds are swept out with it.
        let first = setup.allocateAccounts(c.count)
        for (k, b) in budgets.enumerated() {
            setup.inventories.append((first + k, setup.layout.usd, b))
            setup.inventories.append((first + k, setup.layout.collateral, 0))
        }
        return [LiquidatorPopulation(config: c, budgets: budgets, firstAccount: first, market: setup.market)]
    }
}

public actor LiquidatorPopulation: Population {
    public nonisolated let kind = Liquidators.key
    public nonisolated let shard = 0
    public nonisolated let count: Int
    let config: Liquidators.Config
    let budgets: [Double]
    let firstAccount: Int
    /// The lending market whose positions these liquidators watch.
    let market: Int
    /// The collaterals a liquidator can sell for USD, found in the first snapshot.
    var collaterals: TokenSet?
    /// Cumulative profit per liquidator in USD.
    public private(set) var profit: [Double]

    init(config: Liquidators.Config, budgets: [Double], firstAccount: Int, market: Int) {
        self.market = market
        self.config = config
        self.budgets = budgets
        self.firstAccount = firstAccount
        self.count = budgets.count
        self.profit = [Double](repeating: 0, count: budgets.count)
    }

    public func propose(_ s: Snapshot, population: Int32) -> [Proposal] {
        // Only worth waking up when some position is liquidatable at the pool's price.
        guard !s.amm.isEmpty, s.state.markets[market].hasLiquidatable(prices: s.state.prices) else { return [] }
        var out: [Proposal] = []
        let guards = IntentGuards(minProfit: config.minProfitUSD)
        let collaterals = self.collaterals ?? Liquidators.collaterals(s, market: market)
        self.collaterals = collaterals
        for (i, b) in budgets.enumerated() {
            let choice =
                collaterals.count > 1
                ? IntentAction.liquidateBest(
                    collaterals: collaterals, debtToken: s.layout.usd, budget: b,
                    gasCost: config.gasCost(atTick: s.tick))
                : Liquidators.decide(budget: b, s, config)
            if let action = choice, b > 0 {
                out.append(
                    Proposal(
                        population: population, agent: Int32(i),
                        intent: Intent(account: firstAccount + i, action: action, guards: guards, market: market),
                        priorityFee: b * config.priorityFeeFraction))
            }
        }
        return out
    }

    public func settle(_ receipts: [Receipt], snapshot: Snapshot) {
        for r in receipts { if let fill = r.fill { profit[r.intent.account - firstAccount] += fill.profit } }
    }
}

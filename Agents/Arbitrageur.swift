import ProtocolModel
import ScenarioSchema

/// Arbitrageurs: they close the gap between the AMM and the infinitely deep external market.
///
/// When the pool price leaves the no-trade band [γ·p, p/γ], an arbitrageur makes the exact
/// fee-inclusive Uniswap v2 trade that puts it back on the band's edge, capped by its
/// inventory and skipped when the profit after gas is below its floor. The inventory is a balance
/// in the state, topped back up (or swept) to `inventory_usd` and `inventory_collateral` at the
/// start of every tick: an explicit flow across the model's boundary.
public enum Arbitrageurs: AgentKind {
    public static let key = "arbitrageurs"

    public struct Config: Sendable, Equatable {
        public var count = 5
        public var inventoryUSD = 5_000_000.0
        public var inventoryCollateral = 2_500.0
        public var gamma = 0.997
        public var gasCostUSD = 0.0
        public var minProfitUSD = 0.0
        public init() {}
    }

    /// The decision rule: every arbitrageur submits its policy intent each tick when the
    /// price is outside the band at the snapshot; the band is re-checked at its turn.
    public static func decide(_ s: Snapshot, _ c: Config) -> IntentAction? {
        guard !s.amm.isEmpty else { return nil }
        let p = s.ammPrice
        let pe = s.externalPrice
        guard p < c.gamma * pe || p > pe / c.gamma else { return nil }
        return .arbitrage(
            pool: s.layout.pool, gamma: c.gamma, maxBaseIn: c.inventoryCollateral, maxQuoteIn: c.inventoryUSD,
            gasCost: c.gasCostUSD)
    }

    public static func agentCount(_ c: Config) -> Int { c.count }

    public static func decode(_ r: ConfigReader) throws(ConfigError) -> Config {
        var c = Config()
        c.count = try r.count("count", default: c.count, atMost: 100_000, bytesEach: 64, noun: "arbitrageurs")
        c.inventoryUSD = try r.double("inventory_usd", default: c.inventoryUSD, .usdAmount)
        c.inventoryCollateral = try r.double("inventory_collateral", default: c.inventoryCollateral, .usdAmount)
        c.gamma = try r.double("gamma", default: c.gamma, .unitOpen)
        c.gasCostUSD = try r.double("gas_cost_usd", default: c.gasCostUSD, .usdAmount)
        c.minProfitUSD = try r.double("min_profit_usd", default: c.minProfitUSD, .usdAmount)
        try r.finish()
        return c
    }

    public static func makePopulations(_ c: Config, setup: inout SetupContext) -> [any Population] {
        let first = setup.allocateAccounts(c.count)
        let amounts = inventoryAmounts(c, setup)
        for a in first..<first + c.count {
            for (t, amount) in amounts.enumerated() { setup.inventories.append((a, t, amount)) }
        }
        return [ArbitrageurPopulation(config: c, firstAccount: first, inventories: amounts)]
    }
}

public actor ArbitrageurPopulation: Population {
    public nonisolated let kind = Arbitrageurs.key
    public nonisolated let shard = 0
    public nonisolated let count: Int
    let config: Arbitrageurs.Config
    let firstAccount: Int
    /// Each arbitrageur's standing inventory, by token.
    let inventories: [Double]
    /// Cumulative profit per arbitrageur, in USD at the external price.
    public private(set) var profit: [Double]

    init(config: Arbitrageurs.Config, firstAccount: Int, inventories: [Double]) {
        self.config = config
        self.firstAccount = firstAccount
        self.inventories = inventories
        self.count = config.count
        self.profit = [Double](repeating: 0, count: config.count)
    }

    public func propose(_ s: Snapshot, population: Int32) -> [Proposal] {
        let guards = IntentGuards(minProfit: config.minProfitUSD)
        var out: [Proposal] = []
        func add(_ action: IntentAction) {
            if out.isEmpty { out.reserveCapacity(count) }
            for i in 0..<count {
                out.append(
                    Proposal(
                        population: population, agent: Int32(i),
                        intent: Intent(account: firstAccount + i, action: action, guards: guards)))
            }
        }
        if let action = Arbitrageurs.decide(s, config) { add(action) }
        // Every further pool: one intent per pool per arbitrageur.
        for k in s.state.amms.indices.dropFirst() {
            if let action = Arbitrageurs.decide(pool: k, s.state, inventories: inventories, config) { add(action) }
        }
        for k in s.state.stablePools.indices {
            if let action = Arbitrageurs.decide(stablePool: k, s.state, config) { add(action) }
        }
        return out
    }

    public func settle(_ receipts: [Receipt], snapshot: Snapshot) {
        for r in receipts { if let fill = r.fill { profit[r.intent.account - firstAccount] += fill.profit } }
    }
}

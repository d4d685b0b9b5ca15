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
        for a in first..<first + c.count {
            setup.inventories.append((a, setup.layout.usd, c.inventoryUSD))
            setup.inventories.append((a, setup.layout.collateral, c.inventoryCollateral))
        }
        return [ArbitrageurPopulation(config: c, firstAccount: first)]
    }
}

public actor ArbitrageurPopulation: Population {
    public nonisolated let kind = Arbitrageurs.key
    public nonisolated let shard = 0
    public nonisolated let count: Int
    let config: Arbitrageurs.Config
    let firstAccount: Int
    /// Cumulative profit per arbitrageur, in USD at the external price.
    public private(set) var profit: [Double]

    init(config: Arbitrageurs.Config, firstAccount: Int) {
        self.config = config
        self.firstAccount = firstAccount
        self.count = config.count
        self.profit = [Double](repeating: 0, count: config.count)
    }

    public func propose(_ s: Snapshot, population: Int32) -> [Proposal] {
        guard let action = Arbitrageurs.decide(s, config) else { return [] }
        let guards = IntentGuards(minProfit: config.minProfitUSD)
        return (0..<count).map {
            Proposal(
                population: population, agent: Int32($0),
                intent: Intent(account: firstAccount + $0, action: action, guards: guards))
        }
    }

    public func settle(_ receipts: [Receipt], snapshot: Snapshot) {
        for r in receipts { if let fill = r.fill { profit[r.intent.account - firstAccount] += fill.profit } }
    }
}

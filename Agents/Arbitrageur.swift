import ProtocolModel
import ScenarioSchema

/// Arbitrageurs: they close the gap between the AMM and the infinitely deep external market.
///
/// When the pool price leaves the no-trade band [γ·p, p/γ], an arbitrageur makes the exact
/// fee-inclusive Uniswap v2 trade that puts it back on the band's edge, capped by its
/// inventory (replenished every tick) and skipped when the profit after gas is below its floor.
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
    public static func decide(_ s: Snapshot, _ c: Config) -> AgentIntent? {
        guard !s.amm.isEmpty else { return nil }
        let p = s.ammPrice
        let pe = s.externalPrice
        guard p < c.gamma * pe || p > pe / c.gamma else { return nil }
        return .arbitrage(
            gamma: c.gamma, maxBaseIn: c.inventoryCollateral, maxQuoteIn: c.inventoryUSD,
            gasCost: c.gasCostUSD, minProfit: c.minProfitUSD)
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
        [ArbitrageurPopulation(config: c)]
    }
}

public actor ArbitrageurPopulation: Population {
    public nonisolated let kind = Arbitrageurs.key
    public nonisolated let shard = 0
    public nonisolated let count: Int
    let config: Arbitrageurs.Config
    /// Cumulative profit per arbitrageur, in USD at the external price.
    public private(set) var profit: [Double]

    init(config: Arbitrageurs.Config) {
        self.config = config
        self.count = config.count
        self.profit = [Double](repeating: 0, count: config.count)
    }

    public func propose(_ s: Snapshot, population: Int32) -> [Proposal] {
        guard let intent = Arbitrageurs.decide(s, config) else { return [] }
        return (0..<count).map { Proposal(population: population, agent: Int32($0), intent: intent) }
    }

    public func settle(_ receipts: [AgentReceipt], snapshot: Snapshot) {
        for r in receipts where r.filled { profit[Int(r.agent)] += r.usdOut }
    }
}

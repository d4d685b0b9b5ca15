import ProtocolModel
import ScenarioSchema
import Stochastics

/// Stability providers: USD holders who fund the protocol's stability pool (``/ProtocolModel/StabilityPool``),
/// a Liquity-style backstop that repays liquidatable debt and keeps the collateral at the liquidation bonus.
///
/// - At tick 0 each provider deposits its whole USD, drawn lognormal (`deposit_median_usd`,
///   `deposit_log_sd`), into the pool.
/// - Every tick on which some position is liquidatable, the pool absorbs: the first provider's account
///   triggers ``/ProtocolModel/StabilityPoolOperation/absorb(budget:)`` with the pool's whole USD, which
///   liquidates lowest health factor first with the lending pool's close factor and bonus and sells nothing.
///   Liquity makes its stability pool the first resort (every liquidation is offset against it; keepers
///   only trigger it, and redistribution to other troves comes only when it is empty), so a scenario
///   should list `stability_providers` before `liquidators` in `phases`: the pool absorbs first and
///   keepers liquidate what its USD cannot. Listed after them, it is a liquidator of last resort.
/// - Exit: each tick, with probability `attention`, a provider looks at the value of its shares (USD plus
///   collateral at the lending market's prices) and withdraws them all once the value per share has fallen
///   more than `loss_tolerance` below the value per share it bought at. What it withdraws, USD and
///   collateral, stays in its wallet: it does not sell the collateral. An incentive programme paying
///   `sp_emission_usd` adds its offered `sp_bonus` (at the token's current value) to that tolerance.
public enum StabilityProviders: AgentKind {
    public static let key = "stability_providers"

    /// Parameters of the providers, read from the `stability_providers` section.
    public struct Config: Sendable, Equatable {
        public var count = 100
        public var depositMedianUSD = 100_000.0
        public var depositLogSD = 0.0
        public var lossTolerance = 0.1
        public var attention = 0.1
        public init() {}
    }

    /// Whether a provider who bought in at `entry` per share withdraws when a share is worth `now`, with
    /// `bonus` (the incentive programme's offer) added to its loss tolerance.
    public static func exits(entry: Double, now: Double, _ c: Config, bonus: Double = 0) -> Bool {
        entry > 0 && now < (1 - c.lossTolerance - bonus) * entry
    }

    public static func agentCount(_ c: Config) -> Int { c.count }

    public static func decode(_ r: ConfigReader) throws(ConfigError) -> Config {
        var c = Config()
        c.count = try r.count("count", default: c.count, atMost: 100_000, bytesEach: 64, noun: "stability providers")
        c.depositMedianUSD = try r.double("deposit_median_usd", default: c.depositMedianUSD, .usdAmount)
        c.depositLogSD = try r.double("deposit_log_sd", default: c.depositLogSD, .logSD)
        c.lossTolerance = try r.double("loss_tolerance", default: c.lossTolerance, .probability)
        c.attention = try r.double("attention", default: c.attention, .probability)
        try r.finish()
        return c
    }

    public static func makePopulations(_ c: Config, setup: inout SetupContext) -> [any Population] {
        var deposits = [Double](repeating: c.depositMedianUSD, count: c.count)
        if c.depositLogSD > 0, c.depositMedianUSD > 0,
            let dist = try? LogNormal(median: c.depositMedianUSD, logStandardDeviation: c.depositLogSD)
        {
            var rng = RandomStream(
                seed: setup.seed, replicate: setup.replicate, population: setup.streamName(key), purpose: "init")
            deposits = dist.sample(&rng, count: c.count)
        }
        let first = setup.allocateAccounts(c.count)
        for (k, d) in deposits.enumerated() where d > 0 { setup.wallets.append((first + k, setup.layout.usd, d)) }
        setup.stabilityPool = StabilityPool(token: setup.layout.usd, market: setup.market)
        let stream = RandomStream(
            seed: setup.seed, replicate: setup.replicate, population: setup.streamName(key), purpose: "decide")
        return [StabilityProviderPopulation(config: c, deposits: deposits, firstAccount: first, rng: stream)]
    }
}

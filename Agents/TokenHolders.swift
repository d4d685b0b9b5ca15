import Foundation
import ProtocolModel
import ScenarioSchema
import Stochastics

/// Holders of the protocol's native token: speculators and stakers who value it on the protocol's health.
///
/// Every tick each holder looks with probability `attention`. A looking holder compares the token's pool
/// price with its own view of what the token is worth, in logs:
///
///     gap = v_t + b_i + σ·ε − log p_t + m · log(p_{t−1} / p_{t−1−W})
///     v_t = log p_0 + w_tvl · log(TVL_t / TVL_0) − w_bad · B_t / D_0 − w_out · o_t + w_fee · F_t / D_0
///
/// where TVL is what the first lending market holds (every reserve's supply at the market's prices), B the
/// bad debt written off so far, o last tick's deposit outflow as a fraction of D₀, F the fees the USD
/// reserve has earned, b_i the holder's own lasting bias ~ N(0, `belief_sd`²), ε fresh noise, and m the
/// weight on the pool price's momentum over `momentum_window` ticks. It sells `trade_fraction` of its tokens
/// in the native pool when gap < −`band`, and buys with `trade_fraction` of its USD when gap > `band`.
/// Stakers (a `staked_share` of holders) cannot sell before `unlock_tick`.
///
/// Nothing is scripted: the token falls when holders see the protocol weaken, which lowers the value of
/// incentives paid in it, and its fall is itself seen by depositors (`depositors.token_sensitivity`).
public enum TokenHolders: AgentKind {
    public static let key = "token_holders"

    /// Parameters of the holder population, read from the `token_holders` section.
    public struct Config: Sendable, Equatable {
        public var count = 200
        /// Median USD value of a holder's tokens at the opening price, and the log-sd of the lognormal draw.
        public var holdingMedianUSD = 50_000.0
        public var holdingLogSD = 1.0
        /// USD each holder keeps beside its tokens, as a multiple of their opening value.
        public var cashRatio = 0.5
        public var attention = 0.2
        public var tvlWeight = 1.0
        public var badDebtWeight = 5.0
        public var outflowWeight = 10.0
        public var feeWeight = 1.0
        public var beliefSD = 0.05
        public var noiseSD = 0.02
        public var momentum = 0.5
        public var momentumWindow = 24
        public var band = 0.02
        public var tradeFraction = 0.1
        public var stakedShare = 0.0
        public var unlockTick = 0
        public init() {}
    }

    /// One holder: its lasting bias and whether it is a staker. Its tokens and USD are its account's.
    public struct Agent: Sendable, Equatable {
        public var bias: Double
        public var isStaker: Bool
    }

    /// What every holder sees this tick (logs).
    public struct TickView: Sendable, Equatable {
        public var logValue: Double
        public var logPrice: Double
        public var momentum: Double
    }

    /// The first lending market's total value locked: every reserve's supply at the market's prices.
    public static func totalValueLocked(_ s: ProtocolState) -> Double {
        let m = s.markets[0]
        var sum = 0.0
        for r in m.configs.indices { sum += m.reserves[r].totalSupply * s.prices[m.configs[r].token] }
        return sum
    }

    /// The holders' shared view of the token at this snapshot; `tvl0` is the TVL they saw at tick 0.
    public static func tickView(_ s: Snapshot, _ c: Config, native: NativeToken, tvl0: Double) -> TickView {
        let state = s.state
        let d0 = max(s.initialDeposits, 1e-9)
        let tvl = totalValueLocked(state)
        let usd = state.markets[0].reserves[s.layout.depositReserve]
        var v = log(native.openingPrice)
        if tvl0 > 0, tvl > 0 { v += c.tvlWeight * log(tvl / tvl0) }
        v -= c.badDebtWeight * state.badDebtByMarket[0] / d0
        v -= c.outflowWeight * s.recentOutflowFraction
        v += c.feeWeight * usd.fees / d0
        let price = state.amms[native.pool].pool.price
        return TickView(
            logValue: v, logPrice: log(max(price, 1e-300)),
            momentum: c.momentum * s.priceHistory(pool: native.pool).logChange(window: c.momentumWindow))
    }

    /// The rule for one looking holder: sell (true), buy (false) or nothing (nil).
    @inlinable
    public static func decide(_ a: Agent, _ v: TickView, tick: Int, _ c: Config, _ rng: inout RandomStream) -> Bool? {
        let gap = v.logValue + a.bias + c.noiseSD * rng.standardNormal() - v.logPrice + v.momentum
        if gap < -c.band { return a.isStaker && tick < c.unlockTick ? nil : true }
        if gap > c.band { return false }
        return nil
    }

    public static func agentCount(_ c: Config) -> Int { c.count }

    public static func decode(_ r: ConfigReader) throws(ConfigError) -> Config {
        var c = Config()
        c.count = try r.count("count", default: c.count, atLeast: 1, atMost: 1_000_000, bytesEach: 40, noun: "holders")
        c.holdingMedianUSD = try r.double("holding_median_usd", default: c.holdingMedianUSD, .positiveAmount)
        c.holdingLogSD = try r.double("holding_log_sd", default: c.holdingLogSD, .logSD)
        c.cashRatio = try r.double("cash_ratio", default: c.cashRatio, .closed(0, 100))
        c.attention = try r.double("attention", default: c.attention, .probability)
        c.tvlWeight = try r.double("tvl_weight", default: c.tvlWeight, .closed(0, 100))
        c.badDebtWeight = try r.double("bad_debt_weight", default: c.badDebtWeight, .closed(0, 1_000))
        c.outflowWeight = try r.double("outflow_weight", default: c.outflowWeight, .closed(0, 1_000))
        c.feeWeight = try r.double("fee_weight", default: c.feeWeight, .closed(0, 1_000))
        c.beliefSD = try r.double("belief_sd", default: c.beliefSD, .closed(0, 5))
        c.noiseSD = try r.double("noise_sd", default: c.noiseSD, .closed(0, 5))
        c.momentum = try r.double("momentum", default: c.momentum, .closed(-10, 10))
        c.momentumWindow = try r.int("momentum_window", default: c.momentumWindow, .closed(1, 120))
        c.band = try r.double("band", default: c.band, .closed(0, 5))
        c.tradeFraction = try r.double("trade_fraction", default: c.tradeFraction, .probability)
        c.stakedShare = try r.double("staked_share", default: c.stakedShare, .probability)
        c.unlockTick = try r.int("unlock_tick", default: c.unlockTick, .integerAtLeast(0))
        try r.finish()
        return c
    }

    public static func makePopulations(_ c: Config, setup: inout SetupContext) -> [any Population] {
        // The scenario loader refuses holders without a native token, so `native` is set here.
        guard let native = setup.native else { preconditionFailure("validated by the scenario loader") }
        guard let sizes = try? LogNormal(median: c.holdingMedianUSD, logStandardDeviation: c.holdingLogSD),
            let beliefs = try? Gaussian(mean: 0, standardDeviation: max(c.beliefSD, 1e-300))
        else { preconditionFailure("validated by decode") }
        var rng = RandomStream(
            seed: setup.seed, replicate: setup.replicate, population: setup.streamName(key), purpose: "init")
        let first = setup.allocateAccounts(c.count)
        var agents: [Agent] = []
        agents.reserveCapacity(c.count)
        for k in 0..<c.count {
            let value = sizes.sample(&rng)
            let bias = c.beliefSD > 0 ? beliefs.sample(&rng) : 0
            agents.append(Agent(bias: bias, isStaker: Double(k) < c.stakedShare * Double(c.count)))
            setup.wallets.append((first + k, native.token, value / native.openingPrice))
            setup.wallets.append((first + k, setup.layout.usd, c.cashRatio * value))
        }
        let stream = RandomStream(
            seed: setup.seed, replicate: setup.replicate, population: setup.streamName(key), purpose: "decide")
        return [
            TokenHolderPopulation(config: c, agents: agents, firstAccount: first, native: native, rng: stream)
        ]
    }
}

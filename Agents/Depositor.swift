import Foundation
import Games
import ProtocolModel
import ScenarioSchema
import Stochastics

/// Depositors: the liability side, and the agents whose coordination makes a run.
///
/// Each depositor holds a USD balance. Every tick it pays attention with some probability, and when
/// attentive it applies its strategy (`strategy`, ``Strategy``):
/// - `heuristic` (the default and the reference model's rule): it sees a noisy private signal
///   x = θ + σ·ε of the pool's solvency margin and withdraws its whole balance when x falls below its
///   own random threshold, raised by what it sees others doing (herding) and lowered by the cost of
///   leaving (fees, forgone stay bonus). A behavioural rule in the spirit of a global game; no
///   equilibrium is computed.
/// - `morris_shin`: the threshold equilibrium of the regime-change game in `game` (``Game``), solved
///   once when the scenario is decoded. The fundamental is the pool's liquidity ratio; the depositor
///   withdraws when its private signal of that ratio is below the equilibrium threshold x*.
/// - `quantal`, `level_k`, `fictitious_play`: bounded rationality in the same game (a logit choice, level-k
///   reasoning, or a best response to the thresholds of past episodes). Every game strategy moves once.
/// - `balance_sheet`: the run game of ``/Games/BalanceSheetGame`` built every tick from the live market (cash,
///   queue, fee, gate, fire-sale quote in pool 0, insurance, loss policy); a depositor withdraws when its
///   signal of the solvency margin, from noisy views of the margin and of the collateral price, is below
///   the tick's threshold x*, and may reconsider every tick (``BalanceSheetSettings``). Its `response` makes it
///   boundedly rational (quantal, level-k, fictitious play), and `mix` mixes behaviours (``MixedBehaviour``).
public enum Depositors: AgentKind {
    public static let key = "depositors"

    /// Parameters of the depositor population, read from the `depositors` section.
    public struct Config: Sendable, Equatable {
        public var count = 10_000
        public var shards = 4
        public var depositMedian = 10_000.0
        public var depositLogSD = 1.0
        /// Probability per tick that an agent looks at the pool.
        public var attention = 0.1
        /// How the lookers of a tick are drawn (`attention_sampling`); the same law either way.
        public var attentionSampling = AttentionSampling.perAgent
        /// Standard deviation of the private noise on θ.
        public var noiseSD = 0.01
        public var thresholdMean = 0.0
        public var thresholdSD = 0.01
        /// Weight on the cumulative withdrawn fraction w_t (reference: 0.1).
        public var herding = 0.1
        /// Weight on last tick's outflow (observed outflows).
        public var herdingRecent = 0.0
        /// Balances at or above this are whales, with their own attention and noise.
        public var whaleThresholdUSD = Double.infinity
        public var whaleAttention = 0.1
        public var whaleNoiseSD = 0.01
        /// How strongly a withdrawal fee (fraction) lowers the threshold: k − s·fee.
        public var feeSensitivity = 1.0
        /// A per-tick stay bonus (fraction of balance) and how strongly it lowers the threshold.
        public var stayBonus = 0.0
        public var bonusSensitivity = 1.0
        /// How strongly a fall of the native token's price raises the threshold: + s·max(0, −log(p/p₀)).
        public var tokenSensitivity = 0.0
        /// The illiquidity cost of a lock-up boost (``lockTerm(balance:comfort:noise:offer:cost:)``): per USD and
        /// tick, for a lock of the full term, of a depositor on the edge of leaving.
        public var lockCost = 0.001
        /// How depositors decide.
        public var strategy = Strategy.heuristic
        /// The global game (`game`), when the section has one; required by every strategy but `heuristic`.
        public var game: Game?
        /// The `balance_sheet` strategy's keys (`game`), when that is the strategy.
        public var balanceSheet = BalanceSheetSettings()
        /// A mixed `balance_sheet` population (`mix`): shares that herd or respond to the game their own way.
        public var mix: [MixedBehaviour] = []
        public init() {}
    }

    /// One depositor: what every strategy reads. 24 bytes (stride), held in a contiguous array by its shard;
    /// what only the game strategies read is a ``Player``, in a parallel array that `heuristic` leaves empty.
    public struct Agent: Sendable, Equatable {
        public var balance: Double
        public var threshold: Double
        public var isWhale: Bool
        public var hasWithdrawn: Bool
        /// The tick its lock-up boost ends (0: none); it neither looks nor leaves before. Fits the padding.
        public var lockedUntil: Int32 = 0
    }

    /// A depositor's part in a game (every strategy but `heuristic`): its private draws and its moves.
    /// 24 bytes (stride), beside its ``Agent`` at the same index.
    public struct Player: Sendable, Equatable {
        /// The private signal of the game's fundamental; for `balance_sheet`, the private noise ε_m on the
        /// solvency margin.
        public var signal: Double = 0
        /// `balance_sheet` only: the private noise ε_p on the collateral's log price.
        public var priceNoise: Double = 0
        /// Whether the agent has played its one move in the game (the one-move game strategies).
        public var decided = false
        /// Its behaviour in a mixed `balance_sheet` population: 0 the section's own, 1 + k entry k of `mix`.
        public var behaviour: UInt8 = 0
    }

    /// The signal-dependent part of the rule, shared by every agent of a tick.
    public struct TickView: Sendable {
        public let theta: Double
        public let thresholdShift: Double
        public let withdrawalFee: Double
        public let locked: Bool
        /// The tick, and the lock-up boosts on offer in this market (nil when it has none).
        public var tick = 0
        public var lockOffer: LockOffer?
    }

    /// The view of lending market `market` (0: the scenario's top-level market) that every agent of the
    /// tick shares.
    public static func tickView(_ s: Snapshot, _ c: Config, market: Int = 0) -> TickView {
        let policy = s.withdrawalPolicy(market: market)
        let m = s.market(market)
        let fee = policy.feeFraction
        var shift =
            c.herding * m.withdrawnFraction + c.herdingRecent * m.recentOutflowFraction
            - c.feeSensitivity * fee - c.bonusSensitivity * c.stayBonus
        if market == 0 { shift += incentiveShift(s, c) }
        return TickView(
            theta: m.solvencyMargin, thresholdShift: shift, withdrawalFee: fee,
            locked: s.tick < policy.lockedUntilTick, tick: s.tick, lockOffer: market == 0 ? LockOffer(s.state) : nil)
    }

    /// The incentive programme's part of the threshold shift in the first market: the stay bonus it offers
    /// this tick (at the token's current value) lowers the threshold, and a fall of the native token's price
    /// below its opening price raises it. 0 in a world without a native token.
    public static func incentiveShift(_ s: Snapshot, _ c: Config) -> Double {
        let l = s.state.incentives
        guard l.isInstalled else { return 0 }
        let fall = max(0, -log(l.priceRatio(s.state)))
        return c.tokenSensitivity * fall - c.bonusSensitivity * l.offeredStayBonus
    }

    /// The decision rule: whether this agent withdraws this tick. Pure apart from its draws.
    @inlinable
    public static func decide(_ a: Agent, _ v: TickView, _ c: Config, _ rng: inout RandomStream) -> Bool {
        guard !a.hasWithdrawn else { return false }
        let attention = a.isWhale ? c.whaleAttention : c.attention
        guard rng.uniform() < attention else { return false }
        return decideAttentive(a, v, c, &rng)
    }

    /// The rule for an agent that looks this tick (binomial sampling draws who looks): its noisy signal of θ
    /// against its threshold.
    @inlinable
    public static func decideAttentive(_ a: Agent, _ v: TickView, _ c: Config, _ rng: inout RandomStream) -> Bool {
        let noise = a.isWhale ? c.whaleNoiseSD : c.noiseSD
        let x = v.theta + noise * rng.standardNormal()
        return !v.locked && x < a.threshold + v.thresholdShift
    }

    /// The game strategies' rule: at its first attentive tick outside a lock-up, a depositor makes its one move.
    /// `morris_shin` and `level_k` withdraw when the signal is below their threshold; `quantal` withdraws with
    /// its logit probability. Returns nil when the agent does not move this tick, else whether it withdraws.
    @inlinable
    public static func decideInGame(
        _ a: Agent, _ p: Player, _ g: Game, strategy: Strategy, locked: Bool, _ c: Config,
        _ rng: inout RandomStream
    ) -> Bool? {
        guard !a.hasWithdrawn, !p.decided, !locked else { return nil }
        let attention = a.isWhale ? c.whaleAttention : c.attention
        guard rng.uniform() < attention else { return nil }
        switch strategy {
        case .heuristic, .morrisShin, .balanceSheet:
            return p.signal < g.played.signal
        case .levelK:
            return p.signal < g.levelThreshold
        case .fictitiousPlay:
            return p.signal < g.learnedThreshold
        case .quantal:
            let runs = g.model.quantalRunProbability(
                signal: p.signal, failureThreshold: g.quantalFailureThreshold,
                rationality: g.rationality)
            return rng.uniform() < runs
        }
    }

    /// Depositors decide on θ, so their phase's snapshot carries it.
    public static var readsSolvencyMargin: Bool { true }

    /// A game strategy whose fundamental is drawn from the prior opens the pool with that reserve.
    public static func setsOpeningReserve(_ c: Config) -> Bool {
        c.strategy != .heuristic && c.game?.fundamental == .prior
    }

    public static func agentCount(_ c: Config) -> Int { c.count }

    public static func decode(_ r: ConfigReader) throws(ConfigError) -> Config {
        var c = Config()
        // A depositor's whole cost: its 24-byte agent, its two balances and its two supply claims (16 bytes
        // each), about what `ballast bench --scale` measures per depositor.
        c.count = try r.count("count", default: c.count, atMost: 10_000_000, bytesEach: 56, noun: "depositors")
        c.shards = try r.int("shards", default: c.shards, .closed(1, 1_024))
        c.depositMedian = try r.double("deposit_median", default: c.depositMedian, .positiveAmount)
        c.depositLogSD = try r.double("deposit_log_sd", default: c.depositLogSD, .closed(1e-9, 5))
        c.attention = try r.double("attention", default: c.attention, .probability)
        let sampling = try r.string(
            "attention_sampling", default: AttentionSampling.perAgent.rawValue,
            oneOf: AttentionSampling.allCases.map { $0.rawValue })
        c.attentionSampling = AttentionSampling(rawValue: sampling) ?? .perAgent
        c.noiseSD = try r.double("noise_sd", default: c.noiseSD, .positive)
        c.thresholdMean = try r.double("threshold_mean", default: c.thresholdMean)
        c.thresholdSD = try r.double("threshold_sd", default: c.thresholdSD, .positive)
        c.herding = try r.double("herding", default: c.herding, .nonNegative)
        c.herdingRecent = try r.double("herding_recent", default: c.herdingRecent, .nonNegative)
        c.whaleThresholdUSD = try r.double("whale_threshold_usd", default: 1e300, .positive)
        c.whaleAttention = try r.double("whale_attention", default: c.attention, .probability)
        c.whaleNoiseSD = try r.double("whale_noise_sd", default: c.noiseSD, .positive)
        c.feeSensitivity = try r.double("fee_sensitivity", default: c.feeSensitivity, .nonNegative)
        c.stayBonus = try r.double("stay_bonus", default: c.stayBonus, .nonNegative)
        c.bonusSensitivity = try r.double("bonus_sensitivity", default: c.bonusSensitivity, .nonNegative)
        c.tokenSensitivity = try r.double("token_sensitivity", default: c.tokenSensitivity, .closed(0, 100))
        c.lockCost = try r.double("lock_cost", default: c.lockCost, .closed(0, 1))
        let strategy = try r.string(
            "strategy", default: Strategy.heuristic.rawValue, oneOf: Strategy.allCases.map(\.rawValue))
        c.strategy = Strategy(rawValue: strategy) ?? .heuristic
        if let g = try r.optionalChild("game") {
            if c.strategy == .balanceSheet {
                c.balanceSheet = try decodeBalanceSheet(g)
            } else {
                c.game = try decodeGame(g, strategy: c.strategy)
            }
        }
        c.mix = try decodeMix(r, strategy: c.strategy, game: c.balanceSheet)
        if c.strategy != .heuristic, c.strategy != .balanceSheet, c.game == nil {
            throw r.semanticError(
                "strategy",
                "expected a `game` section (cost, prior_mean, prior_precision, signal_precision) for strategy \(strategy)"
            )
        }
        if c.attentionSampling == .binomial, c.strategy != .heuristic {
            throw r.semanticError(
                "attention_sampling", "expected per_agent with strategy \(strategy) (binomial serves heuristic only)")
        }
        try r.finish()
        guard (try? distributions(c)) != nil else {
            throw r.semanticError("deposit_median", "expected parameters that define valid distributions")
        }
        return c
    }

    static func distributions(_ c: Config) throws(StochasticsError) -> (sizes: LogNormal, thresholds: Gaussian) {
        (
            try LogNormal(median: c.depositMedian, logStandardDeviation: c.depositLogSD),
            try Gaussian(mean: c.thresholdMean, standardDeviation: c.thresholdSD)
        )
    }

    public static func makePopulations(_ c: Config, setup: inout SetupContext) -> [any Population] {
        // decode built these distributions from the same parameters, so this cannot fail.
        guard let (sizes, thresholds) = try? distributions(c) else { preconditionFailure("validated by decode") }
        var shards: [any Population] = []
        var theta = 0.0
        if c.strategy != .heuristic, let game = c.game {
            theta = fundamental(game, setup: setup)
            if game.fundamental == .prior { setup.reserveFraction = min(1, max(0, theta)) }
        }
        let shardCount = min(c.shards, max(1, c.count))
        for s in 0..<shardCount {
            let n = c.count / shardCount + (s < c.count % shardCount ? 1 : 0)
            var rng = RandomStream(
                seed: setup.seed, replicate: setup.replicate, population: setup.streamName(key), shard: UInt64(s),
                purpose: "init")
            var agents: [Agent] = []
            agents.reserveCapacity(n)
            for _ in 0..<n {
                let balance = sizes.sample(&rng)
                agents.append(
                    Agent(
                        balance: balance, threshold: thresholds.sample(&rng),
                        isWhale: balance >= c.whaleThresholdUSD, hasWithdrawn: false))
            }
            var players: [Player] = []
            if c.strategy != .heuristic, let game = c.game {
                // Private signals come from their own stream, so balances are those of the heuristic population.
                var signals = RandomStream(
                    seed: setup.seed, replicate: setup.replicate, population: setup.streamName(key), shard: UInt64(s),
                    purpose: "signal")
                let noise = 1 / game.model.signalPrecision.squareRoot()
                players.reserveCapacity(n)
                for _ in 0..<n { players.append(Player(signal: theta + noise * signals.standardNormal())) }
            } else if c.strategy == .balanceSheet {
                players = drawBalanceSheetNoise(n, c.balanceSheet, setup: setup, shard: s)
                for i in players.indices { players[i].behaviour = behaviour(i, of: n, c.mix) }
            }
            // Reduce in shard order so D₀ does not depend on anything but the seed.
            setup.initialDeposits += agents.reduce(0) { $0 + $1.balance }
            let first = setup.allocateAccounts(agents.count)
            // The book reads the opening supplies from the agents themselves (the shard shares their storage
            // until the world is built), rather than from a copy.
            setup.recordDeposits(firstAccount: first, count: agents.count) { [agents] in agents[$0].balance }
            let stream = RandomStream(
                seed: setup.seed, replicate: setup.replicate, population: setup.streamName(key), shard: UInt64(s),
                purpose: "decide")
            shards.append(
                DepositorShard(
                    shard: s, config: c, agents: agents, players: players, firstAccount: first, market: setup.market,
                    rng: stream))
        }
        return shards
    }
}

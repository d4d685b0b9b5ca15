import Games
import ScenarioSchema
import Stochastics

extension Depositors {
    /// How depositors decide to withdraw (`depositors.strategy`).
    public enum Strategy: String, Sendable, Equatable, CaseIterable {
        /// The behavioural rule: withdraw when a noisy view of the solvency margin falls below a random
        /// threshold raised by herding (the default, and the reference model's rule).
        case heuristic
        /// The Morris–Shin equilibrium: withdraw when the private signal of the liquidity ratio is below x*.
        case morrisShin = "morris_shin"
        /// Logit quantal response (rationality λ, `game.rationality`): withdraw with probability
        /// 1/(1 + exp(−λ (P(fail | x) − t))), in the quantal-response equilibrium of the same game.
        case quantal
        /// Level-k reasoning (`game.level` k = 0…3 from the named `game.level_zero` behaviour): withdraw when
        /// the signal is below x_k = BR(x_{k−1}).
        case levelK = "level_k"
        /// Fictitious play across episodes (`game.episode` e): every depositor best-responds to the average
        /// threshold played in the e episodes before, starting from the belief that others play level 0.
        case fictitiousPlay = "fictitious_play"
        /// The run game of the live balance sheet (``/Games/BalanceSheetGame``): withdraw when the signal of the
        /// solvency margin is below the threshold solved for the tick's cash, queue, fire-sale quote and terms.
        case balanceSheet = "balance_sheet"
    }

    /// Where the game's fundamental θ comes from (`depositors.game.fundamental`).
    public enum Fundamental: String, Sendable, Equatable, CaseIterable {
        /// θ is the pool's opening liquidity ratio, `lending.reserve_fraction`; the prior is the depositors' belief.
        case reserve
        /// Each replicate draws θ ~ N(y, 1/α) and opens the pool with a reserve of clamp(θ, 0, 1) · D₀.
        case prior
    }

    /// The global game the depositors play (`depositors.game`), with its equilibrium solved once at decode.
    ///
    /// The fundamental θ is the pool's liquidity ratio, reserve ÷ deposits: the reserve runs out, and a
    /// queue forms, exactly when the fraction of deposits withdrawn reaches θ. That is the regime change of
    /// ``/Games/MorrisShin``. Depositor i sees x_i = θ + ε_i, ε_i ~ N(0, 1/β), drawn once per replicate.
    public struct Game: Sendable, Equatable {
        /// The game's parameters (t, y, α, β).
        public var model: MorrisShin
        /// Where θ comes from.
        public var fundamental: Fundamental
        /// Every equilibrium, by increasing θ*.
        public var equilibria: [MorrisShinEquilibrium]
        /// λ of the quantal strategy.
        public var rationality: Double
        /// k of the level-k strategy, and what level 0 does.
        public var level: Int
        public var levelZero: LevelZero
        /// The level-k threshold x_k (level_k strategy).
        public var levelThreshold: Double
        /// The failure threshold of the largest quantal-response equilibrium (quantal strategy; NaN otherwise).
        public var quantalFailureThreshold: Double
        /// The episode e of the fictitious_play strategy, and the threshold played in it (NaN for other strategies).
        public var episode: Int
        public var learnedThreshold: Double
        /// The equilibrium the depositors play: the one with the largest θ* (the most run-prone) when several exist.
        public var played: MorrisShinEquilibrium { equilibria[equilibria.count - 1] }
    }

    /// Reads `depositors.game`; every parameter error is located at its key.
    static func decodeGame(_ r: ConfigReader, strategy: Strategy) throws(ConfigError) -> Game {
        let cost = try r.double("cost", .unitOpen)
        let mean = try r.double("prior_mean", .closed(-1_000, 1_000))
        let alpha = try r.double("prior_precision", .positive)
        let beta = try r.double("signal_precision", .positive)
        // Beyond these the prior or the signals are degenerate, and the equations lose their precision.
        for (key, value) in [("prior_precision", alpha), ("signal_precision", beta)] where value > 1e12 {
            throw r.semanticError(key, "expected a precision of at most 1e12, got \(ValueRange.describe(value))")
        }
        let fundamental = try r.string(
            "fundamental", default: Fundamental.reserve.rawValue,
            oneOf: Fundamental.allCases.map(\.rawValue))
        let rationality = try r.double("rationality", default: 100, .closed(1e-6, 1e9))
        let level = try r.int("level", default: 1, .closed(0, 3))
        let zero = try r.string(
            "level_zero", default: LevelZero.alwaysRun.rawValue, oneOf: LevelZero.allCases.map(\.rawValue))
        // Read as a number, so that a swept value written as 50.0 is accepted, but it must be whole.
        let episodeValue = try r.double("episode", default: 0, .closed(0, 100_000))
        guard episodeValue == episodeValue.rounded() else {
            throw r.semanticError(
                "episode", "expected a whole number of episodes, got \(ValueRange.describe(episodeValue))")
        }
        let episode = Int(episodeValue)
        try r.finish()
        let levelZero = LevelZero(rawValue: zero) ?? .alwaysRun
        let model: MorrisShin
        let equilibria: [MorrisShinEquilibrium]
        let levels: [Double]
        var quantal = Double.nan
        var learned = Double.nan
        do {
            model = try MorrisShin(cost: cost, priorMean: mean, priorPrecision: alpha, signalPrecision: beta)
            equilibria = try model.equilibria()
            levels = try model.levelKThresholds(levelZero, upTo: level)
            if strategy == .quantal { quantal = try model.quantalEquilibria(rationality: rationality).last ?? .nan }
            if strategy == .fictitiousPlay {
                learned = try model.fictitiousPlay(start: model.levelZeroThreshold(levelZero), episodes: episode + 1)[
                    episode]
            }
        } catch {
            throw r.semanticError("cost", "expected a game whose equilibrium can be computed: \(error)")
        }
        return Game(
            model: model, fundamental: Fundamental(rawValue: fundamental) ?? .reserve, equilibria: equilibria,
            rationality: rationality, level: level, levelZero: levelZero, levelThreshold: levels[level],
            quantalFailureThreshold: quantal, episode: episode, learnedThreshold: learned)
    }

    /// The fundamental for one replicate: drawn from the prior (one draw shared by every shard, common across
    /// study points), or the scenario's reserve fraction.
    static func fundamental(_ g: Game, setup: SetupContext) -> Double {
        switch g.fundamental {
        case .reserve:
            return setup.reserveFraction
        case .prior:
            var rng = RandomStream(
                seed: setup.seed, replicate: setup.replicate, population: setup.streamName(key), purpose: "fundamental")
            return g.model.priorMean + rng.standardNormal() / g.model.priorPrecision.squareRoot()
        }
    }
}

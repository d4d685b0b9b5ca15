import ProtocolModel
import ScenarioSchema
import Stochastics

/// Liquidity providers: they own the AMM's liquidity and flee it in volatility.
///
/// Each LP draws a volatility tolerance once. In the pool, it burns all its shares when
/// realised volatility exceeds its tolerance (raised by incentive emissions), remembering
/// the USD value it took out. Out of the pool, it comes back with that value, half in USD
/// and half in collateral at the pool price, once volatility falls below `reentry_ratio` × tolerance.
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
        public init() {}
    }

    public struct Agent: Sendable, Equatable {
        public var tolerance: Double
        public var shares: Double
        /// The USD value withdrawn at exit, re-deposited on return.
        public var withdrawnValue: Double
        public var inPool: Bool { shares > 0 }
    }

    /// The decision rule for one LP given the realised volatility.
    public static func decide(_ a: Agent, volatility: Double, _ c: Config) -> AgentIntent? {
        let tolerance = a.tolerance + c.incentiveToleranceBonus
        if a.inPool {
            return volatility > tolerance ? .removeLiquidity(shares: a.shares) : nil
        }
        return a.withdrawnValue > 0 && volatility < c.reentryRatio * tolerance ? .addLiquidity(valueUSD: a.withdrawnValue) : nil
    }

    public static func makePopulations(_ r: ConfigReader, setup: inout SetupContext) throws(ConfigError) -> [any Population] {
        var c = Config()
        c.count = try r.int("count", default: c.count, .integerAtLeast(1))
        c.toleranceMin = try r.double("tolerance_min", default: c.toleranceMin, .nonNegative)
        c.toleranceMax = try r.double("tolerance_max", default: c.toleranceMax, .nonNegative)
        c.volatilityWindow = try r.int("volatility_window", default: c.volatilityWindow, .integerAtLeast(2))
        c.reentryRatio = try r.double("reentry_ratio", default: c.reentryRatio, .probability)
        c.incentiveToleranceBonus = try r.double("incentive_tolerance_bonus", default: 0, .nonNegative)
        if c.toleranceMin > c.toleranceMax {
            throw r.semanticError("tolerance_min", "expected tolerance_min <= tolerance_max, got \(c.toleranceMin) > \(c.toleranceMax)")
        }
        if c.volatilityWindow > 120 {
            throw r.semanticError("volatility_window", "expected at most 120 ticks, got \(c.volatilityWindow)")
        }
        try r.finish()
        var rng = RandomStream(seed: setup.seed, replicate: setup.replicate, population: key, purpose: "init")
        let share = setup.initialPoolShares / Double(c.count)
        let agents = (0..<c.count).map { _ in
            Agent(tolerance: rng.uniform(in: c.toleranceMin, c.toleranceMax), shares: share, withdrawnValue: 0)
        }
        return [LiquidityProviderPopulation(config: c, agents: agents)]
    }
}

public actor LiquidityProviderPopulation: Population {
    public nonisolated let kind = LiquidityProviders.key
    public nonisolated let shard = 0
    public nonisolated let count: Int
    let config: LiquidityProviders.Config
    public private(set) var agents: [LiquidityProviders.Agent]

    init(config: LiquidityProviders.Config, agents: [LiquidityProviders.Agent]) {
        self.config = config
        self.agents = agents
        self.count = agents.count
    }

    public func propose(_ s: Snapshot, population: Int32) -> [Proposal] {
        let vol = s.ammHistory.realizedVolatility(window: config.volatilityWindow)
        var out: [Proposal] = []
        for i in agents.indices {
            if let intent = LiquidityProviders.decide(agents[i], volatility: vol, config) {
                out.append(Proposal(population: population, agent: Int32(i), intent: intent))
            }
        }
        return out
    }

    public func settle(_ receipts: [AgentReceipt], snapshot: Snapshot) {
        for r in receipts where r.filled {
            let i = Int(r.agent)
            switch r.intent {
            case .removeLiquidity:
                agents[i].shares = 0
                agents[i].withdrawnValue = r.usdOut
            case .addLiquidity:
                agents[i].shares = r.amount
                agents[i].withdrawnValue = 0
            default: break
            }
        }
    }

    public func observe() -> PopulationObservation {
        PopulationObservation(active: agents.reduce(0) { $0 + ($1.inPool ? 1 : 0) }, total: count)
    }
}

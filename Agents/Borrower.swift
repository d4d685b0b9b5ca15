import ProtocolModel
import ScenarioSchema
import Stochastics

/// Borrowers: ETH-collateralised USD loans from the pool.
///
/// Passive borrowers (the reference model) never act. Active borrowers manage their
/// health factor with limited spare capital: below `trigger_hf` they top up collateral or
/// repay towards `target_hf`; once their capital is gone and HF falls below `panic_hf`
/// they deleverage by selling collateral into the AMM, which pushes the price down further.
public enum Borrowers: AgentKind {
    public static let key = "borrowers"

    public enum Behaviour: String, Sendable { case passive, active }

    public struct Config: Sendable, Equatable {
        public var count = 1_000
        public var weightLogSD = 1.0
        public var ltvMin = 0.50
        public var ltvMax = 0.75
        public var behaviour = Behaviour.passive
        public var triggerHF = 1.05
        public var targetHF = 1.25
        public var panicHF = 1.0
        /// Spare USD per borrower, as a fraction of its loan.
        public var capitalFraction = 0.1
        /// Fraction of the position's collateral sold per panic step.
        public var panicSellFraction = 0.25
        /// Defend with collateral top-ups instead of repayments.
        public var defendWithTopUps = false
        public init() {}
    }

    public struct Agent: Sendable, Equatable {
        public var capital: Double
    }

    /// The decision rule for one active borrower.
    public static func decide(position i: Int, agent: Agent, loans: LoanBook, price: Double, _ c: Config)
        -> AgentIntent?
    {
        guard c.behaviour == .active, i < loans.positions.count else { return nil }
        let p = loans.positions[i]
        guard p.debt > 0 else { return nil }
        let hf = loans.healthFactor(i, price: price)
        guard hf < c.triggerHF else { return nil }
        let lt = loans.parameters.liquidationThreshold
        if agent.capital > 0 && c.defendWithTopUps {
            // Adding collateral a moves HF to (c + a)·p·LT/d; the target needs a = target·d/(p·LT) − c.
            let needed = max(0, c.targetHF * p.debt / (price * lt) - p.collateral)
            let a = min(needed, agent.capital / price)
            return a > 0 ? .topUp(position: Int32(i), collateral: a) : nil
        }
        if agent.capital > 0 {
            // Repaying r moves HF to c·p·LT/(d − r); the repayment that reaches the target is d − c·p·LT/target.
            let needed = max(0, p.debt - p.collateral * price * lt / c.targetHF)
            let r = min(needed, agent.capital)
            return r > 0 ? .repay(position: Int32(i), amount: r) : nil
        }
        if hf < c.panicHF && p.collateral > 0 {
            return .deleverage(position: Int32(i), collateral: p.collateral * c.panicSellFraction)
        }
        return nil
    }

    public static func agentCount(_ c: Config) -> Int { c.count }

    public static func decode(_ r: ConfigReader) throws(ConfigError) -> Config {
        var c = Config()
        c.count = try r.count("count", default: c.count, atMost: 1_000_000, bytesEach: 96, noun: "borrowers")
        c.weightLogSD = try r.double("weight_log_sd", default: c.weightLogSD, .closed(1e-9, 5))
        c.ltvMin = try r.double("ltv_min", default: c.ltvMin, .unitOpen)
        c.ltvMax = try r.double("ltv_max", default: c.ltvMax, .unitOpen)
        c.behaviour =
            Behaviour(rawValue: try r.string("behaviour", default: "passive", oneOf: ["passive", "active"])) ?? .passive
        c.triggerHF = try r.double("trigger_hf", default: c.triggerHF, .positive)
        c.targetHF = try r.double("target_hf", default: c.targetHF, .positive)
        c.panicHF = try r.double("panic_hf", default: c.panicHF, .positive)
        c.capitalFraction = try r.double("capital_fraction", default: c.capitalFraction, .closed(0, 1e3))
        c.panicSellFraction = try r.double("panic_sell_fraction", default: c.panicSellFraction, .probability)
        c.defendWithTopUps = try r.string("defence", default: "repay", oneOf: ["repay", "top_up"]) == "top_up"
        if c.ltvMin > c.ltvMax {
            throw r.semanticError("ltv_min", "expected ltv_min <= ltv_max, got \(c.ltvMin) > \(c.ltvMax)")
        }
        try r.finish()
        guard (try? LogNormal(logMean: 0, logStandardDeviation: c.weightLogSD)) != nil else {
            throw r.semanticError("weight_log_sd", "expected a finite number > 0")
        }
        return c
    }

    public static func makePopulations(_ c: Config, setup: inout SetupContext) -> [any Population] {
        var rng = RandomStream(seed: setup.seed, replicate: setup.replicate, population: key, purpose: "init")
        // decode built this distribution from the same parameter, so this cannot fail.
        guard let weightsDist = try? LogNormal(logMean: 0, logStandardDeviation: c.weightLogSD) else {
            preconditionFailure("validated by decode")
        }
        let weights = weightsDist.sample(&rng, count: c.count)
        let totalWeight = weights.reduce(0, +)
        let lent = setup.loanFraction * setup.initialDeposits
        var agents: [Agent] = []
        for w in weights {
            let debt = totalWeight > 0 ? lent * w / totalWeight : 0
            let ltv = rng.uniform(in: c.ltvMin, c.ltvMax)
            setup.positions.append(CollateralPosition(collateral: debt / (ltv * setup.initialPrice), debt: debt))
            agents.append(Agent(capital: debt * c.capitalFraction))
        }
        return [BorrowerPopulation(config: c, agents: agents)]
    }
}

/// All borrowers in one actor: position i of the loan book is borrower i.
public actor BorrowerPopulation: Population {
    public nonisolated let kind = Borrowers.key
    public nonisolated let shard = 0
    public nonisolated let count: Int
    let config: Borrowers.Config
    var agents: [Borrowers.Agent]

    init(config: Borrowers.Config, agents: [Borrowers.Agent]) {
        self.config = config
        self.agents = agents
        self.count = agents.count
    }

    public func propose(_ s: Snapshot, population: Int32) -> [Proposal] {
        guard config.behaviour == .active else { return [] }
        var out: [Proposal] = []
        for i in agents.indices {
            if let intent = Borrowers.decide(
                position: i, agent: agents[i], loans: s.loans, price: s.lendingPrice, config)
            {
                out.append(Proposal(population: population, agent: Int32(i), intent: intent))
            }
        }
        return out
    }

    public func settle(_ receipts: [AgentReceipt], snapshot: Snapshot) {
        for r in receipts where r.filled {
            if case .repay = r.intent { agents[Int(r.agent)].capital -= r.amount }
            if case let .topUp(_, collateral) = r.intent {
                agents[Int(r.agent)].capital -= collateral * snapshot.lendingPrice
            }
        }
    }
}

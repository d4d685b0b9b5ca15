import Agents
import ProtocolModel
import ScenarioSchema

/// A decoded, validated scenario: everything one replicate needs, except the seed and replicate number.
public struct Scenario: Sendable {
    /// The AMM's opening reserves and fee.
    public struct AMM: Sendable, Equatable {
        public var reserveCollateral = 50_000.0
        public var reserveUSD = 100_000_000.0
        public var feeBps = 30.0
    }

    /// The lending pool's balance sheet and rules.
    public struct Lending: Sendable, Equatable {
        public var reserveFraction = 0.20
        public var insuranceFraction = 0.05
        public var loanFraction = 0.80
        public var liquidation = LiquidationParameters()
        public var withdrawals = WithdrawalPolicy.plain
        /// The price feed, or nil when the pool is its own oracle (the live AMM price).
        public var oracle: OracleSpec?
    }

    /// A push oracle fed by the external price: it publishes when the price moves by
    /// `deviation` or every `heartbeat` ticks, `delay` ticks late, and stops while frozen.
    public struct OracleSpec: Sendable, Equatable {
        public var deviation = 0.005
        public var heartbeat = 24
        public var delay = 0
    }

    /// Stress assumptions of the ALM metrics recorded every tick (`alm` section).
    public struct ALM: Sendable, Equatable {
        /// The fraction of on-demand deposits assumed to leave within the LCR's stress horizon.
        /// Basel III's run-off rate for less stable retail deposits is 10%.
        public var depositRunoff = 0.10
        /// The LCR's stress horizon in ticks: fixed-term items falling due within it count in full.
        /// 0: only what is due on demand (every item of the reference model).
        public var horizonTicks = 0
    }

    public var name: String
    public var ticks: Int
    public var seed: UInt64
    public var market: MarketModel
    public var amm: AMM
    public var lending: Lending
    /// Phase order: each entry is an agent kind's key.
    public var phases: [String]
    public var ordering: OrderingPolicy
    /// The `w` at which a run is declared (with ``RunDefinition/withdrawnFraction``).
    public var runThreshold: Double
    /// What the outcome's `run` records (`run_definition`).
    public var runDefinition: RunDefinition
    /// Each agent kind's decoded section, in ``/Agents/AgentRegistry`` order (the order populations are built).
    public var agentSections: [AgentSection]
    /// Stable hash of the scenario text after overrides.
    public var contentHash: String
    /// The file and overrides it came from.
    public var sourcePath: String
    public var overrides: [String]
    /// The ALM metrics' stress assumptions.
    public var alm = ALM()
    /// The tokens, extra pools and collateral reserves of a multi-asset world.
    public var world = WorldSpec()
    /// Interest and the discount curve; nil: no interest (the reference model).
    public var rates: Rates?
    /// Fixed-term deposits and loans open at tick 0; nil: none.
    public var fixedTerm: FixedTerm?
    /// The lending markets of `markets`, after the top-level one (market 0), in file order.
    public var otherMarkets: [LendingMarket] = []
    /// The LP sections of `pools` entries, each with its pool.
    public var poolSections: [PoolSection] = []

    /// An `lps` section inside a `pools` entry: the LPs of that Uniswap v2 pool.
    public struct PoolSection: Sendable {
        /// The pool's index in ``/ProtocolModel/ProtocolState/amms``.
        public var pool: Int
        /// The LP kind's decoded section.
        public var section: AgentSection
    }

    /// Every agent section: the top level's, the pools' and the further markets'.
    public var allAgentSections: [AgentSection] {
        agentSections + poolSections.map(\.section) + otherMarkets.flatMap(\.agentSections)
    }

    /// What counts as a run in a replicate's outcome.
    public enum RunDefinition: String, Sendable, Equatable, CaseIterable {
        /// The withdrawn fraction w reached `run_threshold` at the end of some tick (the reference model).
        case withdrawnFraction = "withdrawn_fraction"
        /// The liquid reserve was exhausted at the end of some tick: it fell to 10⁻⁹ · D₀ or below, or a
        /// withdrawal queue formed. This is the regime failure of the depositors' global game: with the
        /// reserve at θ · D₀, it happens exactly when the fraction of deposits withdrawn reaches θ.
        case reserveExhausted = "reserve_exhausted"
    }

    /// Agents counted per tick, summed over kinds and markets.
    public var agentCount: Int { allAgentSections.reduce(0) { $0 + $1.agentCount } }

    /// The number of lending markets (the top-level one and those of `markets`).
    public var marketCount: Int { 1 + otherMarkets.count }
}

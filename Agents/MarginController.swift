import ProtocolModel
import ScenarioSchema

/// The volatility-indexed margin engine: one governance agent that moves the collateral reserve's
/// liquidation threshold and LTV with a volatility index.
///
/// Every tick it folds the collateral's external price into a RiskMetrics EWMA of realised volatility σ
/// (per √year), aims the liquidation threshold at `LT* = clamp(base − k·(σ − σ_ref), min, max)`, and moves
/// the threshold towards it by at most `max_step`, keeping `LTV = max(0, LT − gap)`. It acts only through
/// ``/ProtocolModel/IntentAction/govern(_:)`` intents
/// (``/ProtocolModel/GovernanceOperation/setCollateralRisk(reserve:ltv:liquidationThreshold:)``), so
/// borrowers meet the new threshold through their own health factors: active ones defend below their
/// trigger, passive ones are liquidated. The ceiling is also held below 1/(1 + liquidation bonus), which
/// the pool requires.
public enum MarginController: AgentKind {
    public static let key = "margins"

    /// The section's parameters, decoded once.
    public struct Config: Sendable, Equatable {
        /// EWMA decay λ of the volatility index.
        public var lambda = 0.94
        /// The index's value (per √year) before the first return.
        public var initialVolatility = 0.6
        /// σ_ref: the volatility at which the threshold sits at its base.
        public var referenceVolatility = 0.6
        /// k: the threshold's fall per unit of σ above σ_ref.
        public var sensitivity = 0.1
        /// The threshold at σ_ref; nil: the reserve's threshold at tick 0.
        public var baseThreshold: Double?
        /// The threshold's lower governance bound.
        public var minThreshold = 0.5
        /// The threshold's upper governance bound.
        public var maxThreshold = 0.95
        /// The most the threshold may move in one tick.
        public var maxStep = 0.01
        /// LTV is kept this far below the threshold; nil: the gap at tick 0.
        public var ltvGap: Double?
        /// Changes smaller than this are not made.
        public var tolerance = 0.0005
        public init() {}
    }

    public static func agentCount(_ c: Config) -> Int { 1 }

    public static func decode(_ r: ConfigReader) throws(ConfigError) -> Config {
        var c = Config()
        c.lambda = try r.double("ewma_lambda", default: c.lambda, .closed(0, 0.9999))
        c.initialVolatility = try r.double("initial_volatility", default: c.initialVolatility, .closed(1e-4, 20))
        c.referenceVolatility = try r.double("reference_volatility", default: c.referenceVolatility, .closed(0, 20))
        c.sensitivity = try r.double("sensitivity", default: c.sensitivity, .closed(0, 10))
        c.minThreshold = try r.double("min_threshold", default: c.minThreshold, .closed(0.01, 1))
        c.maxThreshold = try r.double("max_threshold", default: c.maxThreshold, .closed(0.01, 1))
        if c.maxThreshold < c.minThreshold {
            throw r.semanticError(
                "max_threshold",
                "expected max_threshold ≥ min_threshold (\(ValueRange.describe(c.minThreshold))), "
                    + "got \(ValueRange.describe(c.maxThreshold))")
        }
        if r.node("base_threshold") != nil {
            let base = try r.double("base_threshold", .closed(c.minThreshold, c.maxThreshold))
            c.baseThreshold = base
        }
        c.maxStep = try r.double("max_step", default: c.maxStep, .closed(0, 1))
        if r.node("ltv_gap") != nil { c.ltvGap = try r.double("ltv_gap", .probability) }
        c.tolerance = try r.double("tolerance", default: c.tolerance, .closed(0, 1))
        try r.finish()
        return c
    }

    public static func makePopulations(_ c: Config, setup: inout SetupContext) -> [any Population] {
        let account = setup.allocateAccounts(1)
        setup.governors.append(account)
        // The config was validated when it was decoded, so this cannot fail.
        let vol =
            (try? EWMAVolatility(
                lambda: c.lambda, initialVolatility: c.initialVolatility, ticksPerYear: setup.ticksPerYear))
        guard let vol else { return [] }
        return [MarginPopulation(config: c, account: account, volatility: vol)]
    }
}

/// The margin engine's one agent (see ``MarginController``).
public actor MarginPopulation: PolicyReporter {
    public nonisolated let kind = MarginController.key
    public nonisolated let shard = 0
    public nonisolated let count = 1
    public nonisolated let policyColumns = ["margin_volatility", "margin_target_threshold"]
    let config: MarginController.Config
    let account: Int
    var volatility: EWMAVolatility
    /// The threshold at σ_ref and the LTV gap, fixed at the first tick.
    var base: Double?
    var gap = 0.0
    var target = Double.nan

    init(config: MarginController.Config, account: Int, volatility: EWMAVolatility) {
        self.config = config
        self.account = account
        self.volatility = volatility
    }

    public func propose(_ s: Snapshot, population: Int32) -> [Proposal] {
        volatility.observe(s.externalPrice)
        let r = s.layout.collateralReserve
        let current = s.state.lending.configs[r]
        let lt = current.liquidation.liquidationThreshold
        if base == nil {
            base = config.baseThreshold ?? lt
            gap = config.ltvGap ?? max(0, lt - current.ltv)
        }
        let ceiling = min(config.maxThreshold, 1 / (1 + current.liquidation.liquidationBonus))
        let aim = (base ?? lt) - config.sensitivity * (volatility.annualised - config.referenceVolatility)
        target = max(config.minThreshold, min(ceiling, aim))
        let next = lt + max(-config.maxStep, min(config.maxStep, target - lt))
        guard abs(next - lt) > config.tolerance else { return [] }
        let op = GovernanceOperation.setCollateralRisk(
            reserve: r, ltv: max(0, min(next, next - gap)), liquidationThreshold: next)
        return [Proposal(population: population, agent: 0, intent: Intent(account: account, action: .govern(op)))]
    }

    public func policyValues() -> [Double] { [volatility.annualised, target.isNaN ? 0 : target] }
}

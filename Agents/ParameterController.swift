import ProtocolModel
import ScenarioSchema

/// Self-healing parameters: one governance agent running a PI controller (``PIController``) on the first
/// market's USD utilisation, whose output is a reserve parameter: the withdrawal fee
/// (``/ProtocolModel/WithdrawalPolicy/feeFraction``) or the rate model's slope above the kink.
///
/// Every tick it measures the utilisation at the start of its phase, steps the controller, and, when the
/// output moved by more than `tolerance`, sets the parameter through a
/// ``/ProtocolModel/IntentAction/govern(_:)`` intent. The output stays within the governance bounds
/// `[min, max]` and moves at most `max_step` a tick. The gains are checked when the scenario is decoded
/// against the stable region of the nominal loop with plant gain `plant_gain` (the utilisation's fall per
/// unit of the parameter): gains outside it are refused.
public enum ParameterController: AgentKind {
    public static let key = "controller"

    /// The parameter the controller sets.
    public enum Actuator: String, Sendable, CaseIterable {
        /// The USD reserve's withdrawal fee (a fraction).
        case withdrawalFee = "withdrawal_fee"
        /// The USD reserve's borrow slope above the kink, per year (jump-rate: `jumpMultiplier`; Comet: the
        /// borrow curve's `slopeHigh`).
        case jumpSlope = "jump_slope"
    }

    /// The section's parameters, decoded once.
    public struct Config: Sendable, Equatable {
        /// The parameter set.
        public var actuator = Actuator.withdrawalFee
        /// The utilisation the controller aims at.
        public var target = 0.8
        /// Proportional gain.
        public var kp = 0.5
        /// Integral gain.
        public var ki = 0.1
        /// The nominal plant gain the gains were checked against.
        public var plantGain = 1.0
        /// The parameter's lower governance bound.
        public var lower = 0.0
        /// The parameter's upper governance bound.
        public var upper = 0.05
        /// The most the parameter may move in one tick.
        public var maxStep = 0.005
        /// The parameter at zero error; nil: its value at tick 0.
        public var bias: Double?
        /// Output moves smaller than this are not made.
        public var tolerance = 1e-5
        public init() {}
    }

    public static func agentCount(_ c: Config) -> Int { 1 }

    public static func decode(_ r: ConfigReader) throws(ConfigError) -> Config {
        var c = Config()
        let actuator = try r.string("actuator", default: c.actuator.rawValue, oneOf: Actuator.allCases.map(\.rawValue))
        c.actuator = Actuator(rawValue: actuator) ?? .withdrawalFee
        _ = try r.string("metric", default: "utilisation", oneOf: ["utilisation"])
        c.target = try r.double("target", default: c.target, .unitOpen)
        let ceiling = c.actuator == .withdrawalFee ? 0.99 : 1e3
        c.lower = try r.double("min", default: c.lower, .closed(0, ceiling))
        c.upper = try r.double("max", default: c.actuator == .withdrawalFee ? c.upper : 5, .closed(0, ceiling))
        if c.upper < c.lower {
            throw r.semanticError(
                "max", "expected max ≥ min (\(ValueRange.describe(c.lower))), got \(ValueRange.describe(c.upper))")
        }
        c.maxStep = try r.double("max_step", default: c.maxStep, .closed(0, ceiling))
        if r.node("bias") != nil { c.bias = try r.double("bias", .closed(c.lower, c.upper)) }
        c.plantGain = try r.double("plant_gain", default: c.plantGain, .open(0, 1e6))
        c.kp = try r.double("kp", default: c.kp, .closed(0, 1e6))
        c.ki = try r.double("ki", default: c.ki, .closed(0, 1e6))
        if !PIController.isStable(kp: c.kp, ki: c.ki, plantGain: c.plantGain) {
            let g = ValueRange.describe(c.plantGain)
            throw r.semanticError(
                abs(c.plantGain * c.kp) >= 1 ? "kp" : "ki",
                "expected gains in the stable region of the nominal loop (g·ki > 0, |g·kp| < 1, g·(2·kp + ki) < 2 "
                    + "with g = plant_gain = \(g)), got kp = \(ValueRange.describe(c.kp)), "
                    + "ki = \(ValueRange.describe(c.ki))")
        }
        c.tolerance = try r.double("tolerance", default: c.tolerance, .closed(0, 1))
        try r.finish()
        return c
    }

    public static func makePopulations(_ c: Config, setup: inout SetupContext) -> [any Population] {
        let account = setup.allocateAccounts(1)
        setup.governors.append(account)
        return [ControllerPopulation(config: c, account: account, ticksPerYear: setup.ticksPerYear)]
    }
}

/// The self-healing controller's one agent (see ``ParameterController``).
public actor ControllerPopulation: PolicyReporter {
    public nonisolated let kind = ParameterController.key
    public nonisolated let shard = 0
    public nonisolated let count = 1
    public nonisolated let policyColumns = ["controller_utilisation", "controller_error", "controller_output"]
    let config: ParameterController.Config
    let account: Int
    let ticksPerYear: Double
    var controller: PIController?
    var measured = 0.0

    init(config: ParameterController.Config, account: Int, ticksPerYear: Double) {
        self.config = config
        self.account = account
        self.ticksPerYear = ticksPerYear
    }

    public func propose(_ s: Snapshot, population: Int32) -> [Proposal] {
        let r = s.layout.depositReserve
        let reserve = s.state.lending.configs[r]
        let current = value(reserve)
        var pi =
            controller
            ?? PIController(
                setpoint: config.target, kp: config.kp, ki: config.ki, bias: config.bias ?? current,
                lower: config.lower, upper: config.upper, maxStep: config.maxStep)
        measured = s.state.lending.reserves[r].utilisation
        let out = pi.step(measured)
        controller = pi
        guard abs(out - current) > config.tolerance else { return [] }
        let op: GovernanceOperation
        switch (config.actuator, reserve.rateModel) {
        case (.withdrawalFee, _): op = .setWithdrawalFee(reserve: r, fee: out)
        case (.jumpSlope, .jumpRate(var m)):
            m.jumpMultiplier = out / ticksPerYear
            op = .setRateModel(reserve: r, model: .jumpRate(m))
        case (.jumpSlope, .comet(var m)):
            m.borrow.slopeHigh = out / ticksPerYear
            op = .setRateModel(reserve: r, model: .comet(m))
        }
        return [Proposal(population: population, agent: 0, intent: Intent(account: account, action: .govern(op)))]
    }

    /// The parameter's value in the controller's units.
    func value(_ c: ReserveConfig) -> Double {
        switch (config.actuator, c.rateModel) {
        case (.withdrawalFee, _): c.withdrawals.feeFraction
        case let (.jumpSlope, .jumpRate(m)): m.jumpMultiplier * ticksPerYear
        case let (.jumpSlope, .comet(m)): m.borrow.slopeHigh * ticksPerYear
        }
    }

    public func policyValues() -> [Double] {
        [measured, measured - config.target, controller?.output ?? 0]
    }
}

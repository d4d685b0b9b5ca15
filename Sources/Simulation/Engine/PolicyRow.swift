import Agents
import ProtocolModel

/// One row of `policies.csv`, written when a population runs a policy (a ``/Agents/PolicyReporter``):
/// the reserve parameters that policies may set, as they stand at the end of the tick, then each policy's
/// own signals.
public struct PolicyRow: Sendable, Equatable {
    /// The tick.
    public var tick: Int
    /// The parameters' values, in ``parameterColumns`` order, then the reporters' values.
    public var values: [Double]

    /// The first market's collateral LTV and liquidation threshold, its USD reserve's withdrawal fee, and
    /// that reserve's borrow curve (kink, slope below and above it, per year).
    public static let parameterColumns = [
        "ltv", "liquidation_threshold", "withdrawal_fee", "kink", "slope_per_year", "jump_slope_per_year",
    ]

    /// The CSV header for reporters with columns `reporterColumns`.
    public static func csvHeader(_ reporterColumns: [String]) -> String {
        (["tick"] + parameterColumns + reporterColumns).joined(separator: ",")
    }

    /// The row as a CSV line (no newline).
    public var csvLine: String { "\(tick)," + values.map { "\($0)" }.joined(separator: ",") }

    /// The row of `world` at the end of its tick, with `reporters`' values appended.
    static func row(_ world: WorldState, reporters: [any PolicyReporter], ticksPerYear: Double) async -> PolicyRow {
        let l = world.state.lending
        let c = l.configs[world.layout.collateralReserve]
        let d = l.configs[world.layout.depositReserve]
        let curve: (kink: Double, low: Double, high: Double)
        switch d.rateModel {
        case let .jumpRate(m): curve = (m.kink, m.multiplier, m.jumpMultiplier)
        case let .comet(m): curve = (m.borrow.kink, m.borrow.slopeLow, m.borrow.slopeHigh)
        }
        var values = [
            c.ltv, c.liquidation.liquidationThreshold, d.withdrawals.feeFraction, curve.kink,
            curve.low * ticksPerYear, curve.high * ticksPerYear,
        ]
        for r in reporters { values += await r.policyValues() }
        return PolicyRow(tick: world.tick, values: values)
    }

    /// The first non-finite value's column, with its value.
    func firstNonFinite(_ reporterColumns: [String]) -> (column: String, value: Double)? {
        let names = Self.parameterColumns + reporterColumns
        for (k, v) in values.enumerated() where !v.isFinite {
            return ("policies." + (k < names.count ? names[k] : String(k)), v)
        }
        return nil
    }
}

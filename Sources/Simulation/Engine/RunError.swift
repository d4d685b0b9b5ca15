import ProtocolModel
import ScenarioSchema

/// Why a replicate produced no result.
public enum RunError: Error, CustomStringConvertible, Sendable {
    /// The scenario could not be built (only reachable for a scenario that skipped `Scenario.load`).
    case invalidScenario(ConfigError)
    /// A recorded value was NaN or infinite: the model left the range where its numbers mean anything.
    /// A run with such a value is a failed run, never a result file.
    case nonFinite(tick: Int, column: String, value: Double)
    /// The protocol could not settle its own books (a fixed-term roll-off or a metric over them failed).
    case protocolFailure(tick: Int, ProtocolError)

    public var description: String {
        switch self {
        case let .protocolFailure(tick, error):
            return "the protocol's books could not be settled at tick \(tick): \(error)"
        case let .invalidScenario(error):
            return error.description
        case let .nonFinite(tick, column, value):
            return "the run produced a non-finite value (\(value)) in column \(column) at tick \(tick); "
                + "the scenario's numbers are outside the range the model can represent"
        }
    }
}

extension SeriesRow {
    /// The first column (in CSV order) whose value is NaN or infinite, with that value.
    func firstNonFinite() -> (column: String, value: Double)? {
        let values = [
            externalPrice, ammPrice, reserveUSD, queueUSD, withdrawnFraction, theta, liquidatedUSD,
            badDebtUSD, lpShareInPool, liquidityCoverage, utilisation, durationGap, equityValue,
            equityChangeUp100bp, maturityGap, borrowRate, supplyRate,
        ]
        let names = Self.csvHeader.split(separator: ",").dropFirst()
        for (name, value) in zip(names, values) where !value.isFinite { return (String(name), value) }
        return nil
    }
}

extension Outcome {
    /// The first numeric outcome field that is NaN or infinite, by its JSON name.
    func firstNonFinite() -> (field: String, value: Double)? {
        let fields: [(String, Double)] = [
            ("bad_debt_usd", badDebtUSD), ("liquidated_usd", liquidatedUSD), ("min_amm_price", minAMMPrice),
            ("min_ext_price", minExternalPrice), ("final_queue_usd", finalQueueUSD),
            ("final_withdrawn_fraction", finalWithdrawnFraction), ("lp_exit_fraction_max", lpExitFractionMax),
            ("worst_theta", worstTheta), ("worst_reserve_usd", worstReserveUSD), ("worst_queue_usd", worstQueueUSD),
            ("min_lcr", minLiquidityCoverage), ("max_utilisation", maxUtilisation), ("min_eve", minEquityValue),
            ("max_duration_gap", maxDurationGap),
        ]
        if let bad = fields.first(where: { !$0.1.isFinite }) { return bad }
        for m in markets ?? [] {
            if let bad = m.firstNonFinite() { return ("markets.\(m.name).\(bad.field)", bad.value) }
        }
        if let bad = stabilityPool?.firstNonFinite() { return ("stability_pool." + bad.field, bad.value) }
        return nil
    }
}

import Foundation
import Simulation

/// The short human summary printed after a run.
enum Summary {
    static func text(
        _ o: Outcome, scenario: Scenario, seed: UInt64, replicate: UInt64, elapsed: Duration, out: String,
        assets: Bool = false
    ) -> String {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let rate = seconds > 0 ? Double(o.agentSteps) / seconds / 1e6 : 0
        func usd(_ x: Double) -> String { String(format: "%.0f", x) }
        return """
            \(scenario.name): seed \(seed), replicate \(replicate), \(scenario.ticks) ticks, \(scenario.agentCount) agents
              run:                \(o.run ? "YES at tick \(o.runTick ?? -1)" : "no") (final withdrawn fraction \(String(format: "%.3f", o.finalWithdrawnFraction)))
              liquidated:         \(usd(o.liquidatedUSD)) USD
              bad debt:           \(usd(o.badDebtUSD)) USD
              final queue:        \(usd(o.finalQueueUSD)) USD
              min AMM price:      \(String(format: "%.2f", o.minAMMPrice)) (external \(String(format: "%.2f", o.minExternalPrice)))
              max LP exit:        \(String(format: "%.0f", o.lpExitFractionMax * 100))% of LPs
              worst solvency:     theta \(String(format: "%.4f", o.worstTheta)) at tick \(o.worstTick)
              speed:              \(String(format: "%.2f", seconds)) s, \(String(format: "%.1f", rate)) M agent-steps/s
              written to:         \(out)/series.csv, outcome.json, manifest.json\(assets ? ", assets.csv" : "")
            """
    }
}

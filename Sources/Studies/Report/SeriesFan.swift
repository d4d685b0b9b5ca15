import Foundation
import Simulation
import Stochastics

/// Per-tick quantiles of one series column across replicates: the data of a fan chart.
public struct SeriesFan: Sendable {
    /// Columns a fan can be drawn for, with their axis labels.
    public static let columns: [String: String] = [
        "p_ext": "external price (USD)", "p_amm": "AMM price (USD)", "reserve_usd": "liquid reserve (USD)",
        "queue_usd": "withdrawal queue (USD)", "withdrawn_fraction": "withdrawn fraction of D0",
        "theta": "solvency margin θ", "liquidated_usd": "cumulative liquidations (USD)",
        "bad_debt_usd": "cumulative bad debt (USD)", "lp_share_in_pool": "LP share in pool",
    ]

    public var column: String
    public var ticks: [Double]
    public var median: [Double]
    /// (label, lower, upper), widest first.
    public var bands: [(label: String, lower: [Double], upper: [Double])]

    /// Runs `replicates` replicates (at most `workers` at once) and summarises `column` per tick.
    public static func compute(scenario: Scenario, column: String, replicates: Int, seed: UInt64, workers: Int)
        async throws -> SeriesFan
    {
        let pick = try accessor(column)
        var paths = [[Double]](repeating: [], count: replicates)
        try await withThrowingTaskGroup(of: (Int, [Double]).self) { group in
            var next = 0
            func launch() {
                let r = next
                next += 1
                group.addTask {
                    let result = try await Engine(scenario: scenario).run(seed: seed, replicate: UInt64(r))
                    return (r, result.series.map(pick))
                }
            }
            while next < replicates && next < max(1, workers) { launch() }
            while let (r, path) = try await group.next() {
                paths[r] = path
                if next < replicates { launch() }
            }
        }
        var median: [Double] = []
        var q05: [Double] = []
        var q25: [Double] = []
        var q75: [Double] = []
        var q95: [Double] = []
        for t in 0..<scenario.ticks {
            let xs = paths.map { $0[t] }.filter(\.isFinite)
            let q = (try? Summary.quantiles(xs, [0.05, 0.25, 0.5, 0.75, 0.95])) ?? [Double](repeating: .nan, count: 5)
            q05.append(q[0])
            q25.append(q[1])
            median.append(q[2])
            q75.append(q[3])
            q95.append(q[4])
        }
        return SeriesFan(
            column: column, ticks: (0..<scenario.ticks).map(Double.init), median: median,
            bands: [("5–95%", q05, q95), ("25–75%", q25, q75)])
    }

    static func accessor(_ column: String) throws -> @Sendable (SeriesRow) -> Double {
        switch column {
        case "p_ext": return { $0.externalPrice }
        case "p_amm": return { $0.ammPrice }
        case "reserve_usd": return { $0.reserveUSD }
        case "queue_usd": return { $0.queueUSD }
        case "withdrawn_fraction": return { $0.withdrawnFraction }
        case "theta": return { $0.theta }
        case "liquidated_usd": return { $0.liquidatedUSD }
        case "bad_debt_usd": return { $0.badDebtUSD }
        case "lp_share_in_pool": return { $0.lpShareInPool }
        default:
            throw PlotError.invalidName(
                "unknown series column '\(column)'; expected one of "
                    + columns.keys.sorted().joined(separator: ", "))
        }
    }

    /// Draws the fan into `directory`.
    public func draw(title: String, in directory: URL) throws -> PlotOutput {
        try Figures.fan(
            ticks: ticks, median: median, bands: bands,
            text: FigureText(
                title: title, xLabel: "tick (hours)", yLabel: Self.columns[column] ?? column,
                bandLabel: "quantiles across replicates"),
            in: directory, name: "fan-\(column)")
    }
}

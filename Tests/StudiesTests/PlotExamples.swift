import Foundation
import Stochastics

@testable import Studies

/// Deterministic, made-up inputs shaped like real study output, for the rendering tests and examples.
enum PlotExamples {
    static let trials = 200

    /// P(run) rising with shock size, later for larger buffers; Wilson intervals over 200 replicates.
    static var curves: [BandedCurve] {
        let shocks = stride(from: 0.0, through: 60.0, by: 5.0).map { $0 }
        return [0.05, 0.1, 0.2].map { reserve in
            var y: [Double] = []
            var lower: [Double] = []
            var upper: [Double] = []
            for shock in shocks {
                let p = 1 / (1 + exp(-(shock - 15 - 120 * reserve) / 4))
                let interval = try! ProportionInterval.wilson(
                    successes: Int((p * Double(trials)).rounded()), trials: trials)
                y.append(interval.estimate)
                lower.append(interval.lower)
                upper.append(interval.upper)
            }
            return BandedCurve(label: "reserve_fraction = \(reserve)", x: shocks, y: y, lower: lower, upper: upper)
        }
    }

    static let curvesText = FigureText(
        title: "Bank-run probability vs price shock (200 replicates per point)",
        xLabel: "shock size (% ETH price drop)", yLabel: "P(run)",
        bandLabel: "95% Wilson CI")

    static var heatmap: (x: [Double], y: [Double], values: [[Double]]) {
        let shocks = [10.0, 20, 30, 40, 50, 60]
        let reserves = [0.02, 0.05, 0.1, 0.15, 0.2, 0.3]
        let values = reserves.map { reserve in
            shocks.map { shock in 1 / (1 + exp(-(shock - 15 - 120 * reserve) / 5)) }
        }
        return (shocks, reserves, values)
    }

    static let heatmapText = FigureText(
        title: "P(run) by shock size and liquidity buffer",
        xLabel: "shock size (% ETH price drop)", yLabel: "reserve_fraction (of deposits)",
        bandLabel: "")

    static var fan: (ticks: [Double], median: [Double], bands: [(label: String, lower: [Double], upper: [Double])]) {
        let ticks = (0...240).map(Double.init)
        let median = ticks.map { 2000 * (1 - 0.3 / (1 + exp(-($0 - 80) / 10))) }
        let spread = ticks.map { 60 * sqrt($0 / 24) }
        return (
            ticks, median,
            [
                (
                    label: "5–95% of replicates", lower: zip(median, spread).map { $0 - 1.645 * $1 },
                    upper: zip(median, spread).map { $0 + 1.645 * $1 }
                ),
                (
                    label: "25–75% of replicates", lower: zip(median, spread).map { $0 - 0.674 * $1 },
                    upper: zip(median, spread).map { $0 + 0.674 * $1 }
                ),
            ]
        )
    }

    static let fanText = FigureText(
        title: "AMM price across replicates: 30% shock at tick 72",
        xLabel: "tick (hours)", yLabel: "AMM price (USD per ETH)", bandLabel: "")

    /// A `series.csv` with a crash at tick 72 and a run afterwards; BALLAST_PLOT_EXAMPLES_SERIES may name a real one.
    static func writeSeries(in directory: URL) throws -> URL {
        if let real = ProcessInfo.processInfo.environment["BALLAST_PLOT_EXAMPLES_SERIES"] {
            return URL(fileURLWithPath: real)
        }
        var lines = [
            "tick,p_ext,p_amm,reserve_usd,queue_usd,withdrawn_fraction,theta,liquidated_usd,bad_debt_usd,lp_share_in_pool"
        ]
        for tick in 0...200 {
            let t = Double(tick)
            let crash = 1 / (1 + exp(-(t - 72) / 3))
            let external = 2000 * (1 - 0.3 * crash)
            let amm = 2000 * (1 - 0.3 * 1 / (1 + exp(-(t - 76) / 4)))
            let withdrawn = 0.6 / (1 + exp(-(t - 90) / 8))
            let theta = 0.05 - 0.08 * crash
            let liquidated = 40e6 * crash
            let badDebt = 3e6 / (1 + exp(-(t - 85) / 4))
            let lpShare = 1 - 0.5 / (1 + exp(-(t - 80) / 6))
            lines.append(
                "\(tick),\(external),\(amm),3.3e7,0.0,\(withdrawn),\(theta),\(liquidated),\(badDebt),\(lpShare)")
        }
        let csv = directory.appendingPathComponent("series.csv")
        try (lines.joined(separator: "\n") + "\n").write(to: csv, atomically: true, encoding: .utf8)
        return csv
    }
}

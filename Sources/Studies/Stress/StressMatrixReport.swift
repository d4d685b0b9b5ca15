import Foundation
import Stochastics

/// The stress matrix's estimates, as the committee reads them: `stress-matrix.csv`, a terminal table
/// and heatmaps of P(run) and P(insolvency) with their intervals.
public struct StressMatrixReport: Sendable {
    /// The matrix.
    public var matrix: StressMatrix
    /// One estimate per cell, in ``StressMatrix/cells`` order.
    public var estimates: [StressCellEstimate]

    /// Estimates every cell from the store.
    public init(matrix: StressMatrix, store: ResultStore, confidence: Double, seed: UInt64) throws {
        self.matrix = matrix
        var estimates: [StressCellEstimate] = []
        for i in matrix.cells.indices {
            estimates.append(
                try StressCellEstimate.make(
                    outcomes: try store.outcomes(point: i), cell: i, confidence: confidence, seed: seed))
        }
        self.estimates = estimates
    }

    /// One row per cell: `stress,policy`, then ``StressCellEstimate/csvColumns``.
    public var csv: String {
        var lines = [(["stress", "policy"] + StressCellEstimate.csvColumns).joined(separator: ",")]
        for (i, cell) in matrix.cells.enumerated() {
            let values = estimates[i].csvValues.map { GnuplotNumber.text($0) }
            lines.append(
                ([matrix.stresses[cell.stress], matrix.policies[cell.policy]] + values).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A fixed-width table: one line per cell with each figure and its interval.
    public var table: String {
        // The treasury's columns only when some cell ran a treasury with a menu.
        let yield = estimates.contains { !$0.yieldGivenUp.value.isNaN }
        let header =
            ["stress", "policy", "P(run)", "P(insolvency)", "bad-debt VaR95 (USD)", "worst LCR"]
            + (yield ? ["yield given up (USD)", "invested share"] : [])
        var rows: [[String]] = []
        for (i, cell) in matrix.cells.enumerated() {
            let e = estimates[i]
            rows.append(
                [
                    matrix.stresses[cell.stress], matrix.policies[cell.policy],
                    Self.proportion(e.runProbability), Self.proportion(e.insolvencyProbability),
                    Self.money(e.badDebtVaR95), Self.ratio(e.worstLCR),
                ] + (yield ? [Self.money(e.yieldGivenUp), Self.ratio(e.investedShare)] : []))
        }
        let widths = header.indices.map { c in ([header[c]] + rows.map { $0[c] }).map(\.count).max() ?? 0 }
        func line(_ fields: [String]) -> String {
            zip(fields, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n")
    }

    static func proportion(_ p: ProportionInterval) -> String {
        String(format: "%.2f [%.2f, %.2f]", p.estimate, p.lower, p.upper)
    }

    static func money(_ e: Estimate) -> String {
        "\(short(e.value)) [\(short(e.lower)), \(short(e.upper))]"
    }

    static func ratio(_ e: Estimate) -> String {
        String(format: "%.2f [%.2f, %.2f]", e.value, e.lower, e.upper)
    }

    /// 0, 812k, 3.2M.
    static func short(_ x: Double) -> String {
        guard x.isFinite else { return "nan" }
        let a = abs(x)
        if a >= 1e9 { return String(format: "%.1fB", x / 1e9) }
        if a >= 1e6 { return String(format: "%.1fM", x / 1e6) }
        if a >= 1e3 { return String(format: "%.0fk", x / 1e3) }
        return String(format: "%.0f", x)
    }

    /// Writes `stress-matrix.csv` (atomically) and the heatmaps in `figures/`; returns what was written,
    /// as paths relative to `directory`.
    public func write(to directory: URL) throws -> [String] {
        let csvURL = directory.appendingPathComponent("stress-matrix.csv")
        try AtomicFile.write(csv, to: csvURL)
        var written = ["table: stress-matrix.csv"]
        let figures = directory.appendingPathComponent("figures")
        for (name, title, pick) in [
            ("p-run", "P(run)", { (e: StressCellEstimate) in e.runProbability }),
            ("p-insolvency", "P(insolvency)", { (e: StressCellEstimate) in e.insolvencyProbability }),
        ] {
            let out = try Figures.stressMatrix(
                rows: matrix.stresses, columns: matrix.policies,
                cells: matrix.cells.indices.map { i in
                    let p = pick(estimates[i])
                    return (matrix.cells[i].stress, matrix.cells[i].policy, p.estimate, p.lower, p.upper)
                },
                title: "\(title) by stress and policy, with 95% Wilson intervals", colorLabel: title,
                in: figures, name: "stress-matrix-\(name)")
            written.append("figure: figures/\((out.png ?? out.script).lastPathComponent)")
        }
        return written
    }
}

/// Shortest round-trip number text for CSV files (`nan` for NaN).
enum GnuplotNumber {
    static func text(_ x: Double) -> String {
        guard x.isFinite else { return "nan" }
        return x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : "\(x)"
    }
}

import Foundation
import Simulation

/// Turns a study's stored outcomes into estimates, a CSV and a short table.
public struct StudyReport: Sendable {
    public var manifest: StudyManifest
    public var estimates: [PointEstimate]
    public var confidence: Double

    /// Estimates for every point, from the store's outcomes in replicate order.
    public init(store: ResultStore, confidence: Double = 0.95) throws {
        manifest = store.manifest
        self.confidence = confidence
        var out: [PointEstimate] = []
        for p in try store.points() {
            let outcomes = try store.outcomes(point: p.index)
            guard !outcomes.isEmpty else { continue }
            out.append(try PointEstimate.make(point: p, outcomes: outcomes, confidence: confidence, seed: manifest.seed))
        }
        estimates = out
    }

    /// One row per point: the parameters, then ``PointEstimate/csvColumns``.
    public var csv: String {
        var text = (manifest.parameterNames + PointEstimate.csvColumns).joined(separator: ",") + "\n"
        for e in estimates { text += e.csvValues.map { "\($0)" }.joined(separator: ",") + "\n" }
        return text
    }

    /// Writes `estimates.csv` and `replicates.csv` (tidy) into `directory`, atomically.
    public func write(to directory: URL, store: ResultStore) throws {
        try AtomicFile.write(csv, to: directory.appendingPathComponent("estimates.csv"))
        try store.exportTidyCSV(to: directory.appendingPathComponent("replicates.csv"))
    }

    /// Outcomes a study can report, and those it reports by default.
    public static let knownOutcomes = ["run", "bad_debt_usd", "liquidated_usd", "min_amm_price", "run_tick"]
    public static let defaultOutcomes = ["run", "bad_debt_usd"]

    /// A fixed-width table for the terminal, one column group per outcome.
    public func table(outcomes: [String] = defaultOutcomes) -> String {
        let pct = Int((confidence * 100).rounded())
        var header = manifest.parameterNames + ["n"]
        for o in outcomes {
            switch o {
            case "run": header += ["P(run)", "\(pct)% Wilson CI"]
            case "bad_debt_usd": header += ["bad debt mean", "bad debt p95"]
            case "liquidated_usd": header += ["liquidated mean", "liquidated p95"]
            case "min_amm_price": header += ["min AMM price"]
            case "run_tick": header += ["run tick median"]
            default: break
            }
        }
        let width = 16
        func cell(_ s: String) -> String { s.padding(toLength: max(width, s.count + 1), withPad: " ", startingAt: 0) }
        var lines = [header.map(cell).joined()]
        for e in estimates {
            var cols = e.point.values.map { String(format: "%g", $0) } + ["\(e.replicates)"]
            for o in outcomes {
                switch o {
                case "run":
                    cols += [String(format: "%.3f", e.runProbability.estimate),
                             String(format: "[%.3f, %.3f]", e.runProbability.lower, e.runProbability.upper)]
                case "bad_debt_usd": cols += [String(format: "%.3g", e.meanBadDebt.value), String(format: "%.3g", e.badDebtAtRisk95.value)]
                case "liquidated_usd":
                    cols += [String(format: "%.3g", e.meanLiquidated.value), String(format: "%.3g", e.liquidationsAtRisk95.value)]
                case "min_amm_price": cols += [String(format: "%.1f", e.meanMinAMMPrice.value)]
                case "run_tick": cols += [e.runTickQuartiles[1].isNaN ? "-" : String(format: "%.0f", e.runTickQuartiles[1])]
                default: break
                }
            }
            lines.append(cols.map(cell).joined())
        }
        return lines.joined(separator: "\n")
    }
}

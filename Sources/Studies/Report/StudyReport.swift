import Foundation
import Simulation
import Stochastics

/// Turns a study's stored outcomes into estimates, a CSV and a short table.
public struct StudyReport: Sendable {
    public var manifest: StudyManifest
    public var estimates: [PointEstimate]
    public var confidence: Double
    /// For studies of two or more parameters: each level of the first parameter against its first
    /// level, at equal values of the others, on paired replicates (common random numbers).
    public var differences: [PairedDifference]

    /// Estimates for every point, from the store's outcomes in replicate order, at `confidence`
    /// (by default the study's own level, recorded in the store's manifest).
    public init(store: ResultStore, confidence: Double? = nil) throws {
        manifest = store.manifest
        let confidence = confidence ?? store.manifest.confidence
        self.confidence = confidence
        var out: [PointEstimate] = []
        var outcomes: [Int: [Outcome]] = [:]
        let points = try store.points()
        for p in points {
            let o = try store.outcomes(point: p.index)
            guard !o.isEmpty else { continue }
            outcomes[p.index] = o
            out.append(try PointEstimate.make(point: p, outcomes: o, confidence: confidence, seed: manifest.seed))
        }
        estimates = out
        differences = []
        guard manifest.parameterNames.count >= 2, let first = points.first?.values.first else { return }
        var rng = RandomStream(seed: manifest.seed, population: "study", purpose: "paired-bootstrap")
        for t in points where t.values[0] != first {
            guard
                let b = points.first(where: {
                    $0.values[0] == first && Array($0.values.dropFirst()) == Array(t.values.dropFirst())
                }),
                let ob = outcomes[b.index], let ot = outcomes[t.index]
            else { continue }
            differences.append(
                PairedDifference.make(baseline: b, ob, treatment: t, ot, confidence: confidence, rng: &rng))
        }
    }

    /// One row per paired comparison: the baseline's and treatment's parameters, the difference and its interval.
    public var differencesCSV: String {
        let names = manifest.parameterNames
        var text =
            (names.map { "baseline_" + $0 } + names + [
                "pairs", "dp_run", "dp_run_lo", "dp_run_hi",
                "only_baseline_ran", "only_treatment_ran",
            ]).joined(separator: ",") + "\n"
        for d in differences {
            let cols =
                d.baseline.values + d.treatment.values
                + [Double(d.pairs), d.runProbability.value, d.runProbability.lower, d.runProbability.upper]
            text += cols.map { "\($0)" }.joined(separator: ",") + ",\(d.onlyBaselineRan),\(d.onlyTreatmentRan)\n"
        }
        return text
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
        if !differences.isEmpty {
            try AtomicFile.write(differencesCSV, to: directory.appendingPathComponent("differences.csv"))
        }
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
                    cols += [
                        String(format: "%.3f", e.runProbability.estimate),
                        String(format: "[%.3f, %.3f]", e.runProbability.lower, e.runProbability.upper),
                    ]
                case "bad_debt_usd":
                    cols += [
                        String(format: "%.3g", e.meanBadDebt.value), String(format: "%.3g", e.badDebtAtRisk95.value),
                    ]
                case "liquidated_usd":
                    cols += [
                        String(format: "%.3g", e.meanLiquidated.value),
                        String(format: "%.3g", e.liquidationsAtRisk95.value),
                    ]
                case "min_amm_price": cols += [String(format: "%.1f", e.meanMinAMMPrice.value)]
                case "run_tick":
                    cols += [e.runTickQuartiles[1].isNaN ? "-" : String(format: "%.0f", e.runTickQuartiles[1])]
                default: break
                }
            }
            lines.append(cols.map(cell).joined())
        }
        return lines.joined(separator: "\n")
    }
}

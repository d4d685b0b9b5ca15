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

    /// A fixed-width table for the terminal.
    public var table: String {
        let pct = Int((confidence * 100).rounded())
        var lines = [(manifest.parameterNames + ["n", "P(run)", "\(pct)% Wilson CI", "bad debt p95 (USD)"])
            .map { $0.padding(toLength: max(12, $0.count), withPad: " ", startingAt: 0) }.joined(separator: " ")]
        for e in estimates {
            let cols = e.point.values.map { String(format: "%-12.4g", $0) } + [
                String(format: "%-12d", e.replicates),
                String(format: "%-12.3f", e.runProbability.estimate),
                String(format: "[%.3f, %.3f]", e.runProbability.lower, e.runProbability.upper).padding(toLength: 16, withPad: " ", startingAt: 0),
                String(format: "%.3g", e.badDebtAtRisk95.value),
            ]
            lines.append(cols.joined(separator: " "))
        }
        return lines.joined(separator: "\n")
    }
}

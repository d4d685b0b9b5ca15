import Foundation

/// The standard figures of a study: P(run) curves with confidence bands (one per level of the
/// first parameter when there are two) and, for a two-parameter grid, a heatmap.
public enum StudyFigures {
    /// Draws the figures into `directory`. Returns lines to print (paths, or how to install gnuplot).
    public static func draw(_ report: StudyReport, in directory: URL) throws -> [String] {
        let names = report.manifest.parameterNames
        guard !report.estimates.isEmpty, !names.isEmpty else { return [] }
        let pct = Int((report.confidence * 100).rounded())
        let band = "\(pct)% Wilson CI"
        var outputs: [PlotOutput] = []
        let xIndex = names.count - 1
        let xKey = names[xIndex]
        // Group by the other parameters' values (in first-seen order), x along the last parameter.
        var groups: [(label: String, rows: [PointEstimate])] = []
        for e in report.estimates {
            let label = names.indices.filter { $0 != xIndex }.map { "\(names[$0]) = \(format(e.point.values[$0]))" }
                .joined(separator: ", ")
            if let i = groups.firstIndex(where: { $0.label == label }) {
                groups[i].rows.append(e)
            } else {
                groups.append((label, [e]))
            }
        }
        let curves = groups.map { g -> BandedCurve in
            let rows = g.rows.sorted { $0.point.values[xIndex] < $1.point.values[xIndex] }
            return BandedCurve(
                label: g.label.isEmpty ? "P(run)" : g.label, x: rows.map { $0.point.values[xIndex] },
                y: rows.map(\.runProbability.estimate), lower: rows.map(\.runProbability.lower),
                upper: rows.map(\.runProbability.upper))
        }
        let n = report.estimates.map(\.replicates)
        let reps =
            n.min() == n.max() ? "\(n[0]) replicates per point" : "\(n.min() ?? 0)–\(n.max() ?? 0) replicates per point"
        outputs.append(
            try Figures.curves(
                curves,
                text: FigureText(
                    title: "\(report.manifest.studyName): probability of a run (\(reps))",
                    xLabel: axisLabel(xKey), yLabel: "P(run), as the scenario's run_definition counts a run",
                    bandLabel: band),
                probabilityAxis: true, in: directory, name: "run-probability"))
        if names.count == 2 {
            let ys = unique(report.estimates.map { $0.point.values[0] })
            let xs = unique(report.estimates.map { $0.point.values[1] })
            if ys.count > 1 && xs.count > 1 && ys.count * xs.count == report.estimates.count {
                var z = [[Double]](repeating: [Double](repeating: .nan, count: xs.count), count: ys.count)
                for e in report.estimates {
                    if let iy = ys.firstIndex(of: e.point.values[0]), let ix = xs.firstIndex(of: e.point.values[1]) {
                        z[iy][ix] = e.runProbability.estimate
                    }
                }
                outputs.append(
                    try Figures.heatmap(
                        x: xs, y: ys, values: z,
                        text: FigureText(
                            title: "\(report.manifest.studyName): P(run) (\(reps))", xLabel: axisLabel(names[1]),
                            yLabel: axisLabel(names[0]), bandLabel: band), colorLabel: "P(run)", in: directory,
                        name: "run-probability-heatmap"))
            }
        }
        var lines: [String] = []
        for o in outputs {
            lines.append(
                "figure: " + [o.png, o.svg].compactMap { $0?.path }.joined(separator: ", ")
                    + " (data: \(o.data.lastPathComponent), script: \(o.script.lastPathComponent))")
            if let note = o.note { lines.append(note) }
        }
        return lines
    }

    /// Axis labels with units for the keys researchers vary most.
    static func axisLabel(_ key: String) -> String {
        let known: [String: String] = [
            // The shock's asset and tick are the scenario's, not the figure's to state.
            "market.shock.size": "scripted price shock (fraction of the price)",
            "lending.reserve_fraction": "liquid reserve (fraction of initial deposits)",
            "lending.insurance_fraction": "insurance fund (fraction of initial deposits)",
            "lending.withdrawal_fee": "withdrawal fee (fraction of the amount)",
            "depositors.attention": "depositor attention (probability per hour)",
            "depositors.herding": "herding weight on the withdrawn fraction",
            "amm.reserve_collateral": "AMM depth (ETH in the pool)",
            "liquidators.budget_per_tick": "liquidator budget (USD per hour)",
        ]
        return known[key] ?? key
    }

    static func format(_ x: Double) -> String { String(format: "%g", x) }

    static func unique(_ xs: [Double]) -> [Double] {
        var out: [Double] = []
        for x in xs where !out.contains(x) { out.append(x) }
        return out.sorted()
    }
}

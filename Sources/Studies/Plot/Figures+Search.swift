import Foundation

extension Figures {
    /// The objective along an optimisation's path: one point per evaluation (x: its order, y: the
    /// objective), and the running best at each replicate count, so a stage's restart at more
    /// replicates shows as a step in the best line.
    /// - Parameters:
    ///   - path: Every evaluation: (replicates, objective), in the order the search asked for them.
    ///   - title: The figure's title.
    ///   - directory: The folder that receives `name.dat`, `name.gp`, `name.png` and `name.svg`.
    ///   - name: The figure's file name without extension.
    public static func searchPath(
        _ path: [(replicates: Int, objective: Double)], title: String, in directory: URL, name: String
    ) throws -> PlotOutput {
        let files = try FigureFiles(directory: directory, name: name)
        guard !path.isEmpty else { throw PlotError.empty(array: "path") }
        var data = [
            "# \(GnuplotText.oneLine(title))", "# evaluation objective best_at_this_replicate_count replicates",
        ]
        var best = Double.infinity
        var stage = -1
        for (i, step) in path.enumerated() {
            if step.replicates != stage {
                stage = step.replicates
                best = .infinity
            }
            best = min(best, step.objective)
            data.append(GnuplotText.row([Double(i + 1), step.objective, best, Double(step.replicates)]))
        }
        let low = path.map { $0.replicates }.min() ?? 1
        let high = path.map { $0.replicates }.max() ?? 1
        var lines = FigureScript.preamble(
            files: files, title: title,
            dataLayout: ["columns: 1 evaluation, 2 objective, 3 best so far at this replicate count, 4 replicates"])
        lines += FigureScript.lineTypes(count: 2)
        lines += [
            FigureScript.keyBelowMargin(rows: 2),
            "set key below center horizontal maxcols 2 width 2",
            "set title \(GnuplotText.quoted(title))",
            "set xlabel 'evaluation (in the order the search asked for it)'",
            "set ylabel 'objective: P(run) + lambda * cost + penalty'",
            "set y2label 'replicates per evaluation'",
            "set y2tics",
            "set logscale y2 2",
            "set y2range [\(GnuplotText.number(Double(low) / 1.5)):\(GnuplotText.number(Double(high) * 1.5))]",
            "set ytics nomirror",
            "set autoscale xfix",
            "set offsets graph 0.02, graph 0.02, 0, 0",
        ]
        let elements = [
            "data using 1:2 with points lt 1 title 'objective at each evaluation'",
            "data using 1:3 with steps lt 2 title 'best at the current replicate count'",
            "data using 1:4 axes x1y2 with steps lc rgb '#8C8C8C' dt 2 title 'replicates (right axis)'",
        ]
        lines += FigureScript.outputs(files: files, width: 1200, height: 800, body: FigureScript.plot(elements))
        return try emit(files: files, data: data, script: lines, gnuplot: .fromEnvironment())
    }
}

import Foundation

extension Figures {
    /// Curves with confidence bands on one figure: for each curve a shaded band between `lower` and
    /// `upper`, a line and points through `(x, y)`, and a legend entry with its label; one extra legend
    /// entry explains the shading (`text.bandLabel`).
    ///
    /// - Parameters:
    ///   - curves: the curves to draw, one legend entry each.
    ///   - text: the title, axis labels and band label.
    ///   - probabilityAxis: fixes the y axis to [0, 1], for probabilities such as P(run).
    ///   - directory: the folder the files are written into.
    ///   - name: the files' common name: `name.dat`, `name.gp`, `name.png`, `name.svg`.
    /// - Throws: `PlotError.empty` without curves or points, `PlotError.lengthMismatch` naming the array
    ///   (e.g. `curves[1].lower`) whose length differs from that curve's `x`, and gnuplot failures.
    public static func curves(
        _ curves: [BandedCurve], text: FigureText, probabilityAxis: Bool,
        in directory: URL, name: String
    ) throws -> PlotOutput {
        try Self.curves(
            curves, text: text, probabilityAxis: probabilityAxis, in: directory, name: name,
            gnuplot: .fromEnvironment())
    }

    static func curves(
        _ curves: [BandedCurve], text: FigureText, probabilityAxis: Bool,
        in directory: URL, name: String, gnuplot: Gnuplot
    ) throws -> PlotOutput {
        let files = try FigureFiles(directory: directory, name: name)
        guard !curves.isEmpty else { throw PlotError.empty(array: "curves") }
        for (index, curve) in curves.enumerated() {
            guard !curve.x.isEmpty else { throw PlotError.empty(array: "curves[\(index)].x") }
            try requireCount("curves[\(index)].y", curve.y.count, curve.x.count)
            try requireCount("curves[\(index)].lower", curve.lower.count, curve.x.count)
            try requireCount("curves[\(index)].upper", curve.upper.count, curve.x.count)
        }
        return try emit(
            files: files, data: curvesData(curves, title: text.title),
            script: curvesScript(curves, text: text, probabilityAxis: probabilityAxis, files: files),
            gnuplot: gnuplot)
    }

    static func curvesData(_ curves: [BandedCurve], title: String) -> [String] {
        var lines = [
            "# \(GnuplotText.oneLine(title))",
            "# One block per curve, separated by two blank lines (gnuplot: index 0, 1, ...).",
            "# x y lower upper",
        ]
        for (index, curve) in curves.enumerated() {
            if index > 0 { lines += ["", ""] }
            lines.append("# [\(index)] \(GnuplotText.oneLine(curve.label))")
            for point in curve.x.indices {
                lines.append(GnuplotText.row([curve.x[point], curve.y[point], curve.lower[point], curve.upper[point]]))
            }
        }
        return lines
    }

    static func curvesScript(
        _ curves: [BandedCurve], text: FigureText, probabilityAxis: Bool,
        files: FigureFiles
    ) -> [String] {
        var lines = FigureScript.preamble(
            files: files, title: text.title,
            dataLayout: [
                "one block per curve (index 0, 1, ...), columns: 1 x, 2 y, 3 lower, 4 upper"
            ])
        lines += FigureScript.lineTypes(count: curves.count)
        // Below the plot, the legend can never cover a curve, however many there are.
        let entries = curves.count + (text.bandLabel.isEmpty ? 0 : 1)
        // gnuplot drops to fewer columns when labels are long, which would add rows the margin does not
        // expect; so choose the column count gnuplot can fit (about 100 characters across at this size).
        let longest = (curves.map(\.label.count) + [text.bandLabel.count + 9]).max() ?? 0
        let columns = max(1, min(entries, 3, 100 / (longest + 9)))
        lines += [
            FigureScript.keyBelowMargin(rows: (entries + columns - 1) / columns),
            "set key below center horizontal maxcols \(columns) width 2 samplen 3 spacing 1.2",
            "set title \(GnuplotText.quoted(text.title))",
            "set xlabel \(GnuplotText.quoted(text.xLabel))",
            "set ylabel \(GnuplotText.quoted(text.yLabel))",
            // A little room at the sides so points at the first and last x do not sit on the border.
            "set autoscale xfix",
            "set offsets graph 0.02, graph 0.02, 0, 0",
        ]
        lines += probabilityAxis ? ["set yrange [0:1]", "set ytics 0.1", "set format y '%.1f'"] : ["set yrange [*:*]"]
        var elements: [String] = []
        for index in curves.indices {
            elements.append("data index \(index) using 1:3:4 with filledcurves lt \(index + 1) notitle")
        }
        for (index, curve) in curves.enumerated() {
            elements.append(
                "data index \(index) using 1:2 with linespoints lt \(index + 1) title \(GnuplotText.quoted(curve.label))"
            )
        }
        if !text.bandLabel.isEmpty {
            elements.append(
                "keyentry with filledcurves lc rgb '\(FigureScript.bandKeyColour)' title \(GnuplotText.quoted("shaded: " + text.bandLabel))"
            )
        }
        lines += FigureScript.outputs(files: files, width: 1200, height: 800, body: FigureScript.plot(elements))
        return lines
    }
}

import Foundation

extension Figures {
    /// A 2-D heatmap: one coloured cell per `(x[ix], y[iy])` with colour `values[iy][ix]`, and a colour bar
    /// labelled `colorLabel`.
    ///
    /// Cells are placed by index, not by value: level `ix` of `x` is the equal-width cell centred on
    /// `ix` (and likewise for `y`), and the tic labels name the levels (e.g. `10`, `100`, `1000`). So
    /// linear, log-spaced and uneven levels all get equal cells, and the axes never run past the levels.
    ///
    /// When every finite value lies in [0, 1] (probabilities) the colour bar spans exactly [0, 1];
    /// otherwise it spans the data. Grids of at most 150 cells print each value at its cell's centre.
    /// Non-finite values are drawn as empty cells (labelled `nan` when values are printed).
    ///
    /// - Throws: `PlotError` naming `x`, `y`, `values` or `values[iy]` when the grid is empty, not strictly
    ///   increasing, or the sizes disagree; gnuplot failures.
    public static func heatmap(
        x: [Double], y: [Double], values: [[Double]], text: FigureText, colorLabel: String,
        in directory: URL, name: String
    ) throws -> PlotOutput {
        try heatmap(
            x: x, y: y, values: values, text: text, colorLabel: colorLabel, in: directory, name: name,
            gnuplot: .fromEnvironment())
    }

    static func heatmap(
        x: [Double], y: [Double], values: [[Double]], text: FigureText, colorLabel: String,
        in directory: URL, name: String, gnuplot: Gnuplot
    ) throws -> PlotOutput {
        let files = try FigureFiles(directory: directory, name: name)
        try requireGrid("x", x)
        try requireGrid("y", y)
        try requireCount("values", values.count, y.count)
        for (row, rowValues) in values.enumerated() {
            try requireCount("values[\(row)]", rowValues.count, x.count)
        }
        var data = [
            "# \(GnuplotText.oneLine(text.title))",
            "# One line per cell, a blank line after each row of constant y.",
            "# The cell is drawn at (x_index, y_index); x and y are the levels the tics name.",
            "# x y value x_index y_index",
        ]
        for (iy, rowValues) in values.enumerated() {
            if iy > 0 { data.append("") }
            for (ix, value) in rowValues.enumerated() {
                data.append(GnuplotText.row([x[ix], y[iy], value]) + " \(ix) \(iy)")
            }
        }
        let script = heatmapScript(x: x, y: y, values: values, text: text, colorLabel: colorLabel, files: files)
        return try emit(files: files, data: data, script: script, gnuplot: gnuplot)
    }

    /// At most this many labelled tics per axis; longer axes label every k-th level.
    static let maxLabelledLevels = 15

    /// `set xtics (...)` (for `axis` "x") placing a tic at each cell centre `0, 1, …` and labelling it
    /// with the level value. Past ``maxLabelledLevels`` levels only every k-th tic (from the first) is
    /// labelled; the others are minor tics, so every cell is still marked.
    static func levelTics(_ axis: String, _ levels: [Double]) -> String {
        let stride = (levels.count + maxLabelledLevels - 1) / maxLabelledLevels
        let tics = levels.enumerated().map { index, level in
            index % stride == 0
                ? "\(GnuplotText.quoted(GnuplotText.level(level))) \(index)" : "'' \(index) 1"
        }
        return "set \(axis)tics (\(tics.joined(separator: ", ")))"
    }

    static func heatmapScript(
        x: [Double], y: [Double], values: [[Double]], text: FigureText, colorLabel: String, files: FigureFiles
    ) -> [String] {
        let finite = values.flatMap { $0 }.filter(\.isFinite)
        let low = finite.min() ?? 0
        let high = finite.max() ?? 1
        let isProbability = low >= 0 && high <= 1
        let colourLow = isProbability ? 0 : low
        let colourHigh = isProbability ? 1 : (high > low ? high : low + 1)
        var lines = FigureScript.preamble(
            files: files, title: text.title,
            dataLayout: [
                "one line per cell: 1 x, 2 y, 3 value, 4 x_index, 5 y_index",
                "cells are drawn at (x_index, y_index), one unit wide; the tics name the levels x and y",
            ])
        lines += [
            // Viridis-like: perceptually even, readable in grey scale and by colour-blind readers.
            "set palette defined (0 '#440154', 0.25 '#3B528B', 0.5 '#21918C', 0.75 '#5EC962', 1 '#FDE725')",
            "set cbrange [\(GnuplotText.number(colourLow)):\(GnuplotText.number(colourHigh))]",
            "set cblabel \(GnuplotText.quoted(colorLabel))",
            "set colorbox vertical user origin graph 1.03, graph 0 size graph 0.04, graph 1",
            "set cbtics out nomirror",
            // Opaque cells and colour bar: the house style's translucent fill would wash out the palette.
            // A thin white rule between cells hides the anti-aliasing seams of abutting boxes.
            "set style fill solid 1.0 border lc rgb 'white'",
            // A grid would cut through the cells.
            "unset grid",
            "set border 15 front",
            "set key off",
            "set title \(GnuplotText.quoted(text.title))",
            "set xlabel \(GnuplotText.quoted(text.xLabel))",
            "set ylabel \(GnuplotText.quoted(text.yLabel))",
            // One unit per level: cell ix spans [ix - 0.5, ix + 0.5], whatever the spacing of the levels.
            "set xrange [-0.5:\(x.count - 1).5]",
            "set yrange [-0.5:\(y.count - 1).5]",
            "set rmargin 16",
            levelTics("x", x),
            levelTics("y", y),
        ]
        var elements = ["data using 4:5:(0.5):(0.5):3 with boxxyerror fc palette lw 0.5 notitle"]
        if x.count * y.count <= 150 {
            // Dark text on the light end of the palette, white on the dark end.
            let threshold = colourLow + 0.6 * (colourHigh - colourLow)
            let format = isProbability ? "%.2f" : "%.3g"
            lines.append("label_threshold = \(GnuplotText.number(threshold))")
            elements.append(
                "data using 4:5:(sprintf('\(format)', $3)):($3 > label_threshold ? 0x000000 : 0xFFFFFF) "
                    + "with labels tc rgb variable font ',12' notitle")
        }
        lines += FigureScript.outputs(files: files, width: 1200, height: 800, body: FigureScript.plot(elements))
        return lines
    }
}

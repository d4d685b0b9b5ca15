import Foundation

extension Figures {
    /// A 2-D heatmap: one coloured cell per `(x[ix], y[iy])` with colour `values[iy][ix]`, and a colour bar
    /// labelled `colorLabel`. Cells reach halfway to their neighbours, so uneven grids are drawn faithfully.
    ///
    /// When every finite value lies in [0, 1] (probabilities) the colour bar spans exactly [0, 1];
    /// otherwise it spans the data. Grids of at most 150 cells print each value in its cell.
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
        let xEdges = cellEdges(x)
        let yEdges = cellEdges(y)
        var data = [
            "# \(GnuplotText.oneLine(text.title))",
            "# One line per cell, a blank line after each row of constant y.",
            "# x y value x_low x_high y_low y_high",
        ]
        for (iy, rowValues) in values.enumerated() {
            if iy > 0 { data.append("") }
            for (ix, value) in rowValues.enumerated() {
                data.append(
                    GnuplotText.row([x[ix], y[iy], value, xEdges[ix], xEdges[ix + 1], yEdges[iy], yEdges[iy + 1]]))
            }
        }
        let script = heatmapScript(
            x: x, y: y, values: values, xEdges: xEdges, yEdges: yEdges, text: text,
            colorLabel: colorLabel, files: files)
        return try emit(files: files, data: data, script: script, gnuplot: gnuplot)
    }

    /// Cell boundaries: midpoints between neighbours, mirrored at the ends; a lone value gets width 1.
    static func cellEdges(_ centres: [Double]) -> [Double] {
        guard centres.count > 1 else { return [centres[0] - 0.5, centres[0] + 0.5] }
        var edges = [centres[0] - (centres[1] - centres[0]) / 2]
        for index in 1..<centres.count { edges.append((centres[index - 1] + centres[index]) / 2) }
        edges.append(centres[centres.count - 1] + (centres[centres.count - 1] - centres[centres.count - 2]) / 2)
        return edges
    }

    static func heatmapScript(
        x: [Double], y: [Double], values: [[Double]], xEdges: [Double], yEdges: [Double],
        text: FigureText, colorLabel: String, files: FigureFiles
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
                "one line per cell: 1 x, 2 y, 3 value, 4 x_low, 5 x_high, 6 y_low, 7 y_high"
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
            "set xrange [\(GnuplotText.number(xEdges[0])):\(GnuplotText.number(xEdges[xEdges.count - 1]))]",
            "set yrange [\(GnuplotText.number(yEdges[0])):\(GnuplotText.number(yEdges[yEdges.count - 1]))]",
            "set rmargin 16",
        ]
        // Few grid values: a tic at each, so a cell is read off directly.
        if x.count <= 15 { lines.append("set xtics (\(x.map(GnuplotText.number).joined(separator: ", ")))") }
        if y.count <= 15 { lines.append("set ytics (\(y.map(GnuplotText.number).joined(separator: ", ")))") }
        var elements = ["data using 1:2:4:5:6:7:3 with boxxyerror fc palette lw 0.5 notitle"]
        if x.count * y.count <= 150 {
            // Dark text on the light end of the palette, white on the dark end.
            let threshold = colourLow + 0.6 * (colourHigh - colourLow)
            let format = isProbability ? "%.2f" : "%.3g"
            lines.append("label_threshold = \(GnuplotText.number(threshold))")
            elements.append(
                "data using 1:2:(sprintf('\(format)', $3)):($3 > label_threshold ? 0x000000 : 0xFFFFFF) "
                    + "with labels tc rgb variable font ',12' notitle")
        }
        lines += FigureScript.outputs(files: files, width: 1200, height: 800, body: FigureScript.plot(elements))
        return lines
    }
}

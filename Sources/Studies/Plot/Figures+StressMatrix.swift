import Foundation

extension Figures {
    /// A categorical heatmap of probabilities: one cell per (row, column), coloured by the estimate on a
    /// [0, 1] scale and labelled with the estimate and its interval (`0.42` over `[0.31, 0.55]`).
    /// Rows run top to bottom in the given order.
    ///
    /// - Parameters:
    ///   - rows: The row labels (stresses).
    ///   - columns: The column labels (policies).
    ///   - cells: Each cell's row and column index, estimate and interval.
    ///   - title: The figure's title.
    ///   - colorLabel: The colour bar's label.
    ///   - directory: Where the files go.
    ///   - name: The files' base name.
    public static func stressMatrix(
        rows: [String], columns: [String],
        cells: [(row: Int, column: Int, value: Double, lower: Double, upper: Double)],
        title: String, colorLabel: String, in directory: URL, name: String
    ) throws -> PlotOutput {
        let files = try FigureFiles(directory: directory, name: name)
        var data = [
            "# \(GnuplotText.oneLine(title))",
            "# column_index row_index value lower upper (row 0 is drawn at the top)",
        ]
        for c in cells {
            data.append("\(c.column) \(rows.count - 1 - c.row) " + GnuplotText.row([c.value, c.lower, c.upper]))
        }
        var lines = FigureScript.preamble(
            files: files, title: title,
            dataLayout: ["one line per cell: 1 column_index, 2 row_index (0 at the bottom), 3 value, 4 lower, 5 upper"])
        let xtics = columns.enumerated().map { "\(GnuplotText.quoted($1)) \($0)" }.joined(separator: ", ")
        let ytics = rows.enumerated().map { "\(GnuplotText.quoted($1)) \(rows.count - 1 - $0)" }
            .joined(separator: ", ")
        lines += [
            "set palette defined (0 '#440154', 0.25 '#3B528B', 0.5 '#21918C', 0.75 '#5EC962', 1 '#FDE725')",
            "set cbrange [0:1]",
            "set cblabel \(GnuplotText.quoted(colorLabel))",
            "set colorbox vertical user origin graph 1.03, graph 0 size graph 0.04, graph 1",
            "set style fill solid 1.0 border lc rgb 'white'",
            "unset grid",
            "set border 15 front",
            "set key off",
            "set title \(GnuplotText.quoted(title))",
            "set xlabel 'policy'",
            "set ylabel 'stress'",
            "set xrange [-0.5:\(columns.count - 1).5]",
            "set yrange [-0.5:\(rows.count - 1).5]",
            "set xtics (\(xtics))",
            "set ytics (\(ytics))",
            "set rmargin 16",
            "set lmargin 26",
        ]
        let elements = [
            "data using 1:2:(0.5):(0.5):3 with boxxyerror fc palette notitle",
            "data using 1:2:(sprintf(\"%.2f\\n[%.2f, %.2f]\", $3, $4, $5)):($3 > 0.6 ? 0x000000 : 0xFFFFFF) "
                + "with labels tc rgb variable font ',11' notitle",
        ]
        lines += FigureScript.outputs(
            files: files, width: 700 + 260 * columns.count, height: 220 + 80 * rows.count,
            body: FigureScript.plot(elements))
        return try emit(files: files, data: data, script: lines, gnuplot: .fromEnvironment())
    }
}

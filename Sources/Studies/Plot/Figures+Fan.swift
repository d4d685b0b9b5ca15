import Foundation

extension Figures {
    /// A time-series fan for one scenario: the median across replicates as a line, and quantile bands
    /// (e.g. 5–95% and 25–75%) shaded around it, each with its legend entry.
    ///
    /// Bands are drawn widest first (by mean width), so the narrower ones stay visible on top;
    /// with translucent fill their overlap reads darker toward the median.
    ///
    /// - Throws: `PlotError` naming `ticks`, `median` or `bands[i].lower`/`bands[i].upper` when empty or
    ///   of the wrong length; gnuplot failures.
    public static func fan(
        ticks: [Double], median: [Double], bands: [(label: String, lower: [Double], upper: [Double])],
        text: FigureText, in directory: URL, name: String
    ) throws -> PlotOutput {
        try fan(
            ticks: ticks, median: median, bands: bands, text: text, in: directory, name: name,
            gnuplot: .fromEnvironment())
    }

    static func fan(
        ticks: [Double], median: [Double], bands: [(label: String, lower: [Double], upper: [Double])],
        text: FigureText, in directory: URL, name: String, gnuplot: Gnuplot
    ) throws -> PlotOutput {
        let files = try FigureFiles(directory: directory, name: name)
        guard !ticks.isEmpty else { throw PlotError.empty(array: "ticks") }
        try requireCount("median", median.count, ticks.count)
        for (index, band) in bands.enumerated() {
            try requireCount("bands[\(index)].lower", band.lower.count, ticks.count)
            try requireCount("bands[\(index)].upper", band.upper.count, ticks.count)
        }
        // Keep the caller's order among equally wide bands, so the output does not depend on sort stability.
        let order = bands.indices.sorted { first, second in
            let (a, b) = (meanWidth(bands[first]), meanWidth(bands[second]))
            return a != b ? a > b : first < second
        }
        var header = "# tick median"
        for index in bands.indices { header += " lower_\(index + 1) upper_\(index + 1)" }
        var data = ["# \(GnuplotText.oneLine(text.title))"]
        for (index, band) in bands.enumerated() {
            data.append("# band \(index + 1): \(GnuplotText.oneLine(band.label))")
        }
        data.append(header)
        for row in ticks.indices {
            var values = [ticks[row], median[row]]
            for band in bands { values += [band.lower[row], band.upper[row]] }
            data.append(GnuplotText.row(values))
        }
        var lines = FigureScript.preamble(
            files: files, title: text.title,
            dataLayout: [
                "columns: 1 tick, 2 median, then lower and upper of band i in columns 2i+1 and 2i+2"
            ])
        // Opaque blues, lightest for the widest band: narrower bands cover the wider ones, and each
        // legend swatch shows its own shade.
        let shades = ["#C6DBEF", "#9ECAE1", "#6BAED6", "#4292C6", "#2171B5"]
        lines += [
            "set linetype 1 lc rgb '#08306B' lw 2.5 dt 1",
            "set key below center horizontal maxcols 3 width 2 samplen 3",
            FigureScript.keyBelowMargin(rows: (bands.count + 1 + 2) / 3),
            "set autoscale xfix",
            "set title \(GnuplotText.quoted(text.title))",
            "set xlabel \(GnuplotText.quoted(text.xLabel))",
            "set ylabel \(GnuplotText.quoted(text.yLabel))",
        ]
        var elements: [String] = []
        for (rank, index) in order.enumerated() {
            let column = 2 * index + 3
            let shade = shades[min(rank, shades.count - 1)]
            elements.append(
                "data using 1:\(column):\(column + 1) with filledcurves lc rgb '\(shade)' "
                    + "fs solid 1.0 noborder title \(GnuplotText.quoted(bands[index].label))")
        }
        elements.append("data using 1:2 with lines lt 1 title 'median'")
        lines += FigureScript.outputs(files: files, width: 1200, height: 800, body: FigureScript.plot(elements))
        return try emit(files: files, data: data, script: lines, gnuplot: gnuplot)
    }

    private static func meanWidth(_ band: (label: String, lower: [Double], upper: [Double])) -> Double {
        var total = 0.0
        var count = 0
        for index in band.lower.indices where band.lower[index].isFinite && band.upper[index].isFinite {
            total += band.upper[index] - band.lower[index]
            count += 1
        }
        return count == 0 ? 0 : total / Double(count)
    }
}

import Foundation

extension Figures {
    /// The `series.csv` columns the run figure needs, in the order they are written to the data file.
    static let seriesColumns = [
        "tick", "p_ext", "p_amm", "reserve_usd", "queue_usd", "withdrawn_fraction", "theta",
        "liquidated_usd", "bad_debt_usd", "lp_share_in_pool",
    ]

    /// The four-panel figure of one run from its `series.csv`: prices (external vs AMM); withdrawn fraction
    /// with the solvency margin θ on the right axis; cumulative liquidations and bad debt in USD millions;
    /// the LP share in the pool. The panels share the x axis, tick (hours).
    ///
    /// Columns are found by name in the CSV header, so extra or reordered columns are fine.
    /// - Throws: `PlotError.malformedSeries` naming the line and column that is missing or not a number,
    ///   `PlotError.io` when the file cannot be read; gnuplot failures.
    public static func runSeries(csv: URL, title: String, in directory: URL, name: String) throws -> PlotOutput {
        try runSeries(csv: csv, title: title, in: directory, name: name, gnuplot: .fromEnvironment())
    }

    static func runSeries(
        csv: URL, title: String, in directory: URL, name: String,
        gnuplot: Gnuplot
    ) throws -> PlotOutput {
        let files = try FigureFiles(directory: directory, name: name)
        let rows = try readSeries(csv)
        var data = [
            "# \(GnuplotText.oneLine(title))",
            "# From \(GnuplotText.oneLine(csv.lastPathComponent)); USD columns in dollars, the script scales them.",
            "# " + seriesColumns.joined(separator: " "),
        ]
        data += rows.map(GnuplotText.row)
        let ticks = rows.map { $0[0] }.filter(\.isFinite)
        let first = ticks.min() ?? 0
        let last = ticks.max() ?? 1
        let script = runSeriesScript(title: title, xRange: (first, last > first ? last : first + 1), files: files)
        return try emit(files: files, data: data, script: script, gnuplot: gnuplot)
    }

    /// The needed columns of every row, in `seriesColumns` order.
    static func readSeries(_ csv: URL) throws -> [[Double]] {
        let file = csv.lastPathComponent
        let text: String
        do {
            text = try String(contentsOf: csv, encoding: .utf8)
        } catch {
            throw PlotError.io(path: csv.path, reason: "\(error)")
        }
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard let headerLine = lines.first, !headerLine.isEmpty else {
            throw PlotError.malformedSeries(file: file, line: 1, reason: "no header")
        }
        let header = headerLine.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        let positions = try seriesColumns.map { column in
            guard let position = header.firstIndex(of: column) else {
                throw PlotError.malformedSeries(file: file, line: 1, reason: "missing column '\(column)'")
            }
            return position
        }
        var rows: [[Double]] = []
        for (offset, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == header.count else {
                throw PlotError.malformedSeries(
                    file: file, line: offset + 1,
                    reason: "\(fields.count) fields, header has \(header.count)")
            }
            rows.append(
                try zip(seriesColumns, positions).map { column, position in
                    let field = fields[position].trimmingCharacters(in: .whitespaces)
                    guard let value = Double(field) else {
                        throw PlotError.malformedSeries(
                            file: file, line: offset + 1,
                            reason: "'\(column)' is not a number: '\(field)'")
                    }
                    return value
                })
        }
        guard !rows.isEmpty else { throw PlotError.malformedSeries(file: file, line: 2, reason: "no data rows") }
        return rows
    }

    static func runSeriesScript(title: String, xRange: (Double, Double), files: FigureFiles) -> [String] {
        let range = "[\(GnuplotText.number(xRange.0)):\(GnuplotText.number(xRange.1))]"
        var lines = FigureScript.preamble(
            files: files, title: title,
            dataLayout: [
                "columns: "
                    + seriesColumns.enumerated().map { "\($0.offset + 1) \($0.element)" }.joined(separator: ", ")
            ])
        lines += FigureScript.lineTypes(count: 2, lineWidth: 2)
        lines += [
            "set xrange \(range)",
            // Keys sit in the right margin, beyond the θ axis of panel 2, so they never cover a series.
            "set key at screen 0.775, graph 1.0 left top Left reverse vertical samplen 2.5",
            "usd_millions = 1.0e6",
        ]
        var body = [
            "set multiplot layout 4,1 title \(GnuplotText.quoted(title)) font ',16' "
                + "margins 0.09, 0.68, 0.06, 0.94 spacing 0, 0.035",
            "set format x ''",
            "unset xlabel",
            "",
            "# Panel 1: prices",
            "set ylabel 'price (USD)'",
            "set yrange [*:*]",
        ]
        body += FigureScript.plot([
            "data using 1:2 with lines lt 1 title 'external p_ext'",
            "data using 1:3 with lines lt 2 title 'AMM p_amm'",
        ])
        body += [
            "",
            "# Panel 2: withdrawn fraction (left axis) and solvency margin θ (right axis, dotted zero line)",
            "set ylabel 'withdrawn fraction'",
            "set yrange [0:1]",
            "set y2label 'θ (solvency margin)'",
            "set y2range [*<0:0<*]",
            "set y2tics out nomirror",
            "set border 11",
            "set arrow 1 from graph 0, second 0 to graph 1, second 0 nohead dt 3 lc rgb '#888888' back",
        ]
        body += FigureScript.plot([
            "data using 1:6 with lines lt 1 title 'withdrawn fraction'",
            "data using 1:7 axes x1y2 with lines lt 2 title 'θ (right axis)'",
        ])
        body += [
            "unset arrow 1",
            "unset y2tics",
            "unset y2label",
            "set border 3",
            "",
            "# Panel 3: cumulative liquidations and bad debt",
            "set ylabel 'cumulative (USD millions)'",
            "set yrange [0:*]",
        ]
        body += FigureScript.plot([
            "data using 1:($8/usd_millions) with lines lt 1 title 'liquidated'",
            "data using 1:($9/usd_millions) with lines lt 2 title 'bad debt'",
        ])
        body += [
            "",
            "# Panel 4: LP share in pool",
            "set ylabel 'LP share in pool'",
            "set yrange [0:*]",
            "set format x '% h'",
            "set xlabel 'tick (hours)'",
        ]
        body += FigureScript.plot(["data using 1:10 with lines lt 1 title 'LP share (by count)'"])
        body += ["unset multiplot"]
        lines += FigureScript.outputs(files: files, width: 1200, height: 1500, body: body)
        return lines
    }
}

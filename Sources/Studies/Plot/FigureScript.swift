/// The parts every figure script shares: a header saying how to redraw, a house style, and the
/// output loop that draws the same plot to PNG and SVG.
///
/// The style is plain on purpose: left and bottom border, outward tics, a light grid behind the data,
/// a colour-blind-safe palette (Okabe–Ito) with distinct point types and dash patterns once colours repeat,
/// and no enhanced-text markup so labels such as `reserve_fraction` print as written.
enum FigureScript {
    /// Okabe–Ito colours without the yellow, which is too faint on white.
    static let colours = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
    /// Filled circle, square, triangle, inverted triangle, diamond, pentagon, open circle.
    static let pointTypes = [7, 5, 9, 11, 13, 15, 6]
    /// Neutral grey for legend entries that stand for every band at once.
    static let bandKeyColour = "#8C8C8C"

    /// Header comments and common settings. `data` becomes the gnuplot variable `data`.
    static func preamble(files: FigureFiles, title: String, dataLayout: [String]) -> [String] {
        var lines = [
            "# \(GnuplotText.oneLine(title))",
            "# Written by Ballast. Redraw from this folder with: gnuplot \(GnuplotText.quoted(files.scriptName))",
            "# Data file \(GnuplotText.quoted(files.dataName)):",
        ]
        lines += dataLayout.map { "#   \($0)" }
        lines += [
            "# Restyle by editing the settings below; the output loop at the end draws PNG and SVG.",
            "",
            "set encoding utf8",
            "data = \(GnuplotText.quoted(files.dataName))",
            "",
            "# --- style ---",
            "set border 3 lw 1",
            "set tics nomirror out scale 0.75",
            "set grid back xtics ytics lt 1 lw 0.7 lc rgb '#DDDDDD'",
            "set style fill transparent solid 0.20 noborder",
        ]
        return lines
    }

    /// `set linetype` lines for `count` series, so a researcher restyles every series in one place.
    static func lineTypes(count: Int, lineWidth: Double = 2, pointSize: Double = 1.1) -> [String] {
        (0..<count).map { index in
            let colour = colours[index % colours.count]
            let point = pointTypes[index % pointTypes.count]
            let dash = (index / colours.count) % 5 + 1
            return "set linetype \(index + 1) lc rgb '\(colour)' lw \(lineWidth) pt \(point) ps \(pointSize) dt \(dash)"
        }
    }

    /// Bottom margin (character heights) for a legend of `rows` rows below the plot: gnuplot's own
    /// estimate lets a one-row legend overlap the x label.
    static func keyBelowMargin(rows: Int) -> String { "set bmargin \(rows + 4)" }

    /// The loop that draws `body` once per output format, `width`×`height` pixels (SVG: points).
    static func outputs(files: FigureFiles, width: Int, height: Int, body: [String]) -> [String] {
        let size = "size \(width),\(height) font 'Sans,14' linewidth 1.5 noenhanced"
        var lines = [
            "",
            "# --- outputs: one pass per format ---",
            "do for [fmt in 'png svg'] {",
            "    if (fmt eq 'png') {",
            "        set terminal pngcairo \(size) background rgb 'white'",
            "    } else {",
            "        set terminal svg \(size) background rgb 'white'",
            "    }",
            "    set output \(GnuplotText.quoted(files.name + ".")).fmt",
        ]
        lines += body.map { $0.isEmpty ? "" : "    " + $0 }
        lines += ["    unset output", "}", ""]
        return lines
    }

    /// A comma-continued plot command from its elements.
    static func plot(_ elements: [String], command: String = "plot") -> [String] {
        if elements.count <= 1 { return elements.map { "\(command) \($0)" } }
        var lines = ["\(command) \\"]
        for (index, element) in elements.enumerated() {
            lines.append("    " + element + (index == elements.count - 1 ? "" : ", \\"))
        }
        return lines
    }
}

import Foundation

/// Publication figures drawn by gnuplot.
///
/// Each figure writes `name.dat` (whitespace-separated columns, `#` header) and `name.gp` (a gnuplot
/// script using only relative file names) into `directory`, then runs gnuplot there to draw `name.png`
/// and `name.svg`. When gnuplot is missing the data and script are still written and `PlotOutput.note`
/// says how to install it. Output is deterministic: the same input gives byte-identical files.
public enum Figures {
    /// Whether gnuplot can be run (on `PATH`, or at the path in `BALLAST_GNUPLOT` when that is set).
    public static var gnuplotAvailable: Bool { Gnuplot.fromEnvironment().command != nil }

    /// Writes the data and script, then draws them.
    static func emit(files: FigureFiles, data: [String], script: [String], gnuplot: Gnuplot) throws -> PlotOutput {
        try files.write(data.joined(separator: "\n") + "\n", to: files.dataName)
        try files.write(script.joined(separator: "\n"), to: files.scriptName)
        return try gnuplot.render(files)
    }

    /// Throws unless `array` has `expected` elements.
    static func requireCount(_ array: String, _ actual: Int, _ expected: Int) throws {
        guard actual == expected else {
            throw PlotError.lengthMismatch(array: array, expected: expected, actual: actual)
        }
    }

    /// Throws unless `values` is non-empty, finite and strictly increasing (a grid axis).
    static func requireGrid(_ array: String, _ values: [Double]) throws {
        guard !values.isEmpty else { throw PlotError.empty(array: array) }
        for (index, value) in values.enumerated() {
            guard value.isFinite else {
                throw PlotError.invalidValue(array: array, index: index, reason: "is not finite")
            }
            if index > 0, value <= values[index - 1] {
                throw PlotError.invalidValue(
                    array: array, index: index, reason: "is not greater than the value before it")
            }
        }
    }
}

import Foundation

/// One curve with a confidence band: the line through `(x, y)` and the band between `lower` and `upper`.
///
/// All four arrays have the same length. Non-finite `y`, `lower` or `upper` values are written as `nan`,
/// which gnuplot treats as missing (a gap in the line and band).
public struct BandedCurve: Sendable, Equatable {
    /// Legend title, e.g. `"reserve_fraction = 0.2"`.
    public var label: String
    public var x: [Double]
    public var y: [Double]
    public var lower: [Double]
    public var upper: [Double]

    public init(label: String, x: [Double], y: [Double], lower: [Double], upper: [Double]) {
        self.label = label
        self.x = x
        self.y = y
        self.lower = lower
        self.upper = upper
    }
}

/// The words on a figure. Put units in the axis labels, e.g. `"shock size (% price drop)"`.
public struct FigureText: Sendable, Equatable {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    /// What the shaded band is, shown in the legend, e.g. `"95% Wilson CI"`. Empty: no legend entry.
    public var bandLabel: String

    public init(title: String, xLabel: String, yLabel: String, bandLabel: String = "95% Wilson CI") {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.bandLabel = bandLabel
    }
}

/// The files one figure produced, all in the same folder.
public struct PlotOutput: Sendable {
    /// The whitespace-separated data file (`name.dat`).
    public var data: URL
    /// The gnuplot script (`name.gp`); run `gnuplot name.gp` in its folder to redraw.
    public var script: URL
    /// `name.png`, or nil when gnuplot was not available.
    public var png: URL?
    /// `name.svg`, or nil when gnuplot was not available.
    public var svg: URL?
    /// Something the caller should print: how to install gnuplot when it is missing, or gnuplot's warnings.
    public var note: String?

    public init(data: URL, script: URL, png: URL?, svg: URL?, note: String?) {
        self.data = data
        self.script = script
        self.png = png
        self.svg = svg
        self.note = note
    }
}

/// Why a figure could not be written.
public enum PlotError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `array` has `actual` elements where `expected` were needed.
    case lengthMismatch(array: String, expected: Int, actual: Int)
    /// `array` must not be empty.
    case empty(array: String)
    /// An element of `array` is unusable (e.g. a grid coordinate that is not finite or not increasing).
    case invalidValue(array: String, index: Int, reason: String)
    /// The figure name cannot be used as a file name.
    case invalidName(String)
    /// The run series CSV could not be read.
    case malformedSeries(file: String, line: Int, reason: String)
    /// A file could not be written or read.
    case io(path: String, reason: String)
    /// gnuplot ran and failed; `message` is what it wrote to stderr.
    case gnuplotFailed(status: Int32, message: String)

    public var description: String {
        switch self {
        case let .lengthMismatch(array, expected, actual):
            return "plot: '\(array)' has \(actual) values, expected \(expected)"
        case let .empty(array):
            return "plot: '\(array)' is empty"
        case let .invalidValue(array, index, reason):
            return "plot: '\(array)[\(index)]' \(reason)"
        case let .invalidName(name):
            return
                "plot: invalid figure name '\(name)': expected a non-empty file name without '/' or control characters"
        case let .malformedSeries(file, line, reason):
            return "plot: \(file) line \(line): \(reason)"
        case let .io(path, reason):
            return "plot: cannot access \(path): \(reason)"
        case let .gnuplotFailed(status, message):
            return "plot: gnuplot exited with status \(status): \(message)"
        }
    }
}

import Foundation
import ScenarioSchema
import Stochastics

/// An error raised while building a market model or reading its data.
///
/// Every case names what was wrong and what is allowed, in words a scenario author can act on.
public enum MarketError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A parameter is outside its allowed range; `name` is the scenario key (with its path, e.g. `assets[1].sigma`).
    case invalidParameter(name: String, value: String, expected: String)
    /// A price-series file could not be read.
    case unreadableFile(file: String, reason: String)
    /// A problem at one place of a CSV file. `line` is 1-based and counts the header.
    case badCSV(file: String, line: Int, column: String, problem: String)
    /// A historical series is shorter than the run and the scenario asked for an error in that case.
    case seriesTooShort(file: String, rows: Int, ticks: Int)

    /// One line of at most `ErrorText.maxBytes` bytes, however long the file name, header or cell it quotes.
    public var description: String {
        ErrorText.oneLine(text)
    }

    private var text: String {
        switch self {
        case let .invalidParameter(name, value, expected):
            return "\(name) must be \(expected), got \(value)"
        case let .unreadableFile(file, reason):
            return "cannot read price series '\(file)': \(reason)"
        case let .badCSV(file, line, column, problem):
            return "\(file):\(line): column '\(column)': \(problem)"
        case let .seriesTooShort(file, rows, ticks):
            return
                "price series '\(file)' has \(rows) rows but the run needs \(ticks) ticks (after_end is 'error'; use 'hold_last' to hold the last price)"
        }
    }
}

/// Parameter checks shared by the market models; each throws a `MarketError` naming the parameter.
enum MarketCheck {
    static func finite(_ name: String, _ v: Double) throws(MarketError) {
        guard v.isFinite else { throw .invalidParameter(name: name, value: "\(v)", expected: "a finite number") }
    }

    static func positive(_ name: String, _ v: Double) throws(MarketError) {
        guard v.isFinite, v > 0 else {
            throw .invalidParameter(name: name, value: "\(v)", expected: "a finite number > 0")
        }
    }

    static func nonNegative(_ name: String, _ v: Double) throws(MarketError) {
        guard v.isFinite, v >= 0 else {
            throw .invalidParameter(name: name, value: "\(v)", expected: "a finite number >= 0")
        }
    }

    static func probability(_ name: String, _ v: Double) throws(MarketError) {
        guard v.isFinite, v >= 0, v <= 1 else {
            throw .invalidParameter(name: name, value: "\(v)", expected: "a probability in [0, 1]")
        }
    }

    static func count(_ name: String, _ actual: Int, _ expected: Int) throws(MarketError) {
        guard actual == expected else {
            throw .invalidParameter(
                name: name, value: "\(actual) entries", expected: "\(expected) entries, one per asset")
        }
    }

    static func nonEmpty(_ name: String, _ count: Int) throws(MarketError) {
        guard count >= 1 else { throw .invalidParameter(name: name, value: "[]", expected: "at least one asset") }
    }

    static func uniqueNames(_ names: [String]) throws(MarketError) {
        for (i, name) in names.enumerated() {
            guard !name.isEmpty else {
                throw .invalidParameter(name: "assets[\(i)].name", value: "\"\"", expected: "a non-empty name")
            }
            if let j = names[..<i].firstIndex(of: name) {
                throw .invalidParameter(
                    name: "assets[\(i)].name", value: "\"\(name)\"",
                    expected: "a name not already used (assets[\(j)] has it)")
            }
        }
    }
}

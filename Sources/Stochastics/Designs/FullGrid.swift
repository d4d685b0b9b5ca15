import Foundation

/// A full factorial grid: every combination of the given levels, the last axis varying fastest.
public enum FullGrid {
    /// All combinations of `levels[0] × levels[1] × …`.
    public static func points(levels: [[Double]]) throws(StochasticsError) -> [[Double]] {
        guard !levels.isEmpty else {
            throw .invalidParameter(name: "levels", value: "[]", expected: "at least one axis")
        }
        for (i, axis) in levels.enumerated() where axis.isEmpty {
            throw .invalidParameter(name: "levels[\(i)]", value: "[]", expected: "at least one level")
        }
        var result: [[Double]] = [[]]
        for axis in levels {
            result = result.flatMap { prefix in axis.map { prefix + [$0] } }
        }
        return result
    }

    /// `steps` evenly spaced values from `from` to `to` inclusive.
    public static func linear(from: Double, to: Double, steps: Int) throws(StochasticsError) -> [Double] {
        try Check.finite("from", from)
        try Check.finite("to", to)
        guard steps >= 1 else {
            throw .invalidParameter(name: "steps", value: "\(steps)", expected: "an integer >= 1")
        }
        if steps == 1 { return [from] }
        // A weighted blend of the ends, rounded to 12 significant digits, so that 0.1…0.5 in
        // 5 steps gives 0.3 and not 0.30000000000000004 (these values become scenario keys).
        let n = Double(steps - 1)
        return (0..<steps).map { i in
            let x = (from * (n - Double(i)) + to * Double(i)) / n
            return Double(String(format: "%.12g", x)) ?? x
        }
    }

    /// `steps` log-spaced values from `from` to `to` inclusive (both > 0).
    public static func logarithmic(from: Double, to: Double, steps: Int) throws(StochasticsError) -> [Double] {
        try Check.positive("from", from)
        try Check.positive("to", to)
        guard steps >= 1 else {
            throw .invalidParameter(name: "steps", value: "\(steps)", expected: "an integer >= 1")
        }
        if steps == 1 { return [from] }
        let n = Double(steps - 1)
        let a = log(from)
        let b = log(to)
        return (0..<steps).map { i in
            let x = exp((a * (n - Double(i)) + b * Double(i)) / n)
            return Double(String(format: "%.12g", x)) ?? x
        }
    }
}

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
        return (0..<steps).map { from + (to - from) * Double($0) / Double(steps - 1) }
    }

    /// `steps` log-spaced values from `from` to `to` inclusive (both > 0).
    public static func logarithmic(from: Double, to: Double, steps: Int) throws(StochasticsError) -> [Double] {
        try Check.positive("from", from)
        try Check.positive("to", to)
        let lin = try linear(from: log(from), to: log(to), steps: steps)
        return lin.map { exp($0) }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

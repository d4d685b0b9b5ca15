import Foundation

extension ConfigReader {
    /// A count of things the run holds in memory or loops over (agents, ticks, points): a whole
    /// number in `[lower, upper]`. Above `upper` the message says what the value would cost,
    /// `bytesEach` per unit, so an absurd size is refused before any work with the reason in numbers.
    public func count(
        _ key: String, default fallback: Int? = nil, atLeast lower: Int = 0, atMost upper: Int,
        bytesEach: Double, noun: String
    ) throws(ConfigError) -> Int {
        let expected = "an integer >= \(lower)"
        return try read(key, default: fallback, expected: expected) { node throws(ConfigError) in
            // Read as a number first, so 1e12 or 1e30 is refused for its size, not for its spelling.
            guard !node.isQuoted, let text = node.scalarText, case let .finite(value) = ScalarSyntax.number(text),
                value == value.rounded(), value >= Double(lower)
            else {
                throw ConfigError.semantic(node, "expected \(expected), got \(node.foundDescription)")
            }
            guard value <= Double(upper) else {
                let given = node.foundDescription
                throw ConfigError.semantic(
                    node,
                    "expected an integer in [\(lower), \(upper)], got \(given) "
                        + "(\(given) \(noun) would need about \(ByteCount.text(value * bytesEach)) of memory)")
            }
            return Int(value)
        }
    }
}

/// Human-readable sizes for error messages: "512 MiB", "29.1 TiB".
public enum ByteCount {
    public static func text(_ bytes: Double) -> String {
        let units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        var value = bytes
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        if unit == units.count - 1 && value >= 1024 { return String(format: "%.1e bytes", bytes) }
        return unit == 0 ? "\(Int(value)) bytes" : String(format: "%.1f ", value) + units[unit]
    }
}

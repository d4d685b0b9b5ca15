import Foundation

/// The allowed values of a numeric key. Each case also produces the "expected ..." wording
/// of error messages, so the rule and its explanation cannot drift apart.
public enum ValueRange: Sendable, Equatable {
    /// Any finite number.
    case any
    /// Strictly greater than 0 (sizes, volatilities that must not vanish, counts).
    case positive
    /// 0 or more.
    case nonNegative
    /// In the closed interval [0, 1].
    case probability
    /// In the open interval (0, 1), e.g. a quantile or a fraction that must not be 0 or 1.
    case unitOpen
    /// In the closed interval [lower, upper].
    case closed(Double, Double)
    /// In the open interval (lower, upper).
    case open(Double, Double)
    /// At least `lower`.
    case atLeast(Double)
    /// Strictly greater than `lower`.
    case greaterThan(Double)
    /// At most `upper`.
    case atMost(Double)
    /// A whole number of at least `lower` (for a double key: the value must be integral).
    case integerAtLeast(Int)

    /// Whether `value` (already known to be finite) is allowed.
    public func contains(_ value: Double) -> Bool {
        switch self {
        case .any: return true
        case .positive: return value > 0
        case .nonNegative: return value >= 0
        case .probability: return value >= 0 && value <= 1
        case .unitOpen: return value > 0 && value < 1
        case let .closed(lower, upper): return value >= lower && value <= upper
        case let .open(lower, upper): return value > lower && value < upper
        case let .atLeast(lower): return value >= lower
        case let .greaterThan(lower): return value > lower
        case let .atMost(upper): return value <= upper
        case let .integerAtLeast(lower): return value == value.rounded() && value >= Double(lower)
        }
    }

    /// "a finite number >= 0", "a probability in [0, 1]", ... for a double key.
    var expectedNumber: String {
        switch self {
        case .probability: return "a probability in [0, 1]"
        case let .integerAtLeast(lower): return "a whole number >= \(lower)"
        default: return "a finite number" + bounds
        }
    }

    /// "an integer >= 1", "an integer in [0, 10]", ... for an integer key.
    var expectedInteger: String {
        if case let .integerAtLeast(lower) = self { return "an integer >= \(lower)" }
        return "an integer" + bounds
    }

    /// The bound in words, with a leading space, or "" for `.any`.
    private var bounds: String {
        switch self {
        case .any: return ""
        case .positive: return " > 0"
        case .nonNegative: return " >= 0"
        case .probability: return " in [0, 1]"
        case .unitOpen: return " in (0, 1)"
        case let .closed(lower, upper): return " in [\(Self.format(lower)), \(Self.format(upper))]"
        case let .open(lower, upper): return " in (\(Self.format(lower)), \(Self.format(upper)))"
        case let .atLeast(lower): return " >= \(Self.format(lower))"
        case let .greaterThan(lower): return " > \(Self.format(lower))"
        case let .atMost(upper): return " <= \(Self.format(upper))"
        case let .integerAtLeast(lower): return " >= \(lower)"
        }
    }

    /// Whole numbers without a trailing ".0", so messages read "[0, 1]" rather than "[0.0, 1.0]".
    /// A number as messages show it: whole numbers bare, large or tiny ones in exponent form.
    public static func describe(_ value: Double) -> String { format(value) }

    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e6 { return String(Int(value)) }
        if abs(value) >= 1e6 || abs(value) < 1e-4 { return String(format: "%g", value) }
        return String(value)
    }
}

extension ValueRange {
    /// A USD amount one agent holds or pays per tick: [0, 10¹²]. Larger values are beyond any
    /// protocol and, summed over a population, leave the range where doubles add exactly enough.
    public static let usdAmount = ValueRange.closed(0, 1e12)
    /// A strictly positive size of the same scale: [10⁻⁹, 10¹²].
    public static let positiveAmount = ValueRange.closed(1e-9, 1e12)
    /// The log standard deviation of a lognormal draw: [0, 5] (e⁵ ≈ 148 per standard deviation).
    public static let logSD = ValueRange.closed(0, 5)
    /// A price in USD: [10⁻⁹, 10⁹].
    public static let price = ValueRange.closed(1e-9, 1e9)
}

import Foundation

/// How a report shows a number. Each style rounds to a fixed number of decimals, so a reader (or
/// the browser check) can tell exactly how far the shown text may be from the stored value.
enum NumberText: Sendable {
    /// Parameter values: up to six significant digits (`%g`).
    case parameter
    /// Whole counts.
    case count
    /// Probabilities and fractions: three decimals.
    case probability
    /// US dollars: whole dollars with thousands separators.
    case usd
    /// US dollars in tables: three significant digits with k, M or B (thousands, millions,
    /// billions), e.g. 78.9 k, 1.29 M; below 1,000 whole dollars.
    case compactUSD
    /// Prices: two decimals.
    case price
    /// Ticks (hours): whole numbers.
    case tick
    /// Ratios such as θ and coverage: four decimals.
    case ratio

    /// `value` shown in this style; NaN as "–" (no value), infinities as "∞" and "−∞".
    func text(_ value: Double) -> String {
        if value.isNaN { return "–" }
        if value.isInfinite { return value > 0 ? "∞" : "−∞" }
        switch self {
        case .parameter: return String(format: "%g", value)
        case .count, .tick: return String(format: "%.0f", value)
        case .probability: return String(format: "%.3f", value)
        case .price: return String(format: "%.2f", value)
        case .ratio: return String(format: "%.4f", value)
        case .usd: return Self.grouped(value)
        case .compactUSD: return Self.compact(value)
        }
    }

    /// Three significant digits and a unit letter, e.g. 78.9 k, 240 k, 1.29 M (a no-break space before the letter).
    static func compact(_ value: Double) -> String {
        let units: [(Double, String)] = [(1e9, "B"), (1e6, "M"), (1e3, "k")]
        // Rounding can carry into the next unit (999,950 is 1.00 M, not 1000 k).
        for (scale, letter) in units where abs(value) >= scale * 0.9995 {
            let x = value / scale
            let decimals = abs(x) >= 99.95 ? 0 : abs(x) >= 9.995 ? 1 : 2
            return String(format: "%.\(decimals)f", x) + "\u{00A0}" + letter
        }
        return String(format: "%.0f", value)
    }

    /// Whole units with ',' between thousands, e.g. 1,234,567.
    static func grouped(_ value: Double) -> String {
        let digits = String(format: "%.0f", abs(value))
        var out = ""
        for (i, c) in digits.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (value < 0 && digits != "0" ? "-" : "") + String(out.reversed())
    }
}

/// The scalar grammar the readers accept. Kept deliberately narrow and independent of the YAML
/// library's resolver so that the rules are the same for file values and `--set` values.
enum ScalarSyntax {
    /// Outcome of reading a scalar as a number.
    enum Number: Equatable {
        case finite(Double)
        case nonFinite
        case notANumber
    }

    /// Texts that mean an infinity or NaN in YAML 1.1/1.2 or in Swift's own parser.
    private static let nonFiniteSpellings: Set<String> = [
        ".inf", "+.inf", "-.inf", ".nan", "inf", "+inf", "-inf", "nan", "+nan", "-nan",
        "infinity", "+infinity", "-infinity",
    ]

    /// Parses a decimal number: optional sign, digits with optional `_` separators between
    /// digits, optional fraction and exponent. Hex, octal and other exotic spellings are refused.
    static func number(_ text: String) -> Number {
        let trimmed = text.trimmingSpaces()
        if nonFiniteSpellings.contains(trimmed.lowercased()) { return .nonFinite }
        guard let cleaned = removingDigitSeparators(trimmed), isDecimalLiteral(cleaned),
            let value = Double(cleaned)
        else { return .notANumber }
        return value.isFinite ? .finite(value) : .nonFinite
    }

    /// Parses an integer; accepts any number spelling whose value is a whole number that fits
    /// exactly (so `1e3` and `1_000` are 1000), refuses fractions such as `2.5`.
    static func integer(_ text: String) -> Int? {
        let trimmed = text.trimmingSpaces()
        if let cleaned = removingDigitSeparators(trimmed), let exact = Int(cleaned) { return exact }
        guard case let .finite(value) = number(trimmed), value == value.rounded(),
            abs(value) <= 9_007_199_254_740_992
        else { return nil }
        return Int(value)
    }

    /// Only the YAML 1.2 core spellings; `yes`/`no`/`on`/`off` are refused to avoid the
    /// YAML 1.1 surprise where a country code or a word becomes a boolean.
    static func boolean(_ text: String) -> Bool? {
        switch text.trimmingSpaces() {
        case "true": return true
        case "false": return false
        default: return nil
        }
    }

    /// A plain scalar that YAML treats as null.
    static func isNull(_ text: String) -> Bool {
        ["", "~", "null", "Null", "NULL"].contains(text)
    }

    /// Used only to decide how to echo a value in an error message.
    static func looksNumericOrBoolean(_ text: String) -> Bool {
        number(text) != .notANumber || boolean(text) != nil
    }

    /// Drops `_` separators, but only when each sits between two digits; otherwise `nil`.
    private static func removingDigitSeparators(_ text: String) -> String? {
        let chars = Array(text)
        var out = ""
        for (i, c) in chars.enumerated() {
            if c == "_" {
                guard i > 0, i + 1 < chars.count, chars[i - 1].isASCIIDigit, chars[i + 1].isASCIIDigit else {
                    return nil
                }
                continue
            }
            out.append(c)
        }
        return out
    }

    /// `[+-]? digits [. digits] [(e|E) [+-]? digits]`, with at least one mantissa digit.
    private static func isDecimalLiteral(_ text: String) -> Bool {
        var chars = Substring(text)
        if let first = chars.first, first == "+" || first == "-" { chars = chars.dropFirst() }
        let mantissaEnd = chars.firstIndex { $0 == "e" || $0 == "E" } ?? chars.endIndex
        let mantissa = chars[..<mantissaEnd]
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
            parts.contains(where: { !$0.isEmpty })
        else { return false }
        guard mantissaEnd < chars.endIndex else { return true }
        var exponent = chars[chars.index(after: mantissaEnd)...]
        if let sign = exponent.first, sign == "+" || sign == "-" { exponent = exponent.dropFirst() }
        return !exponent.isEmpty && exponent.allSatisfy(\.isASCIIDigit)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

extension String {
    /// Trims ASCII spaces and tabs (libyaml already strips them from plain scalars; `--set` may not).
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
        return String(s)
    }
}

/// Text helpers shared by the data files and scripts.
enum GnuplotText {
    /// A gnuplot string literal. Single quotes, because gnuplot expands no backslash escapes in them;
    /// a quote inside is doubled. Line breaks would end the command, so they become spaces.
    static func quoted(_ text: String) -> String {
        "'" + oneLine(text).replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// `text` with every line break (and other control character) replaced by a space,
    /// so it can sit in a `#` comment or a string literal.
    static func oneLine(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : Character($0) })
    }

    /// A number as gnuplot reads it: Swift's shortest round-trip `description`.
    /// Non-finite values become `nan`, which gnuplot treats as missing rather than plotting an infinity.
    static func number(_ value: Double) -> String {
        value.isFinite ? value.description : "nan"
    }

    /// A level as a tic label, compactly: at most six significant digits (C's `%g`) with the exponent
    /// shortened, so `10.0` → `10`, `0.005` → `0.005`, `0.30000000000000004` → `0.3`, `1e6` → `1e6`,
    /// `2.5e-5` → `2.5e-5`. Non-finite values become `nan`.
    static func level(_ value: Double) -> String {
        guard value.isFinite else { return "nan" }
        guard value != 0 else { return "0" }  // also -0.0, which %g prints as "-0"
        let text = String(format: "%g", value)
        guard let e = text.firstIndex(of: "e") else { return text }
        let exponent = text[text.index(after: e)...]
        let sign = exponent.hasPrefix("-") ? "-" : ""
        let digits = exponent.drop { $0 == "+" || $0 == "-" }.drop { $0 == "0" }
        return String(text[..<e]) + "e" + sign + (digits.isEmpty ? "0" : String(digits))
    }

    /// One data row: numbers separated by single spaces.
    static func row(_ values: [Double]) -> String {
        values.map(number).joined(separator: " ")
    }
}

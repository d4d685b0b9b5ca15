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

    /// One data row: numbers separated by single spaces.
    static func row(_ values: [Double]) -> String {
        values.map(number).joined(separator: " ")
    }
}

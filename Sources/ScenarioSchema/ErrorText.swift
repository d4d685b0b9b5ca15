/// Keeps an error description to one short line, whatever input text it quotes.
///
/// Error messages echo keys, values, file names and CSV headers as written. A quoted YAML scalar or
/// key can hold line breaks, and any of them can be thousands of characters long, so the text is
/// made safe where the description is built rather than at every place that quotes input.
public enum ErrorText {
    /// The longest description, in UTF-8 bytes.
    public static let maxBytes = 500

    /// `text` as one line of at most `maxBytes` UTF-8 bytes.
    ///
    /// Line breaks and other control characters (tab excepted) are written as escapes: `\n`, `\r`,
    /// `\u{1B}`. A longer text keeps its beginning (file, line, key) and its end (what was expected)
    /// around ` … `, so the middle of a long quoted value is what gets cut.
    public static func oneLine(_ text: String, maxBytes: Int = maxBytes) -> String {
        var line = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": line.append(contentsOf: "\\n".unicodeScalars)
            case "\r": line.append(contentsOf: "\\r".unicodeScalars)
            case "\t": line.append(scalar)
            default:
                switch scalar.properties.generalCategory {
                case .control, .lineSeparator, .paragraphSeparator:
                    line.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
                default:
                    line.append(scalar)
                }
            }
        }
        let escaped = String(line)
        guard escaped.utf8.count > maxBytes else { return escaped }
        let marker = " … "
        let budget = max(0, maxBytes - marker.utf8.count)
        let head = scalars(of: escaped.unicodeScalars, fitting: budget - budget / 2)
        let tail = scalars(of: escaped.unicodeScalars.reversed(), fitting: budget / 2).reversed()
        return String(String.UnicodeScalarView(head)) + marker + String(String.UnicodeScalarView(tail))
    }

    /// The leading scalars of `scalars` whose UTF-8 encoding fits in `bytes`.
    private static func scalars(of scalars: some Sequence<Unicode.Scalar>, fitting bytes: Int) -> [Unicode.Scalar] {
        var kept: [Unicode.Scalar] = []
        var used = 0
        for scalar in scalars {
            used += UTF8.width(scalar)
            if used > bytes { break }
            kept.append(scalar)
        }
        return kept
    }
}

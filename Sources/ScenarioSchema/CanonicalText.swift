/// Renders a node tree as compact YAML flow text. Used for the content hash, so the output must
/// depend only on content: mappings keep document order, scalars keep their exact text.
enum CanonicalText {
    static func render(_ node: ConfigNode) -> String {
        var out = ""
        write(node, into: &out)
        return out
    }

    private static func write(_ node: ConfigNode, into out: inout String) {
        switch node.value {
        case .null:
            out += "null"
        case let .scalar(text):
            writeScalar(text, quoted: node.isQuoted, into: &out)
        case let .sequence(items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += ", " }
                write(item, into: &out)
            }
            out += "]"
        case let .mapping(entries):
            out += "{"
            for (index, entry) in entries.enumerated() {
                if index > 0 { out += ", " }
                writeScalar(entry.key, quoted: false, into: &out)
                out += ": "
                write(entry.node, into: &out)
            }
            out += "}"
        }
    }

    /// Plain text when it is unambiguous in flow context, otherwise a double-quoted string.
    /// A quoted scalar stays quoted so that `"1"` and `1` hash differently (they read differently).
    private static func writeScalar(_ text: String, quoted: Bool, into out: inout String) {
        let safe =
            !text.isEmpty
            && text.unicodeScalars.allSatisfy {
                ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)))
                    || "._+-".unicodeScalars.contains($0)
            }
        if safe && !quoted {
            out += text
            return
        }
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 {
                    out += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}

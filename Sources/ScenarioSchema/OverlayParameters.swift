import Foundation

/// Substitutes a fragment's parameters into its overlay.
///
/// A scalar may hold `${name}` (the parameter's value, as written), `${-name}`, or one arithmetic
/// step `${a op b}` where `a` and `b` are parameter names or numbers and `op` is `+`, `-`, `*` or `/`
/// (so a fragment can write a factor `${1 - size}` from a size). A scalar that is exactly one `${…}`
/// becomes a plain scalar (read as a number when it is one), even if the fragment quoted it. Mapping
/// keys are substituted too (`market.assets[name=${asset}].drift`).
public enum OverlayParameters {
    /// A copy of `node` with every `${…}` replaced.
    /// - Parameters:
    ///   - node: The overlay (or any part of it).
    ///   - values: The parameters' values as scalar text, by name.
    ///   - origin: Names the fragment in errors.
    ///   - givenAt: Where a parameter's value was given (a scenario's reference to the fragment): a scalar
    ///     that is exactly `${name}` takes that location, so an out-of-range value is reported there.
    public static func substitute(
        _ node: ConfigNode, _ values: [String: String], origin: String, givenAt: [String: ConfigNode] = [:]
    ) throws(ConfigError) -> ConfigNode {
        var copy = node
        switch node.value {
        case let .mapping(entries):
            var out: [(key: String, node: ConfigNode)] = []
            for e in entries {
                var key = e.key
                if key.contains("${") {
                    let keyNode = ConfigNode(
                        file: e.node.file, line: e.node.line, column: nil, keyPath: e.node.keyPath, value: .scalar(key))
                    key = try substitute(keyNode, values, origin: origin, givenAt: givenAt).scalarText ?? key
                }
                out.append((key, try substitute(e.node, values, origin: origin, givenAt: givenAt)))
            }
            copy.value = .mapping(out)
        case let .sequence(items):
            var out: [ConfigNode] = []
            for item in items { out.append(try substitute(item, values, origin: origin, givenAt: givenAt)) }
            copy.value = .sequence(out)
        case let .scalar(text) where text.contains("${"):
            var result = ""
            var rest = Substring(text)
            var pieces = 0
            while let open = rest.range(of: "${") {
                guard let close = rest[open.upperBound...].firstIndex(of: "}") else {
                    throw ConfigError.semantic(node, "\(origin): unclosed ${ in \(node.foundDescription)")
                }
                result += rest[..<open.lowerBound]
                result += try evaluate(String(rest[open.upperBound..<close]), values, node: node, origin: origin)
                rest = rest[rest.index(after: close)...]
                pieces += 1
            }
            let whole = pieces == 1 && text.hasPrefix("${") && text.hasSuffix("}")
            copy.value = .scalar(result + rest)
            if whole {
                copy.isQuoted = false
                let name = text.dropFirst(2).dropLast().trimmingCharacters(in: .whitespaces)
                if let given = givenAt[name] {
                    copy.file = given.file
                    copy.line = given.line
                    copy.column = given.column
                }
            }
        case .scalar, .null:
            break
        }
        return copy
    }

    /// One `${…}` body: a name, `-name`, or `a op b`.
    static func evaluate(
        _ body: String, _ values: [String: String], node: ConfigNode, origin: String
    ) throws(ConfigError) -> String {
        let tokens = body.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        func operand(_ t: String) throws(ConfigError) -> Double {
            if let x = Double(t), x.isFinite { return x }
            guard let text = values[t] else { throw unknown(t) }
            guard let x = Double(text), x.isFinite else {
                throw ConfigError.semantic(
                    node,
                    "\(origin): parameter \(t) is used in arithmetic, so it must be a number, got \(ConfigNode.echo(text))"
                )
            }
            return x
        }
        func unknown(_ t: String) -> ConfigError {
            let known = values.keys.sorted().joined(separator: ", ")
            return ConfigError.semantic(
                node,
                "\(origin): unknown parameter \(ConfigNode.echo(t)) (parameters: \(known.isEmpty ? "none" : known))")
        }
        switch tokens.count {
        case 1 where tokens[0].hasPrefix("-") && values[String(tokens[0].dropFirst())] != nil:
            return format(-(try operand(String(tokens[0].dropFirst()))))
        case 1:
            guard let text = values[tokens[0]] else { throw unknown(tokens[0]) }
            return text
        case 3:
            let a = try operand(tokens[0])
            let b = try operand(tokens[2])
            switch tokens[1] {
            case "+": return format(a + b)
            case "-": return format(a - b)
            case "*": return format(a * b)
            case "/" where b != 0: return format(a / b)
            default: break
            }
        default: break
        }
        throw ConfigError.semantic(
            node,
            "\(origin): expected ${name}, ${-name} or ${a op b} (op one of + - * /, spaces around it), "
                + "got ${\(ConfigNode.echo(body))}")
    }

    /// Shortest round-trip text; integers without a decimal point.
    static func format(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : "\(x)"
    }
}

import Yams

/// Turns YAML text into a `ConfigNode` tree. This is the only file that touches Yams, so no
/// Yams type appears in the target's public API.
enum YamlTree {
    /// Parses a whole document. An empty document (or one holding only comments) gives a null root.
    static func document(_ text: String, file: String) throws(ConfigError) -> ConfigNode {
        let root: Node?
        do {
            root = try compose(yaml: text)
        } catch let error as YamlError {
            throw translate(error, text: text, file: file)
        } catch {
            throw ConfigError(file: file, line: nil, keyPath: "", message: "invalid YAML: \(error)")
        }
        guard let root else {
            return ConfigNode(file: file, line: 1, column: 1, keyPath: "", value: .null)
        }
        var budget = nodeBudget
        return try convert(root, file: file, keyPath: "", at: root.mark, located: true, budget: &budget)
    }

    /// Parses the value half of a `--set` assignment. The nodes carry `origin` as their file and
    /// no line, so errors point at the command line.
    static func overrideValue(_ text: String, origin: String, keyPath: String) throws(ConfigError) -> ConfigNode {
        let node: Node?
        do {
            node = try compose(yaml: text)
        } catch {
            let problem = (error as? YamlError).map { problemText($0, withLines: false) } ?? "\(error)"
            throw ConfigError(file: origin, line: nil, keyPath: keyPath, message: "invalid value: \(problem)")
        }
        guard let node else {
            return ConfigNode(file: origin, line: nil, column: nil, keyPath: keyPath, value: .null)
        }
        var budget = nodeBudget
        return try convert(node, file: origin, keyPath: keyPath, at: nil, located: false, budget: &budget)
    }

    /// Most nodes a document may expand to. Aliases are copied into the tree, so a few lines of
    /// nested aliases ("billion laughs") could otherwise exhaust memory; real scenarios are tiny.
    static let nodeBudget = 1_000_000

    /// Recursive conversion. `mark` is where the node is reported: the key's position for a
    /// mapping entry (so `market:` errors point at the `market:` line, and an alias is reported
    /// where it is used), the element's own position for a sequence element.
    private static func convert(
        _ node: Node, file: String, keyPath: String, at mark: Mark?,
        located: Bool, budget: inout Int
    ) throws(ConfigError) -> ConfigNode {
        let line = located ? mark?.line : nil
        budget -= 1
        guard budget >= 0 else {
            throw ConfigError(
                file: file, line: line, keyPath: keyPath,
                message: "document too large: more than \(nodeBudget) values after expanding aliases")
        }
        let column = located ? mark?.column : nil
        func make(_ value: ConfigNode.Value, quoted: Bool = false) -> ConfigNode {
            ConfigNode(file: file, line: line, column: column, keyPath: keyPath, value: value, isQuoted: quoted)
        }
        switch node {
        case let .scalar(scalar):
            let quoted = scalar.style != .plain && scalar.style != .any
            if !quoted, ScalarSyntax.isNull(scalar.string) { return make(.null) }
            return make(.scalar(scalar.string), quoted: quoted)
        case let .sequence(items):
            var out: [ConfigNode] = []
            out.reserveCapacity(items.count)
            for (index, item) in items.enumerated() {
                out.append(
                    try convert(
                        item, file: file, keyPath: ConfigNode.path(keyPath, index: index),
                        at: item.mark, located: located, budget: &budget))
            }
            return make(.sequence(out))
        case let .mapping(mapping):
            return make(
                .mapping(
                    try entries(
                        of: mapping, file: file, keyPath: keyPath, located: located,
                        budget: &budget)))
        case let .alias(alias):
            // Yams resolves aliases while composing; an unresolved one is reported, not guessed.
            throw ConfigError(
                file: file, line: line, keyPath: keyPath,
                message: "unresolved YAML alias *\(alias.anchor.rawValue)")
        }
    }

    /// Mapping entries in document order, with YAML merge keys (`<<: *base`) expanded in place.
    /// Explicit keys win over merged ones; among merged mappings the first one wins.
    private static func entries(
        of mapping: Node.Mapping, file: String, keyPath: String,
        located: Bool, budget: inout Int
    ) throws(ConfigError) -> [(key: String, node: ConfigNode)] {
        var out: [(key: String, node: ConfigNode)] = []
        var explicit: [String] = []
        for (key, _) in mapping {
            if case let .scalar(scalar) = key, !isMergeKey(scalar) { explicit.append(scalar.string) }
        }
        for (key, value) in mapping {
            guard case let .scalar(scalar) = key else {
                throw ConfigError(
                    file: file, line: located ? key.mark?.line : nil, keyPath: keyPath,
                    message: "expected a plain key name, got a complex key")
            }
            if isMergeKey(scalar) {
                let sources: [Node]
                switch value {
                case .mapping: sources = [value]
                case let .sequence(items): sources = Array(items)
                default: sources = []
                }
                for source in sources {
                    guard case let .mapping(inner) = source else {
                        throw ConfigError(
                            file: file, line: located ? key.mark?.line : nil, keyPath: keyPath,
                            message: "a merge key (<<) needs a mapping or a list of mappings")
                    }
                    for entry in try entries(of: inner, file: file, keyPath: keyPath, located: located, budget: &budget)
                    where !explicit.contains(entry.key) && !out.contains(where: { $0.key == entry.key }) {
                        out.append(entry)
                    }
                }
                if sources.isEmpty {
                    throw ConfigError(
                        file: file, line: located ? key.mark?.line : nil, keyPath: keyPath,
                        message: "a merge key (<<) needs a mapping or a list of mappings")
                }
                continue
            }
            let path = ConfigNode.path(keyPath, key: scalar.string)
            out.append(
                (
                    key: scalar.string,
                    node: try convert(
                        value, file: file, keyPath: path,
                        at: key.mark, located: located,
                        budget: &budget)
                ))
        }
        return out
    }

    private static func isMergeKey(_ scalar: Node.Scalar) -> Bool {
        scalar.style == .plain && scalar.string == "<<"
    }
}

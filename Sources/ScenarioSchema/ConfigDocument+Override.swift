extension ConfigDocument {
    /// Applies one command-line override, `path.to.key=value` (sequence elements as `list[2]`).
    ///
    /// The value is parsed as YAML, so it may be a scalar (`0.3`, `1e3`, `calm`), a flow
    /// sequence (`[1, 2]`) or a flow mapping; its type and range are checked later by the same
    /// `ConfigReader` calls that check file values, with `--set path=value` as the location.
    /// The key path must already exist in the document: a typo is an error, never a new key.
    /// On error the document is left unchanged.
    public mutating func applyOverride(_ assignment: String) throws(ConfigError) {
        let origin = "--set " + assignment
        guard let equals = assignment.firstIndex(of: "=") else {
            throw ConfigError(file: origin, line: nil, keyPath: "", message: "expected key.path=value")
        }
        let pathText = String(assignment[..<equals]).trimmingSpaces()
        let valueText = String(assignment[assignment.index(after: equals)...])
        let steps = try OverridePath.parse(pathText, origin: origin)
        let newRoot = try OverridePath.replacing(steps[...], in: root, origin: origin, valueText: valueText)
        replaceRoot(newRoot, recording: assignment)
    }
}

/// The key path of a `--set` assignment and the walk that replaces the addressed node.
enum OverridePath {
    enum Step: Equatable {
        case key(String)
        case index(Int)
    }

    /// Splits `a.b[2].c` into steps; rejects empty names and malformed brackets.
    static func parse(_ text: String, origin: String) throws(ConfigError) -> [Step] {
        var steps: [Step] = []
        for segment in text.split(separator: ".", omittingEmptySubsequences: false) {
            var rest = Substring(segment)
            let nameEnd = rest.firstIndex(of: "[") ?? rest.endIndex
            let name = rest[..<nameEnd]
            guard !name.isEmpty else { throw malformed(text, origin) }
            steps.append(.key(String(name)))
            rest = rest[nameEnd...]
            while !rest.isEmpty {
                guard rest.first == "[", let close = rest.firstIndex(of: "]"),
                    let index = Int(rest[rest.index(after: rest.startIndex)..<close]), index >= 0
                else {
                    throw malformed(text, origin)
                }
                steps.append(.index(index))
                rest = rest[rest.index(after: close)...]
            }
        }
        return steps
    }

    private static func malformed(_ path: String, _ origin: String) -> ConfigError {
        ConfigError(
            file: origin, line: nil, keyPath: path,
            message: "malformed key path (expected names separated by '.', with optional [index])")
    }

    /// A copy of `node` with the node at `steps` replaced by the parsed value.
    static func replacing(
        _ steps: ArraySlice<Step>, in node: ConfigNode, origin: String,
        valueText: String
    ) throws(ConfigError) -> ConfigNode {
        guard let step = steps.first else {
            return try YamlTree.overrideValue(valueText, origin: origin, keyPath: node.keyPath)
        }
        var copy = node
        switch (step, node.value) {
        case let (.key(key), .mapping(entries)):
            guard let position = entries.firstIndex(where: { $0.key == key }) else {
                throw unknownKey(key, in: node, known: entries.map(\.key), origin: origin)
            }
            var updated = entries
            updated[position].node = try replacing(
                steps.dropFirst(), in: entries[position].node,
                origin: origin, valueText: valueText)
            copy.value = .mapping(updated)
        case let (.key(key), .null) where node.keyPath.isEmpty:
            throw unknownKey(key, in: node, known: [], origin: origin)
        case let (.index(index), .sequence(items)):
            guard index < items.count else {
                throw ConfigError(
                    file: origin, line: nil, keyPath: ConfigNode.path(node.keyPath, index: index),
                    message: "index out of range (\(node.keyPath) has \(items.count) elements)")
            }
            var updated = items
            updated[index] = try replacing(steps.dropFirst(), in: items[index], origin: origin, valueText: valueText)
            copy.value = .sequence(updated)
        case let (.key(key), _):
            throw ConfigError(
                file: origin, line: nil, keyPath: ConfigNode.path(node.keyPath, key: key),
                message: "unknown key (\(node.keyPath) is \(node.foundDescription), not a mapping)")
        case let (.index(index), _):
            throw ConfigError(
                file: origin, line: nil, keyPath: ConfigNode.path(node.keyPath, index: index),
                message: "no such element (\(node.keyPath) is \(node.foundDescription), not a sequence)")
        }
        return copy
    }

    private static func unknownKey(_ key: String, in node: ConfigNode, known: [String], origin: String) -> ConfigError {
        let place = node.keyPath.isEmpty ? "the top level" : node.keyPath
        var message = "unknown key (known keys at \(place): "
        message += known.isEmpty ? "none" : known.joined(separator: ", ")
        if let guess = Suggestion.closest(to: key, among: known) { message += "; did you mean \(guess)?" }
        return ConfigError(
            file: origin, line: nil, keyPath: ConfigNode.path(node.keyPath, key: key),
            message: message + ")")
    }
}

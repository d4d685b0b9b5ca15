extension ConfigDocument {
    /// Applies an overlay: a mapping from key paths to values, as a stress or policy fragment writes it.
    ///
    /// Each entry `path: value` sets the node at `path` to `value`, replacing what was there and creating
    /// missing mappings on the way, but never a new top-level section (that would add agents or a
    /// market the scenario does not have). An entry `+path: [a, b]` appends the elements to the sequence
    /// at `path`, creating it when absent. A path step may be a name, `name[2]` (an element) or
    /// `name[name=ETH]` (the element whose `name` is `ETH`). Grafted values keep their own file and line
    /// (the fragment's) and take the scenario's key paths, so errors found later point at the fragment.
    /// An entry `?path: value` changes nothing: it requires the scenario's scalar at `path` to be `value`
    /// (a depeg needs a pegged asset), and is an error otherwise.
    /// - Parameters:
    ///   - overlay: The mapping of key paths to values.
    ///   - origin: Names the overlay in errors about a path the scenario does not have.
    ///   - reference: Where the scenario chose the overlay: a failed requirement is reported there.
    public mutating func applyOverlay(
        _ overlay: ConfigNode, origin: String, reference: ConfigNode? = nil
    ) throws(ConfigError) {
        guard case let .mapping(entries) = overlay.value else {
            throw ConfigError.semantic(
                overlay, "expected a mapping of key paths to values, got \(overlay.foundDescription)")
        }
        var newRoot = root
        for entry in entries {
            let append = entry.key.hasPrefix("+")
            let pathText = append ? String(entry.key.dropFirst()) : entry.key
            let entryPath = ConfigNode.path(overlay.keyPath, key: entry.key)
            let located = ConfigNode(
                file: entry.node.file, line: entry.node.line, column: nil, keyPath: entryPath, value: .null)
            if entry.key.hasPrefix("?") {
                let steps = try OverlayPath.parse(String(entry.key.dropFirst()), at: located)
                let found = OverlayPath.find(steps[...], in: newRoot)
                guard let found, found.scalarText == entry.node.scalarText else {
                    throw ConfigError.semantic(
                        reference ?? located,
                        "\(origin) applies only where \(entry.key.dropFirst()) is "
                            + "\(entry.node.foundDescription); the scenario has \(found?.foundDescription ?? "no such key")"
                    )
                }
                continue
            }
            let steps = try OverlayPath.parse(pathText, at: located)
            if append, !entry.node.isSequence {
                throw ConfigError.semantic(
                    located, "expected a sequence of elements to append, got \(entry.node.foundDescription)")
            }
            newRoot = try OverlayPath.graft(
                steps[...], into: newRoot, value: entry.node, append: append, at: located, origin: origin)
        }
        replaceRoot(newRoot, recording: nil)
    }

    /// Removes a top-level key (a no-op when absent), returning its node.
    public mutating func removeTopLevel(_ key: String) -> ConfigNode? {
        guard case let .mapping(entries) = root.value, let i = entries.firstIndex(where: { $0.key == key }) else {
            return nil
        }
        var copy = root
        var kept = entries
        let removed = kept.remove(at: i).node
        copy.value = .mapping(kept)
        replaceRoot(copy, recording: nil)
        return removed
    }

    /// Adds `key: []` at the top level when the document has no such key, so `--set key=[…]` can choose it.
    public mutating func ensureTopLevelList(_ key: String) {
        guard case let .mapping(entries) = root.value, !entries.contains(where: { $0.key == key }) else { return }
        var copy = root
        copy.value = .mapping(
            entries + [(key, ConfigNode(file: file, line: nil, column: nil, keyPath: key, value: .sequence([])))])
        replaceRoot(copy, recording: nil)
    }
}

extension ConfigNode {
    /// Whether the node is a sequence.
    var isSequence: Bool {
        if case .sequence = value { return true }
        return false
    }
}

/// The key paths of an overlay, and the walk that sets or appends at them.
enum OverlayPath {
    enum Step: Equatable {
        case key(String)
        case index(Int)
        case named(String)
    }

    static func parse(_ text: String, at node: ConfigNode) throws(ConfigError) -> [Step] {
        var steps: [Step] = []
        for segment in text.split(separator: ".", omittingEmptySubsequences: false) {
            var rest = Substring(segment)
            let nameEnd = rest.firstIndex(of: "[") ?? rest.endIndex
            guard !rest[..<nameEnd].isEmpty else { throw malformed(text, node) }
            steps.append(.key(String(rest[..<nameEnd])))
            rest = rest[nameEnd...]
            while !rest.isEmpty {
                guard rest.first == "[", let close = rest.firstIndex(of: "]") else { throw malformed(text, node) }
                let inside = rest[rest.index(after: rest.startIndex)..<close]
                if let index = Int(inside), index >= 0 {
                    steps.append(.index(index))
                } else if inside.hasPrefix("name="), inside.count > 5 {
                    steps.append(.named(String(inside.dropFirst(5))))
                } else {
                    throw malformed(text, node)
                }
                rest = rest[rest.index(after: close)...]
            }
        }
        return steps
    }

    private static func malformed(_ path: String, _ node: ConfigNode) -> ConfigError {
        ConfigError.semantic(
            node,
            "malformed key path \(ConfigNode.echo(path)) (expected names separated by '.', "
                + "each with optional [index] or [name=NAME])")
    }

    /// The node at `steps`, or nil.
    static func find(_ steps: ArraySlice<Step>, in node: ConfigNode) -> ConfigNode? {
        guard let step = steps.first else { return node }
        switch (step, node.value) {
        case let (.key(key), .mapping(entries)):
            return entries.first { $0.key == key }.flatMap { find(steps.dropFirst(), in: $0.node) }
        case let (.index(i), .sequence(items)) where i < items.count:
            return find(steps.dropFirst(), in: items[i])
        case let (.named(name), .sequence(items)):
            let hit = items.first { item in
                guard case let .mapping(e) = item.value else { return false }
                return e.first { $0.key == "name" }?.node.scalarText == name
            }
            return hit.flatMap { find(steps.dropFirst(), in: $0) }
        default:
            return nil
        }
    }

    /// `value` with every key path rewritten under `path` (the place it is grafted to).
    static func relocate(_ value: ConfigNode, to path: String) -> ConfigNode {
        var copy = value
        copy.keyPath = path
        switch value.value {
        case let .mapping(entries):
            copy.value = .mapping(entries.map { ($0.key, relocate($0.node, to: ConfigNode.path(path, key: $0.key))) })
        case let .sequence(items):
            copy.value = .sequence(items.enumerated().map { relocate($1, to: ConfigNode.path(path, index: $0)) })
        case .scalar, .null:
            break
        }
        return copy
    }

    /// A copy of `node` with `value` set (or appended) at `steps`.
    static func graft(
        _ steps: ArraySlice<Step>, into node: ConfigNode, value: ConfigNode, append: Bool, at entry: ConfigNode,
        origin: String
    ) throws(ConfigError) -> ConfigNode {
        guard let step = steps.first else {
            guard append else { return relocate(value, to: node.keyPath) }
            var existing: [ConfigNode] = []
            switch node.value {
            case let .sequence(items): existing = items
            case .null: existing = []
            default:
                throw ConfigError.semantic(
                    entry, "\(origin) appends to \(node.keyPath), which is \(node.foundDescription), not a sequence")
            }
            var merged = node
            merged.value = .sequence(existing)
            guard case let .sequence(added) = relocate(value, to: node.keyPath).value else { return merged }
            let shifted = added.enumerated().map {
                relocate($1, to: ConfigNode.path(node.keyPath, index: existing.count + $0))
            }
            merged.value = .sequence(existing + shifted)
            return merged
        }
        var copy = node
        if case .key = step, case .null = node.value, !node.keyPath.isEmpty {
            copy.value = .mapping([])
            return try graft(steps, into: copy, value: value, append: append, at: entry, origin: origin)
        }
        switch (step, node.value) {
        case let (.key(key), .mapping(entries)):
            var updated = entries
            if let i = entries.firstIndex(where: { $0.key == key }) {
                updated[i].node = try graft(
                    steps.dropFirst(), into: entries[i].node, value: value, append: append, at: entry, origin: origin)
            } else {
                guard !node.keyPath.isEmpty else {
                    throw ConfigError.semantic(
                        entry,
                        "\(origin) needs a \(key) section, and the scenario has none (an overlay never adds "
                            + "a top-level section)")
                }
                let path = ConfigNode.path(node.keyPath, key: key)
                let empty = ConfigNode(
                    file: entry.file, line: entry.line, column: nil, keyPath: path,
                    value: steps.count > 1 ? .mapping([]) : .null)
                updated.append(
                    (
                        key,
                        try graft(
                            steps.dropFirst(), into: empty, value: value, append: append, at: entry, origin: origin)
                    ))
            }
            copy.value = .mapping(updated)
        case let (.index(index), .sequence(items)) where index < items.count:
            var updated = items
            updated[index] = try graft(
                steps.dropFirst(), into: items[index], value: value, append: append, at: entry, origin: origin)
            copy.value = .sequence(updated)
        case let (.named(name), .sequence(items)):
            guard
                let i = items.firstIndex(where: { item in
                    guard case let .mapping(e) = item.value else { return false }
                    return e.first { $0.key == "name" }?.node.scalarText == name
                })
            else {
                throw ConfigError.semantic(
                    entry, "\(origin) needs an element named \(name) in \(node.keyPath), and there is none")
            }
            var updated = items
            updated[i] = try graft(
                steps.dropFirst(), into: items[i], value: value, append: append, at: entry, origin: origin)
            copy.value = .sequence(updated)
        default:
            throw ConfigError.semantic(
                entry,
                "\(origin) cannot reach \(node.keyPath.isEmpty ? "the top level" : node.keyPath) "
                    + "(it is \(node.foundDescription))")
        }
        return copy
    }
}

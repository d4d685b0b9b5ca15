/// Reads one mapping of a scenario, key by key, checking type and range of each value.
///
/// It records which keys were read, so `finish()` can reject keys nobody asked for (typos such
/// as `sigmma`), with the list of allowed keys and a "did you mean" suggestion. Call `finish()`
/// once everything is read; it also finishes the readers returned by `child`/`optionalChild`.
/// Readers built directly from list elements (`ConfigReader(node)`) must be finished by the caller.
///
/// A missing key with a `default` yields the default; a missing key without one is an error at
/// the parent mapping's line. An explicit null (`key:` or `key: ~`) is not "missing": it is an
/// error for every reader except `optionalChild`, where it means "absent".
public final class ConfigReader {
    /// The mapping being read; use with `ConfigError.semantic` for cross-field checks.
    public let mappingNode: ConfigNode
    let entries: [(key: String, node: ConfigNode)]
    /// Keys asked for, in asking order (including absent ones), for the "allowed keys" list.
    private var asked: [String] = []
    /// Keys present in the mapping and handled by a reader call.
    private var consumed: Set<String> = []
    private var children: [ConfigReader] = []

    /// Starts reading `node`. Throws "expected a mapping" when it is anything else.
    public init(_ node: ConfigNode) throws(ConfigError) {
        guard case let .mapping(entries) = node.value else {
            let found = node.keyPath.isEmpty && node.value.isNull ? "an empty document" : node.foundDescription
            throw ConfigError.semantic(node, "expected a mapping, got \(found)")
        }
        self.mappingNode = node
        self.entries = entries
    }

    /// Whether `key` is written in this mapping (null values count). Does not mark it as read.
    public func has(_ key: String) -> Bool {
        entries.contains { $0.key == key }
    }

    /// The raw node at `key`, marking the key as read; `nil` when absent.
    public func node(_ key: String) -> ConfigNode? {
        if !asked.contains(key) { asked.append(key) }
        guard let entry = entries.first(where: { $0.key == key }) else { return nil }
        consumed.insert(key)
        return entry.node
    }

    /// Rejects keys that no reader call asked for, in document order, then finishes child readers.
    public func finish() throws(ConfigError) {
        for entry in entries where !consumed.contains(entry.key) {
            let allowed = asked.sorted()
            var message = "unknown key (allowed keys"
            message += mappingNode.keyPath.isEmpty ? ": " : " in \(mappingNode.keyPath): "
            message += allowed.isEmpty ? "none" : allowed.joined(separator: ", ")
            let unwritten = asked.filter { !has($0) }
            if let guess = Suggestion.closest(to: entry.key, among: unwritten)
                ?? Suggestion.closest(to: entry.key, among: asked)
            {
                message += "; did you mean \(guess)?"
            }
            throw ConfigError.semantic(entry.node, message + ")")
        }
        for child in children { try child.finish() }
    }

    /// Dotted path of a key of this mapping.
    func path(_ key: String) -> String {
        ConfigNode.path(mappingNode.keyPath, key: key)
    }

    /// The error for a required key that is absent, located at this mapping. When an unread key
    /// of the mapping is spelt almost the same, it is named as a likely typo.
    func missing(_ key: String, expected: String) -> ConfigError {
        var message = "missing required key, expected \(expected)"
        let unread = entries.map(\.key).filter { !consumed.contains($0) }
        if let typo = Suggestion.closest(to: key, among: unread) { message += " (is \(typo) a typo for \(key)?)" }
        return ConfigError(file: mappingNode.file, line: mappingNode.line, keyPath: path(key), message: message)
    }

    /// Shared shape of the scalar readers: absent -> default or error; present -> `parse`.
    func read<T>(
        _ key: String, default fallback: T?, expected: String,
        _ parse: (ConfigNode) throws(ConfigError) -> T
    ) throws(ConfigError) -> T {
        guard let found = node(key) else {
            if let fallback { return fallback }
            throw missing(key, expected: expected)
        }
        return try parse(found)
    }

    func adopt(_ child: ConfigReader) -> ConfigReader {
        children.append(child)
        return child
    }
}

extension ConfigNode.Value {
    var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

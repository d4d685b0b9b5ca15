import Yams

extension YamlTree {
    /// Turns a Yams error into a located `ConfigError` without Yams' multi-line snippet.
    static func translate(_ error: YamlError, text: String, file: String) -> ConfigError {
        switch error {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _):
            return ConfigError(
                file: file, line: mark.line, keyPath: "",
                message: "invalid YAML: \(problemText(error)) (column \(mark.column))")
        case let .reader(problem, offset, _, _):
            let line = offset.map { lineNumber(ofUTF8Offset: $0, in: text) }
            return ConfigError(file: file, line: line, keyPath: "", message: "unreadable text: \(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return duplicateKeyError(keys: duplicates, mark: context.mark, text: text, file: file)
        default:
            return ConfigError(file: file, line: nil, keyPath: "", message: "invalid YAML: \(problemText(error))")
        }
    }

    /// The one-line problem statement of a Yams error, with libyaml's context when it has one
    /// (e.g. "could not find expected ':' while scanning a simple key"). Lines are left out for
    /// one-line `--set` values, where they would only confuse.
    static func problemText(_ error: YamlError, withLines: Bool = true) -> String {
        switch error {
        case let .scanner(context, problem, _, _), let .parser(context, problem, _, _),
            let .composer(context, problem, _, _):
            guard let context else { return problem }
            return "\(problem) (\(context.text)" + (withLines ? " at line \(context.mark.line))" : ")")
        case let .reader(problem, _, _, _):
            return problem
        case let .duplicatedKeysInMapping(duplicates, _):
            return "duplicate key " + duplicates.joined(separator: ", ")
        default:
            return String(describing: error).split(separator: "\n").first.map(String.init) ?? "unknown problem"
        }
    }

    /// Yams only says which key name is duplicated and where one copy is. To name the full key
    /// path and the line of the second copy, the first copy is renamed in a scratch copy of the
    /// text and the scratch text is parsed again; when that does not work (several duplicates,
    /// odd layouts) the plain key name and Yams' line are reported instead.
    private static func duplicateKeyError(keys: [String], mark: Mark, text: String, file: String) -> ConfigError {
        let fallback = ConfigError(
            file: file, line: mark.line, keyPath: keys.joined(separator: ", "),
            message: "duplicate key in one mapping")
        // The scratch text is parsed by `document`, which comes back here while it still has a
        // duplicate: when the marker did not land on the first copy (libyaml also breaks lines at a
        // lone "\r", which `inserting` does not), the same key would be marked again and again
        // without end. A text that already holds the marker is such a scratch text: stop there.
        guard !text.contains(marker), keys.count == 1, let key = keys.first,
            let renamed = inserting(marker, atLine: mark.line, column: mark.column, in: text),
            let tree = try? document(renamed, file: file),
            let (parentPath, second) = findDuplicate(of: key, in: tree)
        else { return fallback }
        return ConfigError(
            file: file, line: second.line ?? mark.line,
            keyPath: ConfigNode.path(parentPath, key: key),
            message: "duplicate key in one mapping (first written at line \(mark.line))")
    }

    private static let marker = "__ballast_first_copy__"

    /// The mapping holding the renamed first copy, and the node of the other copy.
    private static func findDuplicate(of key: String, in node: ConfigNode) -> (String, ConfigNode)? {
        switch node.value {
        case .null, .scalar: return nil
        case let .sequence(items):
            for item in items { if let found = findDuplicate(of: key, in: item) { return found } }
            return nil
        case let .mapping(entries):
            if entries.contains(where: { $0.key.hasPrefix(marker) }),
                let other = entries.first(where: { $0.key == key })
            {
                return (node.keyPath, other.node)
            }
            for entry in entries { if let found = findDuplicate(of: key, in: entry.node) { return found } }
            return nil
        }
    }

    /// `text` with `insertion` placed at a 1-based line and column (columns count Unicode scalars).
    private static func inserting(_ insertion: String, atLine line: Int, column: Int, in text: String) -> String? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard line >= 1, line <= lines.count else { return nil }
        var scalars = Array(lines[line - 1].unicodeScalars)
        guard column >= 1, column - 1 <= scalars.count else { return nil }
        scalars.insert(contentsOf: insertion.unicodeScalars, at: column - 1)
        var rebuilt = String.UnicodeScalarView()
        rebuilt.append(contentsOf: scalars)
        lines[line - 1] = String(rebuilt)
        return lines.joined(separator: "\n")
    }

    /// 1-based line of a byte offset into the UTF-8 text.
    private static func lineNumber(ofUTF8Offset offset: Int, in text: String) -> Int {
        1 + text.utf8.prefix(max(0, offset)).reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    }
}

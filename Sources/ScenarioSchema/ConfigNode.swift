/// One located value of a scenario document: a scalar, an ordered mapping, a sequence or null.
///
/// Every node knows where it came from (file and line, or the `--set` assignment that produced
/// it) and its dotted key path from the document root, so any error about it can name both.
public struct ConfigNode: Sendable, Equatable {
    /// The shape and content of a node. Mappings keep the order in which keys were written.
    public enum Value: Sendable {
        /// A scalar as written (numbers are parsed only when a reader asks for a number).
        case scalar(String)
        /// Key/value pairs in document order; keys are unique.
        case mapping([(key: String, node: ConfigNode)])
        /// Elements in document order.
        case sequence([ConfigNode])
        /// An explicit null (`~`, `null`, or nothing after the colon), or an empty document.
        case null
    }

    /// The scenario file, or `--set path=value` for a value that came from an override.
    public var file: String
    /// 1-based line (of the key, for a mapping entry); `nil` for override values.
    public var line: Int?
    /// 1-based column, as counted by libyaml in Unicode scalars; `nil` for override values.
    public var column: Int?
    /// Dotted path from the root, e.g. `market.shock.size`, `depositors.thresholds[1]`; empty at the root.
    public var keyPath: String
    /// The content.
    public var value: Value
    /// True for a quoted (`'..'`/`".."`) or block (`|`, `>`) scalar: such a value is a string and
    /// is never read as a number, boolean or null.
    public var isQuoted: Bool

    /// Creates a node; mostly useful for tests and for callers building documents in code.
    public init(file: String, line: Int?, column: Int?, keyPath: String, value: Value, isQuoted: Bool = false) {
        self.file = file
        self.line = line
        self.column = column
        self.keyPath = keyPath
        self.value = value
        self.isQuoted = isQuoted
    }

    /// The scalar text, or `nil` when the node is not a scalar.
    public var scalarText: String? {
        if case let .scalar(text) = value { return text }
        return nil
    }

    /// Longest scalar echoed whole in an error message; a longer one is cut, with its length.
    static let echoLimit = 80

    /// `text`, or its first characters and its length when it is too long to echo in one error line.
    public static func echo(_ text: String) -> String {
        guard text.count > echoLimit else { return text }
        return String(text.prefix(echoLimit - 20)) + "… (\(text.count) characters)"
    }

    /// A short description of what the node holds, for "got ..." in error messages.
    public var foundDescription: String {
        switch value {
        case .null: return "null"
        case .mapping: return "a mapping"
        case .sequence: return "a sequence"
        case let .scalar(text):
            // Numbers and booleans are echoed bare; anything else is quoted so that
            // empty or space-padded strings stay visible.
            if !isQuoted, ScalarSyntax.looksNumericOrBoolean(text), text.count <= Self.echoLimit { return text }
            return "\"" + Self.echo(text) + "\""
        }
    }

    /// Compares content and location; mapping order matters.
    public static func == (lhs: ConfigNode, rhs: ConfigNode) -> Bool {
        guard lhs.file == rhs.file, lhs.line == rhs.line, lhs.column == rhs.column,
            lhs.keyPath == rhs.keyPath, lhs.isQuoted == rhs.isQuoted
        else { return false }
        switch (lhs.value, rhs.value) {
        case (.null, .null): return true
        case let (.scalar(a), .scalar(b)): return a == b
        case let (.sequence(a), .sequence(b)): return a == b
        case let (.mapping(a), .mapping(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.node == $1.node }
        default: return false
        }
    }

    /// Path of a mapping child of `parent`.
    static func path(_ parent: String, key: String) -> String {
        parent.isEmpty ? key : parent + "." + key
    }

    /// Path of a sequence element of `parent`.
    static func path(_ parent: String, index: Int) -> String {
        parent + "[\(index)]"
    }
}

extension ConfigReader {
    /// A list of finite numbers, each in `range`; an element error names its index, e.g. `thresholds[2]`.
    public func doubles(
        _ key: String, default fallback: [Double]? = nil,
        _ range: ValueRange = .any
    ) throws(ConfigError) -> [Double] {
        let expected = "a list of numbers (each \(range.expectedNumber))"
        return try read(key, default: fallback, expected: expected) { node throws(ConfigError) in
            guard case let .sequence(items) = node.value else {
                throw ConfigError.semantic(node, "expected \(expected), got \(node.foundDescription)")
            }
            var values: [Double] = []
            values.reserveCapacity(items.count)
            for item in items { values.append(try Self.number(item, range)) }
            return values
        }
    }

    /// A non-empty square matrix of finite numbers, written as a list of rows
    /// (`[[1, 0.3], [0.3, 1]]`). Symmetry or definiteness are the caller's checks.
    public func matrix(_ key: String, default fallback: [[Double]]? = nil) throws(ConfigError) -> [[Double]] {
        let expected = "a square matrix (a list of rows of numbers)"
        return try read(key, default: fallback, expected: expected) { node throws(ConfigError) in
            guard case let .sequence(rows) = node.value, !rows.isEmpty else {
                let found = node.value.isEmptySequence ? "an empty list" : node.foundDescription
                throw ConfigError.semantic(node, "expected \(expected), got \(found)")
            }
            var matrix: [[Double]] = []
            matrix.reserveCapacity(rows.count)
            for row in rows {
                guard case let .sequence(items) = row.value else {
                    throw ConfigError.semantic(row, "expected a row of numbers, got \(row.foundDescription)")
                }
                guard items.count == rows.count else {
                    throw ConfigError.semantic(
                        row,
                        "expected a square matrix: this row has \(items.count) "
                            + "numbers but there are \(rows.count) rows")
                }
                var values: [Double] = []
                values.reserveCapacity(items.count)
                for item in items { values.append(try Self.number(item, .any)) }
                matrix.append(values)
            }
            return matrix
        }
    }

    /// The elements of a required list (e.g. a list of agent populations, each a mapping to be
    /// read with its own `ConfigReader`).
    public func list(_ key: String) throws(ConfigError) -> [ConfigNode] {
        try read(key, default: nil, expected: "a list") { node throws(ConfigError) in
            guard case let .sequence(items) = node.value else {
                throw ConfigError.semantic(node, "expected a list, got \(node.foundDescription)")
            }
            return items
        }
    }

    /// A required sub-mapping; it is finished together with this reader.
    public func child(_ key: String) throws(ConfigError) -> ConfigReader {
        try read(key, default: nil, expected: "a mapping") { node throws(ConfigError) in
            adopt(try ConfigReader(node))
        }
    }

    /// An optional sub-mapping: `nil` when the key is absent or null; it is finished together
    /// with this reader.
    public func optionalChild(_ key: String) throws(ConfigError) -> ConfigReader? {
        guard let node = node(key), !node.value.isNull else { return nil }
        return adopt(try ConfigReader(node))
    }
}

extension ConfigNode.Value {
    var isEmptySequence: Bool {
        if case let .sequence(items) = self { return items.isEmpty }
        return false
    }
}

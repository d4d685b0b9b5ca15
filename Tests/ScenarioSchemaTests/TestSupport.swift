import ScenarioSchema

/// Parses inline YAML as the file "t.yaml" and starts a reader on its root.
func reader(_ yaml: String) throws -> ConfigReader {
    try ConfigReader(ConfigDocument.parse(yaml, file: "t.yaml").root)
}

/// Runs `body` and returns the description of the `ConfigError` it threw, or nil if it succeeded.
/// Any other error type is returned tagged, so a test comparing texts fails visibly.
func failure<T>(_ body: () throws -> T) -> String? {
    do {
        _ = try body()
        return nil
    } catch let error as ConfigError {
        return error.description
    } catch {
        return "not a ConfigError: \(error)"
    }
}

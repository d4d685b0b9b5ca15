/// Why a report could not be written: one line naming the file and the problem.
public struct ReportError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}

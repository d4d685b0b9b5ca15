/// Where a study stands, reported as it runs.
public struct StudyProgress: Sendable {
    public var replicatesDone: Int
    public var replicatesPlanned: Int
    public var pointsDone: Int
    public var points: Int
    /// Replicates per second over this session (not counting resumed work).
    public var rate: Double
    /// Estimated seconds left for the planned replicates.
    public var etaSeconds: Double
}

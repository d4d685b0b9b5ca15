/// What a study is, recorded once in its result store.
///
/// `studyHash` identifies the study: reopening a store with another hash is refused.
/// `seed`, `parameterNames` and `replicatesPerPoint` decide which rows belong in the store,
/// so they must match on reopening too. The other fields are provenance; the store keeps
/// the values it was created with.
public struct StudyManifest: Codable, Sendable, Equatable {
    public var studyName: String
    /// Hash of the study file (hex text, as the runner computes it).
    public var studyHash: String
    public var ballastVersion: String
    public var scenarioPath: String
    /// The study's root seed; every replicate's streams derive from it.
    public var seed: UInt64
    /// The swept parameters, in study order. Each becomes a CSV column, so names must be
    /// non-empty, unique and distinct from `point`, `replicate` and the outcome columns.
    public var parameterNames: [String]
    /// At least 1.
    public var replicatesPerPoint: Int
    /// The command line that created the study.
    public var command: String
    /// The study's confidence level, in (0, 1): every later export, merge, figure and report of the store
    /// computes its intervals at this level, as the sweep that wrote it did.
    public var confidence: Double

    public init(
        studyName: String, studyHash: String, ballastVersion: String, scenarioPath: String, seed: UInt64,
        parameterNames: [String], replicatesPerPoint: Int, command: String, confidence: Double = 0.95
    ) {
        self.studyName = studyName
        self.studyHash = studyHash
        self.ballastVersion = ballastVersion
        self.scenarioPath = scenarioPath
        self.seed = seed
        self.parameterNames = parameterNames
        self.replicatesPerPoint = replicatesPerPoint
        self.command = command
        self.confidence = confidence
    }
}

/// One point of a study's design: a value for every parameter.
public struct StudyPoint: Sendable, Equatable {
    /// 0-based, unique within the study.
    public var index: Int
    /// Aligned with `StudyManifest.parameterNames`.
    public var values: [Double]
    /// The content hash of the scenario this point runs (after every override), so that a resume
    /// after the scenario file changed is refused instead of mixing two models' replicates.
    /// Empty when unknown (stores written by hand in tests).
    public var scenarioHash: String

    public init(index: Int, values: [Double], scenarioHash: String = "") {
        self.index = index
        self.values = values
        self.scenarioHash = scenarioHash
    }
}

/// Names one replicate of one point: the store's primary key.
public struct ReplicateKey: Hashable, Sendable {
    public var point: Int
    /// 0-based, below `StudyManifest.replicatesPerPoint`.
    public var replicate: Int

    public init(point: Int, replicate: Int) {
        self.point = point
        self.replicate = replicate
    }
}

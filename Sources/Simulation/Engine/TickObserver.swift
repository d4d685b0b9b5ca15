import Agents

/// What ``Engine/run(seed:replicate:recordSeries:progressEvery:progress:)`` shows an observer at the
/// end of each tick: the world after every phase, the tick's series row, and the populations (to read
/// agents' own books). Observers must only look: the run's output does not depend on them.
typealias TickObserver =
    @Sendable (_ world: WorldState, _ row: SeriesRow, _ populations: [any Population]) async -> Void

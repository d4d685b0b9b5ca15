import Agents
import ScenarioSchema

extension Engine {
    /// The world of replicate (seed, replicate) as it opens, before the first tick, as the agents would see it.
    /// - Throws: the located error of a scenario that cannot be built (a defence: decoding validated it).
    public func openingSnapshot(seed: UInt64, replicate: UInt64) throws(ConfigError) -> Snapshot {
        let (world, _) = try build(seed: seed, replicate: replicate)
        return world.snapshot(includeSolvency: true)
    }

    /// The world of replicate (seed, replicate) at the end of tick `tick` (0: as it opens), with its solvency
    /// margins: what `ballast equilibrium` solves a `balance_sheet` game from. The run stops at that tick.
    public func snapshot(atTick tick: Int, seed: UInt64, replicate: UInt64) async throws(RunError) -> Snapshot {
        if tick <= 0 {
            do { return try openingSnapshot(seed: seed, replicate: replicate) } catch { throw .invalidScenario(error) }
        }
        var shortened = scenario
        shortened.ticks = min(tick, scenario.ticks)
        var engine = Engine(scenario: shortened, workers: workers)
        let last = LastWorld()
        engine.tickObserver = { world, _, _ in await last.keep(world) }
        _ = try await engine.run(seed: seed, replicate: replicate, recordSeries: false)
        guard let world = await last.world else {
            do { return try openingSnapshot(seed: seed, replicate: replicate) } catch { throw .invalidScenario(error) }
        }
        return world.snapshot(includeSolvency: true)
    }
}

/// The world at the end of the latest tick, kept by a tick observer.
private actor LastWorld {
    var world: WorldState?
    func keep(_ w: WorldState) { world = w }
}

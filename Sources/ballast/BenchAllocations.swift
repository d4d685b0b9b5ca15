import ArgumentParser
import Foundation
import Simulation
import Synchronization

/// `ballast bench --allocations`: heap allocations per replicate, per agent-step and per depositor-step,
/// counted by the `BallastAllocationCounter` malloc interposer preloaded into a child of this process.
///
/// Normal runs never load the counter: the parent starts itself again with `LD_PRELOAD` naming the library
/// beside the executable, and the child finds the counter through `dlsym`.
enum BenchAllocations {
    typealias Counter = @convention(c) () -> UInt64

    static let libraryName = "libBallastAllocationCounter.so"

    /// The preloaded counter, when this process was started with it; nil in every normal run.
    static let counter: Counter? = {
        // A null handle is RTLD_DEFAULT: search every object loaded, the preloaded library first.
        guard let symbol = dlsym(nil, "ballast_allocations") else { return nil }
        return unsafeBitCast(symbol, to: Counter.self)
    }()

    /// Whether this executable was built with a sanitizer: its runtime defines malloc inside the executable,
    /// which comes before any preloaded library, so nothing could be counted.
    static var sanitized: Bool { dlsym(nil, "__asan_init") != nil || dlsym(nil, "__tsan_init") != nil }

    /// Runs this command again with the counter preloaded, its output passed through; throws when it fails.
    static func rerunPreloaded() throws {
        guard !sanitized else {
            Terminal.error(
                "--allocations: this ballast was built with a sanitizer, whose own malloc cannot be interposed; "
                    + "use a release or debug build")
            throw ExitCode(2)
        }
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let library = executable.deletingLastPathComponent().appendingPathComponent(libraryName)
        guard FileManager.default.fileExists(atPath: library.path) else {
            Terminal.error(
                "--allocations: expected the allocation counter at \(library.path); `swift build` builds it "
                    + "(product BallastAllocationCounter) beside the ballast executable")
            throw ExitCode(2)
        }
        let p = Process()
        p.executableURL = executable
        p.arguments = Array(CommandLine.arguments.dropFirst())
        var environment = ProcessInfo.processInfo.environment
        environment["LD_PRELOAD"] = library.path
        p.environment = environment
        try p.run()
        let exit = p.waitForExit()
        if exit.status != 0 || exit.killedBySignal { throw ExitCode(exit.status == 0 ? 1 : exit.status) }
    }

    /// Median counts over `replicates` replicates of `s`, one at a time: all of a replicate's allocations, and
    /// those of its ticks after the first (the build of the world and the first tick's one-off growth left out).
    static func perReplicate(_ s: Scenario, workers: Int, replicates: Int, _ counter: Counter) async throws
        -> (total: Double, laterTicks: Double)
    {
        let engine = Engine(scenario: s, workers: workers)
        var totals: [UInt64] = []
        var later: [UInt64] = []
        for r in 0..<replicates {
            let afterFirstTick = Mutex<UInt64>(0)
            let before = counter()
            _ = try await engine.run(
                seed: s.seed, replicate: UInt64(r), recordSeries: false, progressEvery: 1,
                progress: { done in if done == 1 { afterFirstTick.withLock { $0 = counter() } } })
            let end = counter()
            totals.append(end - before)
            later.append(end - afterFirstTick.withLock { $0 })
        }
        totals.sort()
        later.sort()
        return (Double(totals[totals.count / 2]), Double(later[later.count / 2]))
    }

    /// Fills the report's allocation fields: per replicate and per agent-step on the scenario as given, and the
    /// slope per depositor-step between two depositor counts with everything else fixed, over the ticks after the
    /// first (building a larger world costs more, once). A phase that allocated per depositor per tick would
    /// show here as a slope near or above one; a per-tick cost shows as zero.
    static func fill(
        _ report: inout BenchReport, _ s: Scenario, path: String, overrides: [String], workers: Int,
        replicates: Int, depositorCounts: [Int], _ counter: Counter
    ) async throws {
        let total = try await perReplicate(s, workers: workers, replicates: replicates, counter).total
        report.allocationsPerReplicate = total
        report.allocationsPerAgentStep = total / Double(max(1, report.agentStepsPerReplicate))
        guard depositorCounts.count == 2, depositorCounts[1] > depositorCounts[0] else { return }
        var atCounts: [Double] = []
        for n in depositorCounts {
            // A scenario without depositors has no slope to measure; the other numbers stand.
            guard let scaled = try? Scenario.load(path: path, overrides: overrides + ["depositors.count=\(n)"])
            else { return }
            atCounts.append(
                try await perReplicate(scaled, workers: workers, replicates: replicates, counter).laterTicks)
        }
        report.allocationDepositorCounts = depositorCounts
        report.allocationsAtDepositorCounts = atCounts
        report.allocationsPerDepositorStep =
            (atCounts[1] - atCounts[0])
            / (Double(depositorCounts[1] - depositorCounts[0]) * Double(max(1, s.ticks - 1)))
    }
}

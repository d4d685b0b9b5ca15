import Foundation

/// What `ballast bench` measured on one scenario, as the terminal table and `--json` give it.
struct BenchReport: Codable, Sendable {
    var scenario: String
    var agents: Int
    var ticks: Int
    var agentStepsPerReplicate: Int
    var replicates: Int
    var workers: Int
    var cores: Int
    /// Wall time of one replicate run alone: median, min, max (seconds).
    var wallMedian: Double
    var wallMin: Double
    var wallMax: Double
    /// CPU time (user + system, every thread of the process) of one replicate: median, min, max.
    var cpuMedian: Double
    var cpuMin: Double
    var cpuMax: Double
    /// Agent-steps per CPU second: the rate of one core.
    var agentStepsPerCoreSecond: Double
    /// Replicates per second, one at a time, and with every core running replicates side by side.
    var replicatesPerSecondOneWorker: Double
    var replicatesPerSecondAllCores: Double?
    /// (all-core rate ÷ one-worker rate) ÷ cores.
    var parallelEfficiency: Double?
    /// The process's peak resident set (bytes).
    var peakRSSBytes: Int
    /// Heap allocations per agent-step, counted by the malloc interposer (`--allocations`); nil when not counted.
    var allocationsPerAgentStep: Double?
    /// Heap allocations in one replicate (median), counted as above.
    var allocationsPerReplicate: Double?
    /// The two depositor counts of the slope, the allocations in the ticks after the first at each, and the
    /// slope per depositor-step: (A₂ − A₁) / ((n₂ − n₁) · (ticks − 1)).
    var allocationDepositorCounts: [Int]?
    var allocationsAtDepositorCounts: [Double]?
    var allocationsPerDepositorStep: Double?

    enum CodingKeys: String, CodingKey {
        case scenario, agents, ticks, replicates, workers, cores
        case agentStepsPerReplicate = "agent_steps_per_replicate"
        case wallMedian = "wall_median_s"
        case wallMin = "wall_min_s"
        case wallMax = "wall_max_s"
        case cpuMedian = "cpu_median_s"
        case cpuMin = "cpu_min_s"
        case cpuMax = "cpu_max_s"
        case agentStepsPerCoreSecond = "agent_steps_per_core_second"
        case replicatesPerSecondOneWorker = "replicates_per_s_one_worker"
        case replicatesPerSecondAllCores = "replicates_per_s_all_cores"
        case parallelEfficiency = "parallel_efficiency"
        case peakRSSBytes = "peak_rss_bytes"
        case allocationsPerAgentStep = "allocations_per_agent_step"
        case allocationsPerReplicate = "allocations_per_replicate"
        case allocationDepositorCounts = "allocation_depositor_counts"
        case allocationsAtDepositorCounts = "allocations_at_depositor_counts"
        case allocationsPerDepositorStep = "allocations_per_depositor_step"
    }

    /// The terminal table.
    var text: String {
        func f(_ x: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", x) }
        var lines = [
            "scenario: \(scenario) (\(agents) agents × \(ticks) ticks = \(agentStepsPerReplicate) agent-steps per replicate)",
            "replicates timed: \(replicates), workers per replicate: \(workers), cores: \(cores)",
            "CPU per replicate:   \(f(cpuMedian)) s median  (min \(f(cpuMin)), max \(f(cpuMax)))",
            "wall per replicate:  \(f(wallMedian)) s median  (min \(f(wallMin)), max \(f(wallMax)))",
            "agent-steps/s/core:  \(f(agentStepsPerCoreSecond / 1e6, 1)) M",
            "replicates/s:        \(f(replicatesPerSecondOneWorker, 2)) with 1 worker",
        ]
        if let all = replicatesPerSecondAllCores, let e = parallelEfficiency {
            lines.append(
                "                     \(f(all, 2)) with \(cores) replicates at once (parallel efficiency \(f(e, 2)))")
        }
        lines.append("peak RSS:            \(peakRSSBytes / (1 << 20)) MiB")
        if let a = allocationsPerAgentStep, let r = allocationsPerReplicate {
            lines.append("allocations:         \(f(r, 0)) per replicate, \(f(a, 4)) per agent-step")
        }
        if let n = allocationDepositorCounts, let at = allocationsAtDepositorCounts, n.count == 2, at.count == 2,
            let slope = allocationsPerDepositorStep
        {
            lines.append(
                "                     \(f(at[0], 0)) at \(n[0]) depositors, \(f(at[1], 0)) at \(n[1]) after tick 1: "
                    + "\(f(slope, 6)) per depositor-step")
        }
        return lines.joined(separator: "\n")
    }
}

/// Process-wide resource readings.
enum ResourceUsage {
    /// User + system CPU seconds of every thread of this process so far.
    static func cpuSeconds() -> Double {
        var u = rusage()
        getrusage(RUSAGE_SELF.rawValue, &u)
        return Double(u.ru_utime.tv_sec) + Double(u.ru_utime.tv_usec) * 1e-6 + Double(u.ru_stime.tv_sec)
            + Double(u.ru_stime.tv_usec) * 1e-6
    }

    /// The peak resident set of this process, bytes (Linux reports kilobytes).
    static func peakRSSBytes() -> Int {
        var u = rusage()
        getrusage(RUSAGE_SELF.rawValue, &u)
        return Int(u.ru_maxrss) * 1024
    }
}

import Foundation
import Stochastics
import Testing

@testable import Agents
@testable import Simulation

/// `depositors.attention_sampling: binomial`: the count of lookers is Binomial(n, a), the lookers are a uniform
/// subset, whales keep their own attention, runs do not depend on the worker count, and the outcome's law is
/// that of per-agent sampling.
@Suite("Binomial attention sampling")
struct AttentionSamplingTests {
    @Test func theCountIsBinomialAndEveryAgentLooksWithProbabilityA() {
        let (n, a, draws) = (200, 0.1, 5_000)
        var rng = RandomStream(seed: 7, purpose: "attention-test")
        var sampler = AttentionSampler()
        var counts: [Double] = []
        var looked = Array(repeating: 0, count: n)
        for _ in 0..<draws {
            sampler.draw(from: n, probability: a, &rng)
            let c = sampler.chosen
            #expect(zip(c, c.dropFirst()).allSatisfy { $0 < $1 } && c.allSatisfy { $0 >= 0 && $0 < n })
            counts.append(Double(c.count))
            for p in c { looked[Int(p)] += 1 }
        }
        let mean = counts.reduce(0, +) / Double(draws)
        let variance = counts.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(draws - 1)
        let (m, v) = (Double(n) * a, Double(n) * a * (1 - a))
        // Four standard errors of the sample mean and (nearly normal counts) of the sample variance.
        #expect(abs(mean - m) < 4 * (v / Double(draws)).squareRoot(), "mean \(mean), expected \(m)")
        #expect(abs(variance - v) < 4 * v * (2 / Double(draws)).squareRoot(), "variance \(variance), expected \(v)")
        // Each agent looks in Binomial(draws, a) of the draws; five standard errors over 200 agents.
        let sd = (Double(draws) * a * (1 - a)).squareRoot()
        let worst = looked.map { abs(Double($0) - Double(draws) * a) }.max() ?? 0
        #expect(worst < 5 * sd, "an agent's attention frequency is \(worst / sd) standard errors off")
    }

    @Test func whalesKeepTheirOwnAttentionAndLeaversNeverLook() {
        // 100 agents: every fifth a whale, agents 0..<10 gone.
        let agents = (0..<100).map { i in
            Depositors.Agent(balance: 1, threshold: 0, isWhale: i % 5 == 0, hasWithdrawn: i < 10)
        }
        var c = Depositors.Config()
        c.attention = 0.1
        c.whaleAttention = 0.6
        var groups = AttentionGroups()
        var rng = RandomStream(seed: 3, purpose: "attention-test")
        var looked = Array(repeating: 0, count: agents.count)
        let draws = 4_000
        for _ in 0..<draws {
            groups.draw(agents, c, &rng)
            let seen = groups.attentive
            #expect(zip(seen, seen.dropFirst()).allSatisfy { $0 < $1 })
            for i in seen { looked[Int(i)] += 1 }
        }
        for (i, k) in looked.enumerated() {
            let a = i < 10 ? 0 : (i % 5 == 0 ? 0.6 : 0.1)
            let sd = max(1e-9, (Double(draws) * a * (1 - a)).squareRoot())
            #expect(abs(Double(k) - Double(draws) * a) <= 5 * sd, "agent \(i) looked \(k) times of \(draws)")
        }
    }

    @Test func binomialRunsAreTheSameOnAnyWorkerCount() async throws {
        let set = ["depositors.attention_sampling=binomial", "depositors.count=4000"]
        let one = try await TestSupport.run(set, workers: 1)
        let four = try await TestSupport.run(set, workers: 4)
        let perAgent = try await TestSupport.run(["depositors.count=4000"], workers: 1)
        #expect(TestSupport.csv(one) == TestSupport.csv(four))
        // It is a different stream: the bytes move (else the key would do nothing).
        #expect(TestSupport.csv(one) != TestSupport.csv(perAgent))
    }

    /// Paired replicates (same seed: the same market path and populations, only the lookers' draws differ):
    /// P(run) and the final withdrawn fraction agree within four standard errors of the paired difference.
    @Test func theOutcomeLawIsThatOfPerAgentSampling() async throws {
        let base = ["depositors.count=2000", "depositors.shards=2"]
        let perAgent = Engine(scenario: try TestSupport.scenario(ticks: 400, base))
        let binomial = Engine(
            scenario: try TestSupport.scenario(ticks: 400, base + ["depositors.attention_sampling=binomial"]))
        var runs: [Double] = []
        var withdrawn: [Double] = []
        var runsSeen = 0
        for r in 0..<60 {
            let p = try await perAgent.run(seed: 1, replicate: UInt64(r), recordSeries: false).outcome
            let b = try await binomial.run(seed: 1, replicate: UInt64(r), recordSeries: false).outcome
            runs.append((b.run ? 1 : 0) - (p.run ? 1 : 0))
            withdrawn.append(b.finalWithdrawnFraction - p.finalWithdrawnFraction)
            runsSeen += (p.run ? 1 : 0) + (b.run ? 1 : 0)
        }
        // The check has something to compare: runs happen, and not always.
        #expect(runsSeen > 10 && runsSeen < 110)
        for (name, d) in [("P(run)", runs), ("final withdrawn fraction", withdrawn)] {
            let n = Double(d.count)
            let mean = d.reduce(0, +) / n
            let se = (d.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1) / n).squareRoot()
            #expect(abs(mean) <= 4 * max(se, 1 / n), "\(name): paired difference \(mean) ± \(se)")
        }
    }
}

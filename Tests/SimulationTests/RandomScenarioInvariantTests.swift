import Foundation
import ScenarioSchema
import Stochastics
import Testing

@testable import Simulation

/// Runs one generated scenario through the normal YAML path and checks ``TickInvariants`` on every tick.
enum RandomScenarioCheck {
    enum Verdict: Sendable {
        case passed(TickInvariants.Coverage)
        /// The decoder refused the text: a generator bug when the generator drew it.
        case refused(String)
        case failed(TickInvariants.Violation)
    }

    /// Parses and decodes the YAML text exactly as `ballast run` does with a file.
    static func decode(_ yaml: String) throws(ConfigError) -> Scenario {
        try Scenario.decode(try ConfigDocument.parse(yaml, file: "random.yaml"), directory: ".")
    }

    static func check(_ s: RandomScenario) async -> Verdict {
        let scenario: Scenario
        do { scenario = try decode(s.yaml) } catch { return .refused(error.description) }
        var engine = Engine(scenario: scenario)
        let opening: WorldState
        do { opening = try engine.build(seed: scenario.seed, replicate: 0).0 } catch {
            return .refused(error.description)
        }
        let invariants = TickInvariants(scenario: scenario, opening: opening)
        engine.tickObserver = { w, row, populations in await invariants.observe(w, row, populations) }
        do {
            _ = try await engine.run(seed: scenario.seed, replicate: 0, recordSeries: false)
        } catch {
            return .failed(TickInvariants.Violation(invariant: "engine.error", tick: -1, detail: "\(error)"))
        }
        if let v = await invariants.violation { return .failed(v) }
        let coverage = await invariants.coverage
        if coverage.ticks != scenario.ticks {
            return .failed(
                TickInvariants.Violation(
                    invariant: "observer.ticks", tick: coverage.ticks,
                    detail: "observed \(coverage.ticks) of \(scenario.ticks) ticks"))
        }
        return .passed(coverage)
    }

    /// Greedy shrinking: take the first smaller candidate that breaks the same invariant, and repeat
    /// until none does or `budget` candidates were tried. `failure` says how a scenario fails, if it does.
    static func shrink(
        _ s: RandomScenario, _ v: TickInvariants.Violation, budget: Int = 1_500,
        failure: (RandomScenario) async -> TickInvariants.Violation? = { s in
            if case let .failed(v) = await RandomScenarioCheck.check(s) { v } else { nil }
        }
    )
        async -> (scenario: RandomScenario, violation: TickInvariants.Violation, steps: Int, tried: Int)
    {
        var current = s
        var currentViolation = v
        var steps = 0
        var tried = 0
        var improved = true
        while improved && tried < budget {
            improved = false
            for candidate in current.shrinkCandidates(
                failingTick: currentViolation.tick >= 0 ? currentViolation.tick : nil)
            {
                guard tried < budget else { break }
                tried += 1
                if let w = await failure(candidate), w.invariant == currentViolation.invariant {
                    current = candidate
                    currentViolation = w
                    steps += 1
                    improved = true
                    break
                }
            }
        }
        return (current, currentViolation, steps, tried)
    }

    /// The failure report: the minimal scenario first, ready to save as a file and run.
    static func report(case n: Int, seed: UInt64, original: RandomScenario, _ v: TickInvariants.Violation) async
        -> String
    {
        let shrunk = await shrink(original, v)
        return """
            Case \(n) of seed \(seed) broke \(v.invariant).
            Minimal scenario (\(shrunk.steps) shrink steps, \(shrunk.tried) runs) — \(shrunk.violation):
            ---
            \(shrunk.scenario.yaml)---
            Original scenario — \(v):
            ---
            \(original.yaml)---
            Reproduce: BALLAST_PROPERTY_SEED=\(seed) BALLAST_PROPERTY_CASES=\(n + 1) swift test --filter RandomScenarioInvariantTests
            """
    }
}

@Suite("Random valid scenarios keep every invariant on every tick")
struct RandomScenarioInvariantTests {
    /// The default seed and number of cases: fixed, so CI runs the same scenarios every time.
    /// `BALLAST_PROPERTY_SEED` and `BALLAST_PROPERTY_CASES` change them.
    static let defaultSeed: UInt64 = 20_260_601
    static let defaultCases = 200

    /// Case n's generator depends only on (seed, n), so one case reproduces without the others.
    static func scenario(seed: UInt64, case n: Int) -> RandomScenario {
        var g = ScenarioRNG(seed: SplitMix64.mix(seed ^ SplitMix64.mix(UInt64(n) &+ 1)))
        return RandomScenario.draw(using: &g)
    }

    @Test func randomScenariosKeepEveryInvariantOnEveryTick() async {
        let env = ProcessInfo.processInfo.environment
        let seed = env["BALLAST_PROPERTY_SEED"].flatMap { UInt64($0) } ?? Self.defaultSeed
        let cases = env["BALLAST_PROPERTY_CASES"].flatMap { Int($0) } ?? Self.defaultCases
        var total = TickInvariants.Coverage()
        var passed = 0
        for n in 0..<cases {
            let s = Self.scenario(seed: seed, case: n)
            switch await RandomScenarioCheck.check(s) {
            case let .passed(c):
                total.add(c)
                passed += 1
            case let .refused(message):
                Issue.record(
                    "Generator bug: case \(n) of seed \(seed) drew a scenario the decoder refuses: \(message)\n---\n\(s.yaml)---"
                )
            case let .failed(v):
                Issue.record(Comment(rawValue: await RandomScenarioCheck.report(case: n, seed: seed, original: s, v)))
                return
            }
        }
        print("Random scenarios: \(passed) of \(cases) passed (seed \(seed)); \(total)")
        // The cases must reach the mechanisms the invariants are about, or passing them means little.
        if seed == Self.defaultSeed && cases >= Self.defaultCases {
            let n = Double(cases)
            #expect(
                Double(total.withdrawals) >= 0.4 * n && Double(total.queued) >= 0.3 * n
                    && Double(total.liquidated) >= 0.08 * n
                    && Double(total.badDebt) >= 0.03 * n && Double(total.lpExits) >= 0.2 * n && total.socialised >= 1,
                "coverage: \(total)")
        }
    }

    @Test func theGeneratorDrawsOnlyScenariosTheDecoderAccepts() throws {
        for n in 0..<300 {
            let s = Self.scenario(seed: Self.defaultSeed ^ 0xA5A5, case: n)
            do { _ = try RandomScenarioCheck.decode(s.yaml) } catch {
                Issue.record("case \(n): \(error.description)\n\(s.yaml)")
            }
        }
    }

    @Test func shrinkingFindsTheSmallestScenarioThatStillFails() async throws {
        // A stand-in failure: "more than 6 depositors, after tick 9". From a big drawn scenario the
        // shrinker must reach exactly 7 depositors and 10 ticks, with the other agent kinds gone.
        let fake: (RandomScenario) async -> TickInvariants.Violation? = { s in
            guard (try? RandomScenarioCheck.decode(s.yaml)) != nil,
                case let .scalar(count)? = s[["depositors", "count"]], let n = Int(count), n > 6, s.ticks > 9
            else { return nil }
            return TickInvariants.Violation(invariant: "fake", tick: 9, detail: "")
        }
        var n = 0
        var s = Self.scenario(seed: 7, case: 0)
        while await fake(s) == nil || s[["borrowers"]] == nil {
            n += 1
            s = Self.scenario(seed: 7, case: n)
        }
        let v = try #require(await fake(s))
        let shrunk = await RandomScenarioCheck.shrink(s, v, budget: 2_000, failure: fake)
        #expect(shrunk.scenario[["depositors", "count"]] == .scalar("7"))
        #expect(shrunk.scenario.ticks == 10)
        for kind in ["borrowers", "liquidators", "arbitrageurs", "lps"] {
            #expect(shrunk.scenario[[kind]] == nil, "\(kind)")
        }
        #expect(shrunk.scenario.yaml.count < s.yaml.count / 2, "\(shrunk.scenario.yaml)")
    }
}

import Foundation
import Stochastics

/// A scenario file as an ordered tree of YAML keys, drawn at random and rendered as the text a user
/// would write. Every draw respects the decoders' rules (ranges, `ltv_min <= ltv_max`, GARCH
/// `alpha + beta < 1`, `reserve_fraction + loan_fraction <= 1`, freezes only with an oracle feed, ...), so a
/// scenario that `Scenario.decode` refuses is a bug of this generator.
///
/// Shrinking works on the tree: ``shrinkCandidates(failingTick:)`` lists smaller scenarios (fewer ticks,
/// agents, keys, a plainer market); the property test keeps the first one that still fails the same way.
struct RandomScenario: Equatable, Sendable, CustomStringConvertible {
    /// A YAML value: a scalar as written, a flow list of scalars, or a mapping in key order.
    indirect enum Value: Equatable, Sendable {
        case scalar(String)
        case list([String])
        case map([Entry])
    }

    struct Entry: Equatable, Sendable {
        var key: String
        var value: Value
    }

    /// The agent kinds' section keys, in the order the generator draws them.
    static let agentKinds = ["depositors", "borrowers", "liquidators", "arbitrageurs", "lps"]

    var root: [Entry]

    // MARK: Rendering

    /// The scenario as a YAML document.
    var yaml: String {
        var lines: [String] = []
        Self.render(root, indent: "", into: &lines)
        return lines.joined(separator: "\n") + "\n"
    }

    var description: String { yaml }

    private static func render(_ entries: [Entry], indent: String, into lines: inout [String]) {
        for e in entries {
            switch e.value {
            case let .scalar(s): lines.append("\(indent)\(e.key): \(s)")
            case let .list(xs): lines.append("\(indent)\(e.key): [\(xs.joined(separator: ", "))]")
            case let .map(m) where m.isEmpty:
                lines.append("\(indent)\(e.key): {}")
            case let .map(m):
                lines.append("\(indent)\(e.key):")
                render(m, indent: indent + "  ", into: &lines)
            }
        }
    }

    // MARK: Access by key path

    subscript(path: [String]) -> Value? {
        get { Self.get(root, path[...]) }
        set { Self.set(&root, path[...], newValue) }
    }

    private static func get(_ entries: [Entry], _ path: ArraySlice<String>) -> Value? {
        guard let key = path.first, let e = entries.first(where: { $0.key == key }) else { return nil }
        if path.count == 1 { return e.value }
        guard case let .map(m) = e.value else { return nil }
        return get(m, path.dropFirst())
    }

    /// Sets (appending a new key at the end of its mapping) or, with nil, removes the value at `path`.
    private static func set(_ entries: inout [Entry], _ path: ArraySlice<String>, _ value: Value?) {
        guard let key = path.first else { return }
        let i = entries.firstIndex { $0.key == key }
        if path.count == 1 {
            switch (i, value) {
            case let (i?, v?): entries[i].value = v
            case let (i?, nil): entries.remove(at: i)
            case let (nil, v?): entries.append(Entry(key: key, value: v))
            case (nil, nil): break
            }
            return
        }
        guard let i, case var .map(m) = entries[i].value else { return }
        set(&m, path.dropFirst(), value)
        entries[i].value = .map(m)
    }

    /// Every key path in the tree, parents before children.
    var keyPaths: [[String]] {
        var out: [[String]] = []
        func walk(_ entries: [Entry], _ prefix: [String]) {
            for e in entries {
                out.append(prefix + [e.key])
                if case let .map(m) = e.value { walk(m, prefix + [e.key]) }
            }
        }
        walk(root, [])
        return out
    }

    var ticks: Int { if case let .scalar(s)? = self[["ticks"]] { Int(s) ?? 0 } else { 0 } }
    var phases: [String] { if case let .list(xs)? = self[["phases"]] { xs } else { [] } }
}

// MARK: - Drawing

/// SplitMix64 as a `RandomNumberGenerator`: the same scenarios on every machine and run.
struct ScenarioRNG: RandomNumberGenerator {
    var mixer: SplitMix64
    init(seed: UInt64) { mixer = SplitMix64(seed: seed) }
    mutating func next() -> UInt64 { mixer.next() }
}

extension RandomScenario {
    /// A map builder that writes numbers with a few significant digits, as a person would.
    struct Section {
        var entries: [Entry] = []
        mutating func put(_ key: String, _ text: String) { entries.append(Entry(key: key, value: .scalar(text))) }
        mutating func put(_ key: String, _ x: Double) { put(key, RandomScenario.number(x)) }
        mutating func put(_ key: String, _ n: Int) { put(key, String(n)) }
        mutating func put(_ key: String, _ b: Bool) { put(key, b ? "true" : "false") }
        mutating func put(_ key: String, _ m: Section) { entries.append(Entry(key: key, value: .map(m.entries))) }
    }

    /// `x` rounded to 4 significant digits, in a form YAML reads as a float (or an integer when whole).
    static func number(_ x: Double) -> String {
        guard x != 0, x.isFinite else { return "0" }
        let magnitude = Int((log10(abs(x))).rounded(.down))
        let scale = pow(10.0, Double(3 - magnitude))
        let r = (x * scale).rounded() / scale
        if r == r.rounded(), abs(r) < 1e15 { return String(Int(r)) }
        return "\(r)"
    }

    /// Draws one valid scenario.
    static func draw<G: RandomNumberGenerator>(using g: inout G) -> RandomScenario {
        func u(_ a: Double, _ b: Double) -> Double { Double.random(in: a...b, using: &g) }
        func i(_ r: ClosedRange<Int>) -> Int { Int.random(in: r, using: &g) }
        func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &g) < p }
        func pick<T>(_ xs: [T]) -> T { xs[Int.random(in: 0..<xs.count, using: &g)] }

        let ticks = i(20...150)
        var top = Section()
        top.put("name", "random")
        top.put("ticks", ticks)
        top.put("seed", i(0...1_000_000))
        if chance(0.5) { top.put("run_threshold", u(0.05, 1)) }
        top.put("ordering", pick(["random", "priority_fee", "adversarial"]))

        // Lending first: the market's oracle freeze needs to know whether there is a feed.
        let feed = chance(0.35)
        var lending = Section()
        // Drawn as written, so that the rounded reserve and loan fractions still sum to at most 1.
        let reserveFraction = chance(0.1) ? 0 : Double(number(u(0, 0.5))) ?? 0
        lending.put("reserve_fraction", reserveFraction)
        if chance(0.8) { lending.put("insurance_fraction", chance(0.2) ? 0 : u(0, 0.15)) }
        switch i(0...3) {
        case 0: lending.put("loan_fraction", "auto")
        case 1: break  // default: 1 − reserve_fraction
        default: lending.put("loan_fraction", u(0, 1 - reserveFraction) * 0.999)
        }
        lending.put("liquidation_threshold", chance(0.1) ? u(0.95, 0.9999) : u(0.5, 0.95))
        lending.put("liquidation_bonus", chance(0.1) ? u(0.15, 1) : u(0, 0.15))
        lending.put("close_factor", pick(["aave_v2", "aave_v3"]))
        if chance(0.3) { lending.put("protocol_fee", u(0, 0.1)) }
        lending.put("dust_collateral", pick([0, 1e-9, 1e-6, 1e-3]))
        if chance(0.4) { lending.put("withdrawal_fee", chance(0.1) ? pick([0.5, 1.0]) : u(0, 0.05)) }
        if chance(0.4) { lending.put("gate_fraction_per_tick", chance(0.2) ? 0 : u(0.005, 0.5)) }
        if chance(0.3) { lending.put("locked_until_tick", i(0...(ticks / 2))) }
        lending.put("socialise_losses", chance(0.5))
        lending.put("oracle", feed ? "feed" : "amm")
        if feed {
            lending.put("oracle_deviation", chance(0.2) ? 0 : u(0, 0.05))
            lending.put("oracle_heartbeat", i(1...48))
            lending.put("oracle_delay", i(0...5))
        }

        var market = Section()
        let model = pick(["gbm", "jump_diffusion", "garch", "regime_switching", "ou_peg"])
        market.put("model", model)
        let p0: Double
        if model == "ou_peg" {
            p0 = u(0.95, 1.05)
            market.put("asset", "USDS")
            if chance(0.5) { market.put("peg", 1) }
            market.put("initial_price", p0)
            market.put("speed", u(0.01, 1))
            market.put("sigma", u(0, 0.01))
        } else {
            p0 = u(50, 4000)
            market.put("initial_price", p0)
            if chance(0.3) { market.put("drift", u(-0.002, 0.002)) }
            switch model {
            case "gbm":
                market.put("sigma", u(0, 0.04))
            case "jump_diffusion":
                market.put("sigma", u(0, 0.03))
                market.put("jump_intensity", chance(0.2) ? 0 : u(0, 0.2))
                market.put("jump_log_mean", u(-0.3, 0.1))
                market.put("jump_log_sd", u(0, 0.2))
            case "garch":
                let alpha = u(0, 0.2)
                market.put("omega", u(1e-6, 2e-4))
                market.put("alpha", alpha)
                market.put("beta", u(0, 0.97 - alpha))
            default:
                market.put("calm_sigma", u(0, 0.02))
                market.put("stress_sigma", u(0.02, 0.08))
                market.put("calm_to_stress", u(0, 0.2))
                market.put("stress_to_calm", u(0, 0.5))
            }
        }
        if chance(0.4) {
            var s = Section()
            // Scripted events fall inside the run: the decoder refuses one after the last tick.
            s.put("tick", i(1...(ticks - 1)))
            s.put("size", u(0, 0.7))
            market.put("shock", s)
        }
        if chance(0.25) {
            let from = i(1...(ticks - 1))
            var s = Section()
            s.put("from", from)
            s.put("to", min(ticks - 1, from + i(0...40)))
            s.put("price", p0 * u(0.3, 1.2))
            market.put("depeg", s)
        }
        if feed && chance(0.4) {
            let from = i(0...(ticks - 1))
            var s = Section()
            s.put("from", from)
            s.put("to", min(ticks - 1, from + i(0...40)))
            market.put("oracle_freeze", s)
        }

        var amm = Section()
        // Mostly deep pools; sometimes one so thin that every trade moves the price a lot.
        let reserveCollateral = (model == "ou_peg" ? u(1e4, 1e7) : u(50, 50_000)) * (chance(0.1) ? 1e-3 : 1)
        amm.put("reserve_collateral", reserveCollateral)
        amm.put("reserve_usd", reserveCollateral * p0 * u(0.9, 1.1))
        if chance(0.7) { amm.put("fee_bps", chance(0.2) ? 0 : u(0, 100)) }

        var agents: [(String, Section)] = []
        if chance(0.9) {
            var d = Section()
            let median = u(100, 50_000)
            d.put("count", i(0...300))
            d.put("shards", i(1...4))
            d.put("deposit_median", median)
            d.put("deposit_log_sd", u(0.05, 1.5))
            d.put("attention", chance(0.1) ? pick([0.0, 1.0]) : u(0, 0.6))
            d.put("noise_sd", u(0.001, 0.05))
            d.put("threshold_mean", u(-0.05, 0.12))
            d.put("threshold_sd", u(0.001, 0.05))
            d.put("herding", u(0, 0.5))
            if chance(0.4) { d.put("herding_recent", u(0, 2)) }
            if chance(0.3) {
                d.put("whale_threshold_usd", median * u(1, 5))
                d.put("whale_attention", u(0, 1))
                d.put("whale_noise_sd", u(0.001, 0.05))
            }
            if chance(0.4) { d.put("fee_sensitivity", u(0, 3)) }
            if chance(0.3) {
                d.put("stay_bonus", u(0, 0.01))
                d.put("bonus_sensitivity", u(0, 3))
            }
            agents.append(("depositors", d))
        }
        if chance(0.9) {
            var b = Section()
            let ltvMin = u(0.3, 0.9)
            b.put("count", i(0...100))
            b.put("weight_log_sd", u(0.05, 2))
            b.put("ltv_min", ltvMin)
            b.put("ltv_max", min(0.95, ltvMin + u(0, 0.3)))
            if chance(0.6) {
                b.put("behaviour", "active")
                b.put("trigger_hf", u(1, 1.3))
                b.put("target_hf", u(1, 1.6))
                b.put("panic_hf", u(0.8, 1.1))
                b.put("defence", pick(["repay", "top_up"]))
                b.put("capital_fraction", chance(0.2) ? 0 : u(0, 0.5))
                b.put("panic_sell_fraction", u(0, 1))
            }
            agents.append(("borrowers", b))
        }
        if chance(0.85) {
            var l = Section()
            l.put("count", i(0...5))
            l.put("budget_per_tick", chance(0.1) ? 0 : u(1_000, 1_000_000))
            if chance(0.4) { l.put("budget_log_sd", u(0, 1)) }
            if chance(0.4) { l.put("gas_cost_usd", u(0, 50)) }
            if chance(0.4) { l.put("min_profit_usd", u(0, 50)) }
            if chance(0.4) { l.put("priority_fee_fraction", u(0, 0.2)) }
            agents.append(("liquidators", l))
        }
        if chance(0.85) {
            var a = Section()
            a.put("count", i(0...3))
            a.put("inventory_usd", u(0, 1e7))
            a.put("inventory_collateral", u(0, 5_000))
            a.put("gamma", u(0.99, 0.9999))
            if chance(0.3) { a.put("gas_cost_usd", u(0, 50)) }
            if chance(0.3) { a.put("min_profit_usd", u(0, 50)) }
            agents.append(("arbitrageurs", a))
        }
        let lpCount = i(0...10)
        if lpCount > 0 {
            var l = Section()
            let tolMin = u(0, 0.05)
            l.put("count", lpCount)
            l.put("tolerance_min", tolMin)
            l.put("tolerance_max", tolMin + u(0, 0.1))
            l.put("volatility_window", i(2...48))
            l.put("reentry_ratio", u(0, 1))
            if chance(0.3) { l.put("incentive_tolerance_bonus", u(0, 0.02)) }
            if chance(0.3) { l.put("fee_yield_sensitivity", u(0, 10)) }
            if chance(0.3) { l.put("il_tolerance", u(0, 1)) }
            agents.append(("lps", l))
        }

        // Phases: the sections present, in random order; sometimes one kind never gets a turn.
        var phases = agents.map(\.0).shuffled(using: &g)
        if phases.count > 1 && chance(0.1) { phases.remove(at: i(0...(phases.count - 1))) }

        var root = top.entries
        root.append(Entry(key: "phases", value: .list(phases)))
        root.append(Entry(key: "market", value: .map(market.entries)))
        root.append(Entry(key: "amm", value: .map(amm.entries)))
        root.append(Entry(key: "lending", value: .map(lending.entries)))
        for (key, section) in agents { root.append(Entry(key: key, value: .map(section.entries))) }
        return RandomScenario(root: root)
    }
}

// MARK: - Shrinking

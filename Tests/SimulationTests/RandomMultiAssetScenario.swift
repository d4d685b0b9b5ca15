/// Random multi-asset scenarios: 2–4 market assets (GBM, GARCH, jumps, an OU-pegged stablecoin) with
/// an equicorrelation, calm/stress regimes, a Uniswap v2 pool per further asset against USD, a StableSwap
/// pool for a stablecoin, collateral reserves for some assets and borrowers holding baskets. Rendered as
/// the YAML a user would write (flow mappings as scalars of the ``RandomScenario`` tree).
enum RandomMultiAssetScenario {
    static func draw<G: RandomNumberGenerator>(using g: inout G) -> RandomScenario {
        func u(_ a: Double, _ b: Double) -> Double { Double.random(in: a...b, using: &g) }
        func i(_ r: ClosedRange<Int>) -> Int { Int.random(in: r, using: &g) }
        func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &g) < p }
        func num(_ x: Double) -> String { RandomScenario.number(x) }
        typealias E = RandomScenario.Entry
        let ticks = i(10...80)
        let n = i(2...4)
        let names = ["ETH", "WBTC", "stETH", "USDC"].prefix(n)
        var assets: [String] = []
        var prices: [Double] = []
        for name in names {
            switch name {
            case "USDC":
                assets.append(
                    "{name: USDC, model: ou_peg, speed: \(num(u(0.05, 0.5))), sigma: \(num(u(0, 0.005))), kind: stablecoin}"
                )
                prices.append(1)
            case "WBTC":
                let p = u(20_000, 80_000)
                assets.append(
                    "{name: WBTC, model: garch, initial_price: \(num(p)), omega: \(num(u(1e-6, 1e-4))), alpha: 0.1, "
                        + "beta: 0.8, kind: bridged, bridge: BitGo}")
                prices.append(p)
            case "stETH":
                let p = prices[0] * u(0.95, 1.0)
                assets.append(
                    "{name: stETH, model: jump_diffusion, initial_price: \(num(p)), sigma: \(num(u(0.005, 0.03))), "
                        + "jump_intensity: \(num(u(0, 0.1))), jump_log_mean: -0.05, jump_log_sd: 0.03, kind: liquid_staking}"
                )
                prices.append(p)
            default:
                let p = u(500, 4_000)
                assets.append("{name: ETH, model: gbm, initial_price: \(num(p)), sigma: \(num(u(0.003, 0.03)))}")
                prices.append(p)
            }
        }
        let rho = u(0, 0.9)
        let rows = (0..<n).map { r in "[" + (0..<n).map { $0 == r ? "1" : num(rho) }.joined(separator: ", ") + "]" }
        var regimes: [E] = [
            E(key: "calm_to_stress", value: .scalar(num(u(0, 0.05)))),
            E(key: "stress_to_calm", value: .scalar(num(u(0, 0.2)))),
            E(key: "stress_correlation_blend", value: .scalar(num(u(0, 1)))),
            E(key: "stress_sigma_multiplier", value: .scalar(num(u(1, 3)))),
        ]
        if chance(0.5) { regimes.append(E(key: "trigger", value: .scalar("{depth_drop: \(num(u(0.05, 0.5)))}"))) }
        var market: [E] = [
            E(key: "assets", value: .list(assets)), E(key: "correlation", value: .list(rows)),
            E(key: "regimes", value: .map(regimes)),
        ]
        if chance(0.7) {
            let shocked = names[i(0...(n - 1))]
            market.append(
                E(
                    key: "shocks",
                    value: .list([
                        "{kind: multiply, asset: \(shocked), tick: \(i(1...(ticks - 1))), factor: \(num(u(0.4, 0.95)))}"
                    ])))
        }
        // Pools: every further asset against USD; a StableSwap pool for the stablecoin.
        var pools: [String] = []
        var reserves: [String] = []
        var basket = ["ETH: \(num(u(0.1, 1)))"]
        for (k, name) in names.enumerated().dropFirst() {
            let depth = u(2e6, 5e7)
            pools.append(
                "{type: uniswap_v2, base: \(name), quote: USD, reserve_base: \(num(depth / prices[k])), "
                    + "reserve_quote: \(num(depth)), fee_bps: \(num(u(5, 50)))}")
            if name == "USDC" {
                pools.append(
                    "{type: stableswap, coins: [USDC, USD], balances: [\(num(depth)), \(num(depth * u(0.8, 1.2)))], "
                        + "amplification: \(num(u(10, 500))), fee: \(num(u(0, 0.001)))}")
            } else if chance(0.8) {
                let ltv = u(0.5, 0.8)
                reserves.append(
                    "{asset: \(name), ltv: \(num(ltv)), liquidation_threshold: \(num(min(0.95, ltv + u(0, 0.1)))), "
                        + "liquidation_bonus: \(num(u(0, 0.15))), price: \(chance(0.5) ? "pool" : "oracle")}")
                basket.append("\(name): \(num(u(0.1, 1)))")
            }
        }
        var lending: [E] = [
            E(key: "reserve_fraction", value: .scalar(num(u(0.05, 0.5)))),
            E(key: "insurance_fraction", value: .scalar(num(u(0, 0.1)))),
            E(key: "loan_fraction", value: .scalar("auto")),
            E(key: "liquidation_bonus", value: .scalar(num(u(0, 0.15)))),
            E(key: "oracle", value: .scalar(chance(0.5) ? "amm" : "feed")),
        ]
        if !reserves.isEmpty { lending.append(E(key: "reserves", value: .list(reserves))) }
        let root: [E] = [
            E(key: "ticks", value: .scalar(String(ticks))),
            E(key: "seed", value: .scalar(String(i(1...1_000)))),
            E(key: "phases", value: .list(["arbitrageurs", "lps", "borrowers", "liquidators", "depositors"])),
            E(key: "market", value: .map(market)),
            E(
                key: "amm",
                value: .map([
                    E(key: "reserve_collateral", value: .scalar(num(u(2e6, 5e7) / prices[0]))),
                    E(key: "reserve_usd", value: .scalar(num(u(2e6, 5e7)))),
                ])),
            E(key: "pools", value: .list(pools)),
            E(key: "lending", value: .map(lending)),
            E(
                key: "arbitrageurs",
                value: .map([
                    E(key: "count", value: .scalar(String(i(1...4)))),
                    E(key: "inventory_usd", value: .scalar(num(u(1e5, 5e6)))),
                    E(key: "inventory_collateral", value: .scalar(num(u(10, 3_000)))),
                ])),
            E(key: "lps", value: .map([E(key: "count", value: .scalar(String(i(1...10))))])),
            E(
                key: "borrowers",
                value: .map([
                    E(key: "count", value: .scalar(String(i(1...60)))),
                    E(key: "ltv_min", value: .scalar(num(0.5))),
                    E(key: "ltv_max", value: .scalar(num(u(0.5, 0.9)))),
                    E(key: "collateral", value: .scalar("{" + basket.joined(separator: ", ") + "}")),
                ])),
            E(
                key: "liquidators",
                value: .map([
                    E(key: "count", value: .scalar(String(i(1...4)))),
                    E(key: "budget_per_tick", value: .scalar(num(u(1e4, 2e6)))),
                ])),
            E(key: "depositors", value: .map([E(key: "count", value: .scalar(String(i(5...200))))])),
        ]
        return RandomScenario(root: root)
    }
}

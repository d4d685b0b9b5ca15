import Foundation
import Stochastics

extension RandomScenario {
    /// Keys a shrink never removes on its own (the file would not decode, or would not be the same kind of file).
    private static let structuralKeys: Set<[String]> = [
        ["name"], ["ticks"], ["phases"], ["market"], ["amm"], ["lending"],
        ["market", "model"],
    ]

    /// Smaller variants of this scenario, most aggressive first. Some may not decode; the caller skips those.
    func shrinkCandidates(failingTick: Int?) -> [RandomScenario] {
        var out: [RandomScenario] = []
        func add(_ c: RandomScenario) { if c != self && c.followsGeneratorRules && !out.contains(c) { out.append(c) } }

        // 1. Fewer ticks: stop right after the failing tick, then halve.
        let t = ticks
        for n in [failingTick.map { $0 + 1 }, 1, t / 2, t - 1].compactMap({ $0 }) where n >= 1 && n < t {
            var c = self
            c[["ticks"]] = .scalar(String(n))
            add(c)
        }
        // 2. Whole agent kinds gone (section and phase).
        for kind in Self.agentKinds where self[[kind]] != nil {
            var c = self
            c[[kind]] = nil
            c[["phases"]] = .list(phases.filter { $0 != kind })
            add(c)
        }
        // 3. Fewer agents of each kind.
        for kind in Self.agentKinds {
            for key in ["count", "shards"] {
                guard case let .scalar(s)? = self[[kind, key]], let n = Int(s) else { continue }
                let floor = kind == "lps" || key == "shards" ? 1 : 0
                for m in [floor, floor + (n - floor) / 2, n - 1] where m >= floor && m < n {
                    var c = self
                    c[[kind, key]] = .scalar(String(m))
                    add(c)
                }
            }
        }
        // 4. A plainer market: a driftless GBM at the same opening price, then without shocks or noise.
        if case let .scalar(model)? = self[["market", "model"]], model != "gbm",
            case let .scalar(p0)? = self[["market", "initial_price"]]
        {
            var c = self
            var m: [Entry] = [
                Entry(key: "model", value: .scalar("gbm")), Entry(key: "initial_price", value: .scalar(p0)),
                Entry(key: "sigma", value: .scalar("0.01")),
            ]
            for k in ["shock", "depeg", "oracle_freeze"] {
                if let v = self[["market", k]] { m.append(Entry(key: k, value: v)) }
            }
            c[["market"]] = .map(m)
            add(c)
        }
        // 5. A phase dropped from the order (that kind then never acts).
        for k in phases.indices {
            var c = self
            var p = phases
            p.remove(at: k)
            c[["phases"]] = .list(p)
            add(c)
        }
        // 6. Any optional key back to its default (not agent counts: their defaults are large populations).
        for path in keyPaths {
            if Self.structuralKeys.contains(path) || path.count == 1 && Self.agentKinds.contains(path[0]) { continue }
            if path.count == 2 && Self.agentKinds.contains(path[0]) && ["count", "shards"].contains(path[1]) {
                continue
            }
            var c = self
            c[path] = nil
            add(c)
        }
        // 7. Simpler numbers: zero, then one significant digit.
        for path in keyPaths {
            guard case let .scalar(s)? = self[path], let x = Double(s), x != 0, path != ["ticks"], path != ["seed"]
            else { continue }
            for simpler in ["0", Self.oneDigit(x)] where simpler != s {
                var c = self
                c[path] = .scalar(simpler)
                add(c)
            }
        }
        return out
    }

    /// The rules the generator keeps beyond what the decoder checks: an oracle freeze only with a feed.
    var followsGeneratorRules: Bool {
        self[["market", "oracle_freeze"]] == nil || self[["lending", "oracle"]] == .scalar("feed")
    }

    private static func oneDigit(_ x: Double) -> String {
        let magnitude = Int((log10(abs(x))).rounded(.down))
        let scale = pow(10.0, Double(-magnitude))
        let r = (x * scale).rounded() / scale
        return r == r.rounded() && abs(r) < 1e15 ? String(Int(r)) : "\(r)"
    }
}

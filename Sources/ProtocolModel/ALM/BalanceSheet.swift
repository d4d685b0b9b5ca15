/// How fast a balance-sheet item turns into (or must be paid in) cash.
public enum LiquidityTier: Int, Sendable, Equatable, Comparable, CaseIterable, Codable {
    /// Cash and the numeraire: available now.
    case cash = 0
    /// Sellable within the horizon at a small haircut (stablecoins, deep-market collateral).
    case liquid = 1
    /// Sellable only slowly or at a large haircut (loans, locked instruments, the native token).
    case illiquid = 2
    /// Not sellable before maturity.
    case locked = 3

    public static func < (l: Self, r: Self) -> Bool { l.rawValue < r.rawValue }
}

/// One asset or liability line.
public struct BalanceSheetItem: Sendable, Equatable {
    /// Label, for reports.
    public var name: String
    /// Value in USD (always ≥ 0; the side says whether it is owned or owed).
    public var value: Double
    /// Liquidity tier.
    public var tier: LiquidityTier
    /// Ticks until it matures (assets) or falls due (liabilities); 0 = on demand.
    public var maturityTicks: Int
    /// Modified duration in years: −(1/V)·∂V/∂y.
    public var duration: Double
    /// Assets: haircut on sale within the LCR horizon. Liabilities: fraction that runs off under stress.
    public var stressFactor: Double
    /// Creates an item.
    public init(
        name: String, value: Double, tier: LiquidityTier, maturityTicks: Int = 0,
        duration: Double = 0, stressFactor: Double = 0
    ) {
        self.name = name
        self.value = value
        self.tier = tier
        self.maturityTicks = maturityTicks
        self.duration = duration
        self.stressFactor = stressFactor
    }
}

/// One bucket of a maturity ladder: what matures in `[fromTick, toTick)` and the gap.
public struct MaturityBucket: Sendable, Equatable {
    /// Bucket start (inclusive), in ticks from now.
    public var fromTick: Int
    /// Bucket end (exclusive); `Int.max` for the open last bucket.
    public var toTick: Int
    /// Assets maturing in the bucket.
    public var assets: Double
    /// Liabilities due in the bucket.
    public var liabilities: Double
    /// assets − liabilities.
    public var gap: Double { assets - liabilities }
    /// Running sum of gaps up to and including this bucket.
    public var cumulativeGap: Double
}

/// The protocol's balance sheet and the ALM metrics on it.
public struct BalanceSheet: Sendable, Equatable {
    /// What the protocol owns.
    public var assets: [BalanceSheetItem]
    /// What it owes.
    public var liabilities: [BalanceSheetItem]
    /// Debt written off so far (memo line; already excluded from assets).
    public var badDebt: Double
    /// Creates a balance sheet.
    public init(assets: [BalanceSheetItem], liabilities: [BalanceSheetItem], badDebt: Double = 0) {
        self.assets = assets
        self.liabilities = liabilities
        self.badDebt = badDebt
    }

    /// Σ assets.
    public var totalAssets: Double { assets.reduce(0) { $0 + $1.value } }
    /// Σ liabilities.
    public var totalLiabilities: Double { liabilities.reduce(0) { $0 + $1.value } }
    /// Equity = assets − liabilities.
    public var equity: Double { totalAssets - totalLiabilities }
    /// Solvency margin `A/L − 1` (+∞ without liabilities).
    public var solvencyMargin: Double {
        let l = totalLiabilities
        return l > 0 ? totalAssets / l - 1 : .infinity
    }

    /// Assets and liabilities per tier, indexed by `LiquidityTier.rawValue`.
    public func byTier() -> (assets: [Double], liabilities: [Double]) {
        var a = [Double](repeating: 0, count: LiquidityTier.allCases.count)
        var l = a
        for x in assets { a[x.tier.rawValue] += x.value }
        for x in liabilities { l[x.tier.rawValue] += x.value }
        return (a, l)
    }

    /// Liquidity coverage ratio over `horizonTicks`: liquid assets (cash and liquid tiers, after their
    /// haircuts) ÷ stressed outflows (each liability due within the horizon × its run-off fraction).
    /// +∞ when there are no stressed outflows.
    public func liquidityCoverageRatio(horizonTicks: Int) -> Double {
        var hqla = 0.0
        var outflows = 0.0
        for a in assets where a.tier <= .liquid { hqla += a.value * (1 - a.stressFactor) }
        for l in liabilities where l.maturityTicks <= horizonTicks { outflows += l.value * l.stressFactor }
        return outflows > 0 ? hqla / outflows : .infinity
    }

    /// Maturity ladder with bucket edges `edges` (ticks, increasing, first > 0): buckets
    /// `[0, e₁), [e₁, e₂), …, [e_last, ∞)` with gaps and cumulative gaps.
    public func maturityLadder(edges: [Int]) -> [MaturityBucket] {
        var bounds = [0]
        for e in edges where e > bounds[bounds.count - 1] { bounds.append(e) }
        bounds.append(Int.max)
        var buckets: [MaturityBucket] = []
        var cumulative = 0.0
        for k in 0..<(bounds.count - 1) {
            let lo = bounds[k]
            let hi = bounds[k + 1]
            var a = 0.0
            var l = 0.0
            for x in assets where x.maturityTicks >= lo && x.maturityTicks < hi { a += x.value }
            for x in liabilities where x.maturityTicks >= lo && x.maturityTicks < hi { l += x.value }
            cumulative += a - l
            buckets.append(
                MaturityBucket(fromTick: lo, toTick: hi, assets: a, liabilities: l, cumulativeGap: cumulative))
        }
        return buckets
    }

    /// Value-weighted modified duration of the assets.
    public var assetDuration: Double { Self.weightedDuration(assets) }
    /// Value-weighted modified duration of the liabilities.
    public var liabilityDuration: Double { Self.weightedDuration(liabilities) }

    /// Duration gap `D_A − (L/A)·D_L` (years).
    public var durationGap: Double {
        let a = totalAssets
        return a > 0 ? assetDuration - totalLiabilities / a * liabilityDuration : 0
    }

    /// First-order change in equity for a parallel rate move of `basisPoints`:
    /// `ΔE ≈ −(D_A·A − D_L·L)·Δy = −durationGap·A·Δy`.
    public func equityChange(basisPoints: Double) -> Double {
        let dy = basisPoints / 10_000
        var dollarDuration = 0.0
        for x in assets { dollarDuration += x.duration * x.value }
        for x in liabilities { dollarDuration -= x.duration * x.value }
        return -dollarDuration * dy
    }

    /// Rate sensitivity: the equity change for −100 bp and +100 bp.
    public var rateSensitivity: (down100: Double, up100: Double) {
        (equityChange(basisPoints: -100), equityChange(basisPoints: 100))
    }

    private static func weightedDuration(_ items: [BalanceSheetItem]) -> Double {
        var v = 0.0
        var dv = 0.0
        for x in items {
            v += x.value
            dv += x.value * x.duration
        }
        return v > 0 ? dv / v : 0
    }
}

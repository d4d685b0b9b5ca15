import Stochastics

/// A Rochet–Vives / Goldstein–Pauzner run game whose payoffs come from a lending pool's balance sheet.
///
/// Every amount is a fraction of the deposits D still outstanding. The pool owes them and a FIFO queue q
/// (claims already accepted, paid first from cash), holds cash c, and its loans can be sold in an AMM at
/// a fire-sale loss δ = 1/ρ − 1 per dollar raised, ρ being the proceeds' share of the collateral's value.
/// The fundamental θ is the pool's solvency margin, assets ÷ (D + queue) − 1.
///
/// **Failure (critical mass).** When a fraction ℓ of the deposits withdraws, paying ℓ(1 − f) after the fee
/// f and the queue takes cash first and then fire sales; the stayers' claims (1 − ℓ) are covered at the
/// horizon exactly when
///
///     h(θ, ℓ) = θ (1 + q) + ℓ f − δ · max(0, ℓ (1 − f) + q − c) ≥ 0.
///
/// The pool fails when h < 0: withdrawals beyond the liquid buffer cost fire-sale losses that the margin
/// cannot absorb (Rochet and Vives 2004). A gate caps ℓ at g per tick.
///
/// **Payoffs.** A stayer gets 1 + ``stayGain`` (interest, stay bonus, minus the cost of waiting over the
/// horizon) when the pool survives and the recovery r ∈ [0, 1] when it fails. A withdrawer gets 1 − f when
/// it survives; when it fails, the part π = clamp((c − q)/(1 − f), 0, 1) of withdrawals that the buffer pays
/// now is safe and the rest waits in the queue, paid in full, or at r when losses are socialised. π is
/// the chance of being paid now under the marginal depositor's belief that ℓ is uniform on [0, 1] (the
/// Laplacian belief of global games). Withdrawing is worth it when P(failure | x) exceeds
///
///     t = (S_survive − W_survive) / ((S_survive − W_survive) + (W_fail − S_fail)).
///
/// **Equilibrium.** Signals are x_i = θ + ε_i, ε_i ~ N(0, 1/β), with a diffuse prior, so θ | x ~ N(x, 1/β).
/// If everyone withdraws below x̂, ℓ(θ) = min(g, Φ(√β (x̂ − θ))) and the pool fails below θ_c(x̂), the root
/// of h(θ, ℓ(θ)) = 0. The marginal depositor is indifferent when Φ(√β (θ_c(x*) − x*)) = t. Both equations
/// are solved with GSL's Brent method. At the solution ℓ = min(g, 1 − t), which gives the closed form
/// ``closedFormThreshold`` that the tests check the solver against.
public struct BalanceSheetGame: Sendable, Equatable {
    /// q: the withdrawal queue ÷ D, ≥ 0.
    public var queue: Double
    /// c: the reserve's cash ÷ D, ≥ 0.
    public var cash: Double
    /// f: the withdrawal fee, in [0, 1).
    public var fee: Double
    /// g: the gate, the most of D that may leave per tick, in (0, 1].
    public var gate: Double
    /// δ = 1/ρ − 1: the fire-sale loss per dollar raised by selling collateral, ≥ 0.
    public var fireSaleLoss: Double
    /// The stayer's gain over the horizon when the pool survives (interest + bonus − cost of waiting).
    public var stayGain: Double
    /// r: what a stayer recovers per dollar of claim when the pool fails, in [0, 1].
    public var recovery: Double
    /// Whether losses are socialised over queued claims too (then a queued withdrawer also recovers r).
    public var socialised: Bool
    /// β: the precision of a depositor's signal of θ, > 0.
    public var precision: Double

    /// Creates the game of one tick.
    /// - Parameters:
    ///   - queue: q, the queue ÷ D.
    ///   - cash: c, the cash ÷ D.
    ///   - fee: f, the withdrawal fee.
    ///   - gate: g, the per-tick gate.
    ///   - fireSaleLoss: δ = 1/ρ − 1.
    ///   - stayGain: the stayer's gain when the pool survives.
    ///   - recovery: r, the stayer's recovery when it fails.
    ///   - socialised: whether queued claims share losses.
    ///   - precision: β, the signal precision.
    /// - Throws: ``GameError/invalidParameter(name:value:expected:)`` naming the first bad input.
    public init(
        queue: Double, cash: Double, fee: Double, gate: Double, fireSaleLoss: Double, stayGain: Double,
        recovery: Double, socialised: Bool, precision: Double
    ) throws(GameError) {
        try GameError.check("queue", queue, "a number >= 0") { $0 >= 0 }
        try GameError.check("cash", cash, "a number >= 0") { $0 >= 0 }
        try GameError.check("fee", fee, "a number in [0, 1)") { $0 >= 0 && $0 < 1 }
        try GameError.check("gate", gate, "a number in (0, 1]") { $0 > 0 && $0 <= 1 }
        try GameError.check("fire_sale_loss", fireSaleLoss, "a number >= 0") { $0 >= 0 }
        try GameError.check("stay_gain", stayGain, "a finite number") { _ in true }
        try GameError.check("recovery", recovery, "a number in [0, 1]") { $0 >= 0 && $0 <= 1 }
        try GameError.check("signal_precision", precision, "a number > 0") { $0 > 0 }
        self.queue = queue
        self.cash = cash
        self.fee = fee
        self.gate = gate
        self.fireSaleLoss = fireSaleLoss
        self.stayGain = stayGain
        self.recovery = recovery
        self.socialised = socialised
        self.precision = precision
    }

    /// h(θ, ℓ): what is left for the stayers beyond their claims, per dollar of D; the pool fails when negative.
    public func margin(theta: Double, withdrawn: Double) -> Double {
        let excess = max(0, withdrawn * (1 - fee) + queue - cash)
        return theta * (1 + queue) + withdrawn * fee - fireSaleLoss * excess
    }

    /// π: the share of a withdrawal the buffer pays now, for a depositor equally likely to be anywhere in line.
    public var paidNow: Double { min(1, max(0, (cash - queue) / (1 - fee))) }

    /// t: the posterior failure probability above which withdrawing beats staying. Below 0 withdrawing is
    /// better even if the pool survives; above 1 staying is better even if it fails.
    public var cost: Double {
        let stayPremium = (1 + stayGain) - (1 - fee)
        let queued = socialised ? recovery : 1
        let runPremium = (1 - fee) * (paidNow + (1 - paidNow) * queued) - recovery
        if stayPremium <= 0 { return 0 }
        if runPremium <= 0 { return 1 }
        return stayPremium / (stayPremium + runPremium)
    }

    /// ℓ(θ) = min(g, Φ(√β (x̂ − θ))): the fraction withdrawing at θ when everyone withdraws below x̂.
    public func fractionWithdrawing(theta: Double, threshold: Double) -> Double {
        min(gate, StandardNormal.cdf(precision.squareRoot() * (threshold - theta)))
    }

    /// The failure threshold when a fraction ℓ withdraws: θ_ℓ = (δ max(0, ℓ(1 − f) + q − c) − ℓ f)/(1 + q).
    func thetaAt(withdrawn l: Double) -> Double {
        (fireSaleLoss * max(0, l * (1 - fee) + queue - cash) - l * fee) / (1 + queue)
    }

    /// The range of θ_ℓ over ℓ ∈ [0, g]: it is piecewise linear in ℓ, kinked where the buffer runs out.
    var failureRange: (low: Double, high: Double) {
        var points = [thetaAt(withdrawn: 0), thetaAt(withdrawn: gate)]
        let kink = (cash - queue) / (1 - fee)
        if kink > 0, kink < gate { points.append(thetaAt(withdrawn: kink)) }
        return (points.min() ?? 0, points.max() ?? 0)
    }

    /// θ_c(x̂): the θ below which the pool fails when everyone withdraws below x̂, the root of h(θ, ℓ(θ)).
    /// - Throws: ``GameError/solverFailed(_:)`` if Brent fails.
    public func failureThreshold(forThreshold threshold: Double) throws(GameError) -> Double {
        let range = failureRange
        // h(θ, ℓ) = (1 + q)(θ − θ_ℓ), and θ_ℓ stays in the range: the bracket has a sign change. The relative
        // tolerance lets a drained pool (δ up to 1e9, so θ_ℓ of that order) converge at its own scale.
        return try GameError.solve { () throws(StochasticsError) in
            try RootFinder.brent(
                in: range.low - 1, range.high + 1, absoluteTolerance: 1e-13, relativeTolerance: 1e-14,
                maxIterations: 500
            ) {
                self.margin(theta: $0, withdrawn: self.fractionWithdrawing(theta: $0, threshold: threshold))
            }
        }
    }

    /// The best response to everyone else withdrawing below x̂: withdraw below x with P(θ < θ_c(x̂) | x) = t,
    /// x = θ_c(x̂) − Φ⁻¹(t)/√β (±∞ when t is 0 or 1).
    public func bestResponse(to threshold: Double) throws(GameError) -> Double {
        let t = cost
        if t <= 0 { return .infinity }
        if t >= 1 { return -.infinity }
        let z = (try? StandardNormal.quantile(t)) ?? 0
        return try failureThreshold(forThreshold: threshold) - z / precision.squareRoot()
    }

    /// x*: the equilibrium threshold, the fixed point of ``bestResponse(to:)`` found by Brent. A depositor
    /// withdraws when its signal is below x*; +∞ when withdrawing dominates, −∞ when staying does.
    /// - Throws: ``GameError/solverFailed(_:)`` if Brent fails, which valid inputs do not cause.
    public func threshold() throws(GameError) -> Double {
        let t = cost
        if t <= 0 { return .infinity }
        if t >= 1 { return -.infinity }
        let shift = ((try? StandardNormal.quantile(t)) ?? 0) / precision.squareRoot()
        let range = failureRange
        // F(x) = θ_c(x) − x − shift is positive at the low end and negative at the high end.
        return try GameError.solve { () throws(StochasticsError) in
            try RootFinder.brent(
                in: range.low - shift - 1, range.high - shift + 1, absoluteTolerance: 1e-12, relativeTolerance: 1e-14,
                maxIterations: 500
            ) {
                try self.failureThreshold(forThreshold: $0) - $0 - shift
            }
        }
    }

    /// x* in closed form: at the equilibrium ℓ = min(g, 1 − t), so θ* = θ_ℓ and x* = θ* − Φ⁻¹(t)/√β.
    public var closedFormThreshold: Double {
        let t = cost
        if t <= 0 { return .infinity }
        if t >= 1 { return -.infinity }
        let z = (try? StandardNormal.quantile(t)) ?? 0
        return thetaAt(withdrawn: min(gate, 1 - t)) - z / precision.squareRoot()
    }

    /// The largest absolute difference between the inputs of two games (the precision compared as a noise
    /// standard deviation): the state moved by this much.
    public func distance(to other: BalanceSheetGame) -> Double {
        if socialised != other.socialised { return .infinity }
        let pairs = [
            (queue, other.queue), (cash, other.cash), (fee, other.fee), (gate, other.gate),
            (fireSaleLoss, other.fireSaleLoss), (stayGain, other.stayGain), (recovery, other.recovery),
            (1 / precision.squareRoot(), 1 / other.precision.squareRoot()),
        ]
        return pairs.reduce(0) { max($0, abs($1.0 - $1.1)) }
    }
}

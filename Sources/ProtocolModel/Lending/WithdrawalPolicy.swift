/// The terms of a deposit product (a lending reserve's withdrawals): fee, gate, lock-up, and what happens
/// to losses the insurance fund cannot cover. The defaults reproduce plain par withdrawals.
public struct WithdrawalPolicy: Sendable, Equatable {
    /// Fee as a fraction of the amount withdrawn; it stays in the reserve as protocol revenue, or with
    /// ``feesToInsurance`` moves into the reserve's insurance fund.
    public var feeFraction: Double
    /// When true the fee funds the reserve's insurance fund (which covers bad debt before anything is socialised
    /// or kept as deficit) instead of staying in its cash as the protocol's claim.
    public var feesToInsurance = false
    /// Gate: at most this fraction of the outstanding deposits (measured at the first withdrawal of the
    /// tick) may leave per tick; the rest of a request is refused and stays deposited. 1 = no gate.
    public var gateFractionPerTick: Double
    /// Lock-up / fixed term: no withdrawal is accepted before this tick (the deposits' maturity).
    public var lockedUntilTick: Int
    /// When true, losses the insurance fund cannot cover are socialised pro rata over deposits and
    /// queued claims; when false (the reference model), they stay as the reserve's deficit (Aave v3.3).
    public var socialiseUncoveredLosses: Bool

    /// Creates a policy.
    public init(
        feeFraction: Double = 0, gateFractionPerTick: Double = 1, lockedUntilTick: Int = 0,
        socialiseUncoveredLosses: Bool = false
    ) {
        self.feeFraction = feeFraction
        self.gateFractionPerTick = gateFractionPerTick
        self.lockedUntilTick = lockedUntilTick
        self.socialiseUncoveredLosses = socialiseUncoveredLosses
    }

    /// Plain par withdrawals: no fee, no gate, no lock-up, uncovered losses kept as deficit.
    public static let plain = WithdrawalPolicy()
}

import Foundation
import Stochastics

/// The bank of Diamond and Dybvig (1983): a demand-deposit contract between impatient and patient depositors.
///
/// Each depositor puts 1 in at date 0. A fraction π turns out impatient and values consumption at date 1
/// only; the others are patient and value it at date 2 (they may also withdraw at date 1 and store).
/// The bank invests in a technology that returns R > 1 at date 2, or `liquidationValue` ℓ ≤ 1 per unit
/// cut short at date 1. Utility is CRRA, u(c) = c^(1−γ)/(1−γ) (log c when γ = 1).
///
/// The optimal contract maximises π u(c₁) + (1−π) u(c₂) subject to π c₁ + (1−π) c₂ / R = 1, so
/// u'(c₁) = R u'(c₂), c₂ = R^(1/γ) c₁ and c₁ = 1 / (π + (1−π) R^(1/γ − 1)); for γ > 1, c₁ > 1.
/// With sequential service and that contract there are two equilibria: patient depositors wait (no run),
/// or everyone withdraws at date 1 and only ℓ / c₁ of them are paid (a run). Patient depositors prefer
/// to wait while the fraction f withdrawing at date 1 stays below the tipping fraction
/// f̂ = (R − c₁) / (c₁ (R/ℓ − 1)), where what is left for them, R (1 − f c₁/ℓ) / (1 − f), falls to c₁.
/// A gate that pays at most a fraction g of deposits at date 1 (suspension of convertibility at g = π)
/// removes the run whenever g ≤ f̂.
public struct DiamondDybvig: Sendable, Equatable {
    /// R, the date-2 return of the long technology, > 1.
    public let longReturn: Double
    /// γ, the coefficient of relative risk aversion, > 0.
    public let riskAversion: Double
    /// π, the fraction of impatient depositors, in (0, 1).
    public let impatientFraction: Double
    /// ℓ, what one unit of the long technology gives when liquidated at date 1, in (0, 1].
    public let liquidationValue: Double

    /// Validates and stores the parameters.
    /// - Parameters:
    ///   - longReturn: R > 1.
    ///   - riskAversion: γ > 0.
    ///   - impatientFraction: π in (0, 1).
    ///   - liquidationValue: ℓ in (0, 1].
    /// - Throws: ``GameError/invalidParameter(name:value:expected:)`` naming the first bad parameter.
    public init(
        longReturn: Double, riskAversion: Double, impatientFraction: Double,
        liquidationValue: Double = 1
    ) throws(GameError) {
        try GameError.check("return", longReturn, "a number > 1") { $0 > 1 }
        try GameError.check("risk_aversion", riskAversion, "a number > 0") { $0 > 0 }
        try GameError.check("impatient_fraction", impatientFraction, "a number in (0, 1)") { $0 > 0 && $0 < 1 }
        try GameError.check("liquidation_value", liquidationValue, "a number in (0, 1]") { $0 > 0 && $0 <= 1 }
        self.longReturn = longReturn
        self.riskAversion = riskAversion
        self.impatientFraction = impatientFraction
        self.liquidationValue = liquidationValue
    }

    /// u(c) = c^(1−γ)/(1−γ), or log c when γ = 1; −∞ at c = 0 when γ ≥ 1.
    public func utility(_ c: Double) -> Double {
        riskAversion == 1 ? log(c) : pow(c, 1 - riskAversion) / (1 - riskAversion)
    }

    /// u'(c) = c^(−γ).
    public func marginalUtility(_ c: Double) -> Double { pow(c, -riskAversion) }

    /// c₂ on the resource constraint π c₁ + (1−π) c₂ / R = 1.
    public func budgetC2(_ c1: Double) -> Double {
        longReturn * (1 - impatientFraction * c1) / (1 - impatientFraction)
    }

    /// The optimal contract, from GSL's Brent method on the first-order condition u'(c₁) = R u'(c₂(c₁)) along
    /// the resource constraint, solved for x = ln c₁ as γ (ln c₂ − x) − ln R = 0: in logs the condition stays
    /// finite for any γ > 0, even where c₁ is far below 10⁻⁹ (small γ) or near 1/π.
    /// - Throws: ``GameError/solverFailed(_:)`` if Brent fails, which valid parameters do not cause.
    public func optimalContract() throws(GameError) -> DepositContract {
        let top = log(1 / impatientFraction)
        let gamma = riskAversion
        let logR = log(longReturn)
        let x = try GameError.solve { () throws(StochasticsError) in
            // Decreasing in x: +∞ as c₁ → 0 (c₂ tends to R/(1−π)), −∞ as c₁ → 1/π (c₂ vanishes).
            try RootFinder.brent(
                in: top - 700, top + log1p(-1e-12), absoluteTolerance: 1e-15, relativeTolerance: 1e-15,
                maxIterations: 500
            ) { x in
                gamma * (log(self.budgetC2(exp(x))) - x) - logR
            }
        }
        let c1 = exp(x)
        return DepositContract(c1: c1, c2: budgetC2(c1))
    }

    /// What patient depositors who wait receive when a fraction f of all depositors withdrew c₁ at date 1:
    /// R (1 − f c₁/ℓ) / (1 − f), or 0 once paying them exhausted the bank.
    public func patientPayoff(withdrawnFraction f: Double, contract: DepositContract) -> Double {
        guard f < 1 else { return 0 }
        let liquidated = f * contract.c1 / liquidationValue
        return liquidated >= 1 ? 0 : longReturn * (1 - liquidated) / (1 - f)
    }

    /// f̂ = (R − c₁) / (c₁ (R/ℓ − 1)): patient depositors join a run once more than this fraction withdraws.
    public func tippingFraction(_ contract: DepositContract) -> Double {
        (longReturn - contract.c1) / (contract.c1 * (longReturn / liquidationValue - 1))
    }

    /// The equilibria of the withdrawal game under `contract`, with a gate that pays at most a fraction
    /// `gate` of depositors at date 1 (1: no gate; π: suspension of convertibility).
    public func equilibria(_ contract: DepositContract, gate: Double = 1) -> [DiamondDybvigEquilibrium] {
        let pi = impatientFraction
        let noRun = DiamondDybvigEquilibrium(
            kind: .noRun, withdrawnFraction: min(pi, gate), impatientConsumption: contract.c1 * min(1, gate / pi),
            patientConsumption: patientPayoff(withdrawnFraction: min(pi, gate), contract: contract),
            servedFraction: min(1, gate / pi))
        // In a run every depositor asks at date 1; the bank pays c₁ in turn until it runs out or the gate shuts.
        // Those not served wait, and get what is left at date 2.
        guard gate > tippingFraction(contract) else { return [noRun] }
        let served = min(gate, liquidationValue / contract.c1)
        let left = patientPayoff(withdrawnFraction: served, contract: contract)
        let run = DiamondDybvigEquilibrium(
            kind: .run, withdrawnFraction: served,
            impatientConsumption: served * contract.c1,
            patientConsumption: served * contract.c1 + (1 - served) * left, servedFraction: served)
        return [noRun, run]
    }
}

/// A demand-deposit contract: c₁ to whoever withdraws at date 1, c₂ to each patient depositor at date 2.
public struct DepositContract: Sendable, Equatable {
    /// What a withdrawal at date 1 pays.
    public let c1: Double
    /// What each depositor who waits receives at date 2 when only the impatient withdrew.
    public let c2: Double
}

/// One equilibrium of the Diamond–Dybvig withdrawal game.
public struct DiamondDybvigEquilibrium: Sendable, Equatable {
    /// Which equilibrium.
    public enum Kind: String, Sendable {
        /// Only the impatient withdraw at date 1.
        case noRun = "no_run"
        /// Everyone tries to withdraw at date 1.
        case run
    }
    /// Which of the two.
    public let kind: Kind
    /// The fraction of depositors paid at date 1.
    public let withdrawnFraction: Double
    /// Expected consumption of an impatient depositor (c₁ times its chance of being served).
    public let impatientConsumption: Double
    /// Expected consumption of a patient depositor.
    public let patientConsumption: Double
    /// The chance that a depositor asking at date 1 is paid.
    public let servedFraction: Double
}

import Foundation
import Testing

@testable import Games

@Suite("Diamond–Dybvig bank")
struct DiamondDybvigTests {
    static let textbook = try! DiamondDybvig(longReturn: 2, riskAversion: 2, impatientFraction: 0.25)

    @Test func textbookContract() throws {
        let c = try Self.textbook.optimalContract()
        // c₁ = 1 / (π + (1 − π) R^(1/γ − 1)), c₂ = R^(1/γ) c₁.
        let closed = 1 / (0.25 + 0.75 * pow(2, 0.5 - 1))
        #expect(abs(c.c1 - closed) < 1e-9)
        #expect(abs(c.c2 - 2.0.squareRoot() * closed) < 1e-9)
        #expect(abs(c.c1 - 1.28) < 0.005 && abs(c.c2 - 1.81) < 0.005)
        #expect(abs(0.25 * c.c1 + 0.75 * c.c2 / 2 - 1) < 1e-12, "the resource constraint binds")
    }

    /// Including a small risk aversion, where c₁ is about 2.5·10⁻¹⁰ (the solver works in ln c₁), and a large one.
    @Test(arguments: [(1.5, 0.5, 0.1), (3.0, 4.0, 0.6), (1.2, 1.0, 0.5), (2.0, 0.03, 0.25), (2.0, 50.0, 0.25)])
    func contractMatchesItsClosedForm(_ p: (Double, Double, Double)) throws {
        let c = try DiamondDybvig(longReturn: p.0, riskAversion: p.1, impatientFraction: p.2).optimalContract()
        let closed = 1 / (p.2 + (1 - p.2) * pow(p.0, 1 / p.1 - 1))
        #expect(abs(c.c1 - closed) <= 1e-9 * closed)
    }

    @Test func bothEquilibriaWithoutAGate() throws {
        let c = try Self.textbook.optimalContract()
        let eq = Self.textbook.equilibria(c)
        #expect(eq.map(\.kind) == [.noRun, .run])
        #expect(abs(eq[0].patientConsumption - c.c2) < 1e-12 && abs(eq[0].impatientConsumption - c.c1) < 1e-12)
        #expect(abs(eq[1].servedFraction - 1 / c.c1) < 1e-12, "ℓ/c₁ of depositors are paid in a run")
        #expect(abs(eq[1].patientConsumption - 1) < 1e-12 && eq[1].patientConsumption < c.c1)
        // The tipping fraction: patient depositors are indifferent there.
        let f = Self.textbook.tippingFraction(c)
        #expect(abs(Self.textbook.patientPayoff(withdrawnFraction: f, contract: c) - c.c1) < 1e-12)
        #expect(f > 0.25 && f < 1)
    }

    @Test func suspensionAtTheImpatientFractionRemovesTheRun() throws {
        let c = try Self.textbook.optimalContract()
        let eq = Self.textbook.equilibria(c, gate: 0.25)
        #expect(eq.map(\.kind) == [.noRun])
        #expect(abs(eq[0].patientConsumption - c.c2) < 1e-12, "the gate costs the no-run allocation nothing")
        // A gate above the tipping fraction does not.
        #expect(Self.textbook.equilibria(c, gate: 0.9).map(\.kind) == [.noRun, .run])
    }

    @Test func noRunEquilibriumWithoutInsurance() throws {
        // γ < 1: c₁ < 1 = ℓ, the bank can pay everyone at date 1, so no run.
        let g = try DiamondDybvig(longReturn: 2, riskAversion: 0.5, impatientFraction: 0.25)
        let c = try g.optimalContract()
        #expect(c.c1 < 1 && g.equilibria(c).map(\.kind) == [.noRun])
    }

    @Test func badParametersNameThemselves() {
        #expect(throws: GameError.invalidParameter(name: "risk_aversion", value: 0, expected: "a number > 0")) {
            try DiamondDybvig(longReturn: 2, riskAversion: 0, impatientFraction: 0.25)
        }
        #expect(
            throws: GameError.invalidParameter(name: "impatient_fraction", value: 1, expected: "a number in (0, 1)")
        ) {
            try DiamondDybvig(longReturn: 2, riskAversion: 2, impatientFraction: 1)
        }
    }
}

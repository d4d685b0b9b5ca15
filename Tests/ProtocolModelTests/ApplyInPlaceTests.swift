import Testing

@testable import ProtocolModel

/// `apply` validates first and then writes in place: it never copies the state, so the balances and the
/// pool's per-user claims stay in their buffers whether the intent fills or reverts.
struct ApplyInPlaceTests {
    static func addresses(_ s: ProtocolState) -> [UInt] {
        [s.balances._bufferAddress] + s.lending._bufferAddresses + s.amms.map(\.shares._bufferAddress)
    }

    @Test func everyActionWritesInPlace() throws {
        var s = try Fixture.seeded()
        let usd = Fixture.usd
        let eth = Fixture.eth
        let intents: [Intent] = [
            Intent(account: 4, action: .supply(token: usd, amount: 1_000)),
            Intent(account: 4, action: .withdraw(token: usd, amount: 500)),
            Intent(account: 1, action: .borrow(token: usd, amount: 100)),
            Intent(account: 1, action: .repay(token: usd, amount: 50)),
            Intent(account: 4, action: .swap(pool: 0, amountIn: 1, baseIn: true)),
            Intent(account: 4, action: .addLiquidity(pool: 0, base: 1, quote: 2_000)),
            Intent(account: 0, action: .removeLiquidity(pool: 0, shares: 1)),
            Intent(account: 0, action: .stableSwap(pool: 0, i: 0, j: 1, dx: 1_000)),
            Intent(account: 4, action: .transfer(to: 2, token: eth, amount: 1)),
            // Reverts: a guard that fails after the action's effect is known, and an overdraft.
            Intent(
                account: 4, action: .swap(pool: 0, amountIn: 50, baseIn: true), guards: IntentGuards(maxSlippage: 0.001)
            ),
            Intent(account: 3, action: .withdraw(token: eth, amount: 10)),
            Intent(account: 2, action: .transfer(to: 0, token: usd, amount: 1e12)),
        ]
        for intent in intents {
            let before = Self.addresses(s)
            _ = s.apply(intent)
            #expect(Self.addresses(s) == before, "\(intent.action) copied the state")
        }
        // A liquidation, after a price fall, in place too.
        s.oracles[eth].manipulate(to: 1_500, tick: s.tick)
        let before = Self.addresses(s)
        let r = s.apply(
            Intent(
                account: 4,
                action: .liquidate(
                    borrower: 3, collateralToken: eth, debtToken: usd,
                    debtToCover: 5_000)))
        #expect(r.succeeded)
        #expect(Self.addresses(s) == before)
    }

    /// The withdrawal's health check, done without a trial copy, agrees with the health factor the pool
    /// reports after a successful withdrawal, and refuses exactly the withdrawals that would end below 1.
    @Test func theWithdrawalHealthCheckMatchesTheHealthFactorAfterwards() throws {
        let s0 = try Fixture.seeded()
        for amount in stride(from: 0.5, through: 10, by: 0.5) {
            var s = s0
            let r = s.apply(Intent(account: 3, action: .withdraw(token: Fixture.eth, amount: amount)))
            let hfAfter = s.lending.healthFactor(user: 3, prices: s.prices)
            if r.succeeded { #expect(hfAfter >= 1) } else { #expect(s == s0) }
            // Compute the would-be HF by hand: 10 − amount ETH at 2,000 × 0.825 over 14,500 USD.
            let expected = (10 - amount) * 2_000 * 0.825 / 14_500
            #expect(r.succeeded == (expected >= 1), "amount \(amount): HF would be \(expected)")
        }
    }
}

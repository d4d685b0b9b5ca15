import Foundation
import Testing

@testable import ProtocolModel
@testable import Simulation

/// The minted backstop and the incentive programme's books on experiments/tokenomics-feedback at a deep
/// shock (ETH × 0.5), where bad debt exceeds the insurance fund.
@Suite("Tokenomics backstop and cost accounting")
struct TokenomicsBackstopTests {
    static let deep = ["market.shocks[0].factor=0.5"]
    static let backstop = ["incentives.mint_backstop=true", "incentives.mint_max_tokens=1e12"]

    static func deficit(_ r: RunResult) -> Double { r.finalState.state.markets[0].reserves[0].deficit }

    /// The backstop covers the deficit by minting: less deficit, tokens minted, and a lower token price than
    /// the same replicates without it (the dilution).
    @Test func theMintedBackstopCoversTheDeficitAndDilutes() async throws {
        let covered = try await TokenomicsEffectTests.differences(Self.deep, Self.deep + Self.backstop, Self.deficit)
        #expect(covered.mean < -3 * covered.se, "deficit: paired mean \(covered.mean), standard error \(covered.se)")
        let price = try await TokenomicsEffectTests.differences(
            Self.deep, Self.deep + Self.backstop, TokenomicsEffectTests.finalTokenPrice)
        #expect(price.mean < -3 * price.se, "token price: paired mean \(price.mean), standard error \(price.se)")
    }

    /// A withdrawal fee paid into the insurance fund instead of kept as the protocol's cash leaves less deficit
    /// than the same fee kept by the pool.
    @Test func withdrawalFeesIntoTheInsuranceFundLowerTheDeficit() async throws {
        let fee = Self.deep + TokenomicsEffectTests.noBonus + ["lending.withdrawal_fee=0.01"]
        let (mean, se) = try await TokenomicsEffectTests.differences(
            fee, fee + ["lending.withdrawal_fee_to=insurance"], Self.deficit)
        #expect(mean < -3 * se, "deficit: paired mean \(mean), standard error \(se)")
    }

    /// Every instrument at once: the programme's balances are its budget plus and minus its ledger's flows,
    /// in GOV and in USD, and every GOV in the model is accounted for (holdings = inflows − outflows).
    @Test func theCostAccountingBalances() async throws {
        let all =
            Self.deep + Self.backstop + [
                "incentives.trigger=always", "incentives.budget_usd=3000000", "incentives.buy_back_below=0.9",
                "incentives.buy_back_usd=50000", "incentives.lp_bonus=0.05", "incentives.lp_emission_usd=2000",
            ]
        let s = try TokenomicsEffectTests.scenario(all)
        var minted = 0.0
        for r in 0..<4 {
            let run = try await Engine(scenario: s).run(seed: 1, replicate: UInt64(r))
            let state = run.finalState.state
            let l = state.incentives
            guard let account = l.account, let o = run.outcome.incentives else {
                Issue.record("no programme")
                return
            }
            let gov = state.balances[account, l.token]
            let usd = state.balances[account, 0]
            #expect(abs(gov - (20_000_000 - l.tokensPaid + l.tokensBoughtBack)) < 1e-6 * 20_000_000)
            #expect(abs(usd - (3_000_000 + l.mintProceeds - l.deficitCovered - l.usdPaid - l.buyBackSpend)) < 1e-3)
            let supply = state.totalHoldings(of: l.token)
            #expect(abs(supply - (state.inflows[l.token] - state.outflows[l.token])) < 1e-9 * supply)
            #expect(o.tokensMinted == l.tokensMinted && o.costUSD == l.costAtMarketValue)
            #expect(abs(o.dilution - l.tokensMinted / o.openingTokenSupply) < 1e-12)
            #expect(l.tokensPaid > 0 && l.buyBackSpend > 0 && o.minTokenPrice <= o.finalTokenPrice)
            minted += l.tokensMinted
        }
        #expect(minted > 0, "the backstop minted in at least one replicate")
    }
}

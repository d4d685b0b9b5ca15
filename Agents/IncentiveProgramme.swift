import ProtocolModel
import ScenarioSchema

/// The protocol's incentive programme: a treasury of native tokens and USD that pays stayers and LPs, buys
/// the token back and, when the first market's insurance fund is exhausted, mints tokens to cover its deficit.
///
/// Every tick, in its phase, the programme's account:
/// - decides whether it pays this tick (`trigger`): `always`; `stress`, once last tick's deposit outflow
///   reached `stress_outflow` of D₀ (and for `stress_ticks` after); or `controller`, paying a share
///   min(1, `controller_gain` × outflow) of the full rate;
/// - offers depositors a stay bonus of `stay_bonus` per tick on what is still deposited, and LPs `lp_bonus`
///   of volatility tolerance for `lp_emission_usd` per tick, paid in the native token (`paid_in: token`: the
///   amounts are fixed in tokens at the opening price, so their value moves with the token) or in USD;
///   the offer is what its balance can pay, and is published before depositors and LPs decide;
/// - with `sp_emission_usd` > 0, pays stability providers (``StabilityProviders``) `sp_emission_usd` per tick in
///   the same way (to a third reward account) and offers them `sp_bonus` of loss tolerance, scaled like the LP
///   bonus: GOV emissions that keep a backstop funded;
/// - with `lock_emission_usd` > 0, offers lock-up boosts (ve-style, ``/ProtocolModel/LockBook``): depositors
///   may lock their deposit for up to `lock_max_ticks` ticks, and the programme pays `lock_emission_usd` per
///   tick (in the same way, to a reward account of the lockers) while any lock runs, shared by lock weight:
///   amount × Frax's multiplier, which rises linearly from 1 to `lock_max_boost` at `lock_max_ticks`. What a
///   depositor does with the offer is ``Depositors/lockTerm(balance:comfort:noise:offer:cost:)``'s choice;
/// - pays the stayers', LPs' (stability providers', lockers') reward accounts, which sell `recipients_sell` of
///   their tokens each tick;
/// - buys the token back with up to `buy_back_usd` per tick while its price is below `buy_back_below` of
///   the opening price;
/// - with `mint_backstop: true`, mints and sells up to `mint_max_tokens` per tick to cover the USD reserve's
///   deficit (bad debt the insurance fund could not cover): the minted backstop and its dilution.
///
/// The ledger in the state (``/ProtocolModel/IncentiveLedger``) counts every flow in tokens and at the
/// price it was paid at.
public enum IncentiveProgramme: AgentKind {
    public static let key = "incentives"

    /// When the programme pays.
    public enum Trigger: String, Sendable, CaseIterable {
        case always, stress, controller
    }

    /// Parameters of the programme, read from the `incentives` section.
    public struct Config: Sendable, Equatable {
        public var budgetTokens = 0.0
        public var budgetUSD = 0.0
        public var paidInToken = true
        public var trigger = Trigger.always
        public var stressOutflow = 0.01
        public var stressTicks = 24
        public var controllerGain = 50.0
        public var stayBonus = 0.0
        public var lpBonus = 0.0
        public var lpEmissionUSD = 0.0
        public var spBonus = 0.0
        public var spEmissionUSD = 0.0
        /// Lock-up boosts: the USD per tick paid to lockers, the term that earns the full multiplier, the
        /// multiplier at that term, and how many terms a depositor chooses from (L_max·k/n, k = 1 … n).
        public var lockEmissionUSD = 0.0
        public var lockMaxTicks = 168
        public var lockMaxBoost = 2.5
        public var lockTerms = 4
        public var recipientsSell = 0.1
        public var buyBackBelow = 0.0
        public var buyBackUSD = 0.0
        public var mintBackstop = false
        public var mintMaxTokens = 0.0
        public init() {}
    }

    /// This tick's share of the full incentive rate (0: nothing paid), given last tick's outflow fraction and
    /// the last tick at which stress was seen.
    public static func intensity(_ c: Config, outflow: Double, tick: Int, stressSeen: Int?) -> Double {
        switch c.trigger {
        case .always: return 1
        case .stress:
            guard let seen = stressSeen else { return 0 }
            return tick - seen <= c.stressTicks ? 1 : 0
        case .controller: return min(1, c.controllerGain * max(0, outflow))
        }
    }

    public static func agentCount(_ c: Config) -> Int { 1 }

    public static func decode(_ r: ConfigReader) throws(ConfigError) -> Config {
        var c = Config()
        c.budgetTokens = try r.double("budget_tokens", default: 0, .closed(0, 1e15))
        c.budgetUSD = try r.double("budget_usd", default: 0, .usdAmount)
        c.paidInToken = try r.string("paid_in", default: "token", oneOf: ["token", "usd"]) == "token"
        let trigger = try r.string("trigger", default: "always", oneOf: Trigger.allCases.map(\.rawValue))
        c.trigger = Trigger(rawValue: trigger) ?? .always
        c.stressOutflow = try r.double("stress_outflow", default: c.stressOutflow, .closed(1e-9, 1))
        c.stressTicks = try r.int("stress_ticks", default: c.stressTicks, .closed(0, 1e7))
        c.controllerGain = try r.double("controller_gain", default: c.controllerGain, .closed(0, 1e6))
        c.stayBonus = try r.double("stay_bonus", default: 0, .closed(0, 0.1))
        c.lpBonus = try r.double("lp_bonus", default: 0, .closed(0, 10))
        c.lpEmissionUSD = try r.double("lp_emission_usd", default: 0, .usdAmount)
        c.spBonus = try r.double("sp_bonus", default: 0, .probability)
        c.spEmissionUSD = try r.double("sp_emission_usd", default: 0, .usdAmount)
        if c.spBonus > 0, c.spEmissionUSD == 0 {
            throw r.semanticError(
                "sp_bonus", "expected sp_emission_usd > 0 with an sp_bonus (the bonus is what it pays for)")
        }
        c.lockEmissionUSD = try r.double("lock_emission_usd", default: 0, .usdAmount)
        c.lockMaxTicks = try r.int("lock_max_ticks", default: c.lockMaxTicks, .closed(1, 1e6))
        c.lockMaxBoost = try r.double("lock_max_boost", default: c.lockMaxBoost, .closed(1, 10))
        c.lockTerms = try r.int("lock_terms", default: c.lockTerms, .closed(1, 64))
        if c.lockTerms > c.lockMaxTicks {
            throw r.semanticError(
                "lock_terms", "expected at most lock_max_ticks (\(c.lockMaxTicks)) terms, got \(c.lockTerms)")
        }
        c.recipientsSell = try r.double("recipients_sell", default: c.recipientsSell, .probability)
        c.buyBackBelow = try r.double("buy_back_below", default: 0, .closed(0, 100))
        c.buyBackUSD = try r.double("buy_back_usd", default: 0, .usdAmount)
        c.mintBackstop = try r.bool("mint_backstop", default: false)
        c.mintMaxTokens = try r.double("mint_max_tokens", default: c.mintBackstop ? 1e12 : 0, .closed(0, 1e15))
        if !c.paidInToken, c.budgetTokens > 0, c.buyBackUSD == 0 {
            throw r.semanticError(
                "budget_tokens", "expected no token budget with paid_in: usd and no buy-backs (nothing would use it)")
        }
        try r.finish()
        return c
    }

    public static func makePopulations(_ c: Config, setup: inout SetupContext) -> [any Population] {
        guard let native = setup.native else { preconditionFailure("validated by the scenario loader") }
        // The programme's account, then the stayers', the LPs' and (only when it pays them, so that other
        // worlds keep their account numbers) the stability providers' and the lockers' reward accounts.
        let first = setup.allocateAccounts(3 + (c.spEmissionUSD > 0 ? 1 : 0) + (c.lockEmissionUSD > 0 ? 1 : 0))
        if c.budgetTokens > 0 { setup.wallets.append((first, native.token, c.budgetTokens)) }
        if c.budgetUSD > 0 { setup.wallets.append((first, setup.layout.usd, c.budgetUSD)) }
        setup.incentives = IncentiveLedger(
            account: first, token: native.token, pool: native.pool, openingPrice: native.openingPrice)
        if c.lockEmissionUSD > 0 {
            setup.locks = LockBook(maxTicks: c.lockMaxTicks, maxBoost: c.lockMaxBoost, terms: c.lockTerms, accounts: 0)
        }
        return [IncentivePopulation(config: c, account: first, native: native)]
    }
}

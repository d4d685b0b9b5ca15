import ProtocolModel

@testable import Simulation

extension WorldState {
    /// The debtors' positions in order of their accounts: collateral supplied and USD owed.
    var positions: [(collateral: Double, debt: Double)] {
        state.lending.debtors.map {
            (
                state.lending.supplied(user: Int($0), reserve: layout.collateralReserve),
                state.lending.debt(user: Int($0), reserve: layout.depositReserve)
            )
        }
    }

    /// Per debtor, in the order of ``positions``: whether every collateral reserve holds less than its
    /// dust of it (the lending pool's rule for writing a position off).
    var exhausted: [Bool] {
        let lending = state.lending
        return lending.debtors.map { user in
            !lending.configs.indices.contains { r in
                r != layout.depositReserve
                    && lending.supplied(user: Int(user), reserve: r) >= lending.configs[r].liquidation.dustCollateral
            }
        }
    }

    /// The collateral amount below which a position counts as exhausted.
    var dust: Double { state.lending.configs[layout.collateralReserve].liquidation.dustCollateral }

    /// The deposit product's terms.
    var withdrawalPolicy: WithdrawalPolicy { state.lending.configs[layout.depositReserve].withdrawals }
}

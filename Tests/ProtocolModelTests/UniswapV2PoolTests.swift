import Testing
@testable import ProtocolModel

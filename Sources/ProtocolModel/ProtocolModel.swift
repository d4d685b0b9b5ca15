// Placeholder until the protocol model lands.

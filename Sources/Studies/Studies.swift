// Placeholder until studies land.

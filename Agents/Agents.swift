// Placeholder until the agents land.

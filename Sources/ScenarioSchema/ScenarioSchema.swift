// Placeholder until the schema lands.

// Placeholder until the Experiments module lands (replaced in this session).

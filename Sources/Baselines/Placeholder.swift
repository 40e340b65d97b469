// Placeholder until the Baselines module lands (replaced in this session).

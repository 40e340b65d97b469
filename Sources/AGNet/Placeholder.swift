// Placeholder until the AGNet module lands (replaced in this session).

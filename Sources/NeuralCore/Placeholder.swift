// Placeholder until the NeuralCore module lands (replaced in this session).

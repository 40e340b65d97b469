import NeuralCore
import Randomness
import SearchSpaces

extension Generator {
  /// Decodes latents without recording gradients and returns the logits as values
  /// (B × N·A node logits, B × N(N−1)/2 edge logits, row-major). Uses and resets `tape` (a
  /// fresh one when nil), which must be bound to `parameters`.
  public func logits(latents: [Float], on tape: Tape? = nil) -> (nodes: [Float], edges: [Float]) {
    let tape = tape ?? Tape(parameters: parameters)
    precondition(latents.count % configuration.graphDimension == 0, "latents are not whole vectors")
    tape.reset()
    let wasDifferentiating = tape.differentiatesParameters
    tape.differentiatesParameters = false
    defer {
      tape.differentiatesParameters = wasDifferentiating
      tape.reset()
    }
    let z = tape.constant(rows: latents.count / configuration.graphDimension, cols: configuration.graphDimension, values: latents)
    let output = decode(z, on: tape)
    return (output.nodeLogits.values, output.edgeLogits.values)
  }

  /// `count` graphs: latents from `latent`, decoded in batches, sampled. Each batch draws its
  /// latents, then its samples, from `rng` (derive it from (seed, purpose) for reproducibility).
  public func sampleGraphs(count: Int, latent: LatentDistribution, using rng: inout Xoshiro256StarStar,
                           batchSize: Int = 500) -> [CellGraph] {
    let sampler = GraphSampler(vocabulary: configuration.vocabulary)
    let tape = Tape(parameters: parameters)
    var graphs: [CellGraph] = []
    graphs.reserveCapacity(count)
    while graphs.count < count {
      let size = min(batchSize, count - graphs.count)
      let (nodes, edges) = logits(latents: latent.draw(count: size, dimension: configuration.graphDimension, using: &rng), on: tape)
      graphs += sampler.sample(nodeLogits: nodes, edgeLogits: edges, using: &rng)
    }
    return graphs
  }
}

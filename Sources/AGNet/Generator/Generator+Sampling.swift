import NeuralCore
import Randomness
import SearchSpaces

extension Generator {
  /// Decodes latents without recording gradients and returns the logits as values
  /// (B × N·A node logits, B × N(N−1)/2 edge logits, row-major).
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

  /// `count` graphs: latents from `latent`, decoded in batches, sampled. Draws come from two
  /// streams of `seed` (latents, sampling) per batch, so a count's first graphs do not depend on
  /// the count.
  public func sampleGraphs(count: Int, latent: LatentDistribution, seed: UInt64, batchSize: Int = 500) -> [CellGraph] {
    let sampler = GraphSampler(vocabulary: configuration.vocabulary)
    let tape = Tape(parameters: parameters)
    var graphs: [CellGraph] = []
    graphs.reserveCapacity(count)
    var batchIndex: UInt64 = 0
    while graphs.count < count {
      let size = min(batchSize, count - graphs.count)
      var latentRNG = Xoshiro256StarStar(seed: seed, stream: "generate-latents", index: batchIndex)
      var sampleRNG = Xoshiro256StarStar(seed: seed, stream: "generate-sampling", index: batchIndex)
      let (nodes, edges) = logits(latents: latent.draw(count: size, dimension: configuration.graphDimension, using: &latentRNG), on: tape)
      graphs += sampler.sample(nodeLogits: nodes, edgeLogits: edges, using: &sampleRNG)
      batchIndex += 1
    }
    return graphs
  }
}

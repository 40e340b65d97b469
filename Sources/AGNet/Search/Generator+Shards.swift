import NeuralCore

extension Generator {
  /// Decodes the latents of one shard of a training batch (`latents` holds the whole batch,
  /// row-major): the shard's rows and the decoded output, or nil for a shard without rows.
  func decodeShard(_ shard: Int, of batch: Int, shards: Int, latents: [Float], on tape: Tape)
    -> (rows: Range<Int>, output: GeneratorOutput)? {
    let rows = ShardedGradients.rows(ofShard: shard, count: batch, shards: shards)
    guard !rows.isEmpty else { return nil }
    let width = configuration.graphDimension
    let z = tape.constant(rows: rows.count, cols: width, values: Array(latents[(rows.lowerBound * width)..<(rows.upperBound * width)]))
    return (rows, decode(z, on: tape))
  }
}

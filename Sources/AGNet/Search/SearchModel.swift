import Foundation
import NeuralCore
import Randomness
import SearchSpaces

/// The learning half of one AG-Net trial: the pretrained generator with a fresh accuracy
/// predictor on its logits, trained together by one Adam that is kept across rounds
/// (method document §4). Without a predictor (`agnet-xgb`, whose predictor is a separate
/// XGBoost forest) the generator trains on `(1 − α)·recon` alone.
final class SearchModel {
  let generator: Generator
  let predictor: AccuracyPredictor?
  let configuration: AGNetSearchConfiguration
  let adam: Adam
  let shards: ShardedGradients
  /// One tape per shard for inference (candidate scoring); training uses the shards' tapes.
  let inferenceTapes: [Tape]
  private let sampler: GraphSampler

  /// - Parameters:
  ///   - generator: this trial's own copy of the pretrained generator (it is trained in place,
  ///     and the predictor's parameters are added to its store).
  ///   - rng: initialises the predictor.
  convenience init(generator: Generator, configuration: AGNetSearchConfiguration, using rng: inout Xoshiro256StarStar) {
    let predictor = AccuracyPredictor(inputs: generator.configuration.vocabulary.encodingLength,
                                      hiddenLayers: configuration.regressionLayers, in: generator.parameters, using: &rng)
    self.init(generator: generator, predictor: predictor, configuration: configuration)
  }

  /// A model of `generator` and `predictor` (whose parameters are in the generator's store, or
  /// nil for a generator trained on reconstruction alone).
  init(generator: Generator, predictor: AccuracyPredictor?, configuration: AGNetSearchConfiguration) {
    self.generator = generator
    self.predictor = predictor
    self.configuration = configuration
    let store = generator.parameters
    adam = Adam(parameters: store, learningRate: Float(configuration.learningRate),
                betas: (Float(configuration.beta1), Float(configuration.beta2)), epsilon: Float(configuration.epsilon))
    shards = ShardedGradients(parameters: store, shards: configuration.shards)
    inferenceTapes = (0..<configuration.shards).map { _ in
      let tape = Tape(parameters: store)
      tape.differentiatesParameters = false
      return tape
    }
    sampler = GraphSampler(vocabulary: generator.configuration.vocabulary)
  }

  /// Latents decoded together when scoring candidates.
  static let inferenceChunk = 50

  var latentSize: Int { generator.configuration.graphDimension }

  /// One weighted optimiser step (method document §4): every sample decodes a fresh latent, is
  /// scored against its target graph (reconstruction) and its true value (prediction), and its
  /// loss `(1 − α)·recon + α·(pred − value)²` is multiplied by its weight; the step minimises the
  /// batch mean.
  ///
  /// - Parameters:
  ///   - targets: the queried cells' graphs.
  ///   - values: their search metric, already scaled to the training range (fractions).
  ///   - weights: the per-sample loss multipliers.
  ///   - latents: batch × latentSize values, row-major.
  /// - Returns: the batch loss.
  @discardableResult
  func trainStep(targets: [CellGraph], values: [Float], weights: [Float], latents: [Float]) -> Float {
    let batch = targets.count
    precondition(values.count == batch && weights.count == batch && latents.count == batch * latentSize,
                 "a training batch needs one value, weight and latent per target")
    let alpha = Float(configuration.alpha)
    let losses = shards.step { shard, tape in
      guard let (rows, output) = generator.decodeShard(shard, of: batch, shards: self.shards.shardCount, latents: latents,
                                                       on: tape) else { return tape.constant(rows: 1, cols: 1, repeating: 0) }
      let n = rows.count
      let shardTargets = Array(targets[rows])
      let recon = generator.reconstructionLoss(output, targets: shardTargets, on: tape)
      let perSample: Tensor
      if let predictor {
        let predicted = predictor(predictorInput(output, graphs: shardTargets, on: tape), on: tape)
        let truth = tape.constant(rows: n, cols: 1, values: Array(values[rows]))
        perSample = tape.add(tape.scale(recon, by: 1 - alpha), tape.scale(tape.squaredError(predicted, truth), by: alpha))
      } else {
        perSample = tape.scale(recon, by: 1 - alpha)
      }
      let weighted = tape.scaleRows(perSample, by: tape.constant(rows: n, cols: 1, values: Array(weights[rows])))
      return tape.sum(weighted, times: 1 / Float(batch))
    }
    adam.update()
    return losses.reduce(0, +)
  }

  /// Runs a round's retraining plan (one `trainStep` per batch, fresh latents from `rng`) on the
  /// told cells' graphs and scaled values; returns the mean batch loss.
  func train(_ plan: RetrainingPlan, graphs: [CellGraph], values: [Float], using rng: inout Xoshiro256StarStar) -> Float {
    var total: Float = 0
    for batch in plan.batches {
      let latents = configuration.trainingLatents.draw(count: batch.cells.count, dimension: latentSize, using: &rng)
      total += trainStep(targets: batch.cells.map { graphs[$0] }, values: batch.cells.map { values[$0] },
                         weights: batch.lossWeights, latents: latents)
    }
    return plan.batches.isEmpty ? 0 : total / Float(plan.batches.count)
  }

  /// Decodes latents, samples one graph from each, and predicts its value (in the training
  /// range; NaN without a predictor), without recording gradients. Returns the graphs and
  /// predictions in latent order.
  ///
  /// The latents are handled in chunks of `inferenceChunk` rows (small enough to stay in cache),
  /// spread over `shards` threads; chunk c samples its graphs from stream (`seed`, c), so the
  /// result does not depend on the number of threads.
  func sampleAndPredict(latents: [Float], seed: UInt64) -> [(graph: CellGraph, predicted: Float)] {
    let count = latents.count / latentSize
    let chunkSize = SearchModel.inferenceChunk
    let chunks = (count + chunkSize - 1) / chunkSize
    let (nodeWidth, edgeWidth) = (generator.configuration.nodeLogitCount, generator.configuration.edgeLogitCount)
    var results = [[(graph: CellGraph, predicted: Float)]](repeating: [], count: chunks)
    results.withUnsafeMutableBufferPointer { results in
      DispatchQueue.concurrentPerform(iterations: inferenceTapes.count) { shard in
        let tape = inferenceTapes[shard]
        for chunk in stride(from: shard, to: chunks, by: inferenceTapes.count) {
          let rows = (chunk * chunkSize)..<min(count, (chunk + 1) * chunkSize)
          var rng = Xoshiro256StarStar(seed: seed, stream: "agnet-candidate-sampling", index: UInt64(chunk))
          tape.reset()
          let z = tape.constant(rows: rows.count, cols: latentSize,
                                values: Array(latents[(rows.lowerBound * latentSize)..<(rows.upperBound * latentSize)]))
          let output = generator.decode(z, on: tape)
          let graphs = (0..<rows.count).map {
            sampler.sample(nodeLogits: output.nodeLogits.value + $0 * nodeWidth, edgeLogits: output.edgeLogits.value + $0 * edgeWidth,
                           using: &rng)
          }
          guard let predictor else {
            results[chunk] = graphs.map { ($0, Float.nan) }
            continue
          }
          let predicted = predictor(configuration.predictorInput == .generatorLogits
                                      ? output.encodingLogits(on: tape) : encodings(of: graphs, on: tape), on: tape)
          results[chunk] = graphs.enumerated().map { ($0.element, predicted.value[$0.offset]) }
        }
        tape.reset()
      }
    }
    return results.flatMap { $0 }
  }

  private func predictorInput(_ output: GeneratorOutput, graphs: [CellGraph], on tape: Tape) -> Tensor {
    switch configuration.predictorInput {
    case .generatorLogits: return output.encodingLogits(on: tape)
    case .cellEncoding: return encodings(of: graphs, on: tape)
    }
  }

  /// The true encodings `y` of graphs, as a constant (the "w/o BP" predictor input).
  private func encodings(of graphs: [CellGraph], on tape: Tape) -> Tensor {
    let vocabulary = generator.configuration.vocabulary
    return tape.constant(rows: graphs.count, cols: vocabulary.encodingLength, values: graphs.flatMap(vocabulary.encoding(of:)))
  }

  // MARK: State

  /// Parameters of generator and predictor and the Adam state, as checkpoint bytes.
  func state() -> Checkpoint { Checkpoint(parameters: generator.parameters, optimizer: adam) }

  func restore(_ checkpoint: Checkpoint, source: String) throws {
    try checkpoint.restore(into: generator.parameters, optimizer: adam, file: source)
  }
}

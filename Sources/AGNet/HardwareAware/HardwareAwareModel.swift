import Foundation
import NeuralCore
import Randomness
import SearchSpaces

/// The learning half of one hardware-aware AG-Net trial (method document §5): the pretrained
/// generator with a fresh device-conditioned (accuracy, cost) predictor on its logits, trained
/// together by one Adam with weight decay, kept across rounds.
final class HardwareAwareModel {
  let generator: Generator
  let predictor: ConditionedPredictor
  let configuration: HardwareAwareConfiguration
  let adam: Adam
  let shards: ShardedGradients
  private let inferenceTape: Tape
  private let sampler: GraphSampler

  init(generator: Generator, configuration: HardwareAwareConfiguration, using rng: inout Xoshiro256StarStar) {
    self.generator = generator
    self.configuration = configuration
    let search = configuration.search
    let store = generator.parameters
    predictor = ConditionedPredictor(inputs: generator.configuration.vocabulary.encodingLength,
                                     hiddenLayers: search.regressionLayers, devices: configuration.devices.count,
                                     in: store, using: &rng)
    adam = Adam(parameters: store, learningRate: Float(search.learningRate), betas: (Float(search.beta1), Float(search.beta2)),
                epsilon: Float(search.epsilon), weightDecay: Float(configuration.weightDecay))
    shards = ShardedGradients(parameters: store, shards: search.shards)
    inferenceTape = Tape(parameters: store)
    inferenceTape.differentiatesParameters = false
    sampler = GraphSampler(vocabulary: generator.configuration.vocabulary)
  }

  var latentSize: Int { generator.configuration.graphDimension }

  /// Each of a sample's loss terms divided by max(its value, 1), the value taken as a constant
  /// (method document §5): terms above 1 count as 1 with their gradient direction kept.
  static func normalised(_ term: Tensor, on tape: Tape) -> Tensor {
    let divisors = term.values.map { 1 / max($0, 1) }
    return tape.scaleRows(term, by: tape.constant(rows: term.rows, cols: 1, values: divisors))
  }

  /// One weighted step: per sample `(1 − α)·recon + α·(0.5·mse_cost + 0.5·mse_acc)`, each term
  /// normalised, times the sample's weight; the step minimises the batch mean.
  ///
  /// - Parameters: accuracies and costs are the training targets, already scaled.
  @discardableResult
  func trainStep(targets: [CellGraph], accuracies: [Float], costs: [Float], weights: [Float], latents: [Float]) -> Float {
    let batch = targets.count
    precondition(accuracies.count == batch && costs.count == batch && weights.count == batch
                 && latents.count == batch * latentSize, "a training batch needs one value of each per target")
    let alpha = Float(configuration.search.alpha)
    let device = configuration.device
    let losses = shards.step { shard, tape in
      guard let (rows, output) = generator.decodeShard(shard, of: batch, shards: self.shards.shardCount, latents: latents,
                                                       on: tape) else { return tape.constant(rows: 1, cols: 1, repeating: 0) }
      let n = rows.count
      let recon = HardwareAwareModel.normalised(generator.reconstructionLoss(output, targets: Array(targets[rows]), on: tape), on: tape)
      let predicted = predictor(output.encodingLogits(on: tape), device: device, on: tape)
      let accuracyError = HardwareAwareModel.normalised(
        tape.squaredError(predicted.accuracy, tape.constant(rows: n, cols: 1, values: Array(accuracies[rows]))), on: tape)
      let costError = HardwareAwareModel.normalised(
        tape.squaredError(predicted.cost, tape.constant(rows: n, cols: 1, values: Array(costs[rows]))), on: tape)
      let prediction = tape.scale(tape.add(accuracyError, costError), by: 0.5)
      let perSample = tape.add(tape.scale(recon, by: 1 - alpha), tape.scale(prediction, by: alpha))
      let weighted = tape.scaleRows(perSample, by: tape.constant(rows: n, cols: 1, values: Array(weights[rows])))
      return tape.sum(weighted, times: 1 / Float(batch))
    }
    adam.update()
    return losses.reduce(0, +)
  }

  /// Decodes latents, samples one graph from each, and predicts (accuracy, cost) in the training
  /// ranges, without recording gradients.
  func sampleAndPredict(latents: [Float], using rng: inout Xoshiro256StarStar)
    -> [(graph: CellGraph, accuracy: Float, cost: Float)] {
    let count = latents.count / latentSize
    var nodeLogits: [Float] = [], edgeLogits: [Float] = [], accuracy: [Float] = [], cost: [Float] = []
    let tape = inferenceTape
    for start in stride(from: 0, to: count, by: SearchModel.inferenceChunk) {
      let rows = start..<min(count, start + SearchModel.inferenceChunk)
      tape.reset()
      let z = tape.constant(rows: rows.count, cols: latentSize,
                            values: Array(latents[(rows.lowerBound * latentSize)..<(rows.upperBound * latentSize)]))
      let output = generator.decode(z, on: tape)
      nodeLogits += output.nodeLogits.values
      edgeLogits += output.edgeLogits.values
      let predicted = predictor(output.encodingLogits(on: tape), device: configuration.device, on: tape)
      accuracy += predicted.accuracy.values
      cost += predicted.cost.values
    }
    tape.reset()
    let graphs = sampler.sample(nodeLogits: nodeLogits, edgeLogits: edgeLogits, using: &rng)
    return graphs.indices.map { (graphs[$0], accuracy[$0], cost[$0]) }
  }

  func state() -> Checkpoint { Checkpoint(parameters: generator.parameters, optimizer: adam) }

  func restore(_ checkpoint: Checkpoint, source: String) throws {
    try checkpoint.restore(into: generator.parameters, optimizer: adam, file: source)
  }
}

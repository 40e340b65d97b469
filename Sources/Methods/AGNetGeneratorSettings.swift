import AGNet
import SearchSpaces

/// The block every AG-Net variant shares: the pretrained generator, how it is retrained on the
/// weighted queried cells each round, and how a round's candidates are drawn. Variants hold it
/// with their own defaults (`agnet-xgb`: one tick; `agnet-hw`: §5's α and learning rate) or fix
/// parts of it (`agnet-tenas`).
public struct AGNetGeneratorSettings: MethodSettings {
  private static let published = AGNetSearchConfiguration()

  public var generator = ""
  public var initialCells = published.initialCells
  public var ticks = AGNetTicks.auto
  public var trainBatchSize = published.batchSize
  public var alpha = published.alpha
  public var weighting = published.weighting.scheme
  public var weightFactor = published.weighting.factor
  public var weightLossToo = published.weighting.weightLossToo
  public var learningRate = published.learningRate
  public var beta1 = published.beta1
  public var beta2 = published.beta2
  public var candidates = published.candidatesPerRound
  public var candidateBatches = published.candidateBatchSizes
  public var candidateLatents = published.candidateLatents
  public var trainingLatents = published.trainingLatents
  public var shards = published.shards

  public static var defaults: AGNetGeneratorSettings { AGNetGeneratorSettings() }

  static let generatorFile = Setting("generator", \Self.generator,
                                     help: "pretrained generator file (empty: the shipped one of the space)")
  static let initialCellsSetting = Setting("initial_cells", \Self.initialCells, help: "uniformly random cells queried first",
                                           rule: .atLeast(1))
  static let ticksSetting = Setting("ticks", \Self.ticks,
                                    help: "epochs of |D| weighted draws per round (auto: 30 on NAS-Bench-201, 15 on NAS-Bench-101, 1 on DARTS)",
                                    rule: AGNetTicks.rule)
  static let trainBatchSizeSetting = Setting("train_batch_size", \Self.trainBatchSize, help: "samples per retraining step",
                                             rule: .atLeast(1))
  static let alphaSetting = Setting("alpha", \Self.alpha,
                                    help: "loss mix (1 - alpha)·recon + alpha·(prediction loss); agnet-xgb trains on (1 - alpha)·recon alone",
                                    rule: .within(0...1))
  static let weightingSetting = Setting("weighting", \Self.weighting,
                                        help: "rank (AG-Net), uniform (w/o LSO ablation) or uniform_first_cells (the published w/o LSO bug)")
  static let weightFactorSetting = Setting("weight_factor", \Self.weightFactor, help: "w = 1 / (weight_factor·|D| + rank)",
                                           rule: .positive)
  static let weightLossTooSetting = Setting("weight_loss_too", \Self.weightLossToo,
                                            help: "also multiply each drawn sample's loss by its weight (published quirk)")
  static let learningRateSetting = Setting("learning_rate", \Self.learningRate, help: "Adam learning rate",
                                           rule: ValueRule("in (0, 1]") { $0 > 0 && $0 <= 1 })
  static let beta1Setting = Setting("beta1", \Self.beta1, help: "Adam beta1", rule: adamBeta)
  static let beta2Setting = Setting("beta2", \Self.beta2, help: "Adam beta2", rule: adamBeta)
  static let candidatesSetting = Setting("candidates", \Self.candidates, help: "candidates kept per round and ranked by prediction",
                                         rule: .atLeast(1))
  static let candidateBatchesSetting = Setting("candidate_batches", \Self.candidateBatches,
                                               help: "latent batch sizes decoded in turn until more than `candidates` are found",
                                               rule: ValueRule("each at least 1") { $0.allSatisfy { $0 >= 1 } })
  static let candidateLatentsSetting = Setting("candidate_latents", \Self.candidateLatents,
                                               help: "candidate latent distribution: uniform3 or normal")
  static let trainingLatentsSetting = Setting("training_latents", \Self.trainingLatents,
                                              help: "retraining latent distribution: normal or uniform3")
  static let shardsSetting = Setting("shards", \Self.shards,
                                     help: "concurrent parts of each training batch (results depend on it, not on cores)",
                                     rule: .within(1...64))

  private static let adamBeta = ValueRule<Double>("in [0, 1)") { (0..<1).contains($0) }

  public static var settings: [Setting<AGNetGeneratorSettings>] {
    [generatorFile, initialCellsSetting, ticksSetting, trainBatchSizeSetting, alphaSetting, weightingSetting,
     weightFactorSetting, weightLossTooSetting, learningRateSetting, beta1Setting, beta2Setting, candidatesSetting,
     candidateBatchesSetting, candidateLatentsSetting, trainingLatentsSetting, shardsSetting]
  }

  /// The search configuration of this block and the predictor network's settings on `space`
  /// (validated).
  public func configuration(space: String, network: PredictorNetworkSettings = .defaults) throws -> AGNetSearchConfiguration {
    var c = AGNetSearchConfiguration.published(for: BuiltInSpace(rawValue: space))
    c.initialCells = initialCells
    if case .epochs(let epochs) = ticks { c.ticks = epochs }
    c.batchSize = trainBatchSize
    c.alpha = alpha
    c.weighting.scheme = weighting
    c.weighting.factor = weightFactor
    c.weighting.weightLossToo = weightLossToo
    c.weighting.initialCells = initialCells
    c.learningRate = learningRate
    c.beta1 = beta1
    c.beta2 = beta2
    c.candidatesPerRound = candidates
    c.candidateBatchSizes = candidateBatches
    c.candidateLatents = candidateLatents
    c.trainingLatents = trainingLatents
    c.shards = shards
    c.regressionLayers = network.regressionLayers
    c.predictorInput = network.predictorInput
    c.valueScale = network.valueScale
    try c.validate()
    return c
  }
}

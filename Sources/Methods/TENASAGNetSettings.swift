import AGNet

/// `agnet-tenas`'s settings: AG-Net's shared generator block with what the published TE-NAS
/// search fixes (reconstruction only, α 0, so the predictor, which nothing reads, stays
/// untrained; rank weights applied as draw and loss factor; z ~ U(−3, 3)), a round of 50
/// candidates, and how the two phases choose and end.
public struct TENASAGNetSettings: MethodSettings {
  private static let phase = TENASCellSearch.Settings()

  public var search: AGNetGeneratorSettings = {
    var search = AGNetGeneratorSettings.defaults
    search.candidates = 50
    search.alpha = 0
    search.weighting = .rank
    search.weightLossToo = true
    search.candidateLatents = .uniform3
    return search
  }()
  /// Epochs of weighted draws per round (stored as an integer: no `auto` here).
  public var ticks = 1
  public var topK = phase.chosen
  public var normalTraining = phase.trainingLimit
  public var reduceTraining = phase.trainingLimit

  public static var defaults: TENASAGNetSettings { TENASAGNetSettings() }

  public static var settings: [Setting<TENASAGNetSettings>] {
    typealias Block = AGNetGeneratorSettings
    return [
      Block.generatorFile.within(\.search, help: "pretrained generator file (empty: the shipped DARTS one)"),
      Block.initialCellsSetting.within(\.search, help: "uniformly random cells opening each phase"),
      Block.candidatesSetting.within(\.search, help: "candidates a round, all evaluated"),
      Block.candidateBatchesSetting.within(\.search),
      Setting("top_k", \.topK, help: "candidates of a round (smallest rank sum) joining the training set", rule: .atLeast(1)),
      Setting("normal_training", \.normalTraining, help: "phase 1 (normal cells) ends once its training set holds more cells than this",
              rule: .atLeast(1)),
      Setting("reduce_training", \.reduceTraining,
              help: "phase 2 (reduction cells) ends once its training set holds more cells than this", rule: .atLeast(1)),
      Setting("ticks", \.ticks, help: "epochs of |D| weighted draws per round", rule: .atLeast(1)),
      Block.trainBatchSizeSetting.within(\.search),
      Block.weightFactorSetting.within(\.search, help: "w = 1/(weight_factor·|D| + rank_regions) + 1/(weight_factor·|D| + rank_ntk)"),
      Block.learningRateSetting.within(\.search),
      Block.beta1Setting.within(\.search),
      Block.beta2Setting.within(\.search),
      Block.trainingLatentsSetting.within(\.search),
      Block.shardsSetting.within(\.search),
    ]
  }

  /// The search configuration of both phases on `space` (validated): no predictor network.
  public func configuration(space: String) throws -> AGNetSearchConfiguration {
    var search = search
    search.ticks = .epochs(ticks)
    var network = PredictorNetworkSettings.defaults
    network.regressionLayers = 0
    network.predictorInput = .generatorLogits
    network.valueScale = 1
    return try search.configuration(space: space, network: network)
  }

  /// The phases' own settings (validated).
  public func phases() throws -> (normal: TENASCellSearch.Settings, reduce: TENASCellSearch.Settings) {
    let normal = TENASCellSearch.Settings(chosen: topK, trainingLimit: normalTraining)
    let reduce = TENASCellSearch.Settings(chosen: topK, trainingLimit: reduceTraining)
    try normal.validate()
    try reduce.validate()
    return (normal, reduce)
  }
}

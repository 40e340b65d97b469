/// Every setting of the AG-Net search, with the published defaults (method document §4, §6, §7).
/// Saved with a run, so a run directory says exactly what was searched with.
public struct AGNetSearchConfiguration: Equatable, Sendable {
  /// Uniformly random cells queried before the first retraining (published: 16).
  public var initialCells = 16
  /// Cells queried per round, the best predicted candidates (published `k`: 16).
  public var cellsPerRound = 16
  /// Candidates kept per round before ranking them by prediction (published: 100).
  public var candidatesPerRound = 100
  /// Latent batch sizes decoded in turn until more than `candidatesPerRound` candidates exist
  /// (published: 100, 200, …, 900).
  public var candidateBatchSizes = Array(stride(from: 100, through: 900, by: 100))
  /// Latent distribution for candidates (published: Uniform(−3, 3); §7).
  public var candidateLatents = LatentDistribution.uniform3
  /// Latent distribution for retraining (published: N(0, I), as in pretraining).
  public var trainingLatents = LatentDistribution.normal

  /// Epochs of |D| weighted draws per round (published: 30 on NAS-Bench-201, 15 on NAS-Bench-101).
  public var ticks = 30
  /// Samples per optimiser step (published: 16).
  public var batchSize = 16
  /// Loss mix `(1 − α)·recon + α·(pred − true)²` (published: 0.9).
  public var alpha: Float = 0.9
  /// Sampling weights and loss multipliers.
  public var weighting = SampleWeighting()

  /// Adam for generator and predictor together (published: lr 1e-3, betas (0.5, 0.999), eps 1e-8).
  public var learningRate: Float = 1e-3
  public var beta1: Float = 0.5
  public var beta2: Float = 0.999
  public var epsilon: Float = 1e-8

  /// Hidden layers of the predictor MLP: `num_regression_layers` Linear(in→in) layers with ReLU,
  /// then Linear(in→1) (published: 4).
  public var regressionLayers = 4
  /// What the predictor reads: the generator's logits (AG-Net) or the cell's true encoding
  /// ("w/o BP" ablation, §6: the prediction error then no longer reaches the generator).
  public var predictorInput = PredictorInput.generatorLogits
  /// Search-metric values are divided by this before they enter the loss: tables store percent,
  /// the published code trains on fractions (published values therefore need 100).
  public var valueScale: Double = 100
  /// Each training batch is split into this many shards that run concurrently; results depend
  /// on the shard count, never on the number of cores (the published code has no shards: 1 is
  /// its exact arithmetic order, 2 uses both cores of a small machine).
  public var shards = 2

  public enum PredictorInput: String, Codable, CaseIterable, Sendable {
    case generatorLogits = "logits"
    case cellEncoding = "encoding"
  }

  public init() {}

  /// The published settings for a space (`nasbench201`, `nasbench101`, …): they differ only in
  /// `ticks`.
  public static func published(forSpace name: String) -> AGNetSearchConfiguration {
    var configuration = AGNetSearchConfiguration()
    configuration.ticks = name == "nasbench101" ? 15 : 30
    return configuration
  }

  /// Describes the first setting that cannot work, or nil when all are usable.
  public var problem: String? {
    if initialCells < 1 { return "initial cells must be at least 1" }
    if cellsPerRound < 1 { return "cells per round must be at least 1" }
    if candidatesPerRound < cellsPerRound { return "candidates per round (\(candidatesPerRound)) must be at least the cells per round (\(cellsPerRound))" }
    if candidateBatchSizes.isEmpty || candidateBatchSizes.contains(where: { $0 < 1 }) { return "candidate batch sizes must be positive" }
    if ticks < 1 { return "ticks must be at least 1" }
    if batchSize < 1 { return "batch size must be at least 1" }
    if !(0...1).contains(alpha) { return "alpha must lie in [0, 1]" }
    if !(weighting.factor >= 0 && weighting.factor.isFinite) { return "weight factor must be finite and non-negative" }
    if weighting.scheme == .rank && weighting.factor == 0 { return "weight factor must be positive for rank weighting" }
    if weighting.initialCells < 1 { return "the cells of the first-cells weighting must be at least 1" }
    if !(learningRate > 0 && learningRate.isFinite) { return "learning rate must be positive" }
    if !(0..<1).contains(beta1) || !(0..<1).contains(beta2) { return "Adam betas must lie in [0, 1)" }
    if !(epsilon > 0) { return "Adam epsilon must be positive" }
    if regressionLayers < 1 { return "regression layers must be at least 1" }
    if !(valueScale > 0 && valueScale.isFinite) { return "value scale must be positive" }
    if !(1...64).contains(shards) { return "shards must be between 1 and 64" }
    return nil
  }
}

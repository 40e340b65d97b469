import GradientBoosting
import SearchSpaces

/// Every setting of the AG-Net search, with the published defaults (method document §4, §6, §7).
/// Saved with a run, so a run directory says exactly what was searched with.
public struct AGNetSearchConfiguration: Equatable, Sendable {
  /// Uniformly random cells queried before the first retraining (published: 16).
  public var initialCells = 16
  /// Candidates kept per round before ranking them by prediction (published: 100).
  public var candidatesPerRound = 100
  /// Latent batch sizes decoded in turn until more than `candidatesPerRound` candidates exist
  /// (published: 100, 200, …, 900).
  public var candidateBatchSizes = Array(stride(from: 100, through: 900, by: 100))
  /// Latent distribution for candidates (published: Uniform(−3, 3); §7).
  public var candidateLatents = LatentDistribution.uniform3
  /// Latent distribution for retraining (published: N(0, I), as in pretraining).
  public var trainingLatents = LatentDistribution.normal

  /// Epochs of |D| weighted draws per round (published: 30 on NAS-Bench-201, 15 on NAS-Bench-101,
  /// 1 on DARTS).
  public var ticks = 30
  /// Samples per optimiser step (published: 16).
  public var batchSize = 16
  /// Loss mix `(1 − α)·recon + α·(pred − true)²` (published: 0.9).
  public var alpha = 0.9
  /// Sampling weights and loss multipliers.
  public var weighting = SampleWeighting()

  /// Adam for generator and predictor together (published: lr 1e-3, betas (0.5, 0.999), eps 1e-8).
  public var learningRate = 1e-3
  public var beta1 = 0.5
  public var beta2 = 0.999
  public var epsilon = 1e-8

  /// Hidden layers of the predictor MLP: `num_regression_layers` Linear(in→in) layers with ReLU,
  /// then Linear(in→1) (published: 4).
  public var regressionLayers = 4
  /// What ranks a round's candidates: the predictor network trained with the generator (AG-Net),
  /// or an XGBoost forest fitted each round on the told cells' encodings (`agnet-xgb`, the
  /// published `Search_XGB.py`; the generator then trains on `(1 − α)·recon` alone).
  public var predictor = Predictor.network
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

  public enum Predictor: Equatable, Sendable {
    case network
    case xgboost(BoosterParameters)
  }

  public enum PredictorInput: String, Codable, CaseIterable, Sendable {
    case generatorLogits = "logits"
    case cellEncoding = "encoding"
  }

  public init() {}

  /// The published settings for a space: they differ only in `ticks` (`Search_NB301.py` runs
  /// `--ticks 1`). A space that is not built in gets NAS-Bench-201's.
  public static func published(for space: BuiltInSpace?) -> AGNetSearchConfiguration {
    var configuration = AGNetSearchConfiguration()
    switch space {
    case .nasbench101: configuration.ticks = 15
    case .darts: configuration.ticks = 1
    case .nasbench201, nil: configuration.ticks = 30
    }
    return configuration
  }

  /// Throws an `InputError` naming the first setting that cannot work.
  public func validate() throws {
    func check(_ ok: Bool, _ message: @autoclosure () -> String) throws {
      if !ok { throw InputError(message()) }
    }
    try check(initialCells >= 1, "initial_cells must be at least 1 (got \(initialCells))")
    try check(candidatesPerRound >= 1, "candidates must be at least 1 (got \(candidatesPerRound))")
    try check(!candidateBatchSizes.isEmpty && candidateBatchSizes.allSatisfy { $0 >= 1 }, "candidate batch sizes must be positive")
    try check(ticks >= 1, "ticks must be at least 1 (got \(ticks))")
    try check(batchSize >= 1, "train_batch_size must be at least 1 (got \(batchSize))")
    try check((0...1).contains(alpha), "alpha must lie in [0, 1] (got \(alpha))")
    try check(weighting.factor > 0 && weighting.factor.isFinite, "weight_factor must be positive (got \(weighting.factor))")
    try check(weighting.initialCells >= 1, "the first-cells weighting needs at least 1 cell")
    // Beyond these the single-precision training overflows and the generator's logits turn NaN.
    try check(learningRate > 0 && learningRate <= 1, "learning_rate must lie in (0, 1] (got \(learningRate))")
    try check((0..<1).contains(beta1) && (0..<1).contains(beta2), "Adam betas must lie in [0, 1) (got \(beta1), \(beta2))")
    try check(epsilon > 0 && epsilon.isFinite, "Adam epsilon must be positive (got \(epsilon))")
    try check(regressionLayers >= 0, "regression_layers must be at least 0 (got \(regressionLayers))")
    try check(valueScale >= 1e-3 && valueScale <= 1e12, "value_scale must lie in [0.001, 1e12] (got \(valueScale))")
    try check((1...64).contains(shards), "shards must be between 1 and 64 (got \(shards))")
    if case .xgboost(let parameters) = predictor {
      do { try parameters.validate() } catch let error as BoosterError { throw InputError(error.message) }
    }
  }
}

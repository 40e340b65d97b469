import Randomness
import SearchSpaces

/// How an ensemble is trained from scratch each round (BANANAS and `agnet-plus` share it).
public struct EnsembleTraining: Codable, Equatable, Sendable {
  public var epochs: Int
  public var batchSize: Int
  public var learningRate: Double

  public init(epochs: Int, batchSize: Int, learningRate: Double) {
    self.epochs = epochs
    self.batchSize = batchSize
    self.learningRate = learningRate
  }
}

/// An ensemble's opinion of some candidates: the mean and population deviation of the members'
/// predictions (standardised units: only the ranking matters), and how well the members fit the
/// cells they were trained on.
public struct EnsembleScores: Sendable {
  public var means: [Double]
  public var deviations: [Double]
  /// Mean absolute error of the members on their training cells, in the units of the values.
  public var trainingError: Double
}

extension PredictorEnsemble {
  /// Initialises every member afresh from `rng`, trains them on `values` standardised to mean 0
  /// and deviation 1 (a spread of zero keeps the scale 1), and scores `candidates`.
  ///
  /// Standardising makes one learning rate fit every benchmark's units. Training and candidate
  /// rows go through the network in one pass, so the training error costs no second pass.
  public func fitAndScore(training features: FeatureRows, values: [Double], candidates: FeatureRows,
                          recipe: EnsembleTraining, using rng: inout Xoshiro256StarStar) -> EnsembleScores {
    let n = Double(values.count)
    let mean = values.reduce(0, +) / n
    let spread = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n).squareRoot()
    let scale = spread > 0 && spread.isFinite ? spread : 1
    let targets = values.map { Float(($0 - mean) / scale) }

    initialize(using: &rng)
    train(features, targets: targets, epochs: recipe.epochs, batchSize: recipe.batchSize,
          learningRate: Float(recipe.learningRate), using: &rng)

    let predictions = predict(FeatureRows(values: features.values + candidates.values, width: features.width))
    var error = 0.0
    for member in predictions {
      for (row, value) in values.enumerated() { error += abs(Double(member[row]) * scale + mean - value) }
    }
    let moments = IndependentThompsonSampling.moments(of: predictions.map { Array($0[values.count...]) })
    return EnsembleScores(means: moments.means, deviations: moments.deviations,
                          trainingError: error / (n * Double(predictions.count)))
  }

  /// `fitAndScore` on cells, through `adapter`'s features.
  public func fitAndScore<Space: SearchSpace>(_ adapter: BANANASSpaceAdapter<Space>, training cells: [Space.Cell], values: [Double],
                                              candidates: [Space.Cell], recipe: EnsembleTraining,
                                              using rng: inout Xoshiro256StarStar) -> EnsembleScores {
    fitAndScore(training: FeatureRows(values: adapter.features(of: cells), width: adapter.featureCount), values: values,
                candidates: FeatureRows(values: adapter.features(of: candidates), width: adapter.featureCount),
                recipe: recipe, using: &rng)
  }
}

import SearchSpaces

/// The hyperparameters of BANANAS. Defaults are the published ones: the paper (White, Neiswanger,
/// Savani, AAAI 2021) and its reference code (naszilla, `meta_neuralnet_params('standard')`,
/// `bananas()`, `get_candidates()`).
public struct BANANASConfiguration: Codable, Equatable, Sendable {
  /// Uniform random cells before the first predictor is trained.
  public var initialCells: Int
  /// Networks in the ensemble whose spread gives the uncertainty.
  public var ensembleSize: Int
  /// Hidden layers of each network (fully connected, ReLU) and their width.
  public var hiddenLayers: Int
  public var layerWidth: Int
  /// Training of each network, from scratch every round: Adam (β = 0.9, 0.99) on the mean
  /// absolute error, mini-batches reshuffled every epoch.
  public var epochs: Int
  public var trainingBatchSize: Int
  public var learningRate: Double
  /// Candidates scored by the acquisition function each round.
  public var candidateCount: Int
  /// How many of the best cells are mutated, in order, until there are `candidateCount`
  /// candidates; each gets `candidateCount` mutation draws. (The reference code mutates its best
  /// cell, then with a patience factor of 5 the next ones: 1 × 5.)
  public var parentCount: Int
  /// The expected number of changes per part of the cell in one mutation (`BANANASMutation`).
  public var mutationRate: Double
  /// NAS-Bench-101 only: the first bits of the path encoding the predictors see (364 = all paths;
  /// the reference code's runs use 40, the paths of at most three ops).
  public var pathEncodingLength: Int

  /// Cells per round in the paper (k = 10): the default batch of a runner.
  public static let publishedBatchSize = 10

  public init(initialCells: Int = 10, ensembleSize: Int = 5, hiddenLayers: Int = 10, layerWidth: Int = 20,
              epochs: Int = 150, trainingBatchSize: Int = 32, learningRate: Double = 0.01, candidateCount: Int = 100,
              parentCount: Int = 5, mutationRate: Double = 1, pathEncodingLength: Int = NASBench101PathEncoding.fullLength) {
    self.initialCells = initialCells
    self.ensembleSize = ensembleSize
    self.hiddenLayers = hiddenLayers
    self.layerWidth = layerWidth
    self.epochs = epochs
    self.trainingBatchSize = trainingBatchSize
    self.learningRate = learningRate
    self.candidateCount = candidateCount
    self.parentCount = parentCount
    self.mutationRate = mutationRate
    self.pathEncodingLength = pathEncodingLength
  }

  /// Throws `InputError` naming the first hyperparameter out of range (names as on the command line).
  public func validate() throws {
    func atLeast(_ value: Int, _ minimum: Int, _ name: String) throws {
      guard value >= minimum else { throw InputError("\(name) must be at least \(minimum) (got \(value))") }
    }
    try atLeast(initialCells, 1, "initial_cells")
    try atLeast(ensembleSize, 1, "ensemble_size")
    try atLeast(hiddenLayers, 0, "hidden_layers")
    try atLeast(layerWidth, 1, "layer_width")
    try atLeast(epochs, 1, "epochs")
    try atLeast(trainingBatchSize, 1, "training_batch_size")
    try atLeast(candidateCount, 1, "candidate_count")
    try atLeast(parentCount, 1, "parent_count")
    guard learningRate > 0, learningRate.isFinite else {
      throw InputError("learning_rate must be a positive number (got \(learningRate))")
    }
    guard mutationRate > 0, mutationRate.isFinite else {
      throw InputError("mutation_rate must be a positive number (got \(mutationRate))")
    }
    guard (1...NASBench101PathEncoding.fullLength).contains(pathEncodingLength) else {
      throw InputError("path_encoding_length must be 1…\(NASBench101PathEncoding.fullLength) (got \(pathEncodingLength))")
    }
  }
}

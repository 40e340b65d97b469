import Baselines
import SearchSpaces

/// The settings of `agnet-plus` (docs/research/agnet-plus.md). Defaults are the variant frozen
/// by the development runs on NAS-Bench-201 CIFAR-10, seeds 100–119 (v12 of the log).
public struct AGNetPlusConfiguration: Codable, Equatable, Sendable {
  /// Uniform random cells before the first predictor.
  public var initialCells = 10
  /// Cells drawn once per trial from the pretrained generator; those of the domain not yet told
  /// join every round's candidates. A pool far larger than AG-Net's 200 candidates costs little
  /// because the generator is not retrained: it is decoded once.
  public var generatedCells = 2000
  /// Cells of each ask taken from the generated cells, those with the best predicted mean (AG-Net's
  /// choice: top predicted generated candidates); the rest of the ask comes from the neighbours by
  /// the acquisition. The generated picks reach other basins than the best cells' neighbourhoods;
  /// ranking them by the mean, not by Thompson sampling, keeps a pool of thousands from being won
  /// by whichever cell the members disagree on most.
  public var generatedPicks = 1
  /// The generated picks wait until this many queries have passed since the best told cell was
  /// told (0: every ask): while the neighbourhoods keep improving, all queries refine them; once
  /// they stall, generated cells look for another basin.
  public var patience = 20
  /// How many of the best told cells lend all their neighbours (one elementary change) to the
  /// candidates: where the told values say the good cells are.
  public var neighbourParents = 5
  /// The ensemble of MLPs (BANANAS's predictor) that scores the candidates, trained from scratch
  /// every round on the told cells.
  public var ensembleSize = 5
  public var hiddenLayers = 10
  public var layerWidth = 20
  public var training = EnsembleTraining(epochs: 150, batchSize: 32, learningRate: 0.01)
  /// How the neighbour candidates are chosen from the ensemble's mean and spread.
  public var acquisition = Acquisition.thompson
  /// UCB's weight on the spread (only `acquisition = ucb`).
  public var explorationWeight = 1.0
  /// NAS-Bench-101: path-encoding bits the MLPs see (as BANANAS's `path_encoding_length`).
  public var pathEncodingLength = NASBench101PathEncoding.fullLength

  /// Cells per ask unless the user says otherwise.
  public static let defaultBatchSize = 2

  public init() {}

  /// Throws `InputError` naming the first setting out of range (names as on the command line).
  public func validate() throws {
    func atLeast(_ value: Int, _ minimum: Int, _ name: String) throws {
      guard value >= minimum else { throw InputError("\(name) must be at least \(minimum) (got \(value))") }
    }
    try atLeast(initialCells, 1, "initial_cells")
    try atLeast(generatedCells, 0, "generated_cells")
    try atLeast(neighbourParents, 0, "neighbour_parents")
    try atLeast(generatedPicks, 0, "generated_picks")
    try atLeast(patience, 0, "patience")
    try atLeast(ensembleSize, 1, "ensemble_size")
    try atLeast(hiddenLayers, 0, "hidden_layers")
    try atLeast(layerWidth, 1, "layer_width")
    try atLeast(training.epochs, 1, "epochs")
    try atLeast(training.batchSize, 1, "training_batch_size")
    guard training.learningRate > 0, training.learningRate.isFinite else {
      throw InputError("learning_rate must be a positive number (got \(training.learningRate))")
    }
    guard explorationWeight >= 0, explorationWeight.isFinite else {
      throw InputError("exploration_weight must be a number ≥ 0 (got \(explorationWeight))")
    }
    guard generatedCells > 0 || neighbourParents > 0 else {
      throw InputError("agnet-plus needs candidates: generated_cells or neighbour_parents must be positive")
    }
  }
}

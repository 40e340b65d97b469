import Foundation
import GradientBoosting
import NeuralCore
import Optimization
import Randomness
import SearchSpaces

/// The AG-Net search (method document §4) behind the ask/tell `Optimizer` protocol.
///
/// - The first `initialCells` queries are distinct uniform random cells of the domain.
/// - Every later ask is one round: weighted retraining of generator and predictor on all told
///   cells, candidate generation, and the `limit` candidates with the best prediction (the ask
///   size is AG-Net's `k`, 16 by default). Should generation find fewer candidates than asked
///   for, the rest are uniform random unqueried cells (`random_fill` in `roundStatistics`).
/// - Valid generated cells outside the domain (a sampled table) are skipped: never proposed,
///   never counted as queries (`skipped_not_in_table`).
/// - With `configuration.predictor` = `.xgboost` (`agnet-xgb`) the generator has no predictor
///   and retrains on reconstruction alone; each round an XGBoost forest fitted on the told cells'
///   encodings → standardised values ranks the candidates instead. The forest is refitted from
///   the told cells every round, so it is no part of the saved state.
///
/// `saveState` holds everything the next ask depends on (told cells, pending ask, the three
/// random streams, parameters and Adam moments), so a restored optimizer proposes exactly what
/// the original would have.
public final class AGNetOptimizer<Space: SearchSpace>: Optimizer {
  private struct State: Codable {
    var progress: SearchProgress<Space.Cell>
    var rounds = 0
  }

  public let domain: SearchDomain<Space>
  public let configuration: AGNetSearchConfiguration
  let model: SearchModel
  /// XGBoost's seed in this trial (it draws nothing while subsample and colsample are 1).
  private let boosterSeed: UInt32
  private var state: State

  /// - Parameters:
  ///   - generator: a pretrained generator of `domain.space`'s vocabulary. It becomes this
  ///     trial's own (it is trained in place): pass a fresh copy per trial.
  ///   - seed: the trial's seed; every random draw of the trial derives from it.
  public init(domain: SearchDomain<Space>, generator: Generator, configuration: AGNetSearchConfiguration,
              seed: UInt64) throws {
    try configuration.validate()
    try generator.requireCells(of: domain.space)
    self.domain = domain
    self.configuration = configuration
    if case .xgboost = configuration.predictor {
      model = SearchModel(generator: generator, predictor: nil, configuration: configuration)
    } else {
      var predictorRNG = Xoshiro256StarStar(seed: seed, stream: "agnet-predictor-init")
      model = SearchModel(generator: generator, configuration: configuration, using: &predictorRNG)
    }
    var boosterRNG = Xoshiro256StarStar(seed: seed, stream: "agnet-xgb-booster")
    boosterSeed = UInt32(truncatingIfNeeded: boosterRNG.next())
    state = State(progress: SearchProgress(seed: seed, trainingStream: "agnet-retraining", candidateStream: "agnet-candidates"))
  }

  /// The told cells in the order they were told, with their values.
  public var history: EvaluationHistory<Space.Cell> { state.progress.history }

  /// Retraining rounds run so far.
  public var rounds: Int { state.rounds }

  /// Wall-clock seconds this object spent retraining and generating candidates (for benchmarks;
  /// not part of the saved state).
  public private(set) var secondsRetraining = 0.0
  public private(set) var secondsGenerating = 0.0

  public func ask(limit: Int) throws -> [Space.Cell] {
    let cells = try state.progress.openingCells(limit: limit, initialCells: configuration.initialCells, domain: domain)
      ?? (try round(limit: limit))
    state.progress.asked.record(cells)
    return cells
  }

  public func tell(_ evaluations: [Evaluation<Space.Cell>]) throws {
    for evaluation in try state.progress.asked.resolve(evaluations, format: domain.space.format) {
      state.progress.history.append(evaluation.cell, value: evaluation.value)
    }
  }

  public var roundStatistics: [String: Double] { state.progress.lastRound }

  /// Adds evaluations of cells this optimizer never asked for (known from elsewhere, e.g. an
  /// earlier phase of a search) to what it learns from; they count towards `initialCells` and
  /// are never proposed. Only between a tell and the next ask.
  public func recordKnown(_ evaluations: [Evaluation<Space.Cell>]) throws {
    try state.progress.asked.checkCanAsk()
    for evaluation in evaluations where !state.progress.history.contains(evaluation.cell) {
      state.progress.history.append(evaluation.cell, value: evaluation.value)
    }
  }

  // MARK: One round

  private func round(limit: Int) throws -> [Space.Cell] {
    let clock = ContinuousClock()
    let start = clock.now
    let trainLoss = retrain()
    let trained = clock.now
    defer {
      secondsRetraining += (trained - start).seconds
      secondsGenerating += (clock.now - trained).seconds
    }
    let excluded = state.progress.history.cellSet
    let space = domain.space
    var candidates = CandidateRound<Space.Cell>.run(
      batchSizes: configuration.candidateBatchSizes, wanted: configuration.candidatesPerRound,
      latentSize: model.latentSize, latents: configuration.candidateLatents, excluded: excluded,
      isInDomain: domain.contains,
      decode: { latents, _, rng in
        model.sampleAndPredict(latents: latents, seed: rng.next()).map { .init(cell: space.cell(from: $0.graph), predicted: $0.predicted) }
      },
      using: &state.progress.candidateRNG)
    if case .xgboost(let parameters) = configuration.predictor, !candidates.candidates.isEmpty {
      let forest = try fitForest(parameters)
      let predictions = try forest.predict(candidates.candidates.flatMap { domain.space.encoding(of: $0.cell) })
      for index in candidates.candidates.indices { candidates.candidates[index].predicted = predictions[index] }
    }
    var chosen = candidates.best(limit).map(\.cell)
    let fill = chosen.count < limit
      ? domain.randomCells(limit - chosen.count, excluding: excluded.union(chosen), using: &state.progress.candidateRNG) : []
    chosen += fill
    state.rounds += 1
    state.progress.lastRound = [
      "train_loss": Double(trainLoss),
      "generated": Double(candidates.generated),
      "valid": Double(candidates.valid),
      "candidates": Double(candidates.candidates.count),
      "repeated": Double(candidates.repeated),
      "skipped_not_in_table": Double(candidates.skippedNotInDomain),
      "random_fill": Double(fill.count),
    ]
    return chosen
  }

  /// Weighted retraining on every told cell; returns the mean batch loss.
  private func retrain() -> Float {
    let cells = state.progress.history.cells
    let rawValues = cells.map { state.progress.history.value(of: $0)! }
    let graphs = cells.map(domain.space.graph(of:))
    let scale = configuration.valueScale
    let values = rawValues.map { Float($0 / scale) }
    let plan = RetrainingPlan.draw(values: rawValues, weighting: configuration.weighting, ticks: configuration.ticks,
                                   batchSize: configuration.batchSize, using: &state.progress.trainingRNG)
    return model.train(plan, graphs: graphs, values: values, using: &state.progress.trainingRNG)
  }

  /// An XGBoost forest fitted on the told cells: their encodings → their values standardised
  /// with the population standard deviation (`np.std`), as the published `train_tree` does; all
  /// values equal (no spread) gives labels 0 where the published division would give NaN.
  private func fitForest(_ parameters: BoosterParameters) throws -> XGBoostRegressor {
    let cells = state.progress.history.cells
    let values = cells.map { state.progress.history.value(of: $0)! }
    let mean = values.reduce(0, +) / Double(values.count)
    let spread = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)).squareRoot()
    var parameters = parameters
    parameters.seed = boosterSeed
    do {
      return try XGBoostRegressor(features: cells.flatMap(domain.space.encoding(of:)),
                                  columns: domain.space.vocabulary.encodingLength,
                                  labels: values.map { Float(spread > 0 ? ($0 - mean) / spread : 0) }, parameters: parameters)
    } catch let error as BoosterError {
      throw InputError(error.message)
    }
  }

  // MARK: State

  private static var magic: String { "agnet-search-state 2" }

  /// `SearchStateFile`'s format.
  public func saveState() throws -> Data {
    try SearchStateFile.encode(state, model: model.state(), magic: AGNetOptimizer.magic)
  }

  public func restoreState(_ data: Data) throws {
    state = try SearchStateFile.decode(State.self, from: data, magic: AGNetOptimizer.magic, what: "AG-Net") { checkpoint, source in
      try model.restore(checkpoint, source: source)
    }
  }
}

extension AGNetOptimizer: DARTSPhaseSearch where Space == DARTSCellSpace {
  public var generator: Generator { model.generator }
  /// AG-Net's phases end by their number of queries (`DARTSTwoPhaseSearch.Phases`), never by themselves.
  public var isFinished: Bool { false }

  /// The first told cell with the highest value.
  public var bestTold: Evaluation<DARTSCell>? {
    var best: Evaluation<DARTSCell>?
    for cell in history.cells {
      let value = history.value(of: cell)!
      if best == nil || value > best!.value { best = Evaluation(cell: cell, value: value) }
    }
    return best
  }
}

extension Duration {
  var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}

extension Generator {
  /// Throws unless this generator draws graphs of `space`'s vocabulary (the check both AG-Net
  /// optimizers make before a trial).
  func requireCells<Space: SearchSpace>(of space: Space) throws {
    guard configuration.vocabulary == space.vocabulary else {
      throw InputError("the generator draws \(configuration.vocabulary.nodeTypes.joined(separator: ",")) graphs of "
        + "\(configuration.maxNodes) nodes, not \(space.name) cells")
    }
  }
}

import Foundation
import NeuralCore
import Optimization
import Randomness
import SearchSpaces

/// Hardware-aware AG-Net (method document §5) behind the ask/tell `Optimizer` protocol: the loop of
/// `AGNetOptimizer`, with the cost objective's ranks in both places where §4 uses the accuracy rank.
///
/// - Training weights: `1 / (factor·|D| + rank)` with rank = `CostObjective.trainingRanks` of the
///   told (accuracy, cost) pairs (the best-scored cell has rank 0), cells over the bound penalised
///   as `configuration.trainingPenalty` says (graded by default, §5's ×1000 with `.hard`).
/// - Candidates: the `limit` lowest `CostObjective.scores` of the predicted (accuracy, cost) pairs
///   of the round's candidates. The accuracy is the predictor's; the cost is `CostSurrogate`'s for
///   the sampled cell, held to the bound plus a margin (`costModel` `.ridge`, the default), or the
///   predictor's cost head held to the bound (`.predictor`, the published method). With
///   `exploreSlots` > 0 (`.ridge` and a bound only) that many of the places go to the best of the
///   rest against a wider bound (`pick`).
/// - Targets: accuracy / `valueScale` (fractions); cost / the bound L (so the bound sits at 1), or,
///   in joint mode without a bound, / the highest cost among the initial random cells.
///
/// Each told evaluation must carry the objective's cost (`Evaluation.costs`).
public final class HardwareAwareOptimizer<Space: SearchSpace>: Optimizer {
  private struct State: Codable {
    var progress: SearchProgress<Space.Cell>
    /// Costs of the told cells, in the order they were told.
    var costs: [Double] = []
  }

  public let domain: SearchDomain<Space>
  public let configuration: HardwareAwareConfiguration
  let model: HardwareAwareModel
  private var state: State

  public init(domain: SearchDomain<Space>, generator: Generator, configuration: HardwareAwareConfiguration,
              seed: UInt64) throws {
    try configuration.validate()
    try generator.requireCells(of: domain.space)
    self.domain = domain
    self.configuration = configuration
    var predictorRNG = Xoshiro256StarStar(seed: seed, stream: "agnet-hw-predictor-init")
    model = HardwareAwareModel(generator: generator, configuration: configuration, using: &predictorRNG)
    state = State(progress: SearchProgress(seed: seed, trainingStream: "agnet-hw-retraining", candidateStream: "agnet-hw-candidates"))
  }

  public func ask(limit: Int) throws -> [Space.Cell] {
    let cells = try state.progress.openingCells(limit: limit, initialCells: configuration.search.initialCells, domain: domain)
      ?? round(limit: limit)
    state.progress.asked.record(cells)
    return cells
  }

  public func tell(_ evaluations: [Evaluation<Space.Cell>]) throws {
    let column = configuration.objective.column
    for evaluation in evaluations where evaluation.costs[column] == nil {
      throw InputError("the evaluation of \(domain.space.format(evaluation.cell)) has no \(column), which hardware-aware AG-Net needs")
    }
    for evaluation in try state.progress.asked.resolve(evaluations, format: domain.space.format) {
      state.progress.history.append(evaluation.cell, value: evaluation.value)
      state.costs.append(evaluation.costs[column]!)
    }
  }

  public var roundStatistics: [String: Double] { state.progress.lastRound }

  /// What cost targets are divided by (see the type's documentation).
  var costScale: Double {
    if let bound = configuration.objective.maxCost, bound > 0 { return bound }
    let initial = state.costs.prefix(configuration.search.initialCells).max() ?? 1
    return initial > 0 ? initial : 1
  }

  private func round(limit: Int) -> [Space.Cell] {
    let trainLoss = retrain()
    let excluded = state.progress.history.cellSet
    let space = domain.space
    let (valueScale, costScale) = (configuration.search.valueScale, self.costScale)
    // The predicted cost of each candidate, by cell: the round keeps the first decoding of a cell.
    var predictedCost: [Space.Cell: Double] = [:]
    let search = configuration.search
    let candidates = CandidateRound<Space.Cell>.run(
      batchSizes: search.candidateBatchSizes, wanted: search.candidatesPerRound, latentSize: model.latentSize,
      latents: search.candidateLatents, excluded: excluded, isInDomain: domain.contains,
      decode: { latents, _, rng in
        model.sampleAndPredict(latents: latents, using: &rng).map { item in
          let cell = space.cell(from: item.graph)
          if let cell, predictedCost[cell] == nil { predictedCost[cell] = Double(item.cost) * costScale }
          return .init(cell: cell, predicted: item.accuracy)
        }
      },
      using: &state.progress.candidateRNG)
    let pool = candidates.candidates
    var selection = configuration.objective
    var exploring: CostObjective?
    var surrogateError: Double?
    var neighbours: [Space.Cell] = []
    if configuration.costModel == .ridge {
      let vocabulary = model.generator.configuration.vocabulary
      let encode = { (cell: Space.Cell) in vocabulary.encoding(of: space.graph(of: cell)) }
      let surrogate = CostSurrogate(encodings: state.progress.history.cells.map(encode), costs: state.costs.map { $0 / costScale },
                                    gridAware: configuration.gridAware)
      for item in pool { predictedCost[item.cell] = surrogate.predict(encode(item.cell)) * costScale }
      surrogateError = surrogate.leaveOneOutError
      let bound = selection.maxCost
      selection.maxCost = bound.map { surrogate.selectionBound($0 / costScale, margin: configuration.boundMargin) * costScale }
      if let bound {
        let wider = surrogate.selectionBound(bound / costScale, margin: configuration.exploreMargin)
        if configuration.exploreSlots > 0 {
          exploring = configuration.objective
          exploring?.maxCost = wider * costScale
        }
        neighbours = neighbourQueries(configuration.neighbourSlots, bound: bound, excluding: excluded.union(pool.map(\.cell))) {
          surrogate.predict(encode($0)) <= wider
        }
      }
    }
    let accuracies = pool.map { $0.predicted.isNaN ? -Double.infinity : Double($0.predicted) * valueScale }
    let costs = pool.map { predictedCost[$0.cell].map { $0.isNaN ? .infinity : $0 } ?? .infinity }
    let picked = HardwareAwareOptimizer.pick(limit, accuracies: accuracies, costs: costs, selection: selection,
                                             exploring: exploring.map { ($0, configuration.exploreSlots) })
    let generated = picked.prefix(limit - neighbours.count)
    var chosen = generated.map { pool[$0].cell } + neighbours
    let fill = limit - chosen.count
    if fill > 0 {
      chosen += domain.randomCells(fill, excluding: excluded.union(chosen), using: &state.progress.candidateRNG)
    }
    let predictedFeasible = generated.filter { selection.isFeasible(costs[$0]) }
    var statistics = [
      "train_loss": Double(trainLoss),
      "generated": Double(candidates.generated),
      "valid": Double(candidates.valid),
      "candidates": Double(pool.count),
      "chosen_predicted_within_bound": Double(predictedFeasible.count),
      "skipped_not_in_table": Double(candidates.skippedNotInDomain),
      "random_fill": Double(max(fill, 0)),
    ]
    // Relative to the cost scale (the bound): how uncertain the within-bound decision is.
    if let surrogateError { statistics["cost_surrogate_loo_error"] = surrogateError }
    if configuration.neighbourSlots > 0 { statistics["neighbour_queries"] = Double(neighbours.count) }
    state.progress.lastRound = statistics
    return chosen
  }

  /// Up to `count` unqueried cells of the domain, not in `excluding`, one operation away from the
  /// queried cells within `bound` (best validation first, ties by query order; each one's
  /// neighbours in random order) that `admits`.
  private func neighbourQueries(_ count: Int, bound: Double, excluding: Set<Space.Cell>,
                                admits: (Space.Cell) -> Bool) -> [Space.Cell] {
    guard count > 0 else { return [] }
    let history = state.progress.history
    let cells = history.cells
    let parents = cells.indices.filter { state.costs[$0] <= bound }.sorted {
      let (a, b) = (history.value(of: cells[$0])!, history.value(of: cells[$1])!)
      return a != b ? a > b : $0 < $1
    }
    var found: [Space.Cell] = []
    var seen = excluding
    for parent in parents {
      for cell in state.progress.candidateRNG.shuffled(domain.space.neighbours(of: cells[parent]))
      where !seen.contains(cell) && domain.contains(cell) && admits(cell) {
        found.append(cell)
        seen.insert(cell)
        if found.count == count { return found }
      }
    }
    return found
  }

  /// The candidates a round queries, as indices into the predicted `accuracies` and `costs`: the
  /// `limit` lowest scores under `selection` (ties by index), except that with `exploring` its
  /// `slots` last places go to the lowest scores under that objective (a wider bound) among the
  /// rest.
  static func pick(_ limit: Int, accuracies: [Double], costs: [Double], selection: CostObjective,
                   exploring: (objective: CostObjective, slots: Int)?) -> [Int] {
    let ranked = { (objective: CostObjective) -> [Int] in
      let scores = objective.scores(accuracies: accuracies, costs: costs)
      return scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] < scores[$1] : $0 < $1 }
    }
    var picked = Array(ranked(selection).prefix(limit - min(exploring?.slots ?? 0, limit)))
    if let exploring {
      let taken = Set(picked)
      picked += ranked(exploring.objective).lazy.filter { !taken.contains($0) }.prefix(limit - picked.count)
    }
    return picked
  }

  /// Weighted retraining on every told cell with the objective's ranks; returns the mean batch loss.
  private func retrain() -> Float {
    let search = configuration.search
    let cells = state.progress.history.cells
    let accuracies = cells.map { state.progress.history.value(of: $0)! }
    let graphs = cells.map(domain.space.graph(of:))
    let ranks = configuration.objective.trainingRanks(accuracies: accuracies, costs: state.costs, penalty: configuration.trainingPenalty)
    let offset = search.weighting.factor * Double(cells.count)
    let weights = ranks.map { 1 / (offset + $0) }
    let plan = RetrainingPlan.draw(sampleWeights: weights, weighting: search.weighting, ticks: search.ticks,
                                   batchSize: search.batchSize, using: &state.progress.trainingRNG)
    let accuracyTargets = accuracies.map { Float($0 / search.valueScale) }
    let costTargets = state.costs.map { Float($0 / costScale) }
    var total: Float = 0
    for batch in plan.batches {
      let latents = search.trainingLatents.draw(count: batch.cells.count, dimension: model.latentSize, using: &state.progress.trainingRNG)
      total += model.trainStep(targets: batch.cells.map { graphs[$0] }, accuracies: batch.cells.map { accuracyTargets[$0] },
                               costs: batch.cells.map { costTargets[$0] }, weights: batch.lossWeights, latents: latents)
    }
    return plan.batches.isEmpty ? 0 : total / Float(plan.batches.count)
  }

  private static var magic: String { "agnet-hw-search-state 2" }

  /// `SearchStateFile`'s format.
  public func saveState() throws -> Data {
    try SearchStateFile.encode(state, model: model.state(), magic: HardwareAwareOptimizer.magic)
  }

  public func restoreState(_ data: Data) throws {
    state = try SearchStateFile.decode(State.self, from: data, magic: HardwareAwareOptimizer.magic,
                                       what: "hardware-aware AG-Net") { checkpoint, source in
      try model.restore(checkpoint, source: source)
    }
  }
}

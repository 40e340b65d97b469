import Baselines
import Foundation
import Optimization
import Randomness
import SearchSpaces

/// `agnet-plus`: AG-Net's generate-then-predict step, with the compute AG-Net saves spent on
/// query efficiency instead of on retraining (docs/research/agnet-plus.md).
///
/// - The first `initialCells` queries are distinct uniform random cells.
/// - Each later ask is one round. Candidates are every neighbour (one elementary change) of the
///   `neighbourParents` best told cells, and the cells the pretrained generator drew for this
///   trial (`generatedCells` latents decoded once), both restricted to domain cells never told.
///   An ensemble of MLPs (BANANAS's predictor) trained afresh on the told cells scores them all.
///   Once `patience` queries have passed without a new best cell, `generatedPicks` cells of the
///   ask are the generated cells with the best predicted mean (AG-Net's rule, and the way out of
///   the best cells' basin); the rest are neighbours chosen
///   by the acquisition (Thompson sampling by default: refinement around the best cells). Asks
///   are small (2 by default) so that each told value steers the next choice.
/// - Fewer candidates than asked for (a nearly exhausted neighbourhood and pool) fill up with
///   uniform random cells not told before (`random_fill`), so no cell is ever queried twice.
///
/// The generated cells are a pure function of the seed and the generator, so they are drawn again
/// when a trial is rebuilt, not saved; the ensemble is retrained from a stream indexed by the
/// round. The state is therefore the random generator, the told cells and the round counter.
public final class AGNetPlusOptimizer<Space: SearchSpace>: Optimizer {
  private struct Counters: RoundCounters, Equatable {
    var randomCells = 0
    var neighbourCandidates = 0
    var generatedCandidates = 0
    var chosenNeighbours = 0
    var chosenGenerated = 0
    var randomFill = 0
    var trainingError = 0.0
  }

  private typealias State = ModelRoundState<Space.Cell, Counters>

  public let domain: SearchDomain<Space>
  public let configuration: AGNetPlusConfiguration
  private let adapter: BANANASSpaceAdapter<Space>
  /// The domain cells the generator drew for this trial, distinct, in draw order.
  public let generatedCells: [Space.Cell]
  private var state: State
  private lazy var ensemble = PredictorEnsemble(inputs: adapter.featureCount, memberCount: configuration.ensembleSize,
                                                hiddenLayers: configuration.hiddenLayers, width: configuration.layerWidth)

  /// - Parameter generator: a pretrained generator of `domain.space`'s vocabulary (only sampled,
  ///   never trained).
  public init(domain: SearchDomain<Space>, generator: Generator, configuration: AGNetPlusConfiguration, seed: UInt64) throws {
    try configuration.validate()
    try generator.requireCells(of: domain.space)
    self.domain = domain
    self.configuration = configuration
    adapter = try BANANASSpaceAdapter.standard(for: domain.space, pathEncodingLength: configuration.pathEncodingLength)
    var generatorRNG = Xoshiro256StarStar(seed: seed, stream: "agnet-plus-generated")
    var seen = Set<Space.Cell>()
    generatedCells = generator.sampleGraphs(count: configuration.generatedCells, latent: .uniform3, using: &generatorRNG)
      .compactMap { domain.space.cell(from: $0) }
      .filter { domain.contains($0) && seen.insert($0).inserted }
    state = State(seed: seed, stream: "agnet-plus")
  }

  /// The told cells in the order they were told, with their values.
  public var history: EvaluationHistory<Space.Cell> { state.history }

  public func ask(limit: Int) throws -> [Space.Cell] {
    try state.ask(limit: limit, initialCells: configuration.initialCells, domain: domain) { state, count, taken, counters in
      proposals(count, excluding: taken, state: &state, counters: &counters)
    }
  }

  public func tell(_ evaluations: [Evaluation<Space.Cell>]) throws {
    try state.tell(evaluations, format: domain.space.format)
  }

  /// What the last ask did: `random_cells`, `neighbour_candidates` and `generated_candidates`
  /// (the pool by source), `chosen_neighbours` and `chosen_generated` (the ask by source),
  /// `random_fill`, `training_mae` (the ensemble's error on the told cells, in value units).
  public var roundStatistics: [String: Double] {
    let c = state.lastRound
    return ["random_cells": Double(c.randomCells), "neighbour_candidates": Double(c.neighbourCandidates),
            "generated_candidates": Double(c.generatedCandidates), "chosen_neighbours": Double(c.chosenNeighbours),
            "chosen_generated": Double(c.chosenGenerated), "random_fill": Double(c.randomFill), "training_mae": c.trainingError]
  }

  public func saveState() throws -> Data { try OptimizerStateCoding.encode(state) }

  public func restoreState(_ data: Data) throws {
    state = try OptimizerStateCoding.decode(State.self, from: data, optimizer: "agnet-plus")
  }

  /// One model round: `count` new cells chosen among the neighbours of the best cells and the
  /// generated cells.
  private func proposals(_ count: Int, excluding taken: Set<Space.Cell>, state: inout State,
                         counters: inout Counters) -> [Space.Cell] {
    var seen = taken
    var candidates: [Space.Cell] = []
    let ranking = state.history.cellsBestFirst
    let toldSinceBest = state.history.count - 1 - (state.history.cells.firstIndex(of: ranking[0]) ?? 0)
    let stalled = toldSinceBest >= configuration.patience
    for parent in ranking.prefix(configuration.neighbourParents) {
      for cell in domain.space.neighbours(of: parent) where domain.contains(cell) && seen.insert(cell).inserted {
        candidates.append(cell)
      }
    }
    counters.neighbourCandidates = candidates.count
    for cell in generatedCells where seen.insert(cell).inserted { candidates.append(cell) }
    counters.generatedCandidates = candidates.count - counters.neighbourCandidates

    var chosen: [Space.Cell] = []
    if !candidates.isEmpty {
      var rng = Xoshiro256StarStar(seed: state.seed, stream: "agnet-plus-ensemble", index: UInt64(state.modelRounds))
      let scores = ensemble.fitAndScore(
        adapter, training: state.history.cells, values: state.history.cells.map { state.history.value(of: $0)! },
        candidates: candidates, recipe: configuration.training, using: &rng)
      counters.trainingError = scores.trainingError
      // Neighbours are candidates[..<split], generated cells the rest; a pool too small for its
      // share leaves the rest of the ask to the other.
      let split = counters.neighbourCandidates
      var generatedCount = min(stalled ? configuration.generatedPicks : 0, count, candidates.count - split)
      let neighbourCount = min(count - generatedCount, split)
      generatedCount = min(count - neighbourCount, candidates.count - split)
      let neighbours = configuration.acquisition.select(
        neighbourCount, means: Array(scores.means[..<split]), deviations: Array(scores.deviations[..<split]),
        explorationWeight: configuration.explorationWeight, using: &state.rng)
      let generated = IndependentThompsonSampling.best(generatedCount, of: Array(scores.means[split...])).map { split + $0 }
      counters.chosenNeighbours = neighbours.count
      counters.chosenGenerated = generated.count
      chosen = (neighbours + generated).map { candidates[$0] }
    }
    state.modelRounds += 1
    if chosen.count < count {
      let fill = domain.randomCells(count - chosen.count, excluding: seen, using: &state.rng)
      counters.randomFill = fill.count
      chosen += fill
    }
    return chosen
  }
}

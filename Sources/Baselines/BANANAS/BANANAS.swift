import Foundation
import Optimization
import Randomness
import SearchSpaces

/// BANANAS, White, Neiswanger & Savani, "BANANAS: Bayesian Optimization with Neural
/// Architectures for Neural Architecture Search" (AAAI 2021), on a budget of distinct queries.
///
/// - The first `initialCells` queries are distinct uniform random cells.
/// - Every later ask is one round: train an ensemble of `ensembleSize` MLPs from scratch on every
///   cell told so far (features from `BANANASSpaceAdapter`: the path encoding on NAS-Bench-101,
///   the op one-hot on NAS-Bench-201; targets standardised to mean 0 and deviation 1); make
///   candidates by mutating the best cells (`MutationCandidates`); score each candidate by
///   independent Thompson sampling (one draw from N(mean, std) of the ensemble's predictions) and
///   return the candidates with the best draws. The paper asks k = 10 cells a round.
/// - A round with fewer new candidates than cells asked fills up with uniform random cells not
///   queried before (`random_fill` in `roundStatistics`), so every query is a new cell of the
///   domain until the domain runs out.
///
/// Where this differs from the reference code: targets are standardised (the reference trains on
/// raw validation error in percent, which fixes the scale to one benchmark); the first cells are
/// uniform over distinct cells of the domain, as for every method here; on a sampled table
/// mutations outside it are redrawn.
///
/// Training is deterministic (its random numbers come from a stream derived from the seed and the
/// round), so the state to save is the random generator, the told cells and the round counter.
public final class BANANAS<Space: SearchSpace>: Optimizer {
  private struct Counters: RoundCounters, Equatable {
    var randomCells = 0
    var candidates = 0
    var duplicateMutations = 0
    var outsideDomainMutations = 0
    var modelCells = 0
    var randomFill = 0
    /// Mean absolute error of the ensemble members on the cells they were trained on, in the
    /// units of the told values.
    var trainingError = 0.0
  }

  private typealias State = ModelRoundState<Space.Cell, Counters>

  public let domain: SearchDomain<Space>
  public let configuration: BANANASConfiguration
  public let adapter: BANANASSpaceAdapter<Space>
  private var state: State
  private lazy var ensemble = PredictorEnsemble(inputs: adapter.featureCount, memberCount: configuration.ensembleSize,
                                                hiddenLayers: configuration.hiddenLayers, width: configuration.layerWidth)

  /// BANANAS with the space's published encoding and mutation; throws `InputError` for a bad
  /// configuration or a space without a standard adapter.
  public convenience init(domain: SearchDomain<Space>, configuration: BANANASConfiguration = BANANASConfiguration(),
                          seed: UInt64) throws {
    try configuration.validate()
    let adapter = try BANANASSpaceAdapter.standard(for: domain.space, pathEncodingLength: configuration.pathEncodingLength)
    try self.init(domain: domain, adapter: adapter, configuration: configuration, seed: seed)
  }

  public init(domain: SearchDomain<Space>, adapter: BANANASSpaceAdapter<Space>,
              configuration: BANANASConfiguration = BANANASConfiguration(), seed: UInt64) throws {
    try configuration.validate()
    self.domain = domain
    self.adapter = adapter
    self.configuration = configuration
    state = State(seed: seed, stream: "bananas")
  }

  /// Rounds so far in which the ensemble was trained.
  public var modelRounds: Int { state.modelRounds }

  public func ask(limit: Int) throws -> [Space.Cell] {
    try state.ask(limit: limit, initialCells: configuration.initialCells, domain: domain) { state, count, taken, counters in
      proposals(count, excluding: taken, state: &state, counters: &counters)
    }
  }

  public func tell(_ evaluations: [Evaluation<Space.Cell>]) throws {
    try state.tell(evaluations, format: domain.space.format)
  }

  /// What the last ask did: `random_cells` (initial random queries), `candidates` (new mutations
  /// scored), `duplicate_mutations` and `outside_domain_mutations` (draws dropped),
  /// `model_cells` (chosen by the acquisition), `random_fill` (random cells for want of
  /// candidates), `training_mae` (the ensemble's error on its training cells, in value units).
  public var roundStatistics: [String: Double] {
    let c = state.lastRound
    return ["random_cells": Double(c.randomCells), "candidates": Double(c.candidates),
            "duplicate_mutations": Double(c.duplicateMutations), "outside_domain_mutations": Double(c.outsideDomainMutations),
            "model_cells": Double(c.modelCells), "random_fill": Double(c.randomFill), "training_mae": c.trainingError]
  }

  public func saveState() throws -> Data { try OptimizerStateCoding.encode(state) }

  public func restoreState(_ data: Data) throws {
    state = try OptimizerStateCoding.decode(State.self, from: data, optimizer: "BANANAS")
  }

  /// One model round: `count` new cells chosen among mutations of the best cells.
  private func proposals(_ count: Int, excluding taken: Set<Space.Cell>, state: inout State,
                         counters: inout Counters) -> [Space.Cell] {
    let (adapter, rate) = (self.adapter, configuration.mutationRate)
    let candidates = MutationCandidates(
      parents: Array(state.history.cellsBestFirst.prefix(configuration.parentCount)), count: configuration.candidateCount,
      excluding: taken, contains: domain.contains, mutate: { adapter.mutate($0, rate: rate, using: &$1) },
      using: &state.rng)
    counters.candidates = candidates.cells.count
    counters.duplicateMutations = candidates.duplicates
    counters.outsideDomainMutations = candidates.outsideDomain

    var chosen: [Space.Cell] = []
    if !candidates.cells.isEmpty {
      // Trained afresh each round; the means and deviations are in standardised units (the
      // ranking is what matters).
      var rng = Xoshiro256StarStar(seed: state.seed, stream: "bananas-ensemble", index: UInt64(state.modelRounds))
      let c = configuration
      let scores = ensemble.fitAndScore(
        adapter, training: state.history.cells, values: state.history.cells.map { state.history.value(of: $0)! },
        candidates: candidates.cells,
        recipe: EnsembleTraining(epochs: c.epochs, batchSize: c.trainingBatchSize, learningRate: c.learningRate), using: &rng)
      counters.trainingError = scores.trainingError
      chosen = IndependentThompsonSampling.select(count, means: scores.means, deviations: scores.deviations, using: &state.rng)
        .map { candidates.cells[$0] }
    }
    state.modelRounds += 1
    counters.modelCells = chosen.count
    if chosen.count < count {
      let fill = domain.randomCells(count - chosen.count, excluding: taken.union(chosen), using: &state.rng)
      counters.randomFill = fill.count
      chosen += fill
    }
    return chosen
  }
}

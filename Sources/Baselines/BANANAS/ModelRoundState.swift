import Optimization
import Randomness
import SearchSpaces

/// What a round's statistics must hold for `ModelRoundState` to fill them in.
public protocol RoundCounters: Codable {
  init()
  /// Uniform random cells of the opening in this ask.
  var randomCells: Int { get set }
}

/// The state of an optimizer that opens with uniform random cells and then asks model-chosen
/// rounds, its model retrained from scratch each round from a stream indexed by the round
/// (BANANAS, `agnet-plus`). It is the whole saved state of such an optimizer: the random
/// generator, the told cells, the open ask and the round counter.
public struct ModelRoundState<Cell: Hashable & Codable & Sendable, Counters: RoundCounters>: Codable {
  public var seed: UInt64
  public var rng: Xoshiro256StarStar
  public var history = EvaluationHistory<Cell>()
  public var asked = AskedBatch<Cell>()
  /// Rounds in which a model was trained (indexes the training streams).
  public var modelRounds = 0
  /// What the last ask did.
  public var lastRound = Counters()

  public init(seed: UInt64, stream: String) {
    self.seed = seed
    rng = Xoshiro256StarStar(seed: seed, stream: stream)
  }

  /// One ask of up to `limit` cells: the opening's random cells while fewer than `initialCells`
  /// are told, then `proposals(&state, count, excluded, &counters)` for the model's places, where
  /// `excluded` holds the told cells and those already in the ask.
  public mutating func ask<Space: SearchSpace>(
    limit: Int, initialCells: Int, domain: SearchDomain<Space>,
    proposals: (inout ModelRoundState, Int, Set<Cell>, inout Counters) -> [Cell]
  ) throws -> [Cell] where Space.Cell == Cell {
    try asked.checkCanAsk()
    var counters = Counters()
    let opening = domain.openingCells(limit: limit, initialCells: initialCells, history: history, using: &rng)
    var batch = opening.cells
    counters.randomCells = batch.count
    if opening.modelSlots > 0 {
      batch += proposals(&self, opening.modelSlots, history.cellSet.union(batch), &counters)
    }
    lastRound = counters
    asked.record(batch)
    return batch
  }

  /// Records the results of the open ask.
  public mutating func tell(_ evaluations: [Evaluation<Cell>], format: (Cell) -> String) throws {
    for evaluation in try asked.resolve(evaluations, format: format) {
      history.append(evaluation.cell, value: evaluation.value)
    }
  }
}

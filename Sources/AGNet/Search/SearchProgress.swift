import Optimization
import Randomness
import SearchSpaces

/// What an AG-Net optimizer (single-objective or hardware-aware) keeps between calls besides its
/// model: the told cells, the pending ask, the three random streams of a trial and the last
/// round's statistics.
struct SearchProgress<Cell: Hashable & Codable & Sendable>: Codable {
  var history = EvaluationHistory<Cell>()
  var asked = AskedBatch<Cell>()
  var initialRNG: Xoshiro256StarStar
  var trainingRNG: Xoshiro256StarStar
  var candidateRNG: Xoshiro256StarStar
  var lastRound: [String: Double] = [:]

  /// The streams come from the trial's seed: the initial cells' stream is shared by both
  /// optimizers (the same seed opens with the same cells), the others are named per optimizer.
  init(seed: UInt64, trainingStream: String, candidateStream: String) {
    initialRNG = Xoshiro256StarStar(seed: seed, stream: "agnet-initial-cells")
    trainingRNG = Xoshiro256StarStar(seed: seed, stream: trainingStream)
    candidateRNG = Xoshiro256StarStar(seed: seed, stream: candidateStream)
  }

  enum CodingKeys: String, CodingKey {
    case history, asked
    case initialRNG = "initial_rng"
    case trainingRNG = "training_rng"
    case candidateRNG = "candidate_rng"
    case lastRound = "last_round"
  }

  /// Starts an ask of `limit` cells (checking that the last one was told): while fewer than
  /// `initialCells` cells are told, returns distinct uniform random cells of the domain; nil
  /// means the ask is a round of the optimizer's own.
  mutating func openingCells<Space: SearchSpace>(limit: Int, initialCells: Int, domain: SearchDomain<Space>) throws -> [Cell]?
  where Space.Cell == Cell {
    try asked.checkCanAsk()
    guard limit > 0 else { return [] }
    guard history.count < initialCells else { return nil }
    let cells = domain.randomCells(min(limit, initialCells - history.count), excluding: history.cellSet, using: &initialRNG)
    lastRound = ["initial_random_cells": Double(cells.count)]
    return cells
  }
}

import Foundation
import Optimization
import Randomness
import SearchSpaces

/// Local search, White et al. 2020, "Local Search is State of the Art for Neural Architecture
/// Search Benchmarks", in its first-improvement form.
///
/// - Start from a uniform random cell not queried before.
/// - Evaluate the current cell's neighbours (`space.neighbours`, kept when in the domain) in a
///   random order; move to the first one better than the current cell (strictly greater search
///   metric) and start over from there.
/// - A neighbour queried earlier is not queried again: its known value is used in its turn.
/// - When every neighbour has been seen and none is better, the current cell is a local optimum:
///   restart from a random cell not queried before.
/// - Batches: an ask for `k` cells returns the next `k` unseen neighbours in the random order; when
///   fewer remain, the rest of the batch is random unqueried cells, from the best of which the
///   search restarts if the neighbourhood brings no improvement. A start batch is `k` random cells
///   and the search starts from the best of them. Neighbours after the first better one in a batch
///   were queried for nothing: that is the price of batching. With `k = 1` this is exactly the
///   sequential algorithm.
public final class LocalSearch<Space: SearchSpace>: Optimizer {
  /// The cell the search stands on.
  public struct Position: Codable, Equatable, Sendable {
    public var cell: Space.Cell
    public var value: Double
  }

  private enum Role: String, Codable {
    case start, neighbours
  }

  private struct Counters: Codable, Equatable {
    var moves = 0
    var restarts = 0
  }

  private struct State: Codable {
    var rng: Xoshiro256StarStar
    var history: EvaluationHistory<Space.Cell>
    var current: Position?
    /// The current cell's neighbours in random order, and how many of them are settled.
    var neighbourOrder: [Space.Cell]
    var settled: Int
    var asked: AskedBatch<Space.Cell>
    var role: Role
    /// Neighbours covered by the pending ask end at this index of `neighbourOrder`.
    var windowEnd: Int
    /// Random cells that fill a neighbour batch once the neighbourhood runs out.
    var restartCandidates: [Space.Cell]
    var counters: Counters
    /// `counters` when the last ask began.
    var countersAtAsk: Counters
  }

  public let domain: SearchDomain<Space>
  private var state: State

  public init(domain: SearchDomain<Space>, seed: UInt64) {
    self.domain = domain
    state = State(rng: Xoshiro256StarStar(seed: seed, stream: "local-search"), history: EvaluationHistory(),
                  current: nil, neighbourOrder: [], settled: 0, asked: AskedBatch(), role: .start, windowEnd: 0,
                  restartCandidates: [], counters: Counters(), countersAtAsk: Counters())
  }

  /// The cell the search stands on (nil before the first start, and at a local optimum awaiting a
  /// restart).
  public var current: Position? { state.current }
  /// Moves to a better neighbour and restarts at local optima so far.
  public var moves: Int { state.counters.moves }
  public var restarts: Int { state.counters.restarts }

  public func ask(limit: Int) throws -> [Space.Cell] {
    try state.asked.checkCanAsk()
    state.countersAtAsk = state.counters
    settleKnownNeighbours()
    var batch: [Space.Cell] = []
    if state.current == nil {
      state.role = .start
      batch = domain.randomCells(limit, excluding: state.history.cellSet, using: &state.rng)
    } else {
      state.role = .neighbours
      var index = state.settled
      while index < state.neighbourOrder.count && batch.count < limit {
        let neighbour = state.neighbourOrder[index]
        if !state.history.contains(neighbour) { batch.append(neighbour) }
        index += 1
      }
      state.windowEnd = index
      var taken = state.history.cellSet
      for cell in batch { taken.insert(cell) }
      state.restartCandidates = domain.randomCells(limit - batch.count, excluding: taken, using: &state.rng)
      batch += state.restartCandidates
    }
    state.asked.record(batch)
    return batch
  }

  public func tell(_ evaluations: [Evaluation<Space.Cell>]) throws {
    let told = try state.asked.resolve(evaluations, format: domain.space.format)
    for evaluation in told { state.history.append(evaluation.cell, value: evaluation.value) }
    switch state.role {
    case .start:
      if let best = bestOf(told.map(\.cell)) { standOn(best) }
    case .neighbours:
      guard let current = state.current else { return }
      for neighbour in state.neighbourOrder[state.settled..<state.windowEnd] {
        let value = state.history.value(of: neighbour)!
        if value > current.value {
          state.counters.moves += 1
          standOn(Position(cell: neighbour, value: value))
          return
        }
      }
      state.settled = state.windowEnd
      if !state.restartCandidates.isEmpty {
        // The neighbourhood ran out inside this batch without improvement.
        state.counters.restarts += 1
        standOn(bestOf(state.restartCandidates)!)
      }
    }
  }

  /// Moves and restarts during the last round.
  public var roundStatistics: [String: Double] {
    ["moves": Double(state.counters.moves - state.countersAtAsk.moves),
     "restarts": Double(state.counters.restarts - state.countersAtAsk.restarts)]
  }

  public func saveState() throws -> Data { try OptimizerStateCoding.encode(state) }

  public func restoreState(_ data: Data) throws {
    state = try OptimizerStateCoding.decode(State.self, from: data, optimizer: "local search")
  }

  /// Walks over neighbours whose values are already known: moves to the first better one, and
  /// leaves the current cell (a local optimum) when no unseen neighbour is left.
  private func settleKnownNeighbours() {
    while let current = state.current {
      var moved = false
      while state.settled < state.neighbourOrder.count,
            let value = state.history.value(of: state.neighbourOrder[state.settled]) {
        if value > current.value {
          state.counters.moves += 1
          standOn(Position(cell: state.neighbourOrder[state.settled], value: value))
          moved = true
          break
        }
        state.settled += 1
      }
      if moved { continue }
      if state.settled == state.neighbourOrder.count {
        state.counters.restarts += 1
        state.current = nil
      }
      return
    }
  }

  private func standOn(_ position: Position) {
    state.current = position
    state.neighbourOrder = state.rng.shuffled(domain.space.neighbours(of: position.cell).filter(domain.contains))
    state.settled = 0
    state.windowEnd = 0
    state.restartCandidates = []
  }

  /// The best evaluated cell among `cells`, the first among equals.
  private func bestOf(_ cells: [Space.Cell]) -> Position? {
    var best: Position?
    for cell in cells {
      let value = state.history.value(of: cell)!
      if best == nil || value > best!.value { best = Position(cell: cell, value: value) }
    }
    return best
  }
}

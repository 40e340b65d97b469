import Foundation
import Optimization
import Randomness
import SearchSpaces

/// Random search: every ask returns cells drawn uniformly among the domain's cells not asked
/// before, so `n` queries are `n` distinct uniform draws without replacement.
public final class RandomSearch<Space: SearchSpace>: Optimizer {
  private struct State: Codable {
    var rng: Xoshiro256StarStar
    var history: EvaluationHistory<Space.Cell>
    var asked: AskedBatch<Space.Cell>
  }

  public let domain: SearchDomain<Space>
  private var state: State

  public init(domain: SearchDomain<Space>, seed: UInt64) {
    self.domain = domain
    state = State(rng: Xoshiro256StarStar(seed: seed, stream: "random-search"), history: EvaluationHistory(),
                  asked: AskedBatch())
  }

  public func ask(limit: Int) throws -> [Space.Cell] {
    try state.asked.checkCanAsk()
    let cells = domain.randomCells(limit, excluding: state.history.cellSet, using: &state.rng)
    state.asked.record(cells)
    return cells
  }

  public func tell(_ evaluations: [Evaluation<Space.Cell>]) throws {
    for evaluation in try state.asked.resolve(evaluations, format: domain.space.format) {
      state.history.append(evaluation.cell, value: evaluation.value)
    }
  }

  public func saveState() throws -> Data { try OptimizerStateCoding.encode(state) }

  public func restoreState(_ data: Data) throws {
    state = try OptimizerStateCoding.decode(State.self, from: data, optimizer: "random search")
  }
}

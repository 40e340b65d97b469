import Foundation
import Optimization
import Randomness
import SearchSpaces

/// Regularized (aging) evolution, Real et al. 2019, "Regularized Evolution for Image Classifier
/// Architecture Search", on a budget of distinct queries.
///
/// - The first `populationSize` queries are distinct uniform random cells; they form the population.
/// - Every later query is a child: draw `tournamentSize` members uniformly *with replacement*, take
///   the best (the first drawn among equals), mutate it with `space.mutate`. The child joins the
///   population and the oldest member leaves, so the population never exceeds `populationSize`.
/// - Duplicates: a child that was already queried (or is already in this batch), or that lies
///   outside the domain (a sampled table), is not queried again. The same parent is mutated again,
///   up to `mutationAttempts` mutations in all; if none gives a new cell, the child is a uniform
///   random cell not yet queried (counted in `roundStatistics` as `random_fallbacks`). Every query
///   is therefore a new cell, and a known cell never re-enters the population.
/// - Batches: an ask for `k` cells makes `k` children from the population as it stands (a batch
///   that crosses the first `populationSize` queries starts with the remaining random cells); the
///   told children join in ask order. With `k = 1` this is the sequential algorithm of the paper.
public final class RegularizedEvolution<Space: SearchSpace>: Optimizer {
  public struct Configuration: Codable, Equatable, Sendable {
    public var populationSize: Int
    public var tournamentSize: Int
    public var mutationAttempts: Int

    public init(populationSize: Int = 30, tournamentSize: Int = 10, mutationAttempts: Int = 50) {
      self.populationSize = populationSize
      self.tournamentSize = tournamentSize
      self.mutationAttempts = mutationAttempts
    }

    public func validate() throws {
      guard populationSize >= 1 else { throw InputError("population_size must be at least 1 (got \(populationSize))") }
      guard tournamentSize >= 1 else { throw InputError("tournament_size must be at least 1 (got \(tournamentSize))") }
      guard mutationAttempts >= 1 else { throw InputError("mutation_attempts must be at least 1 (got \(mutationAttempts))") }
    }
  }

  /// A member of the population (oldest first).
  public struct Member: Codable, Equatable, Sendable {
    public var cell: Space.Cell
    public var value: Double
  }

  private struct Counters: Codable, Equatable {
    var randomCells = 0
    var children = 0
    var redrawnMutations = 0
    var randomFallbacks = 0
  }

  private struct State: Codable {
    var rng: Xoshiro256StarStar
    var population: [Member]
    var history: EvaluationHistory<Space.Cell>
    var asked: AskedBatch<Space.Cell>
    var lastRound: Counters
  }

  public let domain: SearchDomain<Space>
  public let configuration: Configuration
  private var state: State

  public init(domain: SearchDomain<Space>, configuration: Configuration = Configuration(), seed: UInt64) throws {
    try configuration.validate()
    self.domain = domain
    self.configuration = configuration
    state = State(rng: Xoshiro256StarStar(seed: seed, stream: "regularized-evolution"), population: [],
                  history: EvaluationHistory(), asked: AskedBatch(), lastRound: Counters())
  }

  /// The current population, oldest first.
  public var population: [Member] { state.population }

  public func ask(limit: Int) throws -> [Space.Cell] {
    try state.asked.checkCanAsk()
    var counters = Counters()
    var taken = state.history.cellSet
    var batch: [Space.Cell] = []
    while batch.count < limit {
      let cell: Space.Cell?
      if state.history.count + batch.count < configuration.populationSize || state.population.isEmpty {
        cell = domain.randomCell(excluding: taken, using: &state.rng)
        counters.randomCells += 1
      } else {
        cell = child(excluding: taken, counters: &counters)
      }
      guard let cell else { break } // the domain is exhausted
      batch.append(cell)
      taken.insert(cell)
    }
    state.lastRound = counters
    state.asked.record(batch)
    return batch
  }

  public func tell(_ evaluations: [Evaluation<Space.Cell>]) throws {
    for evaluation in try state.asked.resolve(evaluations, format: domain.space.format) {
      state.history.append(evaluation.cell, value: evaluation.value)
      state.population.append(Member(cell: evaluation.cell, value: evaluation.value))
    }
    if state.population.count > configuration.populationSize {
      state.population.removeFirst(state.population.count - configuration.populationSize)
    }
  }

  public var roundStatistics: [String: Double] {
    let c = state.lastRound
    return ["random_cells": Double(c.randomCells), "children": Double(c.children),
            "redrawn_mutations": Double(c.redrawnMutations), "random_fallbacks": Double(c.randomFallbacks)]
  }

  public func saveState() throws -> Data { try OptimizerStateCoding.encode(state) }

  public func restoreState(_ data: Data) throws {
    state = try OptimizerStateCoding.decode(State.self, from: data, optimizer: "regularized evolution")
  }

  /// The winner of one tournament: `tournamentSize` draws with replacement, the best value wins,
  /// the earliest draw among equals.
  func tournamentWinner() -> Member {
    var best = state.population[state.rng.below(state.population.count)]
    for _ in 1..<configuration.tournamentSize {
      let contender = state.population[state.rng.below(state.population.count)]
      if contender.value > best.value { best = contender }
    }
    return best
  }

  private func child(excluding taken: Set<Space.Cell>, counters: inout Counters) -> Space.Cell? {
    let parent = tournamentWinner()
    for attempt in 0..<configuration.mutationAttempts {
      let candidate = domain.space.mutate(parent.cell, using: &state.rng)
      if domain.contains(candidate) && !taken.contains(candidate) {
        counters.children += 1
        counters.redrawnMutations += attempt
        return candidate
      }
    }
    counters.redrawnMutations += configuration.mutationAttempts
    counters.randomFallbacks += 1
    return domain.randomCell(excluding: taken, using: &state.rng)
  }
}

import Baselines
import SearchSpaces

/// `re`: regularized (aging) evolution, Real et al. 2019.
public struct RegularizedEvolutionMethod: SearchMethod {
  public init() {}
  public var name: String { "re" }
  public var summary: String { "regularized evolution (Real et al. 2019): aging population, tournament selection, mutation" }
  public var defaultBatchSize: Int { 1 }

  public var parameters: [MethodParameter] {
    let defaults = RegularizedEvolution<NASBench201Space>.Configuration()
    return [
      MethodParameter("population_size", default: .int(defaults.populationSize), help: "cells in the population"),
      MethodParameter("tournament_size", default: .int(defaults.tournamentSize),
                      help: "members drawn (with replacement) per tournament"),
      MethodParameter("mutation_attempts", default: .int(defaults.mutationAttempts),
                      help: "mutations tried for a new cell before falling back to a random one"),
    ]
  }

  public func prepare<Space: SearchSpace>(_ setup: MethodSetup<Space>) throws -> PreparedMethod<Space> {
    let h = setup.hyperparameters
    let configuration = RegularizedEvolution<Space>.Configuration(
      populationSize: try h.int("population_size"), tournamentSize: try h.int("tournament_size"),
      mutationAttempts: try h.int("mutation_attempts"))
    try configuration.validate()
    let domain = setup.domain
    return PreparedMethod { seed in try RegularizedEvolution(domain: domain, configuration: configuration, seed: seed) }
  }
}

import Baselines
import SearchSpaces

/// `re`: regularized (aging) evolution, Real et al. 2019.
public struct RegularizedEvolutionMethod: SearchMethod {
  public init() {}
  public var name: String { "re" }
  public var summary: String { "regularized evolution (Real et al. 2019): aging population, tournament selection, mutation" }
  public var defaultBatchSize: Int { 1 }

  public typealias Settings = RegularizedEvolutionSettings

  public func prepare<Space: SearchSpace>(_ setup: MethodSetup<Space>) throws -> PreparedMethod<Space> {
    let settings = try settings(setup)
    let configuration = RegularizedEvolution<Space>.Configuration(
      populationSize: settings.populationSize, tournamentSize: settings.tournamentSize,
      mutationAttempts: settings.mutationAttempts)
    try configuration.validate()
    let domain = setup.domain
    return PreparedMethod { seed in try RegularizedEvolution(domain: domain, configuration: configuration, seed: seed) }
  }
}

/// `re`'s settings (the configuration itself is generic over the space).
public struct RegularizedEvolutionSettings: MethodSettings {
  private static let published = RegularizedEvolution<NASBench201Space>.Configuration()

  public var populationSize = published.populationSize
  public var tournamentSize = published.tournamentSize
  public var mutationAttempts = published.mutationAttempts

  public static var defaults: RegularizedEvolutionSettings { RegularizedEvolutionSettings() }

  public static var settings: [Setting<RegularizedEvolutionSettings>] {
    [
      Setting("population_size", \.populationSize, help: "cells in the population", rule: .atLeast(1)),
      Setting("tournament_size", \.tournamentSize, help: "members drawn (with replacement) per tournament", rule: .atLeast(1)),
      Setting("mutation_attempts", \.mutationAttempts, help: "mutations tried for a new cell before falling back to a random one",
              rule: .atLeast(1)),
    ]
  }
}

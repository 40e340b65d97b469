import Baselines
import SearchSpaces

/// `ls`: local search (White et al. 2020), first improvement, random restarts.
public struct LocalSearchMethod: SearchMethod {
  public init() {}
  public var name: String { "ls" }
  public var summary: String { "local search (White et al. 2020): move to the first better neighbour, restart at local optima" }
  public typealias Settings = NoSettings
  public var defaultBatchSize: Int { 1 }

  public func prepare<Space: SearchSpace>(_ setup: MethodSetup<Space>) throws -> PreparedMethod<Space> {
    let domain = setup.domain
    return PreparedMethod { seed in LocalSearch(domain: domain, seed: seed) }
  }
}

import Baselines
import SearchSpaces

/// `rs`: random search (distinct uniform cells).
public struct RandomSearchMethod: SearchMethod {
  public init() {}
  public var name: String { "rs" }
  public var summary: String { "random search: distinct cells drawn uniformly" }
  public typealias Settings = NoSettings
  public var defaultBatchSize: Int { 16 }

  public func prepare<Space: SearchSpace>(_ setup: MethodSetup<Space>) throws -> PreparedMethod<Space> {
    let domain = setup.domain
    return PreparedMethod { seed in RandomSearch(domain: domain, seed: seed) }
  }
}
